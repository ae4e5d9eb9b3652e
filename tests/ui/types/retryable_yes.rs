use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/retryable_yes.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
