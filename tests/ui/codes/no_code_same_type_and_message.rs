use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/no_code_same_type_and_message.yaml")]
pub enum DemoError {
    A,
    B,
}

fn main() {}
