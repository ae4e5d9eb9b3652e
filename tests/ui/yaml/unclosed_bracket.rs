use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/unclosed_bracket.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
