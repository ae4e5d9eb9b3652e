//! What the catalog says about one error, as the runtime unpacks it.

use error_catalog_core::{ItemMember, ParamKind, RateLimitValue, Segment};

/// A parameter of an entry: a message placeholder or a data member of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParamInfo {
    /// The name, also the variant's field name.
    pub name: &'static str,
    /// Its name in the body's data and metadata objects: `name` unless the
    /// catalog spells it otherwise (`wire: vmType`).
    pub wire: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether the message uses it; if not it travels in the body's data object.
    pub in_message: bool,
    /// Whether the value is sensitive and kept out of 5xx bodies.
    pub sensitive: bool,
    /// Whether an error may lack it (an `Option` field).
    pub optional: bool,
    /// Whether the body template places it on its own (`$param.NAME`), and
    /// so not in the `$params` object.
    pub placed: bool,
    /// The members of each item of a [`ParamKind::List`] parameter; empty
    /// for other kinds. A body whose list has an item without a required
    /// member, or with a member of another type, does not fit the entry.
    pub items: &'static [ItemMember],
}

/// Everything the catalog says about one error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorEntry {
    /// The entry's key in the catalog file.
    pub key: &'static str,
    /// The Rust variant name.
    pub name: &'static str,
    /// The wire code, exactly as the API sends it; `None` for an error the API
    /// sends without one (`code: null` in the catalog).
    pub code: Option<&'static str>,
    /// The HTTP status.
    pub status: u16,
    /// The message template, e.g. `model '{model}' not found`.
    pub message: &'static str,
    /// The message template split into text and placeholders.
    pub segments: &'static [Segment],
    /// The request parameter at fault, when it is the same for every error
    /// of the entry.
    pub field: Option<&'static str>,
    /// The parameter holding the request parameter at fault, when it varies
    /// per error (`field: $param.NAME` in the catalog).
    pub field_param: Option<&'static str>,
    /// The error's type or category (OpenAI's `type`), if the catalog gives one.
    pub error_type: Option<&'static str>,
    /// The google.rpc code the catalog gives the entry (`grpc_status:`) when
    /// its status does not say it; see [`ErrorEntry::grpc_status`].
    pub grpc: Option<&'static str>,
    /// Whether a client may retry.
    pub retryable: bool,
    /// Suggested wait before retrying, in seconds.
    pub retry_after: Option<u64>,
    /// The reference section (Authentication, Rate limiting, ...).
    pub group: Option<&'static str>,
    /// What the error means.
    pub description: Option<&'static str>,
    /// Why it happens.
    pub causes: &'static [&'static str],
    /// What to do about it.
    pub solutions: &'static [&'static str],
    /// Its parameters: placeholders first, then data members.
    pub params: &'static [ParamInfo],
    /// Its own values (`values:` in the catalog), `(name, text)`, which the
    /// body template places with `$values.NAME`.
    pub values: &'static [(&'static str, &'static str)],
}

impl ErrorEntry {
    /// The status as an [`http::StatusCode`].
    pub fn status_code(&self) -> http::StatusCode {
        // Every catalog status is validated to lie in 400..=599 at compile time.
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The HTTP reason phrase of the status (`Too Many Requests`), as the
    /// `http` crate spells it; `Client Error` or `Server Error` for statuses
    /// without one.
    pub fn title(&self) -> &'static str {
        reason(self.status)
    }

    /// The entry's google.rpc canonical code (`RESOURCE_EXHAUSTED`): the
    /// catalog's `grpc_status`, else the one google.rpc gives its status.
    pub fn grpc_status(&self) -> &'static str {
        self.grpc
            .unwrap_or_else(|| error_catalog_core::grpc_code(self.status))
    }

    /// The entry's own value named `name` (a docs URL, a problem type URI, ...).
    pub fn value(&self, name: &str) -> Option<&'static str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// The parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamInfo> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// A rate-limit header the API sends, and the figure it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimitHeader {
    /// The header name as the API spells it.
    pub name: &'static str,
    /// What it carries.
    pub value: RateLimitValue,
}

impl RateLimitHeader {
    /// The header `name`, carrying `value`.
    pub const fn new(name: &'static str, value: RateLimitValue) -> Self {
        RateLimitHeader { name, value }
    }
}

/// The reason phrase of `status`, or the class fallback.
pub(crate) fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or_else(|| error_catalog_core::reason_fallback(status))
}
