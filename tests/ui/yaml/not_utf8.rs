use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/not_utf8.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
