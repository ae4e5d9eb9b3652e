//! The fallback for an error body whose code or message the catalog does not know.

use std::fmt;

use serde_json::value::RawValue;

/// An error the catalog does not know, kept whole so a client can still show,
/// log, classify and forward it. Servers add codes faster than clients
/// update: a new code must never make parsing fail.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct UnknownError {
    /// The wire code, when the format carries one.
    pub code: Option<String>,
    /// The HTTP status, from the body or the response.
    pub status: Option<u16>,
    /// The message as sent.
    pub message: String,
    /// The request parameter named by the body, if any.
    pub field: Option<String>,
    /// The body's data object, if any.
    pub data: Option<serde_json::Value>,
    /// The retry hint the body or response carried, in seconds.
    pub retry_after: Option<u64>,
    /// The whole body exactly as received (the JSON value, every member and
    /// byte of it), when it was read from bytes ([`ApiErrorCatalog::from_body`](crate::ApiErrorCatalog::from_body),
    /// the client); serializing the error writes it back unchanged, so a
    /// gateway can forward or log what the upstream API sent. A generic
    /// `Deserialize` (e.g. `serde_json::from_value`) does not fill it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Box<RawValue>>,
}

/// Two unknown errors are equal when what they say is: code, status,
/// message, field, data and retry hint. The raw `body` is how it travelled,
/// and is not compared (a body read from bytes and the same body read from a
/// parsed `serde_json::Value` give equal errors).
impl PartialEq for UnknownError {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.code,
            self.status,
            &self.message,
            &self.field,
            &self.data,
            self.retry_after,
        ) == (
            &other.code,
            other.status,
            &other.message,
            &other.field,
            &other.data,
            other.retry_after,
        )
    }
}

impl UnknownError {
    /// Whether a client may retry: by status, as for catalog entries (408, 429 and 5xx).
    /// Without a status it is not retried.
    pub fn is_retryable(&self) -> bool {
        self.status
            .is_some_and(error_catalog_core::default_retryable)
    }
}

impl fmt::Display for UnknownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnknownError {}
