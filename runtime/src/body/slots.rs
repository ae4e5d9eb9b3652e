//! Finding a body's slots: the body is parsed into a tree that keeps only what
//! the body template can read ([`Pruned`](super::json::Pruned)), then the
//! template is walked once over it.
//!
//! - A member that repeats counts once, as its last occurrence (as JavaScript
//!   and `serde_json::Value` read duplicates), even when that one is `null`.
//! - When two template places hold the same slot, the later one in template
//!   order wins, whatever order the body's members come in.
//! - Of several format mistakes, the one first in template order is reported.
//! - Members the template does not name are skipped without being built, and
//!   without recursion, however deep they nest.

use std::borrow::Cow;
use std::fmt;

use super::json::{Json, Member};
use super::FormatError;
use crate::wire::{Node, Slot, WireFormat};

/// Where a value sits in the body, for error messages; built on the stack and
/// written out (`error.details[0].field`, empty for the body) only when there
/// is something to report.
#[derive(Clone, Copy)]
pub(crate) enum Path<'p> {
    /// The body itself.
    Root,
    /// A member of an object.
    Key(&'p Path<'p>, &'p str),
    /// An element of an array.
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A status a body may claim: HTTP's 100-599. Anything else (0, 600, 70000)
/// is a format error rather than a status that no retry rule knows.
fn http_status(status: u64) -> Option<u16> {
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
}

/// What a body's slots held: the value each slot counts with, and the first
/// format mistake in template order.
#[derive(Debug, Default)]
pub(crate) struct Slots<'de> {
    pub(crate) error: Option<FormatError>,
    pub(crate) code: Option<Cow<'de, str>>,
    pub(crate) message: Option<Cow<'de, str>>,
    pub(crate) status: Option<u16>,
    pub(crate) field: Option<Cow<'de, str>>,
    pub(crate) error_type: Option<Cow<'de, str>>,
    /// Entry values the body carries, by name, in template order.
    pub(crate) values: Vec<(Cow<'static, str>, Cow<'de, str>)>,
    /// Parameters placed one by one (`$param.NAME`), by name, in template order.
    pub(crate) named: Vec<(Cow<'static, str>, Json<'de>)>,
    pub(crate) params: Option<Vec<Member<'de>>>,
    pub(crate) metadata: Option<Vec<Member<'de>>>,
    pub(crate) retry_after: Option<u64>,
    /// Whether the code came as a JSON number rather than a string.
    pub(crate) code_was_number: bool,
}

impl<'de> Slots<'de> {
    /// Reads the slots of `wire`'s body template from a parsed body.
    pub(crate) fn read(wire: &WireFormat, value: Json<'de>) -> Self {
        let mut slots = Slots::default();
        slots.walk(&wire.body, value, &Path::Root);
        slots
    }

    /// Keeps the first mistake: the walk goes in template order.
    fn fail(&mut self, mistake: impl FnOnce() -> FormatError) {
        if self.error.is_none() {
            self.error = Some(mistake());
        }
    }

    /// Reads the value of template `node` from `value`, in template order, so
    /// a later place overwrites what an earlier one gave.
    fn walk(&mut self, node: &Node, value: Json<'de>, path: &Path<'_>) {
        match node {
            Node::Object { members, .. } => {
                let mut object = match value {
                    Json::Object(o) => o,
                    Json::Null if !matches!(path, Path::Root) => return,
                    other => return self.fail(|| mistake(path, "an object", other.kind())),
                };
                for (key, child) in members.iter() {
                    // The last occurrence of a repeated member counts.
                    if let Some(found) = object.iter().rposition(|(k, _)| k == key) {
                        let member = std::mem::take(&mut object[found].1);
                        self.walk(child, member, &Path::Key(path, key));
                    }
                }
            }
            Node::Array { items, .. } => {
                let mut array = match value {
                    Json::Array(a) => a,
                    Json::Null => return,
                    other => return self.fail(|| mistake(path, "an array", other.kind())),
                };
                // Each template element reads the first body element whose constant
                // members match it (e.g. the same `@type`), so order does not matter.
                let mut used = vec![false; array.len()];
                for item in items.iter() {
                    let pick =
                        (0..array.len()).find(|&i| !used[i] && constants_match(item, &array[i]));
                    if let Some(i) = pick {
                        used[i] = true;
                        let element = std::mem::take(&mut array[i]);
                        self.walk(item, element, &Path::Index(path, i));
                    }
                }
            }
            Node::Slot(slot) | Node::SlotOrNull(slot) => {
                if !value.is_null() {
                    self.set(*slot, value, path);
                }
            }
            Node::Param(name) | Node::ParamOrNull(name) => self.named.push((name.clone(), value)),
            Node::Value(name) | Node::ValueOrNull(name) => match value {
                Json::Null => {}
                Json::Str(s) => self.values.push((name.clone(), s)),
                other => self.fail(|| mistake(path, "a string", other.kind())),
            },
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {}
        }
    }

