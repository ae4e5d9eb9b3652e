//! The `'static` metadata of a catalog and its entries, as generated code stores it.

use crate::wire::WireFormat;

/// The type of a parameter, as the catalog declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
}

/// A parameter of an entry: a message placeholder or a data member of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParamInfo {
    /// The name, also the variant's field name.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether the message uses it; if not it travels in the body's data object.
    pub in_message: bool,
    /// Whether the value is sensitive and kept out of 5xx bodies.
    pub sensitive: bool,
}

/// One piece of a message template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text copied as it is.
    Literal(&'static str),
    /// Filled from the parameter of that name.
    Placeholder(&'static str),
}

/// Everything the catalog says about one error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorEntry {
    /// The entry's key in the catalog file.
    pub key: &'static str,
    /// The Rust variant name.
    pub name: &'static str,
    /// The wire code, exactly as the API sends it.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The message template, e.g. `model '{model}' not found`.
    pub message: &'static str,
    /// The message template split into text and placeholders.
    pub segments: &'static [Segment],
    /// The request parameter at fault, if any.
    pub field: Option<&'static str>,
    /// The error's type or category (OpenAI's `type`), if the catalog gives one.
    pub error_type: Option<&'static str>,
    /// The HTTP reason phrase of the status.
    pub title: &'static str,
    /// The google.rpc canonical code of the status.
    pub grpc_status: &'static str,
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
}

impl ErrorEntry {
    /// The status as an [`http::StatusCode`].
    pub fn status_code(&self) -> http::StatusCode {
        // Every catalog status is validated to lie in 400..=599 at compile time.
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamInfo> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// The figure a rate-limit header carries.
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

/// A rate-limit header the API sends, and the figure it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimitHeader {
    /// The header name as the API spells it.
    pub name: &'static str,
    /// What it carries.
    pub value: RateLimitValue,
}

/// A whole catalog: the API it describes, its body format and every entry.
#[derive(Debug)]
pub struct Catalog {
    /// Short machine name of the API.
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// What the API is.
    pub description: Option<&'static str>,
    /// The error body format.
    pub wire: WireFormat,
    /// The error domain (google.rpc `ErrorInfo.domain`), if any.
    pub domain: Option<&'static str>,
    /// Rate-limit headers the API documents, with the figure each carries.
    pub rate_limit_headers: &'static [RateLimitHeader],
    /// Every entry, in file order; a variant's index is its position here.
    pub entries: &'static [ErrorEntry],
    /// `(code, entry index)` sorted by code, for lookups by wire code.
    pub code_index: &'static [(&'static str, u32)],
}

impl Catalog {
    /// The entries whose wire code is `code` (several when entries share a code).
    pub fn entries_with_code<'a>(
        &self,
        code: &'a str,
    ) -> impl Iterator<Item = (usize, &'static ErrorEntry)> + 'a {
        let (entries, index) = (self.entries, self.code_index);
        let start = index.partition_point(|(c, _)| *c < code);
        index[start..]
            .iter()
            .take_while(move |(c, _)| *c == code)
            .map(move |(_, i)| (*i as usize, &entries[*i as usize]))
    }
}
