use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/float_constant.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
