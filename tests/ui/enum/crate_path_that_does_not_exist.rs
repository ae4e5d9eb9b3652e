use error_catalog::ApiErrorCatalog;

// `crate` names the path generated code reaches the runtime by: a wrong one
// fails where the path is used, not silently.
#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/crate_path_that_does_not_exist.yaml", crate = "crate::runtime")]
pub enum DemoError {
    A,
}

fn main() {}
