use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/unknown_variant_shape.yaml")]
pub enum DemoError {
    A,
    #[catalog(unknown)]
    Unknown,
}

fn main() {}
