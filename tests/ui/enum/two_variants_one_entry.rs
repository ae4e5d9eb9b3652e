use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/two_variants_one_entry.yaml")]
pub enum DemoError {
    A,
    #[catalog(code = "a")]
    Other,
}

fn main() {}
