use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/name_lowercase.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
