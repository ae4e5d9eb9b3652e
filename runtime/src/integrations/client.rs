//! Reading error responses on the client: status + headers + body into the
//! typed enum, keeping the retry hints the response carried.

use std::time::Duration;

use http::HeaderMap;

use crate::body::BodyError;
use crate::retry_after::{capped_secs, retry_after_from_headers};
use crate::unknown::Shown;
use crate::ApiErrorCatalog;
use crate::{RateLimitHeader, RateLimitValue};

/// What a failed call produced: a typed API error, a body that could not be
/// read, or (with the `reqwest` feature) a transport failure.
#[non_exhaustive]
pub enum ClientError<E> {
    /// The server answered with an error of the catalog (or the unknown fallback).
    #[non_exhaustive]
    Api {
        /// The error.
        error: E,
        /// The response's HTTP status. It decides retries and circuit
        /// breaking; the error's own status is what the body said.
        status: http::StatusCode,
        /// The wait the response asked for (`Retry-After`, `retry-after-ms`), if any.
        retry_after: Option<Duration>,
        /// What the server said about retrying, in the catalog's
        /// `should_retry_header` (`x-should-retry: false`), if it did.
        should_retry: Option<bool>,
        /// The request id, from the catalog's `request_id_header` (or
        /// `x-request-id`), else from the body: what the API's support asks for.
        request_id: Option<String>,
        /// The body as received, to log or forward.
        body: Vec<u8>,
    },
    /// The server answered with an error status and a body that is not in the catalog's format.
    #[non_exhaustive]
    Body {
        /// The HTTP status.
        status: http::StatusCode,
        /// Why the body could not be read.
        error: BodyError,
        /// The wait the response asked for, if any.
        retry_after: Option<Duration>,
        /// What the server said about retrying, if it did.
        should_retry: Option<bool>,
        /// The request id, from the headers or the body, if any.
        request_id: Option<String>,
        /// The body as received: empty when it was too large to read, what
        /// arrived when it was cut off.
        body: Vec<u8>,
    },
    /// The request did not complete.
    #[cfg(feature = "reqwest")]
    Transport(reqwest::Error),
    /// A reqwest-middleware layer failed (not a transport or API error).
    #[cfg(feature = "reqwest-middleware")]
    Middleware(anyhow::Error),
}

#[cfg(feature = "reqwest")]
impl<E> From<reqwest::Error> for ClientError<E> {
    fn from(error: reqwest::Error) -> Self {
        ClientError::Transport(error)
    }
}

/// [`CatalogRetry`](crate::middleware::CatalogRetry) hands an error response
/// whose body it could not read whole on as this crate's own error: it comes
/// back as the [`ClientError::Body`] it was, status and headers' hints kept.
/// This conversion is the way back to them: `reqwest_middleware::Error`'s
/// own `status()` is `None` for it, and its text says only the status.
#[cfg(feature = "reqwest-middleware")]
impl<E> From<reqwest_middleware::Error> for ClientError<E> {
    fn from(error: reqwest_middleware::Error) -> Self {
        match error {
            reqwest_middleware::Error::Reqwest(e) => ClientError::Transport(e),
            reqwest_middleware::Error::Middleware(e) => match e.downcast::<UnreadBody>() {
                Ok(u) => ClientError::Body {
                    status: u.status,
                    error: u.error,
                    retry_after: u.retry_after,
                    should_retry: u.should_retry,
                    request_id: u.request_id,
                    body: u.body,
                },
                Err(e) => ClientError::Middleware(e),
            },
        }
    }
}

/// An error response whose body [`CatalogRetry`](crate::middleware::CatalogRetry)
/// could not read whole, carried in reqwest-middleware's error: what
/// [`ClientError::Body`] holds, without the catalog's type, so that any
/// `ClientError` takes it back.
#[cfg(feature = "reqwest-middleware")]
#[derive(Debug)]
pub(crate) struct UnreadBody {
    status: http::StatusCode,
    error: BodyError,
    retry_after: Option<Duration>,
    should_retry: Option<bool>,
    request_id: Option<String>,
    body: Vec<u8>,
}

#[cfg(feature = "reqwest-middleware")]
impl UnreadBody {
    /// The middleware's error for `error`, a [`ClientError::Body`] (any other
    /// failure goes as its own message).
    pub(crate) fn carry<E: ApiErrorCatalog>(error: ClientError<E>) -> reqwest_middleware::Error {
        reqwest_middleware::Error::Middleware(match error {
            ClientError::Body {
                status,
                error,
                retry_after,
                should_retry,
                request_id,
                body,
            } => anyhow::Error::new(UnreadBody {
                status,
                error,
                retry_after,
                should_retry,
                request_id,
                body,
            }),
            ClientError::Middleware(e) => e,
            other => anyhow::anyhow!("{other}"),
        })
    }
}

