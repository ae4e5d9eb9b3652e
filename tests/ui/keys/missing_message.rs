use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/missing_message.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
