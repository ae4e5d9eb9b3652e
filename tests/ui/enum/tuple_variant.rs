use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/tuple_variant.yaml")]
pub enum DemoError {
    A(String),
}

fn main() {}
