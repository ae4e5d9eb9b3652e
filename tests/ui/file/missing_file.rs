use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/file/does_not_exist.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
