use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/text_in_numeric_catalog.yaml")]
pub enum DemoError {
    NotFound,
    RateLimited,
    Teapot,
    TooBig,
    LeadingZero,
}

fn main() {}
