//! What an entry's parameters and message template are made of.

use std::borrow::Cow;

/// The type of a message or data parameter, as the catalog declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// Text; a Rust `String`.
    String,
    /// A whole number; a Rust `i64` (`u64` for `retry_after`).
    Integer,
    /// A number; a Rust `f64`.
    Number,
    /// `true` or `false`; a Rust `bool`.
    Boolean,
    /// A JSON object; a Rust `error_catalog::Object` (its JSON text, members
    /// in body order).
    Object,
    /// A list of items whose members the catalog declares (`items:`); a Rust
    /// `Vec<T>` of any serde type `T` with those members.
    List,
}

impl ParamKind {
    /// Every kind with its catalog spelling.
    pub const ALL: [(ParamKind, &'static str); 6] = [
        (ParamKind::String, "string"),
        (ParamKind::Integer, "integer"),
        (ParamKind::Number, "number"),
        (ParamKind::Boolean, "boolean"),
        (ParamKind::Object, "object"),
        (ParamKind::List, "list"),
    ];

    /// The kind's catalog spelling.
    pub fn name(self) -> &'static str {
        ParamKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("string", |(_, n)| n)
    }
}

/// One member of a list parameter's items (`items: {field: string}`). A list
/// of plain values (`items: string`) has one member with an empty name: the
/// item itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemMember {
    /// The member's name as the body spells it (any spelling: `quotaId`, `@type`).
    pub name: Cow<'static, str>,
    /// Its JSON type; never [`ParamKind::List`].
    pub kind: ParamKind,
    /// Whether an item may lack it (or hold `null`).
    pub optional: bool,
}

/// The figure a rate-limit header carries, so a server can fill it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateLimitValue {
    /// Requests allowed in the window.
    Limit,
    /// Requests left in the window.
    Remaining,
    /// When the window resets (Unix time).
    Reset,
    /// Seconds to wait before retrying.
    RetryAfter,
}

impl RateLimitValue {
    /// Every value with its catalog spelling.
    pub const ALL: [(RateLimitValue, &'static str); 4] = [
        (RateLimitValue::Limit, "limit"),
        (RateLimitValue::Remaining, "remaining"),
        (RateLimitValue::Reset, "reset"),
        (RateLimitValue::RetryAfter, "retry_after"),
    ];
}

/// One piece of a message template (`model '{model}' not found` is a literal,
/// a placeholder and a literal).
///
/// The text is borrowed from generated code's `'static` data at run time and
/// owned when the model reads a catalog file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text copied as it is.
    Literal(Cow<'static, str>),
    /// Filled from the parameter of that name.
    Placeholder(Cow<'static, str>),
}
