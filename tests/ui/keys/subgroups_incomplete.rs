use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/subgroups_incomplete.yaml")]
pub enum DemoError {
    MissingApiKey,
    ExpiredApiKey,
    QuotaExceeded,
}

fn main() {}
