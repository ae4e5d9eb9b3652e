use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/touching_placeholders.yaml")]
pub enum DemoError {
    A { a: String, b: String },
}

fn main() {}
