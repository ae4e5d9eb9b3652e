use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/empty_file.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
