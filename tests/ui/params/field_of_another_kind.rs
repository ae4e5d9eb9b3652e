use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/field_of_another_kind.yaml")]
pub enum DemoError {
    RateLimitExceeded { retry_after: String },
    Busy { queued: Option<error_catalog::Secret<String>> },
    Missing { resources: Vec<String> },
    Unknown { models: Vec<i64> },
    TooLarge { limit: ::std::string::String },
}

fn main() {}
