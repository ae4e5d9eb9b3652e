use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/variant_without_entry.yaml")]
pub enum DemoError {
    ModelNotFound,
    ModelNotFund,
}

fn main() {}
