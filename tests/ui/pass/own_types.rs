//! A type of the user's own, named by a path through their module, is not
//! judged by its name: `mine::Object` here is text, not `error_catalog::Object`.

use error_catalog::{ApiErrorCatalog, FromParam, ParamValue, ToParam};

mod mine {
    /// A model name, called `Object` in this API's own vocabulary.
    #[derive(Debug, PartialEq)]
    pub struct Object(pub String);
}

// A message placeholder writes its field with `Display`.
impl std::fmt::Display for mine::Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToParam for mine::Object {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Str(&self.0)
    }
}

impl FromParam for mine::Object {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_str().map(|s| mine::Object(s.to_owned()))
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(mine::Object(text.to_owned()))
    }
}

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/pass/own_types.yaml")]
pub enum DemoError {
    ModelNotFound { model: mine::Object },
}

fn main() {
    let e = DemoError::ModelNotFound { model: mine::Object("gpt-9".to_owned()) };
    assert_eq!(e.to_string(), "Model gpt-9 not found");
    let body = br#"{"code":"model_not_found","message":"Model gpt-9 not found"}"#;
    let DemoError::ModelNotFound { model } = DemoError::from_body(body, Some(404)).unwrap();
    assert_eq!(model, mine::Object("gpt-9".to_owned()));
}
