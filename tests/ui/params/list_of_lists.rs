use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/list_of_lists.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
