use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/two_documents.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