#[cfg(feature = "reqwest-middleware")]
impl std::fmt::Display for UnreadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.error)
    }
}

#[cfg(feature = "reqwest-middleware")]
impl std::error::Error for UnreadBody {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<E: ApiErrorCatalog> ClientError<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            ClientError::Api { status, .. } | ClientError::Body { status, .. } => Some(*status),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(e) => e.status(),
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(_) => None,
        }
    }

    /// The request id the response carried, in a header or in the body.
    pub fn request_id(&self) -> Option<&str> {
        // Without the reqwest features, every variant is an answer.
        #[allow(unreachable_patterns)]
        match self {
            ClientError::Api { request_id, .. } | ClientError::Body { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The error body as received, when the server answered.
    pub fn body(&self) -> Option<&[u8]> {
        #[allow(unreachable_patterns)]
        match self {
            ClientError::Api { body, .. } | ClientError::Body { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The typed error, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        #[allow(unreachable_patterns)]
        match self {
            ClientError::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Like a derived `Debug`, but the body shows as text, at most its first
/// KiB: a derived one wrote each byte as a number, megabytes for a large body.
impl<E: std::fmt::Debug> std::fmt::Debug for ClientError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Api {
                error,
                status,
                retry_after,
                should_retry,
                request_id,
                body,
            } => f
                .debug_struct("Api")
                .field("error", error)
                .field("status", status)
                .field("retry_after", retry_after)
                .field("should_retry", should_retry)
                .field("request_id", request_id)
                .field("body", &Shown(body))
                .finish(),
            ClientError::Body {
                status,
                error,
                retry_after,
                should_retry,
                request_id,
                body,
            } => f
                .debug_struct("Body")
                .field("status", status)
                .field("error", error)
                .field("retry_after", retry_after)
                .field("should_retry", should_retry)
                .field("request_id", request_id)
                .field("body", &Shown(body))
                .finish(),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(e) => f.debug_tuple("Middleware").field(e).finish(),
        }
    }
}

impl<E: ApiErrorCatalog> std::fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Api { error, status, .. } => write!(
                f,
                "{} {}: {}",
                status.as_u16(),
                error.code(),
                error.redacted()
            ),
            ClientError::Body { status, error, .. } => write!(f, "{status}: {error}"),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(e) => write!(f, "request failed: {e}"),
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(e) => write!(f, "client middleware failed: {e}"),
        }
    }
}

impl<E: ApiErrorCatalog> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api { error, .. } => Some(error),
            ClientError::Body { error, .. } => Some(error),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(e) => Some(e),
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(e) => Some(e.as_ref()),
        }
    }
}

