use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/duplicate_key_in_entry.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
