use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/number_in_string_catalog.yaml")]
pub enum DemoError {
    NotFound,
}

fn main() {}
