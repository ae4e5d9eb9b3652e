use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/field_param_missing.yaml")]
pub enum DemoError {
    A { amount: i64 },
}

fn main() {}