/// Reads an error response from its parts. The body's own retry hint counts
/// when the headers carry none; either is at most
/// [`MAX_RETRY_AFTER`](crate::retry::MAX_RETRY_AFTER).
pub fn from_parts<E: ApiErrorCatalog>(
    status: http::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> ClientError<E> {
    read(status, headers, body.to_vec())
}

/// [`from_parts`] keeping the body it is given, not a copy.
fn read<E: ApiErrorCatalog>(
    status: http::StatusCode,
    headers: &HeaderMap,
    body: Vec<u8>,
) -> ClientError<E> {
    let header_wait = header_wait::<E>(headers);
    let should_retry = should_retry::<E>(headers);
    let request_id = request_id::<E>(headers).or_else(|| crate::body::request_id::<E>(&body));
    match E::from_http(status, headers, &body) {
        Ok(error) => {
            let retry_after = header_wait.or_else(|| error.retry_after());
            ClientError::Api {
                error,
                status,
                retry_after,
                should_retry,
                request_id,
                body,
            }
        }
        Err(error) => ClientError::Body {
            status,
            error,
            retry_after: header_wait,
            should_retry,
            request_id,
            body,
        },
    }
}

/// A response whose body was not read whole (`error` says why): what its
/// status and headers tell, and the bytes that arrived.
#[cfg(feature = "reqwest")]
pub(crate) fn unread<E: ApiErrorCatalog>(
    status: http::StatusCode,
    headers: &HeaderMap,
    error: BodyError,
    body: Vec<u8>,
) -> ClientError<E> {
    ClientError::Body {
        status,
        error,
        retry_after: header_wait::<E>(headers),
        should_retry: should_retry::<E>(headers),
        request_id: request_id::<E>(headers),
        body,
    }
}

/// The request id in the catalog's `request_id_header`, or `x-request-id`.
fn request_id<E: ApiErrorCatalog>(headers: &HeaderMap) -> Option<String> {
    let name = E::catalog()
        .request_id_header()
        .unwrap_or(crate::response::REQUEST_ID_HEADER);
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The wait the response's headers ask for: `Retry-After` (or
/// `retry-after-ms`), else a rate-limit header the catalog declares (a
/// `retry_after` figure in seconds, or a `reset` time in Unix seconds, as
/// GitHub's `x-ratelimit-reset`, counted only when the declared `remaining`
/// header says 0: APIs send both on every response, and a reset an hour away
/// says nothing about a 502). At most [`MAX_RETRY_AFTER`](crate::retry::MAX_RETRY_AFTER).
fn header_wait<E: ApiErrorCatalog>(headers: &HeaderMap) -> Option<Duration> {
    let now = std::time::SystemTime::now();
    retry_after_from_headers(headers, now)
        .or_else(|| declared_wait(E::catalog().rate_limit_headers(), headers, now))
}

fn declared_wait(
    declared: &[RateLimitHeader],
    headers: &HeaderMap,
    now: std::time::SystemTime,
) -> Option<Duration> {
    let number = |h: &RateLimitHeader| -> Option<u64> {
        headers.get(h.name)?.to_str().ok()?.trim().parse().ok()
    };
    let spent = declared
        .iter()
        .filter(|h| h.value == RateLimitValue::Remaining)
        .any(|h| number(h) == Some(0));
    declared.iter().find_map(|h| {
        let secs = number(h)?;
        match h.value {
            RateLimitValue::RetryAfter => Some(capped_secs(secs)),
            RateLimitValue::Reset if spent => {
                let reset =
                    std::time::UNIX_EPOCH + Duration::from_secs(secs.min(u64::from(u32::MAX)));
                // A reset already past asks for no wait: the backoff decides.
                let wait = reset.duration_since(now).ok()?;
                Some(capped_secs(wait.as_secs()))
            }
            RateLimitValue::Reset | RateLimitValue::Limit | RateLimitValue::Remaining => None,
        }
    })
}

/// What the catalog's should-retry header says: `true` or `false` (any
/// case, surrounding space ignored); anything else says nothing.
pub(crate) fn should_retry<E: ApiErrorCatalog>(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get(E::catalog().should_retry_header()?)?;
    match value.to_str().ok()?.trim() {
        v if v.eq_ignore_ascii_case("true") => Some(true),
        v if v.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The most bytes of an error body [`check`] and [`from_response`] read: 1 MiB,
/// far above any real API's error body. A longer body is not read further and
/// gives [`BodyError::TooLarge`] in [`ClientError::Body`].
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// Passes a successful `reqwest::Response` through, and reads an error one
/// (4xx/5xx) into the typed enum, reading at most [`DEFAULT_MAX_BODY`] bytes,
/// or the `max_body` of the [`CatalogRetry`](crate::middleware::CatalogRetry)
/// that handed the response back (it marks the response in its extensions; a
/// layer outside it that rebuilds responses without their extensions loses
/// the mark: use [`check_with_limit`] there, whose limit always wins).
///
/// reqwest sets no timeout by default, so a server that sends its error body
/// slowly can hold this call as long as it likes. Bound it with
/// `reqwest::ClientBuilder::timeout` (or `RequestBuilder::timeout`), which
/// covers reading the body too, or wrap the call in `tokio::time::timeout`. A
/// reqwest timeout (or a closed connection) while the error body arrives gives
/// [`ClientError::Body`] with [`BodyError::Incomplete`], keeping the status and
/// the headers' hints; before the response, [`ClientError::Transport`].
/// `read_timeout` is not enough: it restarts with every chunk, so one byte a
/// second never trips it.
#[cfg(feature = "reqwest")]
pub async fn check<E: ApiErrorCatalog>(
    response: reqwest::Response,
) -> Result<reqwest::Response, ClientError<E>> {
    let limit = body_limit(&response);
    check_with_limit(response, limit).await
}

/// The body limit `response` is to be read with: the one
/// [`CatalogRetry`](crate::middleware::CatalogRetry) marked it with, else
/// [`DEFAULT_MAX_BODY`].
#[cfg(feature = "reqwest")]
fn body_limit(response: &reqwest::Response) -> usize {
    let marked = response.extensions().get::<BodyLimit>();
    marked.map_or(DEFAULT_MAX_BODY, |l| l.0)
}

/// The body limit a response was read with, set by
/// [`CatalogRetry`](crate::middleware::CatalogRetry) on the responses it hands
/// back, so that [`check`] keeps to it.
#[cfg(feature = "reqwest")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyLimit(pub(crate) usize);

/// [`check`], reading at most `max_body` bytes of an error body.
#[cfg(feature = "reqwest")]
pub async fn check_with_limit<E: ApiErrorCatalog>(
    response: reqwest::Response,
    max_body: usize,
) -> Result<reqwest::Response, ClientError<E>> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(response);
    }
    Err(from_response_with_limit(response, max_body).await)
}

/// Reads an error `reqwest::Response` into the typed enum, reading at most
/// [`DEFAULT_MAX_BODY`] bytes or the limit `CatalogRetry` marked it with
/// (see [`check`] on limits and timeouts).
#[cfg(feature = "reqwest")]
pub async fn from_response<E: ApiErrorCatalog>(response: reqwest::Response) -> ClientError<E> {
    let limit = body_limit(&response);
    from_response_with_limit(response, limit).await
}

/// [`from_response`], reading at most `max_body` bytes of the body.
#[cfg(feature = "reqwest")]
pub async fn from_response_with_limit<E: ApiErrorCatalog>(
    mut response: reqwest::Response,
    max_body: usize,
) -> ClientError<E> {
    // reqwest's status and headers are the `http` crate's types.
    let status = response.status();
    let headers = response.headers().clone();
    match read_body(&mut response, max_body).await {
        Ok(body) => read(status, &headers, body),
        // The status and headers arrived: they still say what to do.
        Err((error, partial)) => unread(status, &headers, error, partial),
    }
}

/// The body of `response`, at most `max_body` bytes, or why it could not be
/// read whole with what arrived: a declared length past the limit is refused
/// before reading anything, a body that runs past it is not read further (and
/// dropping the response closes the connection unread), a cut or timed-out one
/// keeps its bytes.
#[cfg(feature = "reqwest")]
pub(crate) async fn read_body(
    response: &mut reqwest::Response,
    max_body: usize,
) -> Result<Vec<u8>, (BodyError, Vec<u8>)> {
    let too_large = || (BodyError::TooLarge { limit: max_body }, Vec::new());
    if response
        .content_length()
        .is_some_and(|n| n > max_body as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if chunk.len() > max_body - body.len() => return Err(too_large()),
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(e) => return Err((BodyError::Incomplete(Box::new(e)), body)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GITHUB: [RateLimitHeader; 3] = [
        RateLimitHeader::new("x-ratelimit-remaining", RateLimitValue::Remaining),
        RateLimitHeader::new("x-ratelimit-reset", RateLimitValue::Reset),
        RateLimitHeader::new("x-wait", RateLimitValue::RetryAfter),
    ];

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (http::HeaderName::from_static(k), v.parse().unwrap()))
            .collect()
    }

    #[test]
    fn debug_shows_the_body_as_text_and_cut_short() {
        let error = ClientError::<()>::Body {
            status: http::StatusCode::BAD_GATEWAY,
            error: BodyError::TooLarge { limit: 1 },
            retry_after: None,
            should_retry: None,
            request_id: None,
            body: b"<html>".repeat(1000),
        };
        let shown = format!("{error:?}");
        assert!(shown.contains("body: \"<html><html>"), "{shown}");
        assert!(shown.contains("... (6000 bytes in all)"), "{shown}");
        assert!(shown.len() < 1300, "{} bytes", shown.len());
    }

    #[test]
    fn a_declared_reset_time_gives_the_wait_until_then() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_713_992_000);
        let wait = |pairs: &[(&'static str, &str)]| declared_wait(&GITHUB, &headers(pairs), now);
        let spent = |reset: &'static str| {
            wait(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)])
        };
        assert_eq!(spent("1713992042"), Some(Duration::from_secs(42)));
        assert_eq!(
            wait(&[
                ("x-ratelimit-remaining", "4999"),
                ("x-ratelimit-reset", "1713992042")
            ]),
            None,
            "requests left: the reset is no wait"
        );
        assert_eq!(
            wait(&[("x-ratelimit-reset", "1713992042")]),
            None,
            "not known to be spent"
        );
        assert_eq!(
            spent("1713991000"),
            None,
            "a reset in the past asks for no wait"
        );
        assert_eq!(
            spent("99999999999999"),
            Some(crate::retry::MAX_RETRY_AFTER),
            "capped"
        );
        assert_eq!(spent("soon"), None);
        assert_eq!(wait(&[("x-wait", "7")]), Some(Duration::from_secs(7)));
        assert_eq!(
            wait(&[("x-ratelimit-remaining", "0")]),
            None,
            "a count is no wait"
        );
        let github = headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1713992042"),
        ]);
        assert_eq!(declared_wait(&[], &github, now), None, "undeclared");
    }
}
