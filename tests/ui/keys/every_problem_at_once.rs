use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/every_problem_at_once.yaml")]
pub enum DemoError {
    A,
    B,
    C,
}

fn main() {}
