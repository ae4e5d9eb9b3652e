use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/statuses_bad_key.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
