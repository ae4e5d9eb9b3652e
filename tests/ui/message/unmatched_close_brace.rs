use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/unmatched_close_brace.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
