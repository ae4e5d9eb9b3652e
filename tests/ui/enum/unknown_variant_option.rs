use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/unknown_variant_option.yaml")]
pub enum DemoError {
    #[catalog(retry)]
    A,
}

fn main() {}
