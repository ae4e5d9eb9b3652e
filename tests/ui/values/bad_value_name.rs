use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/values/bad_value_name.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
