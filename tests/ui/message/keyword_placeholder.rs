use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/keyword_placeholder.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
