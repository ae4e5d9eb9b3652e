use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/unknown_placed_param.yaml")]
pub enum DemoError {
    A { charge: String },
}

fn main() {}
