use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/values/value_not_placed.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
