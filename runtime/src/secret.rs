//! `Secret<T>`: a parameter value (an API key, a user's prompt) kept out of
//! `Debug` output, logs and 5xx bodies.

use std::fmt;

use crate::param::{FromParam, ParamValue, ToParam};

/// A sensitive parameter value. Mark the parameter in the catalog
/// (`params: {api_key: {type: string, sensitive: true}}`) and give the field this
/// type: `Debug` prints `[redacted]`, [`ApiErrorCatalog::redacted`](crate::ApiErrorCatalog::redacted)
/// masks it in log lines, and a 5xx body never carries it. `Display` and 4xx
/// bodies show the value, since the client sent it.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Secret<T>(pub T);

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The value itself.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T: fmt::Display> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: ToParam> ToParam for Secret<T> {
    fn to_param(&self) -> ParamValue<'_> {
        self.0.to_param()
    }
}

impl<T: FromParam> FromParam for Secret<T> {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        T::from_json(value).map(Secret)
    }
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(Secret)
    }
}

/// The text that replaces a sensitive value.
pub const REDACTED: &str = error_catalog_core::REDACTED;

/// An error's message with its sensitive parameters masked, for log lines.
/// Made by [`ApiErrorCatalog::redacted`](crate::ApiErrorCatalog::redacted).
pub struct Redacted<'a, E>(pub(crate) &'a E);

/// The message with each sensitive placeholder written as [`REDACTED`].
impl<E: crate::ApiErrorCatalog> fmt::Display for Redacted<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        let entry = match error.entry() {
            Some(entry) if entry.params.iter().any(|p| p.sensitive) => entry,
            _ => return fmt::Display::fmt(error, f),
        };
        let mut values: Vec<(&'static str, ParamValue<'_>)> = Vec::new();
        error.visit_params(&mut |name, value| values.push((name, value)));
        for segment in entry.segments {
            match segment {
                crate::Segment::Literal(text) => f.write_str(text)?,
                crate::Segment::Placeholder(name) => {
                    if entry.param(name).is_some_and(|p| p.sensitive) {
                        f.write_str(REDACTED)?;
                    } else if let Some((_, value)) = values.iter().find(|(n, _)| n == name) {
                        fmt::Display::fmt(value, f)?;
                    }
                }
            }
        }
        Ok(())
    }
}
