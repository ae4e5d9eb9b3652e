use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/unknown_slot.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
