use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/types/message_is_a_list.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
