use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/status_as_string.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
