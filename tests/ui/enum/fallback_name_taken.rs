use error_catalog::ApiErrorCatalog;

#[error_catalog::catalog_enum(path = "ui/enum/fallback_name_taken.yaml")]
#[derive(Debug)]
pub enum DemoError {}

fn main() {
    // The fallback keeps the enum and its impls, so this line adds no error.
    let _ = DemoError::entries();
}
