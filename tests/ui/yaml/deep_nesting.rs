use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/deep_nesting.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
