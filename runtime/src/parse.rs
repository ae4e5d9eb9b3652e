//! Reading an error body back: find each slot in the JSON, then the entry, then its parameters.
//!
//! Lenient about member order, extra members and whitespace; strict about the
//! types the format defines. A code or message the catalog does not know
//! becomes an [`UnknownError`], never a failure.

use std::fmt;

use std::borrow::Cow;

use serde_json::Value;

use crate::entry::{ErrorEntry, Segment};
use crate::json::Json;
use crate::param::FromParam;
use crate::unknown::UnknownError;
use crate::wire::{Node, Slot};
use crate::ApiErrorCatalog;

/// Why a body could not be read as an error of the catalog.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is not JSON.
    Json(serde_json::Error),
    /// The body is JSON but not in the catalog's format.
    Format(String),
    /// The body is well-formed, but its code or message is not in the catalog
    /// and the enum has no `#[catalog(unknown)]` variant to hold it.
    Unknown(Box<UnknownError>),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Json(e) => write!(f, "error body is not valid JSON: {e}"),
            BodyError::Format(what) => write!(f, "error body is not in the catalog's format: {what}"),
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
            BodyError::Format(_) => None,
        }
    }
}

/// What the slots of a body held.
#[derive(Debug, Default)]
struct Found<'v> {
    code: Option<&'v str>,
    message: Option<&'v str>,
    status: Option<u16>,
    field: Option<&'v str>,
    params: Option<&'v [(Cow<'v, str>, Json<'v>)]>,
    params_raw: Option<&'v Json<'v>>,
    metadata: Option<&'v [(Cow<'v, str>, Json<'v>)]>,
    retry_after: Option<u64>,
}

/// Parses a JSON body; `status` is the HTTP status of the response, when known.
pub fn from_slice<E: ApiErrorCatalog>(body: &[u8], status: Option<u16>) -> Result<E, BodyError> {
    let json: Json<'_> = serde_json::from_slice(body).map_err(BodyError::Json)?;
    from_json(&json, status)
}

/// Reads an already parsed JSON body; `status` is the HTTP status of the response, when known.
pub fn from_value<E: ApiErrorCatalog>(value: &Value, status: Option<u16>) -> Result<E, BodyError> {
    from_json(&Json::from_value(value), status)
}

pub(crate) fn from_json<E: ApiErrorCatalog>(
    value: &Json<'_>,
    status: Option<u16>,
) -> Result<E, BodyError> {
    let catalog = E::catalog();
    let mut found = Found::default();
    read(&catalog.wire.body, value, "", &mut found)?;
    let Some(message) = found.message else {
        return Err(BodyError::Format("the message is missing".into()));
    };
    if catalog.wire.has_slot(Slot::Code) && found.code.is_none() {
        return Err(BodyError::Format("the code is missing".into()));
    }
    let status = found.status.or(status);

    if let Some(made) = identify::<E>(&found, message, status) {
        return Ok(made);
    }
    let unknown = UnknownError {
        code: found.code.map(str::to_owned),
        status,
        message: message.to_owned(),
        field: found.field.map(str::to_owned),
        data: found
            .params_raw
            .filter(|v| !v.is_null())
            .map(Json::to_value),
        retry_after: found.retry_after.or_else(|| {
            found
                .params
                .and_then(|p| Json::get(p, "retry_after"))
                .and_then(Json::as_u64)
        }),
    };
    E::__from_unknown(unknown).map_err(|u| BodyError::Unknown(Box::new(u)))
}

