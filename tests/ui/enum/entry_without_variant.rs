use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/entry_without_variant.yaml")]
pub enum DemoError {
    InvalidApiKey,
}

fn main() {}
