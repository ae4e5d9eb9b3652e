//! Whole HTTP error responses, framework-agnostic: status, headers and the
//! catalog's exact body, as an `http::Response<Vec<u8>>`.

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};

use crate::context::RequestContext;
use crate::retry_after::retry_after_secs;
use crate::ApiErrorCatalog;
use error_catalog_core::RateLimitValue;

/// The header that carries the request id, read from requests and set on responses.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Rate-limit figures a server fills into the headers its catalog documents
/// (`X-RateLimit-Limit-Requests` and friends in seed 003).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: u64,
    /// Requests left in the window.
    pub remaining: u64,
    /// When the window resets, as Unix time in seconds.
    pub reset: u64,
}

/// Builds the HTTP response for `error`: its status, the catalog's content
/// type, the code in the catalog's code header when it has one, `Retry-After`
/// when the error carries a retry hint, the catalog's rate-limit headers when
/// `rate_limit` is given, the request id when the
/// context has one (in the catalog's `request_id_header`, `x-request-id` by
/// default), and the body with the context filled in.
pub fn build_response<E: ApiErrorCatalog + serde::Serialize>(
    error: &E,
    context: Option<&RequestContext>,
    rate_limit: Option<&RateLimit>,
) -> http::Response<Vec<u8>> {
    let body = match context {
        Some(ctx) => serde_json::to_vec(&error.with_context(ctx)),
        None => serde_json::to_vec(error),
    }
    // Serializing to a Vec fails only for non-string map keys, which bodies never have.
    .unwrap_or_else(|_| br#"{"message":"error body could not be written"}"#.to_vec());
    let mut response = http::Response::new(body);
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    let content_type = &E::catalog().wire().content_type;
    let content_type =
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_TYPE, content_type);
    // A name or value that cannot be a header is left out, not the response.
    let mut set = |name: &str, value: Option<HeaderValue>| {
        if let (Ok(name), Some(value)) = (HeaderName::from_bytes(name.as_bytes()), value) {
            headers.insert(name, value);
        }
    };
    // An API that sends its codes in a header (AWS's `x-amzn-ErrorType`).
    if let Some(name) = E::catalog().wire().code_header.as_deref() {
        let code = HeaderValue::from_str(error.code()).ok();
        set(name, code.filter(|value| !value.is_empty()));
    }
    let retry_after = retry_after_secs(error);
    set(RETRY_AFTER.as_str(), retry_after.map(HeaderValue::from));
    if let Some(limits) = rate_limit {
        for header in E::catalog().rate_limit_headers() {
            let value = match header.value {
                RateLimitValue::Limit => Some(limits.limit),
                RateLimitValue::Remaining => Some(limits.remaining),
                RateLimitValue::Reset => Some(limits.reset),
                RateLimitValue::RetryAfter => retry_after,
            };
            set(header.name, value.map(HeaderValue::from));
        }
    }
    if let Some(id) = context.and_then(|c| c.request_id.as_deref()) {
        let name = E::catalog().request_id_header();
        set(
            name.unwrap_or(REQUEST_ID_HEADER),
            HeaderValue::from_str(id).ok(),
        );
    }
    response
}
