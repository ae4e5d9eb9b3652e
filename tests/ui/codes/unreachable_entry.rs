use error_catalog::ApiErrorCatalog;

// A reader takes the first entry a body fits: `quota_daily`'s body is also
// `quota_named`'s with `what = "daily"`, and `{reason}` fits every message.
#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/unreachable_entry.yaml")]
pub enum DemoError {
    QuotaNamed { what: String },
    QuotaDaily,
    Gateway { reason: String },
    BadGateway { upstream: String },
}

fn main() {}
