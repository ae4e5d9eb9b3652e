//! Finding a body's slots: streamed straight from the deserializer along the
//! template's objects, read from a parsed tree inside template arrays.
//!
//! Both readers give the same result for the same body:
//! - a member that repeats counts once, as its last occurrence (as JavaScript
//!   and `serde_json::Value` read duplicates), even when that one is `null`;
//! - when two template places hold the same slot, the later one in template
//!   order wins, whatever order the body's members come in;
//! - of several format mistakes, the one first in template order is reported.
//!
//! Every value read is tagged with its place in the template ([`Pos`]), which
//! is what makes the streamed order irrelevant.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::json::{Json, JsonVisitor};
use crate::short::same;
use crate::wire::{Node, Slot};
use crate::ApiErrorCatalog;

/// The visitor methods of a body-template object for values that are not
/// objects: each records "expected an object" through the visitor's own
/// `not_an_object` (`'de` is the visitor's input lifetime).
macro_rules! not_an_object_visits {
    () => {
        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            self.not_an_object("a boolean")
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            self.not_an_object("a number")
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            self.not_an_object("a number")
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            self.not_an_object("a number")
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            self.not_an_object("a string")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            self.not_an_object("an array")
        }
    };
}
pub(crate) use not_an_object_visits;

/// Object members of a parsed body.
pub(crate) type Members<'de> = Vec<(Cow<'de, str>, Json<'de>)>;

/// A place in the body template: the member or element index at each level,
/// packed one byte per level from the top, so that comparing two places
/// compares their template order. Sixteen levels, as deep as a template may
/// nest, and 254 members or elements per level, as many as the catalog's
/// validation allows (`error_catalog_model::wire::MAX_TEMPLATE_MEMBERS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    /// One byte per level, most significant first (a byte store per level
    /// rather than a 128-bit shift).
    digits: [u8; 16],
    depth: u8,
}

impl Pos {
    /// The template's root object.
    pub(crate) const ROOT: Pos = Pos {
        digits: [0; 16],
        depth: 0,
    };

    /// How many levels a place can tell apart.
    const LEVELS: u8 = 16;

    /// The place of child `index` (member or element) of this one.
    #[inline]
    fn child(self, index: usize) -> Pos {
        let mut child = Pos {
            depth: self.depth.saturating_add(1),
            ..self
        };
        if let Some(digit) = child.digits.get_mut(usize::from(self.depth)) {
            // `index + 1`, so that a child sorts after nothing and 0 means "no level".
            *digit = u8::try_from(index + 1).unwrap_or(u8::MAX);
        }
        child
    }

    /// The place as a number that compares in template order.
    #[inline]
    fn key(self) -> u128 {
        u128::from_be_bytes(self.digits)
    }

    /// Whether the place `key` is this one or inside it.
    fn contains(self, key: u128) -> bool {
        let levels = u32::from(self.depth.min(Self::LEVELS));
        levels == 0 || key >> (128 - 8 * levels) == self.key() >> (128 - 8 * levels)
    }
}

/// Where a value sits in the body, for error messages; built on the stack and
/// written out only when there is something to report.
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
            Path::Root => f.write_str("the body"),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// The values a slot was given, each with the place it was read from: the
/// one from the latest place counts; the others wait in case a repeated
/// member takes that one back. That is rare, so the list is an `Option`:
/// `None` is dropped with one test where an empty `Vec` costs a call.
#[derive(Debug)]
struct At<T> {
    best: Option<(u128, T)>,
    others: Option<Vec<(u128, T)>>,
}

impl<T> Default for At<T> {
    fn default() -> Self {
        At {
            best: None,
            others: None,
        }
    }
}

impl<T> At<T> {
    /// Stores `value`; it counts unless a later template place gave one.
    #[inline]
    fn put(&mut self, at: Pos, value: T) {
        match &self.best {
            Some((key, _)) if *key > at.key() => self.keep((at.key(), value)),
            _ => {
                if let Some(old) = self.best.replace((at.key(), value)) {
                    // The same place again only happens past what `Pos` tells apart.
                    if old.0 != at.key() {
                        self.keep(old);
                    }
                }
            }
        }
    }

