use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/when_on_required_slot.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
