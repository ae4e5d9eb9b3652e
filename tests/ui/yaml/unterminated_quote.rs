use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/yaml/unterminated_quote.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
