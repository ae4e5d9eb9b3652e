use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/duplicate_code_same_message.yaml")]
pub enum DemoError {
    A,
    B,
}

fn main() {}
