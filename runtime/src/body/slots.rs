//! Finding a body's slots: the body is parsed into a tree that keeps only what
//! the body template can read, then the template is walked once over it.
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

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::json::{Json, JsonVisitor, Key, Member};
use super::FormatError;
use crate::wire::{Node, Slot};

/// Parses a body into a [`Json`] tree, keeping of each object the template
/// describes only the members it names.
#[derive(Clone, Copy)]
pub(crate) struct Pruned<'t>(pub(crate) &'t Node);

impl<'de> DeserializeSeed<'de> for Pruned<'_> {
    type Value = Json<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        match self.0 {
            Node::Object { members, .. } => deserializer.deserialize_any(PrunedObject(members)),
            _ => Json::deserialize(deserializer),
        }
    }
}

/// The visitor of [`Pruned`] where the template has an object.
struct PrunedObject<'t>(&'t [(Cow<'static, str>, Node)]);

impl<'de> Visitor<'de> for PrunedObject<'_> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut kept = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            let read = self.0.iter().find(|(name, _)| *name == key).map(|(_, n)| n);
            match read {
                Some(node @ (Node::Object { .. } | Node::Array { .. })) => {
                    kept.push((key, map.next_value_seed(Pruned(node))?));
                }
                Some(Node::Slot(_) | Node::SlotOrNull(_)) => kept.push((key, map.next_value()?)),
                // Constants and unknown members say nothing about the error.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Json::Object(kept))
    }
    // Anything but an object is kept whole: reading it reports the mistake.
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'de>, E> {
        JsonVisitor.visit_bool(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'de>, E> {
        JsonVisitor.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'de>, E> {
        JsonVisitor.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'de>, E> {
        JsonVisitor.visit_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'de>, E> {
        JsonVisitor.visit_str(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json<'de>, E> {
        JsonVisitor.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<Json<'de>, E> {
        JsonVisitor.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Json::Array(Vec::new()))
    }
}

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

/// A slot's value in the type the slot holds.
pub(crate) enum Typed<'de> {
    Code(Cow<'de, str>),
    Message(Cow<'de, str>),
    Field(Cow<'de, str>),
    Params(Vec<Member<'de>>),
    Metadata(Vec<Member<'de>>),
    Status(u16),
    RetryAfter(u64),
}

/// A status a body may claim: HTTP's 100-599. Anything else (0, 600, 70000)
/// is a format error rather than a status that no retry rule knows.
fn http_status(status: u64) -> Option<u16> {
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
}

/// Checks a value found for `slot` (not `null`) against the type the format
/// gives it: `None` for slots that do not pick the entry, the mistake when
/// the type is wrong.
fn typed<'de>(
    slot: Slot,
    value: Json<'de>,
    path: &Path<'_>,
) -> Result<Option<Typed<'de>>, FormatError> {
    let expected = match (slot, value) {
        (Slot::Code, Json::Str(s)) => return Ok(Some(Typed::Code(s))),
        (Slot::Message, Json::Str(s)) => return Ok(Some(Typed::Message(s))),
        (Slot::Field, Json::Str(s)) => return Ok(Some(Typed::Field(s))),
        (Slot::Params, Json::Object(o)) => return Ok(Some(Typed::Params(o))),
        (Slot::Metadata, Json::Object(o)) => return Ok(Some(Typed::Metadata(o))),
        (Slot::Status, v) => match v.as_u64().and_then(http_status) {
            Some(s) => return Ok(Some(Typed::Status(s))),
            None => ("an HTTP status number from 100 to 599", v),
        },
        (Slot::StatusText, v) => match v
            .as_str()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .and_then(http_status)
        {
            Some(s) => return Ok(Some(Typed::Status(s))),
            None => ("an HTTP status from 100 to 599 as a string", v),
        },
        (Slot::RetryAfter, v) => match v.as_u64() {
            Some(n) => return Ok(Some(Typed::RetryAfter(n))),
            None => ("a whole number of seconds", v),
        },
        (Slot::RetryDelay, v) => match v.as_str().and_then(parse_duration_secs) {
            Some(n) => return Ok(Some(Typed::RetryAfter(n))),
            None => ("a duration such as \"60s\"", v),
        },
        (Slot::Code | Slot::Message | Slot::Field, v) => ("a string", v),
        (Slot::Params, v) => ("an object or null", v),
        (Slot::Metadata, v) => ("an object", v),
        // Derived from the status or the catalog, or per response: they do not pick the entry.
        (
            Slot::Title
            | Slot::GrpcStatus
            | Slot::Type
            | Slot::Detail
            | Slot::Domain
            | Slot::RequestId
            | Slot::Path
            | Slot::Timestamp,
            _,
        ) => return Ok(None),
    };
    let (expected, value) = expected;
    Err(mistake(path, expected, value.kind()))
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
    pub(crate) params: Option<Vec<Member<'de>>>,
    pub(crate) metadata: Option<Vec<Member<'de>>>,
    pub(crate) retry_after: Option<u64>,
}

impl<'de> Slots<'de> {
    /// Reads the slots of template `body` from a parsed body.
    pub(crate) fn read(body: &Node, value: Json<'de>) -> Self {
        let mut slots = Slots::default();
        slots.walk(body, value, &Path::Root);
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
                if value.is_null() {
                    return;
                }
                match typed(*slot, value, path) {
                    Ok(Some(value)) => self.set(value),
                    Ok(None) => {}
                    Err(wrong) => self.fail(|| wrong),
                }
            }
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {}
        }
    }

    fn set(&mut self, value: Typed<'de>) {
        match value {
            Typed::Code(s) => self.code = Some(s),
            Typed::Message(s) => self.message = Some(s),
            Typed::Field(s) => self.field = Some(s),
            Typed::Params(o) => self.params = Some(o),
            Typed::Metadata(o) => self.metadata = Some(o),
            Typed::Status(s) => self.status = Some(s),
            Typed::RetryAfter(n) => self.retry_after = Some(n),
        }
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
