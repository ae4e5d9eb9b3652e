use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/not_an_identifier.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
