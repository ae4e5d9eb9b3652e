use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/list_in_the_message.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
