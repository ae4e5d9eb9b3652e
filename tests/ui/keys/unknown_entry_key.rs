use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/unknown_entry_key.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
