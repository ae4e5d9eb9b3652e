use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/numeric_code_attribute.yaml")]
pub enum DemoError {
    #[catalog(code = 20404)]
    Missing,
}

fn main() {}