    /// Keeps the value found for `slot` (not `null`) if it has the type the
    /// format gives the slot; a mistake otherwise. Slots derived from the
    /// status or the catalog, or set per response, do not pick the entry.
    fn set(&mut self, slot: Slot, value: Json<'de>, path: &Path<'_>) {
        let expected = match (slot, value) {
            // A code is its text, sent as a string or as an integer: APIs of
            // string codes answer some errors with a number (a CDN's 502
            // before OpenAI's servers). One of the type the catalog does not
            // write is no entry's, so the body is the unknown fallback, kept
            // whole rather than written back with the other type.
            (Slot::Code, Json::Str(s)) => {
                self.code_was_number = false;
                return self.code = Some(s);
            }
            (Slot::Code, Json::Int(i)) => {
                self.code_was_number = true;
                return self.code = Some(Cow::Owned(i.to_string()));
            }
            (Slot::Code, Json::UInt(u)) => {
                self.code_was_number = true;
                return self.code = Some(Cow::Owned(u.to_string()));
            }
            (Slot::Message, Json::Str(s)) => return self.message = Some(s),
            (Slot::Field, Json::Str(s)) => return self.field = Some(s),
            (Slot::Type, Json::Str(s)) => return self.error_type = Some(s),
            (Slot::Params, Json::Object(o)) => return self.params = Some(o),
            (Slot::Metadata, Json::Object(o)) => return self.metadata = Some(o),
            (Slot::Status, v) => match v.as_u64().and_then(http_status) {
                Some(s) => return self.status = Some(s),
                None => ("an HTTP status number from 100 to 599", v),
            },
            (Slot::StatusText, v) => {
                let status = v.as_str().and_then(|s| s.trim().parse().ok());
                match status.and_then(http_status) {
                    Some(s) => return self.status = Some(s),
                    None => ("an HTTP status from 100 to 599 as a string", v),
                }
            }
            (Slot::RetryAfter, v) => match v.as_u64() {
                Some(n) => return self.retry_after = Some(n),
                None => ("a whole number of seconds", v),
            },
            (Slot::RetryDelay, v) => match v.as_str().and_then(parse_duration_secs) {
                Some(n) => return self.retry_after = Some(n),
                None => ("a duration such as \"60s\"", v),
            },
            // serde_json reads `20404.0`, `1e4`, `-0` and integers past 64
            // bits as floats.
            (Slot::Code, v) => (
                "the error code, a string or an integer with no fraction or exponent from -9223372036854775808 to 18446744073709551615",
                v,
            ),
            (Slot::Message | Slot::Field | Slot::Type, v) => ("a string", v),
            (Slot::Params, v) => ("an object or null", v),
            (Slot::Metadata, v) => ("an object", v),
            (
                Slot::Title
                | Slot::GrpcStatus
                | Slot::Detail
                | Slot::Domain
                | Slot::RequestId
                | Slot::Path
                | Slot::Timestamp,
                _,
            ) => return,
        };
        let (expected, value) = expected;
        self.fail(|| mistake(path, expected, value.kind()));
    }
}

/// The mistake of a body that has `found` at `path` where the format has `expected`.
fn mistake(path: &Path<'_>, expected: &'static str, found: &'static str) -> FormatError {
    FormatError {
        at: path.to_string(),
        expected,
        found,
    }
}

/// Seconds of a protobuf JSON duration (`"60s"`, `"1.5s"`), rounded up.
fn parse_duration_secs(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let secs: f64 = number.parse().ok()?;
    (0.0..1e12).contains(&secs).then(|| secs.ceil() as u64)
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
            Node::Str(s) => got.and_then(Json::as_str) == Some(&**s),
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
