use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/sensitive_field_not_secret.yaml")]
pub enum DemoError {
    A { api_key: String },
}

fn main() {}
