//! A validated catalog: what the derive and the docs renderer work from.

use crate::diagnostic::Pos;
use crate::template::Template;
use crate::{ItemMember, ParamKind, RateLimitValue, WireFormat};

/// A whole catalog file after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Short machine name of the API (`aiapi`).
    pub name: String,
    /// Human title (`aiapi.services`).
    pub title: String,
    /// What the API is and where its reference lives.
    pub description: Option<String>,
    /// The error body format.
    pub wire: WireFormat,
    /// The error domain (google.rpc `ErrorInfo.domain`), placed by `$domain`.
    pub domain: Option<String>,
    /// The HTTP statuses the API documents, with meaning, causes and what to do.
    pub statuses: Vec<StatusDoc>,
    /// Rate-limit response headers the API documents, sent with retryable errors.
    pub rate_limit_headers: Vec<HeaderDoc>,
    /// The header that carries the request id (`request-id`, `Request-Id`);
    /// `x-request-id` when the catalog names none.
    pub request_id_header: Option<String>,
    /// The header by which the server says whether to retry (`x-should-retry:
    /// true|false`, `Stripe-Should-Retry`), which wins over the status rule.
    pub should_retry_header: Option<String>,
    /// Every error, in file order.
    pub entries: Vec<Entry>,
    /// Sections of guidance the reference shows after the error tables
    /// (an error-handling flow, best practices, an FAQ), in file order.
    pub guides: Vec<Guide>,
    /// The example the page leads with, when the API's reference shows one.
    pub example: Option<LeadExample>,
}

/// The example body a page leads with: an entry, and the request context
/// the API's reference shows with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadExample {
    /// The entry's key.
    pub entry: String,
    /// The request id shown.
    pub request_id: Option<String>,
    /// The request path shown.
    pub path: Option<String>,
    /// The timestamp shown.
    pub timestamp: Option<String>,
}

/// A section of the reference page: a title, paragraphs, and a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    /// The section's heading.
    pub title: String,
    /// Paragraphs before the list.
    pub text: Vec<String>,
    /// List items, each one paragraph.
    pub items: Vec<String>,
    /// Whether the list is numbered (a sequence of steps).
    pub numbered: bool,
}

/// What the API's reference says about one HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDoc {
    /// The status (1xx to 5xx; success statuses may be listed for completeness).
    pub status: u16,
    /// Its name or meaning (`Too Many Requests`).
    pub meaning: String,
    /// Common causes.
    pub causes: Option<String>,
    /// What to do.
    pub solution: Option<String>,
}

/// A documented response header and an example value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderDoc {
    /// Header name as the API sends it.
    pub name: String,
    /// What it carries.
    pub description: String,
    /// An example value.
    pub example: Option<String>,
    /// Which rate-limit figure a server fills it with, if any.
    pub value: Option<RateLimitValue>,
}

/// A parameter of an entry: a message placeholder or a data member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The name (snake_case); also the variant's field name.
    pub name: String,
    /// Its type.
    pub kind: ParamKind,
    /// Whether the message template uses it; if not, it travels in the body's
    /// `$params` object, or where a `$param.NAME` places it.
    pub in_message: bool,
    /// Whether it holds sensitive data (an API key, a prompt) to keep out of logs and 5xx bodies.
    pub sensitive: bool,
    /// Whether an error may lack it (`optional: true`): an `Option` field,
    /// left out of the body (or `null`) when `None`.
    pub optional: bool,
    /// Whether the body template places it on its own (`$param.NAME`), and so
    /// not in the `$params` object.
    pub placed: bool,
    /// The members of each item of a `list` parameter; empty for other kinds.
    pub items: Vec<ItemMember>,
    /// Its name in the body's `$params` and `$metadata` objects when the API
    /// spells it otherwise than the field (`wire: vmType`).
    pub wire: Option<String>,
    /// The value the docs' examples show (`invalid-model-name`), when the
    /// API's reference gives one; `<name>` otherwise.
    pub example: Option<String>,
    /// Where it is declared (`params:`), when it is.
    pub pos: Option<Pos>,
}

/// One error of the API.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key under `errors:`.
    pub key: String,
    /// Where the key is.
    pub pos: Option<Pos>,
    /// The wire code, exactly as the API sends it; `None` for an error the
    /// API sends without one (`code: null`), told apart by status, type and message.
    pub code: Option<String>,
    /// The Rust variant name (UpperCamelCase).
    pub rust_name: String,
    /// Where the Rust name comes from: the explicit `name:` value, or the entry key.
    pub rust_name_pos: Option<Pos>,
    /// The HTTP status, 400 to 599.
    pub status: u16,
    /// The message template.
    pub message: Template,
    /// Where the message is.
    pub message_pos: Option<Pos>,
    /// The request parameter at fault, when it is the same for every error of
    /// the entry.
    pub field: Option<String>,
    /// The parameter that holds the request parameter at fault, when it varies
    /// per error (`field: $param.NAME`; Stripe's `line_items[0][price]`).
    pub field_param: Option<String>,
    /// The error's type or category (OpenAI's `type`), placed by `$type`.
    pub error_type: Option<String>,
    /// The google.rpc code `$grpc_status` writes when the status does not
    /// say it (a 400 that is `FAILED_PRECONDITION`, not `INVALID_ARGUMENT`).
    pub grpc_status: Option<String>,
    /// Whether a client may retry.
    pub retryable: bool,
    /// Whether `retryable` was written in the catalog (rather than following from status).
    pub retryable_explicit: bool,
    /// Suggested wait before retrying, in seconds.
    pub retry_after: Option<u64>,
    /// Section of the reference (Authentication, Rate limiting, ...).
    pub group: Option<String>,
    /// A heading inside the group (seed 002's "401 - Unauthorized" under
    /// "Authentication Errors"); shown on the page only.
    pub subgroup: Option<String>,
    /// What the error means.
    pub description: Option<String>,
    /// Why it happens.
    pub causes: Vec<String>,
    /// What to do about it.
    pub solutions: Vec<String>,
    /// Parameters: placeholders first, in message order, then data members.
    pub params: Vec<Param>,
    /// The entry's own values (`values:`), in file order, placed in the body
    /// by `$values.NAME`: a docs URL, an RFC 9457 `type` URI, ...
    pub values: Vec<EntryValue>,
}

/// A value an entry carries for the body template to place (`values:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryValue {
    /// Its name, as `$values.NAME` refers to it.
    pub name: String,
    /// The text sent.
    pub value: String,
    /// Where the name is.
    pub pos: Option<Pos>,
}

/// Whether `name` can name an entry value: ASCII letters, digits and `_`,
/// starting with a letter.
pub fn is_value_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Entry {
    /// The parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The entry's own value named `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.value.as_str())
    }
}

impl Catalog {
    /// Group names in order of first appearance; entries without a group come last under "Other".
    pub fn groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for entry in &self.entries {
            let group = entry.group.as_deref().unwrap_or("Other");
            if !groups.contains(&group) {
                groups.push(group);
            }
        }
        groups
    }

    /// The entry whose key is `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}
