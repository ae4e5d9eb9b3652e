use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/causes_not_a_list.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
