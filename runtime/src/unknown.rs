//! The fallback for an error body whose code or message the catalog does not know.

use std::fmt;

/// An error the catalog does not know, kept whole so a client can still show,
/// log and classify it. Servers add codes faster than clients update: a new
/// code must never make parsing fail.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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
}

impl UnknownError {
    /// Whether a client may retry: by status, as for catalog entries (429 and 5xx).
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
