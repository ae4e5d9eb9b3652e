use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/field_empty.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
