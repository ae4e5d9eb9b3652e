use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/params/data_param_without_a_place.yaml")]
pub enum DemoError {
    A { charge: String },
}

fn main() {}
