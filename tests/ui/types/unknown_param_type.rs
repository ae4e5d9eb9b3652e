use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/unknown_param_type.yaml")]
pub enum DemoError {
    A { n: String },
}

fn main() {}
