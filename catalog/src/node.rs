//! A YAML document as a tree of positioned nodes, read through serde-saphyr.
//!
//! The catalog is read in two steps: serde-saphyr turns the text into this tree
//! (every key and value with its line and column), then `validate` interprets the
//! tree, so a wrong type or an unknown key in one entry does not hide the problems
//! in the next one: every problem is reported at once.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Pos;

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key as written.
    pub name: String,
    /// Where the key starts.
    pub pos: Option<Pos>,
}

/// A YAML value with its position and, for scalars, the source text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Option<Pos>,
    /// The value.
    pub value: Value,
    /// The scalar exactly as written in the file (without quotes), when known.
    /// Lets a string field keep `0x1F` or `1e3` as written instead of the number
    /// YAML would make of it.
    pub source_text: Option<String>,
    /// Byte offset and length of the value in the source, when known.
    byte_span: Option<(usize, usize)>,
}

/// The kinds of YAML value a catalog uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` or `false` (strict: `yes`/`no`/`on`/`off` stay strings).
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order. Repeated keys are kept so they can be reported
    /// with both positions.
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// What a user would call this kind of value, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// A null value at `pos` (an empty document).
    pub fn null_at(pos: Pos) -> Node {
        Node {
            pos: Some(pos),
            value: Value::Null,
            source_text: None,
            byte_span: None,
        }
    }

    /// The value as a string, if it is a scalar: strings as they are, other
    /// scalars as written in the file (so `0x1F` stays `0x1F`, not `31`).
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => self
                .source_text
                .clone()
                .or_else(|| Some(self.scalar_display())),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    fn scalar_display(&self) -> String {
        match &self.value {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(x) => x.to_string(),
            _ => String::new(),
        }
    }
}

/// A value without its position; what the visitor produces before the
/// surrounding `Spanned` adds the location.
struct Bare(Value);

impl<'de> Deserialize<'de> for Bare {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BareVisitor)
    }
}

struct BareVisitor;

impl<'de> Visitor<'de> for BareVisitor {
    type Value = Bare;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Bare, E> {
        Ok(Bare(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Bare, E> {
        Ok(Bare(Value::Int(v.into())))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Bare, E> {
        Ok(Bare(Value::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Bare, E> {
        Ok(Bare(Value::Int(v.into())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Bare, E> {
        Ok(match i128::try_from(v) {
            Ok(i) => Bare(Value::Int(i)),
            Err(_) => Bare(Value::Float(v as f64)),
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Bare, E> {
        Ok(Bare(Value::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Bare, E> {
        Ok(Bare(Value::Str(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Bare, E> {
        Ok(Bare(Value::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bare, E> {
        Ok(Bare(Value::Str(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Bare, E> {
        Ok(Bare(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Bare, E> {
        Ok(Bare(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Bare, D::Error> {
        Bare::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bare, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Bare>>()? {
            items.push(node_from(item));
        }
        Ok(Bare(Value::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bare, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            // Keys are read as text whatever YAML would type them as (`429:`).
            let value = map.next_value::<Spanned<Bare>>()?;
            members.push((
                Key {
                    name: key.value.0,
                    pos: Pos::from_location(key.referenced),
                },
                node_from(value),
            ));
        }
        Ok(Bare(Value::Map(members)))
    }
}

/// A mapping key read as text whatever YAML would type it as.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Asking for a string keeps the scalar's text as written and is
        // cheaper than typing it first; a list or mapping as key is an error.
        String::deserialize(deserializer).map(KeyText)
    }
}

fn node_from(spanned: Spanned<Bare>) -> Node {
    let span = spanned.referenced.span();
    let byte_span = match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => usize::try_from(start).ok().zip(usize::try_from(len).ok()),
        _ => None,
    };
    Node {
        pos: Pos::from_location(spanned.referenced),
        value: spanned.value.0,
        source_text: None,
        byte_span,
    }
}

/// The document's root node, read with positions.
pub(crate) struct Root(pub Node);

impl<'de> Deserialize<'de> for Root {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Bare>::deserialize(deserializer)?;
        Ok(Root(node_from(spanned)))
    }
}

/// Fills in `source_text` for typed scalars from the byte spans the parser
/// reported, now that the whole source is at hand.
pub(crate) fn attach_source_text(node: &mut Node, source: &str) {
    if matches!(node.value, Value::Bool(_) | Value::Int(_) | Value::Float(_)) {
        node.source_text = node
            .byte_span
            .and_then(|(start, len)| source.get(start..start.checked_add(len)?))
            .map(|text| text.trim().to_owned());
    }
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| attach_source_text(n, source)),
        Value::Map(members) => members
            .iter_mut()
            .for_each(|(_, n)| attach_source_text(n, source)),
        _ => {}
    }
}
