use error_catalog::ApiErrorCatalog;

// The types differ, but the body template writes no `$type`: a body of
// either entry is `{"message": ...}` with status 400.
#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/same_message_type_not_written.yaml")]
pub enum DemoError {
    Validation { message: String },
    Quota { message: String },
}

fn main() {}