    /// Keeps an outranked value in case the one above it is forgotten.
    #[cold]
    fn keep(&mut self, value: (u128, T)) {
        self.others.get_or_insert_default().push(value);
    }

    /// Forgets the values read at or under `at`.
    fn forget(&mut self, at: Pos) {
        let mut others = self.others.as_mut();
        if let Some(others) = others.as_mut() {
            others.retain(|(key, _)| !at.contains(*key));
        }
        if self.best.as_ref().is_some_and(|(key, _)| at.contains(*key)) {
            self.best = others.and_then(|others| {
                let latest = (0..others.len()).max_by_key(|&i| others[i].0)?;
                Some(others.swap_remove(latest))
            });
        }
    }
}

/// What the slots of a body held.
#[derive(Debug, Default)]
pub(crate) struct Found<'de> {
    code: At<Cow<'de, str>>,
    message: At<Cow<'de, str>>,
    status: At<u16>,
    field: At<Cow<'de, str>>,
    params: At<Members<'de>>,
    metadata: At<Members<'de>>,
    retry_after: At<u64>,
    /// Format mistakes, each with its place.
    errors: Vec<(u128, String)>,
}

impl<'de> Found<'de> {
    /// The first format mistake in template order, if any.
    #[inline]
    fn error(&mut self) -> Option<String> {
        if self.errors.is_empty() {
            return None;
        }
        let first = (0..self.errors.len()).min_by_key(|&i| self.errors[i].0)?;
        Some(self.errors.swap_remove(first).1)
    }

    fn fail(&mut self, at: Pos, message: String) {
        self.errors.push((at.key(), message));
    }

    /// Forgets everything read at or under `at`: its member came again.
    fn forget_under(&mut self, at: Pos) {
        self.code.forget(at);
        self.message.forget(at);
        self.status.forget(at);
        self.field.forget(at);
        self.params.forget(at);
        self.metadata.forget(at);
        self.retry_after.forget(at);
        self.errors.retain(|(key, _)| !at.contains(*key));
    }

    /// Records the value of `slot` found at `at` (not `null`).
    fn record(&mut self, slot: Slot, value: Json<'de>, at: Pos, path: &Path<'_>) {
        match typed(slot, value, path) {
            Ok(Some(value)) => self.put(at, value),
            Ok(None) => {}
            Err(mistake) => self.fail(at, mistake),
        }
    }

    #[inline]
    fn put(&mut self, at: Pos, value: Typed<'de>) {
        match value {
            Typed::Code(s) => self.code.put(at, s),
            Typed::Message(s) => self.message.put(at, s),
            Typed::Field(s) => self.field.put(at, s),
            Typed::Params(o) => self.params.put(at, o),
            Typed::Metadata(o) => self.metadata.put(at, o),
            Typed::Status(s) => self.status.put(at, s),
            Typed::RetryAfter(n) => self.retry_after.put(at, n),
        }
    }

    /// Moves the values that count, and the first format mistake in template order, into `slots`.
    pub(crate) fn into_slots(mut self, slots: &mut Slots<'de>) {
        fn take<T>(at: At<T>) -> Option<T> {
            at.best.map(|(_, value)| value)
        }
        *slots = Slots {
            error: self.error(),
            code: take(self.code),
            message: take(self.message),
            status: take(self.status),
            field: take(self.field),
            params: take(self.params),
            metadata: take(self.metadata),
            retry_after: take(self.retry_after),
        };
    }

    fn wrong_kind(&mut self, at: Pos, path: &Path<'_>, expected: &str, found: &str) {
        self.fail(at, wrong_kind(path, expected, found));
    }
}

