use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/missing_wire.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
