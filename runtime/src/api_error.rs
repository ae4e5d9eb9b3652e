//! The `ApiErrorCatalog` trait that every derived error enum implements.

use std::time::Duration;

use crate::body::{BodyError, Parts};
use crate::catalog::{Catalog, ErrorEntry};
use crate::context::{RequestContext, WithContext};
use crate::param::ParamValue;
use crate::unknown::UnknownError;

/// An error enum generated from a catalog by `#[derive(ApiErrorCatalog)]`.
///
/// Status, code, field and retry rule are table reads, not per-variant code.
/// Implement it with the derive; the hidden methods are for generated code.
pub trait ApiErrorCatalog: Sized + std::error::Error + 'static {
    /// The catalog the enum was generated from.
    fn catalog() -> &'static Catalog;

    /// The catalog entry of this value; `None` for the unknown-code fallback.
    fn entry(&self) -> Option<&'static ErrorEntry>;

    /// The fallback value, when this is an error the catalog does not know.
    fn unknown(&self) -> Option<&UnknownError>;

    /// Calls `visitor` with each parameter of this value, in catalog order.
    fn visit_params<'a>(&'a self, visitor: &mut dyn FnMut(&'static str, ParamValue<'a>));

    #[doc(hidden)]
    fn __from_parts(index: usize, parts: &Parts<'_>) -> Option<Self>;

    #[doc(hidden)]
    #[allow(clippy::result_large_err)]
    fn __from_unknown(unknown: UnknownError) -> Result<Self, UnknownError>;

    /// Every entry of the catalog, in file order (for docs, `/errors` endpoints, clients).
    fn entries() -> &'static [ErrorEntry] {
        Self::catalog().entries()
    }

    /// The wire code (`invalid_api_key`); empty for an entry the API sends
    /// without a code and for an unknown error whose body had none.
    fn code(&self) -> &str;

    /// The HTTP status, as the type axum, reqwest and hyper use.
    fn status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The HTTP status as a number. An unknown error without a status reports 500.
    fn status_u16(&self) -> u16;

    /// Whether a client may send the same request again: the catalog's rule
    /// (408, 429 and 5xx unless the entry says otherwise); by status for unknown errors.
    fn is_retryable(&self) -> bool;

    /// The request parameter at fault (`prompt`, `temperature`), if any.
    fn field(&self) -> Option<&str>;

    /// How long to wait before retrying: the value's `retry_after` parameter
    /// when it has one, else the catalog's hint; at most
    /// [`MAX_RETRY_AFTER`](crate::retry::MAX_RETRY_AFTER).
    fn retry_after(&self) -> Option<Duration> {
        crate::retry_after::retry_after_secs(self).map(crate::retry_after::capped_secs)
    }

    /// The message with sensitive parameters (`sensitive: true` in the catalog)
    /// replaced by `[redacted]`: what to write to logs.
    fn redacted(&self) -> crate::secret::Redacted<'_, Self> {
        crate::secret::Redacted(self)
    }

    /// The error with the context of the response that carries it; serialize
    /// the result to get the full body (request id, path, timestamp filled in).
    fn with_context<'a>(&'a self, context: &'a RequestContext) -> WithContext<'a, Self> {
        WithContext {
            error: self,
            context,
        }
    }

    /// Builds the value of the entry whose catalog key is `key` from named
    /// parameter values, each of its parameter's JSON type (strings are also
    /// read as numbers and booleans where those are expected; a number is not
    /// read as text). `None` when there is no such
    /// entry, a parameter is missing or does not fit its field, or the variant
    /// has an internal cause that cannot be empty.
    ///
    /// Mock servers and tests use it to make any error of a catalog on demand.
    fn from_params(key: &str, params: &serde_json::Map<String, serde_json::Value>) -> Option<Self> {
        let index = Self::entries().iter().position(|e| e.key == key)?;
        crate::body::from_params(index, params)
    }

    /// Parses an error body. `status` is the response's HTTP status when known;
    /// it picks the entry for formats that carry none. A code the catalog does not
    /// know, or a body that fits none of its code's entries, becomes the
    /// `#[catalog(unknown)]` variant, or [`BodyError::Unknown`].
    fn from_body(body: &[u8], status: Option<u16>) -> Result<Self, BodyError> {
        crate::body::from_slice(body, status, crate::body::CodeHeader::Unread)
    }

    /// Parses an error response from its HTTP status, headers and body: as
    /// [`from_body`](Self::from_body) with the status, and the wire code from
    /// the catalog's code header (`wire: {code_header: x-amzn-ErrorType}`)
    /// when the body carries none. `from_body` cannot see that header, so
    /// for a catalog that sends its codes there it leaves unknown a body
    /// that only the code tells apart; read such responses with this method.
    fn from_http(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, BodyError> {
        let header = crate::body::CodeHeader::Read(crate::body::header_code::<Self>(headers));
        crate::body::from_slice(body, Some(status.as_u16()), header)
    }
}
