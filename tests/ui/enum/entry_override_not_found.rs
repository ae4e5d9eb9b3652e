use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/entry_override_not_found.yaml")]
pub enum DemoError {
    #[catalog(entry = "b")]
    A,
}

fn main() {}
