use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/status/below_400.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
