use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/optional_placeholder.yaml")]
pub enum DemoError {
    A { charge: String },
}

fn main() {}
