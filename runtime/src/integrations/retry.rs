//! Retry classification for well-kept retry libraries: which failures to
//! retry, how long the server asked to wait, and which failures count against
//! a circuit breaker.
//!
//! With [backon](https://docs.rs/backon):
//!
//! ```ignore
//! use backon::{ExponentialBuilder, Retryable};
//! let policy = error_catalog::retry::RetryPolicy::new(Duration::from_secs(30));
//! let answer = (|| call_api(&client))
//!     .retry(ExponentialBuilder::default().with_max_times(4).with_jitter())
//!     .when(|e| policy.should_retry(e))
//!     .adjust(|e, backoff| policy.adjust(e, backoff))
//!     .await;
//! ```

use std::time::Duration;

use crate::client::ClientError;
pub use crate::retry_after::{retry_after_from_headers, MAX_RETRY_AFTER};
use crate::ApiErrorCatalog;

/// How a client treats `Retry-After`: honoured up to `max_wait`; a longer wait
/// gives up rather than stalling the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// The longest wait a response may ask for and still be retried.
    pub max_wait: Duration,
}

impl RetryPolicy {
    /// A policy that honours waits up to `max_wait`.
    pub fn new(max_wait: Duration) -> Self {
        RetryPolicy { max_wait }
    }

    /// Whether to try again: catalog errors the catalog calls retryable (408,
    /// 429 and 5xx unless an entry says otherwise), unreadable bodies with a retryable
    /// status, and transport failures. Never 400/401/403 and the like.
    ///
    /// The response's HTTP status decides when the body claims another one (a
    /// body saying 200 on a 503 is retried as a 503 is). A server that says
    /// whether to retry, in the catalog's `should_retry_header`, decides over
    /// both.
    pub fn should_retry<E: ApiErrorCatalog>(&self, error: &ClientError<E>) -> bool {
        let retryable = match error {
            ClientError::Api {
                should_retry: Some(says),
                ..
            }
            | ClientError::Body {
                should_retry: Some(says),
                ..
            } => *says,
            ClientError::Api { error, status, .. } => {
                if error.status() == *status {
                    error.is_retryable()
                } else {
                    is_retryable_status(status.as_u16())
                }
            }
            ClientError::Body { status, .. } => is_retryable_status(status.as_u16()),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(e) => is_transient(e),
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(_) => false,
        };
        retryable
            && self
                .requested_wait(error)
                .is_none_or(|wait| wait <= self.max_wait)
    }

    /// The wait before the next attempt, shaped for backon's `adjust`: `None`
    /// (stop) when the backoff has no attempt left (`backoff` is `None`), when
    /// the failure is not retryable, or when the server asks for longer than
    /// `max_wait`; otherwise the longer of the server's wait (`Retry-After` or
    /// the body's hint) and the backoff's own delay, at most `max_wait`.
    ///
    /// The backoff's delay is a floor, so a `Retry-After: 0` or a date in the
    /// past cannot turn the retries into a tight loop, and its attempt count is
    /// a ceiling that no server hint extends.
    pub fn adjust<E: ApiErrorCatalog>(
        &self,
        error: &ClientError<E>,
        backoff: Option<Duration>,
    ) -> Option<Duration> {
        let backoff = backoff?;
        if !self.should_retry(error) {
            return None;
        }
        let wait = match self.requested_wait(error) {
            Some(requested) => requested.max(backoff),
            None => backoff,
        }
        .min(self.max_wait);
        #[cfg(feature = "tracing")]
        crate::integrations::log::retry(error, wait);
        Some(wait)
    }

    fn requested_wait<E: ApiErrorCatalog>(&self, error: &ClientError<E>) -> Option<Duration> {
        match error {
            ClientError::Api { retry_after, .. } | ClientError::Body { retry_after, .. } => {
                *retry_after
            }
            #[cfg(feature = "reqwest")]
            ClientError::Transport(_) => None,
            #[cfg(feature = "reqwest-middleware")]
            ClientError::Middleware(_) => None,
        }
    }
}

/// Whether a transport failure may pass on a second try, as reqwest-retry
/// classifies them: timeouts and failed connections may, and so may a
/// connection the server closed or reset under the request (hyper's
/// incomplete message or cancelled request, an I/O reset or abort); a
/// request that could not be built, a redirect loop, or a body that could
/// not be sent or decoded will fail again.
#[cfg(feature = "reqwest")]
pub fn is_transient(error: &reqwest::Error) -> bool {
    if error.is_timeout() || error.is_connect() {
        return true;
    }
    if error.is_builder() || error.is_redirect() || error.is_body() || error.is_decode() {
        return false;
    }
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(hyper) = cause.downcast_ref::<hyper::Error>() {
            if hyper.is_incomplete_message() || hyper.is_canceled() {
                return true;
            }
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::{ConnectionAborted, ConnectionReset};
            return matches!(io.kind(), ConnectionReset | ConnectionAborted);
        }
        source = cause.source();
    }
    false
}

/// Whether a failure is the server's fault and should count against a circuit
/// breaker: 5xx responses and transport failures. Client errors (4xx, 429
/// included) say nothing about the server's health.
///
/// The response's HTTP status decides, whatever status the body claims.
pub fn is_server_fault<E: ApiErrorCatalog>(error: &ClientError<E>) -> bool {
    match error {
        ClientError::Api { status, .. } | ClientError::Body { status, .. } => {
            status.is_server_error()
        }
        #[cfg(feature = "reqwest")]
        ClientError::Transport(_) => true,
        #[cfg(feature = "reqwest-middleware")]
        ClientError::Middleware(_) => false,
    }
}

/// 429 and 5xx, as the seeds' retry rules say, and 408 (the server timed
/// the request out), as reqwest-retry says: the rule catalog entries follow
/// unless they say otherwise.
pub fn is_retryable_status(status: u16) -> bool {
    error_catalog_core::default_retryable(status)
}
