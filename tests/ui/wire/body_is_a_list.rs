use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/wire/body_is_a_list.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
