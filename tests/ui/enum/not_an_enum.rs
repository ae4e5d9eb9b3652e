use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/not_an_enum.yaml")]
pub struct DemoError {
    a: u8,
}

fn main() {}
