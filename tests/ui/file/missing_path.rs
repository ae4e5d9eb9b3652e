use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
pub enum DemoError {
    A,
}

fn main() {}