/// A slot's value in the type the slot holds.
pub(crate) enum Typed<'de> {
    Code(Cow<'de, str>),
    Message(Cow<'de, str>),
    Field(Cow<'de, str>),
    Params(Members<'de>),
    Metadata(Members<'de>),
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
/// gives it: `None` for slots that do not pick the entry, the mistake as text
/// when the type is wrong.
pub(crate) fn typed<'de>(
    slot: Slot,
    value: Json<'de>,
    path: &Path<'_>,
) -> Result<Option<Typed<'de>>, String> {
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
    Err(format!(
        "`{path}` must be {expected}, found {}",
        value.kind()
    ))
}

/// The mistake of a body that is not an object where the template has one.
pub(crate) fn wrong_kind(path: &Path<'_>, expected: &str, found: &str) -> String {
    format!("expected {expected} at `{path}`, found {found}")
}

/// What a body's slots held, as read: the value each slot counts with, and
/// the first format mistake in template order.
#[derive(Debug, Default)]
pub(crate) struct Slots<'de> {
    pub(crate) error: Option<String>,
    pub(crate) code: Option<Cow<'de, str>>,
    pub(crate) message: Option<Cow<'de, str>>,
    pub(crate) status: Option<u16>,
    pub(crate) field: Option<Cow<'de, str>>,
    pub(crate) params: Option<Members<'de>>,
    pub(crate) metadata: Option<Members<'de>>,
    pub(crate) retry_after: Option<u64>,
}

impl<'de> Slots<'de> {
    pub(crate) fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    pub(crate) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub(crate) fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
    pub(crate) fn params(&self) -> Option<&[(Cow<'de, str>, Json<'de>)]> {
        self.params.as_deref()
    }
    pub(crate) fn metadata(&self) -> Option<&[(Cow<'de, str>, Json<'de>)]> {
        self.metadata.as_deref()
    }

    /// Which of the values above `slot` fills, as a bit: `None` for slots
    /// that do not pick the entry (see [`typed`]).
    pub(crate) const fn place(slot: Slot) -> Option<u8> {
        Some(match slot {
            Slot::Code => 1,
            Slot::Message => 2,
            Slot::Field => 4,
            Slot::Params => 8,
            Slot::Metadata => 16,
            Slot::Status | Slot::StatusText => 32,
            Slot::RetryAfter | Slot::RetryDelay => 64,
            Slot::Title
            | Slot::GrpcStatus
            | Slot::Type
            | Slot::Detail
            | Slot::Domain
            | Slot::RequestId
            | Slot::Path
            | Slot::Timestamp => return None,
        })
    }

    /// Forgets the value `slot` gave.
    pub(crate) fn clear(&mut self, slot: Slot) {
        match slot {
            Slot::Code => self.code = None,
            Slot::Message => self.message = None,
            Slot::Field => self.field = None,
            Slot::Params => self.params = None,
            Slot::Metadata => self.metadata = None,
            Slot::Status | Slot::StatusText => self.status = None,
            Slot::RetryAfter | Slot::RetryDelay => self.retry_after = None,
            _ => {}
        }
    }

    /// Keeps `value` for its slot (a later one replaces it).
    #[inline]
    pub(crate) fn set(&mut self, value: Typed<'de>) {
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

/// Seconds of a protobuf JSON duration (`"60s"`, `"1.5s"`), rounded up.
fn parse_duration_secs(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let secs: f64 = number.parse().ok()?;
    (0.0..1e12).contains(&secs).then(|| secs.ceil() as u64)
}

/// Reads a whole body from a deserializer, following the body template of `E`'s catalog.
///
/// Errors are the deserializer's own (syntax, nesting); format mistakes are
/// left in the result ([`Slots::error`]), after the whole input was read, so
/// a syntax error later in the body still counts first. A template that is one
/// object of distinct slots is read by [`crate::flat`], which needs none of the
/// bookkeeping below; both readers give the same result.
pub(crate) fn stream<'de, E: ApiErrorCatalog, D: Deserializer<'de>>(
    deserializer: D,
    slots: &mut Slots<'de>,
) -> Result<(), D::Error> {
    // A constant per catalog: each instance keeps one reader.
    if let Some(members) = E::__FLAT_MEMBERS {
        return crate::flat::stream::<E, D>(members, deserializer, slots);
    }
    let template = &E::catalog().wire.body;
    let mut found = Found::default();
    Streamed {
        node: template,
        at: Pos::ROOT,
        path: &Path::Root,
        found: &mut found,
    }
    .deserialize(deserializer)?;
    found.into_slots(slots);
    Ok(())
}

/// Reads the value of template `node` from a deserializer into `found`.
struct Streamed<'a, 'p, 'de> {
    node: &'static Node,
    at: Pos,
    path: &'p Path<'p>,
    found: &'a mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Streamed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.node {
            Node::Object { .. } => deserializer.deserialize_any(self),
            Node::Slot(slot) | Node::SlotOrNull(slot) => SlotRead {
                slot: *slot,
                at: self.at,
                path: self.path,
                found: self.found,
            }
            .deserialize(deserializer),
            Node::Array { .. } => {
                let value = Json::deserialize(deserializer)?;
                read_tree(self.node, &value, self.at, self.path, self.found);
                Ok(())
            }
            // Constants are not checked: a body that differs only there is still readable.
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {
                IgnoredAny::deserialize(deserializer).map(drop)
            }
        }
    }
}

impl Streamed<'_, '_, '_> {
    fn not_an_object<E>(self, found: &str) -> Result<(), E> {
        self.found
            .wrong_kind(self.at, self.path, "an object", found);
        Ok(())
    }
}

