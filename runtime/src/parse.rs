//! Reading an error body back: find each slot in the JSON, then the entry, then its parameters.
//!
//! Lenient about member order, extra members and whitespace; strict about the
//! types the format defines. A code or message the catalog does not know
//! becomes an [`UnknownError`], never a failure.

use std::fmt;

use std::borrow::Cow;

use serde::de::DeserializeSeed;
use serde_json::Value;

use crate::entry::Segment;
use crate::json::Json;
use crate::param::FromParam;
use crate::read::{Pruned, Slots};
use crate::unknown::UnknownError;
use crate::wire::Slot;
use crate::ApiErrorCatalog;

/// Why a body could not be read as an error of the catalog.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is not JSON.
    Json(serde_json::Error),
    /// The body is JSON but not in the catalog's format.
    Format(String),
    /// The body is longer than the client reads (see
    /// [`client::DEFAULT_MAX_BODY`](crate::client::DEFAULT_MAX_BODY)); the rest
    /// was not read.
    #[non_exhaustive]
    TooLarge {
        /// The most bytes the client reads.
        limit: usize,
    },
    /// The body is well-formed, but its code or message is not in the catalog
    /// and the enum has no `#[catalog(unknown)]` variant to hold it.
    Unknown(Box<UnknownError>),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Json(e) => write!(f, "error body is not valid JSON: {e}"),
            BodyError::Format(what) => write!(f, "error body is not in the catalog's format: {what}"),
            BodyError::TooLarge { limit } => write!(
                f,
                "error body is longer than {limit} bytes; the client stopped reading it (raise the limit with `client::check_with_limit` if the API really sends such bodies)"
            ),
            BodyError::Unknown(u) => write!(
                f,
                "error body has a code the catalog does not know ({}): {}; add a `#[catalog(unknown)]` variant to keep such errors",
                u.code.as_deref().unwrap_or("no code"),
                u.message
            ),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::Json(e) => Some(e),
            BodyError::Unknown(u) => Some(&**u),
            BodyError::Format(_) | BodyError::TooLarge { .. } => None,
        }
    }
}

/// Parses a JSON body; `status` is the HTTP status of the response, when known.
pub fn from_slice<E: ApiErrorCatalog>(body: &[u8], status: Option<u16>) -> Result<E, BodyError> {
    let template = &E::catalog().wire.body;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let json = Pruned(template)
        .deserialize(&mut deserializer)
        .and_then(|json| deserializer.end().map(|()| json))
        .map_err(BodyError::Json)?;
    from_slots(Slots::read(template, json), status)
}

/// Reads an already parsed JSON body; `status` is the HTTP status of the response, when known.
pub fn from_value<E: ApiErrorCatalog>(value: &Value, status: Option<u16>) -> Result<E, BodyError> {
    let slots = Slots::read(&E::catalog().wire.body, Json::from_value(value));
    from_slots(slots, status)
}

/// Builds the error from what a body's slots held.
pub(crate) fn from_slots<E: ApiErrorCatalog>(
    mut found: Slots<'_>,
    status: Option<u16>,
) -> Result<E, BodyError> {
    if let Some(mistake) = found.error.take() {
        return Err(BodyError::Format(mistake));
    }
    let Some(message) = found.message() else {
        return Err(BodyError::Format("the message is missing".into()));
    };
    if found.code().is_none() && E::catalog().wire.has_slot(Slot::Code) {
        return Err(BodyError::Format("the code is missing".into()));
    }
    let status = found.status.or(status);

    if let Some(made) = identify::<E>(&found, message, status) {
        return Ok(made);
    }
    let unknown = UnknownError {
        code: found.code().map(str::to_owned),
        status,
        message: message.to_owned(),
        field: found.field().map(str::to_owned),
        data: found.params().map(Json::object_to_value),
        retry_after: found.retry_after.or_else(|| {
            found
                .params()
                .and_then(|p| Json::get(p, "retry_after"))
                .and_then(Json::as_u64)
        }),
    };
    E::__from_unknown(unknown).map_err(|u| BodyError::Unknown(Box::new(u)))
}

fn identify<E: ApiErrorCatalog>(
    found: &Slots<'_>,
    message: &str,
    status: Option<u16>,
) -> Option<E> {
    let id = Identify {
        metadata: found.metadata(),
        retry_after: found.retry_after,
        ..Identify::new(message, status, found.field(), found.params())
    };
    identify_by_search(found.code(), &id)
}

