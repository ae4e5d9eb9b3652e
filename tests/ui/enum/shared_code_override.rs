use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/shared_code_override.yaml")]
pub enum DemoError {
    #[catalog(code = "shared")]
    A,
    B,
}

fn main() {}
