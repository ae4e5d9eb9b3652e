use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/two_codes_same_rust_name.yaml")]
pub enum DemoError {
    ModelNotFound,
}

fn main() {}
