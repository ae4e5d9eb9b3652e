use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/bad_indentation.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
