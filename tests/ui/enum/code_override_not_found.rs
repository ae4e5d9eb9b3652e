use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/code_override_not_found.yaml")]
pub enum DemoError {
    #[catalog(code = "model_not_fuond")]
    Missing,
}

fn main() {}
