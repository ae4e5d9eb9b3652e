use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/sensitive_number.yaml")]
pub enum DemoError {
    UpstreamFailed { account: error_catalog::Secret<i64> },
}

fn main() {}
