use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/no_message_slot.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
