use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/field_without_placeholder.yaml")]
pub enum DemoError {
    ModelNotFound { model: String },
}

fn main() {}
