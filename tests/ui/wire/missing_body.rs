use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/missing_body.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
