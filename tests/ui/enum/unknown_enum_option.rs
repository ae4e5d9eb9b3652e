use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/unknown_enum_option.yaml", exhaustive)]
pub enum DemoError {
    A,
}

fn main() {}