/// Identification from the catalog's unpacked entries: those with the body's
/// code (found by hash), or every entry when the body has no code, tried in
/// file order, each asked [`Identify::fits`].
fn identify_by_search<E: ApiErrorCatalog>(code: Option<&str>, id: &Identify<'_>) -> Option<E> {
    let catalog = E::catalog();
    let entries = catalog.entries();
    let build = |index: usize, require_message: bool| -> Option<E> {
        let entry = &entries[index];
        let parts = id.fits(entry.status, entry.field, entry.segments, require_message)?;
        E::__from_parts(index, &parts)
    };
    let Some(code) = code else {
        return (0..entries.len()).find_map(|i| build(i, true));
    };
    let index = catalog.code_index();
    let start = catalog.find_code(code)?;
    let first = index[start].0;
    let mut candidates = index[start..].iter().take_while(|(c, _)| *c == first);
    // One entry for the code: the code decides, even if the server reworded the message.
    // Several: the message must say which.
    let require_message = candidates.clone().nth(1).is_some();
    candidates.find_map(|&(_, i)| build(i as usize, require_message))
}

/// What decides which entry a body is, and what the entry's parameters are
/// read from: the body's message, status, field and data.
#[derive(Debug, Clone, Copy)]
struct Identify<'a> {
    message: &'a str,
    status: Option<u16>,
    field: Option<&'a str>,
    data: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    metadata: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    retry_after: Option<u64>,
}

impl<'a> Identify<'a> {
    /// A body's message, status, field and data object, without metadata.
    fn new(
        message: &'a str,
        status: Option<u16>,
        field: Option<&'a str>,
        data: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    ) -> Self {
        Identify {
            message,
            status,
            field,
            data,
            metadata: None,
            retry_after: None,
        }
    }

    /// The parameters to build the entry from, if the body can be the entry
    /// with this status, field and message template: a status the response
    /// has must be the entry's, a field the body names must be the entry's
    /// (when it has one), and with `require_message` (several entries share
    /// the code) the message must match the template.
    fn fits(
        &self,
        status: u16,
        field: Option<&str>,
        segments: &'static [Segment],
        require_message: bool,
    ) -> Option<Parts<'a>> {
        if self.status.is_some_and(|s| s != status) {
            return None;
        }
        if let (Some(found), Some(field)) = (self.field, field) {
            if found != field {
                return None;
            }
        }
        // Otherwise the message is walked only if a parameter is read from it.
        if require_message && walk_template(segments, self.message, |_, _| false).is_none() {
            return None;
        }
        Some(Parts {
            texts: Some((segments, self.message)),
            data: self.data,
            metadata: self.metadata,
            metadata_map: None,
            retry_after: self.retry_after,
        })
    }
}

/// Matches `text` against a template and returns what each placeholder covered.
///
/// Leading and trailing text must match exactly; each placeholder then takes
/// the text up to the first occurrence of the literal that follows it. Validation
/// guarantees placeholders are separated by text, so this is linear and unambiguous.
pub fn match_template<'t>(
    segments: &[Segment],
    text: &'t str,
) -> Option<Vec<(&'static str, &'t str)>> {
    let mut out = Vec::new();
    walk_template(segments, text, |name, covered| {
        out.push((name, covered));
        false
    })?;
    Some(out)
}

/// The text placeholder `name` covers in `text`, if `text` matches the whole template.
#[inline(always)]
fn placeholder_text<'t>(segments: &[Segment], text: &'t str, name: &str) -> Option<&'t str> {
    let mut hit = None;
    walk_template(segments, text, |n, covered| {
        if n == name && hit.is_none() {
            hit = Some(covered);
        }
        false
    })?;
    hit
}

/// Walks `text` along the template, telling `each` what every placeholder
/// covered until it returns `true`. `None` when `text` does not match (as far
/// as the walk went).
fn walk_template<'t>(
    segments: &[Segment],
    text: &'t str,
    mut each: impl FnMut(&'static str, &'t str) -> bool,
) -> Option<()> {
    let mut rest = text;
    // The last literal must be a suffix: strip it first so a placeholder before
    // it takes everything up to it, including repeats of the literal.
    let (body, suffix) = match segments.last() {
        Some(Segment::Literal(lit)) if segments.len() > 1 => {
            (&segments[..segments.len() - 1], Some(*lit))
        }
        _ => (segments, None),
    };
    if let Some(suffix) = suffix {
        rest = rest.strip_suffix(suffix)?;
    }
    for (i, segment) in body.iter().enumerate() {
        match *segment {
            Segment::Literal(lit) => rest = rest.strip_prefix(lit)?,
            Segment::Placeholder(name) => {
                let covered = match body.get(i + 1) {
                    Some(Segment::Literal(next)) => {
                        let at = rest.find(next)?;
                        let (covered, after) = rest.split_at(at);
                        rest = after;
                        covered
                    }
                    Some(Segment::Placeholder(_)) => return None,
                    None => std::mem::take(&mut rest),
                };
                if each(name, covered) {
                    return Some(());
                }
            }
        }
    }
    rest.is_empty().then_some(())
}

