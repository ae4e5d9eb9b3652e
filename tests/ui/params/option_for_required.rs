use error_catalog::{ApiErrorCatalog, Object};

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/option_for_required.yaml")]
pub enum DemoError {
    SpendLimit { message: String, details: Option<Object> },
}

fn main() {}
