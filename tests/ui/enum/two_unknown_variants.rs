use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/two_unknown_variants.yaml")]
pub enum DemoError {
    A,
    #[catalog(unknown)]
    Unknown(error_catalog::UnknownError),
    #[catalog(unknown)]
    Other(error_catalog::UnknownError),
}

fn main() {}
