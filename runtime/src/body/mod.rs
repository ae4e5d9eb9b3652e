//! Error bodies: written from a value by walking the catalog's template,
//! read back by finding each slot in the JSON, then the entry, then its
//! parameters.
//!
//! Reading is lenient about member order, extra members and whitespace and
//! strict about the types the format defines. A code or message the catalog
//! does not know becomes an [`UnknownError`], never a failure.

mod identify;
mod json;
mod slots;
mod write;

use std::fmt;

use serde::de::DeserializeSeed;

pub(crate) use identify::from_params;
pub use identify::Parts;
pub(crate) use write::serialize;

use crate::unknown::UnknownError;
use crate::ApiErrorCatalog;
use json::Pruned;
use slots::Slots;

/// Why a body could not be read as an error of the catalog.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is not JSON.
    Json(serde_json::Error),
    /// The body is JSON but not in the catalog's format.
    Format(FormatError),
    /// The body is longer than the client reads (see
    /// [`client::DEFAULT_MAX_BODY`](crate::client::DEFAULT_MAX_BODY)); the rest
    /// was not read.
    #[non_exhaustive]
    TooLarge {
        /// The most bytes the client reads.
        limit: usize,
    },
    /// The body is well-formed but is no error of the enum (its code is not
    /// in the catalog, it does not fit its code's entry, or the enum leaves
    /// that entry out or holds a cause there that a body cannot give), and
    /// the enum has no `#[catalog(unknown)]` variant to hold it.
    Unknown(Box<UnknownError>),
    /// The body could not be read to its end: the connection closed or the
    /// request timed out while it arrived, or it could not be decoded (a
    /// corrupt compressed body). The response's status and headers had
    /// arrived (see [`ClientError::Body`](crate::client::ClientError::Body)).
    Incomplete(Box<dyn std::error::Error + Send + Sync>),
}

/// Where a JSON body departs from the catalog's format, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormatError {
    /// The member at fault, as a path such as `error.details[0].field`;
    /// empty for the body itself.
    pub at: String,
    /// What the format has there (`a string`, `an HTTP status number from 100 to 599`).
    pub expected: &'static str,
    /// What the body has there (`a number`, `an array`), or `nothing` when
    /// the member is missing.
    pub found: &'static str,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.at.is_empty() {
            "the body"
        } else {
            &self.at
        };
        if self.found == "nothing" {
            write!(
                f,
                "`{at}` is missing; the format puts {} there",
                self.expected
            )
        } else {
            write!(f, "`{at}` must be {}, found {}", self.expected, self.found)
        }
    }
}

impl std::error::Error for FormatError {}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Json(e) => write!(f, "error body is not valid JSON: {e}"),
            BodyError::Format(e) => write!(f, "error body is not in the catalog's format: {e}"),
            BodyError::TooLarge { limit } => write!(
                f,
                "error body is longer than {limit} bytes; the client stopped reading it (raise the limit with `client::check_with_limit` or `CatalogRetry::max_body` if the API really sends such bodies)"
            ),
            BodyError::Unknown(u) => write!(
                f,
                "error body is no error of this enum ({}): {}; its code is not in the catalog, or the body does not fit its code's entry (status, message, a required parameter), or the enum leaves that entry out or cannot rebuild its variant from a body (a `#[catalog(source)]` field that is not an `Option`); add a `#[catalog(unknown)]` variant to keep such errors",
                u.code.as_deref().map_or("no code".to_owned(), |c| format!("code `{c}`")),
                u.message
            ),
            BodyError::Incomplete(e) => {
                write!(f, "error body could not be read to its end: {e}")
            }
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::Json(e) => Some(e),
            BodyError::Format(e) => Some(e),
            BodyError::Unknown(u) => Some(&**u),
            BodyError::Incomplete(e) => Some(&**e),
            BodyError::TooLarge { .. } => None,
        }
    }
}

/// What a response's code header said (`wire: {code_header: ...}`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum CodeHeader<'a> {
    /// The headers were not seen (a body on its own).
    Unread,
    /// The headers were seen: the code the header named, if it was there.
    Read(Option<&'a str>),
}

/// The wire code a response's headers carry in the catalog's code header,
/// if it has one and the header is there.
pub(crate) fn header_code<E: ApiErrorCatalog>(headers: &http::HeaderMap) -> Option<&str> {
    let name = E::catalog().wire().code_header.as_deref()?;
    crate::wire::WireFormat::code_in_header(headers.get(name)?.to_str().ok()?)
}

/// Reads a JSON body; `status` is the HTTP status of the response, when
/// known, and `header` what its code header said.
pub(crate) fn from_slice<E: ApiErrorCatalog>(
    body: &[u8],
    status: Option<u16>,
    header: CodeHeader<'_>,
) -> Result<E, BodyError> {
    let wire = E::catalog().wire();
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let json = Pruned(&wire.body)
        .deserialize(&mut deserializer)
        .and_then(|json| deserializer.end().map(|()| json))
        .map_err(BodyError::Json)?;
    identify::from_slots(Slots::read(wire, json), status, header, Some(body))
}

/// Reads a body from any self-describing format (borrowing strings where it
/// can): the generated `Deserialize`.
pub fn deserialize<'de, E: ApiErrorCatalog, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    let wire = E::catalog().wire();
    let json = Pruned(&wire.body).deserialize(deserializer)?;
    identify::from_slots(Slots::read(wire, json), None, CodeHeader::Unread, None)
        .map_err(<D::Error as serde::de::Error>::custom)
}

/// The request id a body carries where the catalog's template puts
/// `$request_id` (AIML's `requestId`, Anthropic's `request_id`), for a
/// client to report; `None` when the template has none or the body lacks it.
pub(crate) fn request_id<E: ApiErrorCatalog>(body: &[u8]) -> Option<String> {
    let slots = E::catalog().wire().body.slots();
    let (path, _) = slots
        .into_iter()
        .find(|(_, slot)| *slot == crate::wire::Slot::RequestId)?;
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut at = &value;
    for key in path {
        at = at.get(key)?;
    }
    at.as_str().map(str::to_owned)
}
