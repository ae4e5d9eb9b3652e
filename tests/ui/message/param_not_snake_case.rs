use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/param_not_snake_case.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
