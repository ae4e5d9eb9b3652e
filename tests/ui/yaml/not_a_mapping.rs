use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/not_a_mapping.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
