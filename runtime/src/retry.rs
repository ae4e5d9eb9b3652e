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

use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::client::ClientError;
use crate::ApiErrorCatalog;

/// How a client treats `Retry-After`: honoured up to `max_wait`; a longer wait
/// gives up rather than stalling the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The longest wait a response may ask for and still be retried.
    pub max_wait: Duration,
}

impl RetryPolicy {
    /// A policy that honours waits up to `max_wait`.
    pub fn new(max_wait: Duration) -> Self {
        RetryPolicy { max_wait }
    }

    /// Whether to try again: catalog errors the catalog calls retryable (429 and
    /// 5xx unless an entry says otherwise), unreadable bodies with a retryable
    /// status, and transport failures. Never 400/401/403 and the like.
    ///
    /// The response's HTTP status decides when the body claims another one (a
    /// body saying 200 on a 503 is retried as a 503 is).
    pub fn should_retry<E: ApiErrorCatalog>(&self, error: &ClientError<E>) -> bool {
        let retryable = match error {
            ClientError::Api { error, status, .. } => {
                if error.status() == *status {
                    error.is_retryable()
                } else {
                    is_retryable_status(status.as_u16())
                }
            }
            ClientError::Body { status, .. } => is_retryable_status(status.as_u16()),
            #[cfg(feature = "reqwest")]
            ClientError::Transport(_) => true,
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
        };
        Some(wait.min(self.max_wait))
    }

    fn requested_wait<E: ApiErrorCatalog>(&self, error: &ClientError<E>) -> Option<Duration> {
        match error {
            ClientError::Api { retry_after, .. } | ClientError::Body { retry_after, .. } => {
                *retry_after
            }
            #[cfg(feature = "reqwest")]
            ClientError::Transport(_) => None,
        }
    }
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
    }
}

/// 429 and 5xx, as the seeds' retry rules say.
pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// The longest wait a response can ask for: longer `Retry-After` values (in
/// any form) and body hints read as this. A day is far past any sensible
/// [`RetryPolicy::max_wait`], and small enough that `Instant::now() + wait`
/// cannot overflow in a caller.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// The wait a response asks for: `retry-after-ms` (milliseconds), else
/// `Retry-After` as seconds or as an HTTP date (relative to `now`; a date in
/// the past means no wait). At most [`MAX_RETRY_AFTER`].
pub fn retry_after_from_headers(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    if let Some(ms) = headers
        .get("retry-after-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
    {
        let secs = (ms / 1000.0).min(MAX_RETRY_AFTER.as_secs_f64());
        return Some(Duration::from_secs_f64(secs));
    }
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(capped_secs(secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(now)
            .unwrap_or(Duration::ZERO)
            .min(MAX_RETRY_AFTER),
    )
}

/// A wait of `secs` seconds, at most [`MAX_RETRY_AFTER`].
pub(crate) fn capped_secs(secs: u64) -> Duration {
    Duration::from_secs(secs.min(MAX_RETRY_AFTER.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retry_after_in_seconds_date_and_milliseconds() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after", "60")]), now),
            Some(Duration::from_secs(60))
        );
        let in_90s = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after", &in_90s)]), now),
            Some(Duration::from_secs(90))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after", &past)]), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after_from_headers(
                &headers(&[("retry-after-ms", "1500"), ("retry-after", "9")]),
                now
            ),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after", "soon")]), now),
            None
        );
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after-ms", "-1")]), now),
            None
        );
        assert_eq!(retry_after_from_headers(&HeaderMap::new(), now), None);
    }

    #[test]
    fn every_form_of_retry_after_is_capped() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let far = httpdate::fmt_http_date(now + Duration::from_secs(10 * 365 * 86_400));
        for (name, value) in [
            ("retry-after", u64::MAX.to_string()),
            ("retry-after", "86401".to_owned()),
            ("retry-after", far),
            ("retry-after-ms", "1e300".to_owned()),
        ] {
            assert_eq!(
                retry_after_from_headers(&headers(&[(name, &value)]), now),
                Some(MAX_RETRY_AFTER),
                "{name}: {value}"
            );
        }
        assert_eq!(
            retry_after_from_headers(&headers(&[("retry-after", "86400")]), now),
            Some(MAX_RETRY_AFTER)
        );
    }

    #[test]
    fn retryable_statuses_follow_the_seeds() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }
}
