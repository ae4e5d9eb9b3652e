use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/items_on_a_string.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
