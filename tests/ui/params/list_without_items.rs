use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/list_without_items.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
