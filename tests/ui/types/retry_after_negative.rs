use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/retry_after_negative.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
