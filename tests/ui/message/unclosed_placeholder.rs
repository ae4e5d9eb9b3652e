use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/unclosed_placeholder.yaml")]
pub enum DemoError {
    A { model: String },
}

fn main() {}
