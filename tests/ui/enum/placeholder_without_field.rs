use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/placeholder_without_field.yaml")]
pub enum DemoError {
    ModelNotFound,
}

fn main() {}