fn identify<E: ApiErrorCatalog>(
    found: &Found<'_>,
    message: &str,
    status: Option<u16>,
) -> Option<E> {
    let catalog = E::catalog();
    let build = |index: usize, entry: &'static ErrorEntry, require_message: bool| -> Option<E> {
        if status.is_some_and(|s| s != entry.status) {
            return None;
        }
        if let (Some(f), Some(ef)) = (found.field, entry.field) {
            if f != ef {
                return None;
            }
        }
        let texts = match match_template(entry.segments, message) {
            Some(t) => t,
            None if require_message => return None,
            None => Vec::new(),
        };
        let parts = Parts {
            texts,
            data: found.params,
            metadata: found.metadata,
            metadata_map: None,
            retry_after: found.retry_after,
        };
        E::__from_parts(index, &parts)
    };
    match found.code {
        Some(code) => {
            let (entries, index) = (catalog.entries(), catalog.code_index());
            let start = catalog.find_code(code)?;
            let mut candidates = index[start..].iter().take_while(|(c, _)| *c == code);
            // One entry for the code: the code decides, even if the server reworded the message.
            // Several: the message must say which.
            let require_message = candidates.clone().nth(1).is_some();
            candidates.find_map(|&(_, i)| build(i as usize, &entries[i as usize], require_message))
        }
        None => catalog
            .entries()
            .iter()
            .enumerate()
            .find_map(|(i, entry)| build(i, entry, true)),
    }
}

/// Walks the template and the body side by side, recording each slot's value.
fn read<'v>(
    node: &Node,
    value: &'v Json<'v>,
    path: &str,
    found: &mut Found<'v>,
) -> Result<(), BodyError> {
    match node {
        Node::Object { members, .. } => {
            let object = match value {
                Json::Object(o) => o,
                Json::Null if !path.is_empty() => return Ok(()),
                other => {
                    return Err(BodyError::Format(format!(
                        "expected an object at `{}`, found {}",
                        display_path(path),
                        other.kind()
                    )))
                }
            };
            for (key, child) in members.iter() {
                if let Some(v) = Json::get(object, key) {
                    // Paths are only needed for error messages: build them lazily.
                    if path.is_empty() {
                        read(child, v, key, found)?;
                    } else {
                        read(child, v, &format!("{path}.{key}"), found)?;
                    }
                }
            }
            Ok(())
        }
        Node::Array { items, .. } => {
            let array = match value {
                Json::Array(a) => a,
                Json::Null => return Ok(()),
                other => {
                    return Err(BodyError::Format(format!(
                        "expected an array at `{}`, found {}",
                        display_path(path),
                        other.kind()
                    )))
                }
            };
            // Each template element reads the first body element whose constant
            // members match it (e.g. the same `@type`), so order does not matter.
            let mut used = vec![false; array.len()];
            for item in items.iter() {
                let pick = array
                    .iter()
                    .enumerate()
                    .find(|(i, v)| !used[*i] && constants_match(item, v))
                    .map(|(i, _)| i);
                if let Some(i) = pick {
                    used[i] = true;
                    read(item, &array[i], &format!("{path}[{i}]"), found)?;
                }
            }
            Ok(())
        }
        Node::Slot(slot) | Node::SlotOrNull(slot) => {
            if value.is_null() {
                return Ok(());
            }
            read_slot(*slot, value, path, found)
        }
        // Constants are not checked: a body that differs only there is still readable.
        _ => Ok(()),
    }
}

/// Whether the constant members at the top of a template object equal the body's.
fn constants_match(template: &Node, value: &Json<'_>) -> bool {
    let Node::Object { members, .. } = template else {
        return true;
    };
    let Json::Object(object) = value else {
        return false;
    };
    members.iter().all(|(key, node)| {
        let got = Json::get(object, key);
        match node {
            Node::Str(s) => got.and_then(Json::as_str) == Some(*s),
            Node::Bool(b) => got == Some(&Json::Bool(*b)),
            Node::Int(i) => match got {
                Some(Json::Int(g)) => g == i,
                Some(Json::UInt(g)) => i64::try_from(*g).ok() == Some(*i),
                _ => false,
            },
            _ => true,
        }
    })
}

