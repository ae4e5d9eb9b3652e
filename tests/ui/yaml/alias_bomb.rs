use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/alias_bomb.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
