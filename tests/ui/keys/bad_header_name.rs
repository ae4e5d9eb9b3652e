use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/bad_header_name.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
