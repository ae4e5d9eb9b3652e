use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/message_empty.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
