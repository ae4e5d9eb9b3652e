use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/generic_enum.yaml")]
pub enum DemoError<T> {
    A(T),
}

fn main() {}
