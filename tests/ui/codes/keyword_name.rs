use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/codes/keyword_name.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
