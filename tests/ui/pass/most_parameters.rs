//! An entry with as many parameters as the limit allows compiles through the
//! generating form, and its body reads back to the same value.

use error_catalog::ApiErrorCatalog;

#[error_catalog::catalog_enum(path = "ui/pass/most_parameters.yaml")]
#[derive(Debug, PartialEq)]
pub enum Wide {}

fn main() {
    let entry = &Wide::entries()[0];
    assert_eq!(entry.params.len(), 100);
    let params: serde_json::Map<String, serde_json::Value> = entry
        .params
        .iter()
        .map(|p| (p.name.to_owned(), format!("value of {}", p.name).into()))
        .collect();
    let wide = Wide::from_params("wide", &params).expect("every parameter given");
    let body = serde_json::to_string(&wide).unwrap();
    assert_eq!(Wide::from_body(body.as_bytes(), Some(400)).unwrap(), wide);
}
