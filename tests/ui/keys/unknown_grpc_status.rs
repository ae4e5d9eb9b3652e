use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/keys/unknown_grpc_status.yaml")]
pub enum DemoError {
    A,
}

fn main() {}
