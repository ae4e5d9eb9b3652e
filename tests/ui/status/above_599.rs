use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/status/above_599.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
