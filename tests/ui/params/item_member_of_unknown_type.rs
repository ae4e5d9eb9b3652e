use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/item_member_of_unknown_type.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
