use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/unknown_status_doc_key.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