/// Members seen so far of one template object, to notice a member that repeats.
struct Seen {
    small: u64,
    more: Vec<bool>,
}

impl Seen {
    #[inline]
    fn new(members: usize) -> Seen {
        Seen {
            small: 0,
            more: if members > 64 {
                vec![false; members - 64]
            } else {
                Vec::new()
            },
        }
    }

    /// Marks member `i` seen; whether it was seen before.
    fn mark(&mut self, i: usize) -> bool {
        if i < 64 {
            let before = self.small & 1 << i != 0;
            self.small |= 1 << i;
            before
        } else {
            std::mem::replace(&mut self.more[i - 64], true)
        }
    }
}

impl<'de> Visitor<'de> for Streamed<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Node::Object { members, .. } = self.node else {
            unreachable!("only objects are visited as maps")
        };
        let mut seen = Seen::new(members.len());
        while let Some(index) = map.next_key_seed(MemberIndex(members))? {
            let Some(i) = index else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let (name, node) = &members[i];
            let at = self.at.child(i);
            if seen.mark(i) {
                // Only the last occurrence counts.
                self.found.forget_under(at);
            }
            let path = &Path::Key(self.path, name);
            let found = &mut *self.found;
            // Slots are read here rather than through `Streamed`: most members are slots.
            match node {
                Node::Slot(slot) | Node::SlotOrNull(slot) => map.next_value_seed(SlotRead {
                    slot: *slot,
                    at,
                    path,
                    found,
                })?,
                _ => map.next_value_seed(Streamed {
                    node,
                    at,
                    path,
                    found,
                })?,
            }
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if matches!(self.path, Path::Root) {
            self.not_an_object("null")
        } else {
            Ok(())
        }
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    not_an_object_visits!();
}

/// Reads an object key as the index of the template member it names (`None`
/// for a member the template does not have), without keeping the key.
pub(crate) struct MemberIndex(pub(crate) &'static [(&'static str, Node)]);

impl<'de> DeserializeSeed<'de> for MemberIndex {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(member_index(self.0, key))
    }
}