/// The parameter values found in a body, for generated code to build a variant from.
#[doc(hidden)]
#[derive(Debug)]
pub struct Parts<'a> {
    /// The entry's message template and the body's message; parameters are read
    /// from the message only where it matches the whole template.
    texts: Option<(&'static [Segment], &'a str)>,
    data: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    metadata: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    metadata_map: Option<&'a serde_json::Map<String, Value>>,
    retry_after: Option<u64>,
}

impl<'a> Parts<'a> {
    /// Parameters given by name; strings also read as numbers, as in metadata.
    pub(crate) fn from_map(params: &'a serde_json::Map<String, Value>) -> Self {
        Parts {
            texts: None,
            data: None,
            metadata: None,
            metadata_map: Some(params),
            retry_after: None,
        }
    }

    /// The parameter `name`: from the body's data object, else from the message.
    pub fn get<T: FromParam>(&self, name: &str) -> Option<T> {
        // The search is not generic, so deriving crates compile only this match.
        match self.raw(name)? {
            Raw::Text(text) => T::from_text(text),
            Raw::Json(value) => T::from_json(&value),
            Raw::JsonStr(text) => T::from_json_str(text),
        }
    }

    fn raw(&self, name: &str) -> Option<Raw<'_>> {
        if let Some(v) = self.data.and_then(|d| Json::get(d, name)) {
            return Some(match v {
                Json::Str(s) => Raw::JsonStr(s),
                other => Raw::Json(Cow::Owned(other.to_value())),
            });
        }
        // Metadata carries every value as a string.
        if let Some(v) = self.metadata.and_then(|d| Json::get(d, name)) {
            return Some(match v {
                Json::Str(s) => Raw::Text(s),
                other => Raw::Json(Cow::Owned(other.to_value())),
            });
        }
        if let Some(v) = self.metadata_map.and_then(|d| d.get(name)) {
            return Some(match v {
                Value::String(s) => Raw::Text(s),
                other => Raw::Json(Cow::Borrowed(other)),
            });
        }
        if let Some(text) = self
            .texts
            .and_then(|(segments, message)| placeholder_text(segments, message, name))
        {
            return Some(Raw::Text(text));
        }
        match (name, self.retry_after) {
            ("retry_after", Some(secs)) => Some(Raw::Json(Cow::Owned(Value::from(secs)))),
            _ => None,
        }
    }
}

/// A parameter's value as the body holds it, before its Rust type reads it.
enum Raw<'p> {
    /// Text: a message placeholder or a metadata string.
    Text(&'p str),
    /// A JSON value.
    Json(Cow<'p, Value>),
    /// A JSON string, read without building a `serde_json::Value` for it.
    JsonStr(&'p str),
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &[Segment] = &[
        Segment::Literal("model '"),
        Segment::Placeholder("model"),
        Segment::Literal("' not found"),
    ];

    #[test]
    fn placeholder_takes_text_between_literals() {
        assert_eq!(
            match_template(MODEL, "model 'gpt-9' not found"),
            Some(vec![("model", "gpt-9")])
        );
        assert_eq!(
            match_template(MODEL, "model '' not found"),
            Some(vec![("model", "")])
        );
        assert_eq!(
            match_template(MODEL, "model 'a' not found' not found"),
            Some(vec![("model", "a' not found")])
        );
        assert_eq!(match_template(MODEL, "model 'x' missing"), None);
        assert_eq!(match_template(MODEL, "Model 'x' not found"), None);
    }

    #[test]
    fn constant_template_matches_only_itself() {
        let t = &[Segment::Literal("Internal server error")];
        assert_eq!(match_template(t, "Internal server error"), Some(vec![]));
        assert_eq!(match_template(t, "Internal server error "), None);
    }

    #[test]
    fn trailing_placeholder_takes_the_rest() {
        let t = &[Segment::Literal("id: "), Segment::Placeholder("id")];
        assert_eq!(match_template(t, "id: 1. 2"), Some(vec![("id", "1. 2")]));
    }
}
