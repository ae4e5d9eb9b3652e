#[error_catalog::catalog_enum(path = "ui/enum/generating_form_with_variants.yaml")]
#[derive(Debug)]
pub enum DemoError {
    A,
}

fn main() {}
