use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/retry_after_in_slot.yaml")]
pub enum DemoError {
    RateLimited { retry_after: f64 },
    Busy { retry_after: Option<u64> },
}

fn main() {}
