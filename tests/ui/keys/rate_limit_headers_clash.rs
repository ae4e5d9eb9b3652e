use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/rate_limit_headers_clash.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
