//! A YAML document as a tree of positioned nodes (read by `yaml`).
//!
//! The catalog is read in two steps: the YAML parser turns the text into this tree
//! (every key and value with its line and column), then `validate` interprets the
//! tree, so a wrong type or an unknown key in one entry does not hide the problems
//! in the next one: every problem is reported at once.

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