/// The index of the member of `members` called `key`.
#[inline]
pub(crate) fn member_index(members: &[(&'static str, Node)], key: &str) -> Option<usize> {
    members.iter().position(|(name, _)| same(name, key))
}

/// Reads one slot's value straight from the deserializer: strings go to their
/// slot without an intermediate [`Json`], anything else through [`Found::record`].
struct SlotRead<'a, 'p, 'de> {
    slot: Slot,
    at: Pos,
    path: &'p Path<'p>,
    found: &'a mut Found<'de>,
}

impl<'de> SlotRead<'_, '_, 'de> {
    fn text<E>(self, text: Cow<'de, str>) -> Result<(), E> {
        let found = self.found;
        match self.slot {
            Slot::Code => found.code.put(self.at, text),
            Slot::Message => found.message.put(self.at, text),
            Slot::Field => found.field.put(self.at, text),
            slot => found.record(slot, Json::Str(text), self.at, self.path),
        }
        Ok(())
    }

    fn other<E>(self, value: Json<'de>) -> Result<(), E> {
        self.found.record(self.slot, value, self.at, self.path);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for SlotRead<'_, '_, 'de> {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SlotRead<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        self.text(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.text(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<(), E> {
        self.text(Cow::Owned(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.other(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.other(Json::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.other(Json::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.other(Json::Float(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = JsonVisitor.visit_map(map)?;
        self.other(value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let value = JsonVisitor.visit_seq(seq)?;
        self.other(value)
    }
}

/// Reads the value of template `node` from a parsed tree into `found`.
pub(crate) fn read_tree<'de>(
    node: &Node,
    value: &Json<'de>,
    at: Pos,
    path: &Path<'_>,
    found: &mut Found<'de>,
) {
    match node {
        Node::Object { members, .. } => {
            let object = match value {
                Json::Object(o) => o,
                Json::Null if !matches!(path, Path::Root) => return,
                other => return found.wrong_kind(at, path, "an object", other.kind()),
            };
            for (i, (key, child)) in members.iter().enumerate() {
                if let Some(v) = Json::get(object, key) {
                    read_tree(child, v, at.child(i), &Path::Key(path, key), found);
                }
            }
        }
        Node::Array { items, .. } => {
            let array = match value {
                Json::Array(a) => a,
                Json::Null => return,
                other => return found.wrong_kind(at, path, "an array", other.kind()),
            };
            // Each template element reads the first body element whose constant
            // members match it (e.g. the same `@type`), so order does not matter.
            let mut used = vec![false; array.len()];
            for (n, item) in items.iter().enumerate() {
                let pick = array
                    .iter()
                    .enumerate()
                    .position(|(i, v)| !used[i] && constants_match(item, v));
                if let Some(i) = pick {
                    used[i] = true;
                    read_tree(item, &array[i], at.child(n), &Path::Index(path, i), found);
                }
            }
        }
        Node::Slot(slot) | Node::SlotOrNull(slot) => {
            if !value.is_null() {
                found.record(*slot, value.clone(), at, path);
            }
        }
        Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_compare_in_template_order() {
        let a = Pos::ROOT.child(0).child(5);
        let b = Pos::ROOT.child(1);
        let c = Pos::ROOT.child(1).child(0).child(2);
        assert!(a.key() < b.key() && b.key() < c.key());
        assert!(b.contains(c.key()) && !b.contains(a.key()) && Pos::ROOT.contains(a.key()));
        let deep = (0..20).fold(Pos::ROOT, |p, _| p.child(3));
        let sixteen = (0..15).fold(Pos::ROOT, |p, _| p.child(0));
        assert!(sixteen.child(0).key() < sixteen.child(1).key());
        assert!(deep.contains(deep.key()));
    }

    #[test]
    fn paths_read_like_the_body() {
        let error = Path::Key(&Path::Root, "error");
        let details = Path::Key(&error, "details");
        let first = Path::Index(&details, 0);
        assert_eq!(Path::Root.to_string(), "the body");
        assert_eq!(
            Path::Key(&first, "reason").to_string(),
            "error.details[0].reason"
        );
    }
}
