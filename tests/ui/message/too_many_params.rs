use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/message/too_many_params.yaml", subset)]
pub enum DemoError {}

fn main() {}