fn read_slot<'v>(
    slot: Slot,
    value: &'v Json<'v>,
    path: &str,
    found: &mut Found<'v>,
) -> Result<(), BodyError> {
    let wrong = |expected: &str| {
        Err(BodyError::Format(format!(
            "`{}` must be {expected}, found {}",
            display_path(path),
            value.kind()
        )))
    };
    match slot {
        Slot::Code => match value {
            Json::Str(s) => found.code = Some(s),
            _ => return wrong("a string"),
        },
        Slot::Message => match value {
            Json::Str(s) => found.message = Some(s),
            _ => return wrong("a string"),
        },
        Slot::Status => match value.as_u64().and_then(|s| u16::try_from(s).ok()) {
            Some(s) => found.status = Some(s),
            None => return wrong("an HTTP status number"),
        },
        Slot::StatusText => match value.as_str().and_then(|s| s.trim().parse::<u16>().ok()) {
            Some(s) => found.status = Some(s),
            None => return wrong("an HTTP status as a string"),
        },
        Slot::Field => match value {
            Json::Str(s) => found.field = Some(s),
            _ => return wrong("a string"),
        },
        Slot::Params => match value {
            Json::Object(o) => {
                found.params = Some(o);
                found.params_raw = Some(value);
            }
            _ => return wrong("an object or null"),
        },
        Slot::Metadata => match value {
            Json::Object(o) => found.metadata = Some(o),
            _ => return wrong("an object"),
        },
        Slot::RetryAfter => match value.as_u64() {
            Some(n) => found.retry_after = Some(n),
            None => return wrong("a whole number of seconds"),
        },
        Slot::RetryDelay => match value.as_str().and_then(parse_duration_secs) {
            Some(n) => found.retry_after = Some(n),
            None => return wrong("a duration such as \"60s\""),
        },
        // Derived from the status or the catalog, or per response: they do not pick the entry.
        Slot::Title
        | Slot::GrpcStatus
        | Slot::Type
        | Slot::Detail
        | Slot::Domain
        | Slot::RequestId
        | Slot::Path
        | Slot::Timestamp => {}
    }
    Ok(())
}

/// Seconds of a protobuf JSON duration (`"60s"`, `"1.5s"`), rounded up.
fn parse_duration_secs(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let secs: f64 = number.parse().ok()?;
    (0.0..1e12).contains(&secs).then(|| secs.ceil() as u64)
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "the body"
    } else {
        path
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
    let mut rest = text;
    let mut out = Vec::new();
    let mut i = 0;
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
    while i < body.len() {
        match body[i] {
            Segment::Literal(lit) => rest = rest.strip_prefix(lit)?,
            Segment::Placeholder(name) => match body.get(i + 1) {
                Some(Segment::Literal(next)) => {
                    let at = rest.find(next)?;
                    out.push((name, &rest[..at]));
                    rest = &rest[at..];
                }
                Some(Segment::Placeholder(_)) => return None,
                None => {
                    out.push((name, rest));
                    rest = "";
                }
            },
        }
        i += 1;
    }
    rest.is_empty().then_some(out)
}

/// The parameter values found in a body, for generated code to build a variant from.
#[doc(hidden)]
#[derive(Debug)]
pub struct Parts<'a> {
    texts: Vec<(&'static str, &'a str)>,
    data: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    metadata: Option<&'a [(Cow<'a, str>, Json<'a>)]>,
    metadata_map: Option<&'a serde_json::Map<String, Value>>,
    retry_after: Option<u64>,
}

impl<'a> Parts<'a> {
    /// Parameters given by name; strings also read as numbers, as in metadata.
    pub(crate) fn from_map(params: &'a serde_json::Map<String, Value>) -> Self {
        Parts {
            texts: Vec::new(),
            data: None,
            metadata: None,
            metadata_map: Some(params),
            retry_after: None,
        }
    }

    /// The parameter `name`: from the body's data object, else from the message.
    #[inline]
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
        if let Some((_, text)) = self.texts.iter().find(|(n, _)| *n == name) {
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
