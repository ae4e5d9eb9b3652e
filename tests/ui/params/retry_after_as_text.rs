use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/retry_after_as_text.yaml")]
pub enum DemoError {
    RateLimited { retry_after: String },
    Busy { retry_after: String },
}

fn main() {}
