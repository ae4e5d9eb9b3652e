use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/example_of_another_type.yaml")]
pub enum DemoError {
    A { limit: i64 },
}

fn main() {}
