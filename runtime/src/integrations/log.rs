//! Logging with `tracing` (feature `tracing`): error responses as they are
//! sent, and client retries as they are decided. Messages are always the
//! redacted ones; sensitive parameters never reach a log.

#[cfg(feature = "axum")]
use std::fmt;
use std::time::Duration;

use crate::client::ClientError;
use crate::ApiErrorCatalog;

/// The error's `source()` chain, `: `-separated: the internal causes a 5xx
/// keeps out of its body.
#[cfg(feature = "axum")]
struct Causes<'a>(&'a dyn std::error::Error);

#[cfg(feature = "axum")]
impl fmt::Display for Causes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut cause = self.0.source();
        let mut first = true;
        while let Some(c) = cause {
            if !first {
                f.write_str(": ")?;
            }
            first = false;
            fmt::Display::fmt(c, f)?;
            cause = c.source();
        }
        Ok(())
    }
}

/// Logs an error response about to be sent: a 5xx at `ERROR` with its cause
/// chain (the server's fault, to be looked into), anything else at `INFO`.
#[cfg(feature = "axum")]
pub(crate) fn response<E: ApiErrorCatalog>(error: &E, request_id: Option<&str>) {
    let status = error.status_u16();
    let request_id = request_id.unwrap_or_default();
    if status >= 500 {
        tracing::error!(
            code = error.code(),
            status,
            request_id,
            causes = %Causes(error),
            "{}",
            error.redacted()
        );
    } else {
        tracing::info!(
            code = error.code(),
            status,
            request_id,
            "{}",
            error.redacted()
        );
    }
}

/// Logs a retry a client is about to make, at `WARN`.
pub(crate) fn retry<E: ApiErrorCatalog>(error: &ClientError<E>, wait: Duration) {
    let code = error
        .api_error()
        .map(ApiErrorCatalog::code)
        .unwrap_or_default();
    let status = error.status().map_or(0, |s| s.as_u16());
    let request_id = error.request_id().unwrap_or_default();
    tracing::warn!(
        code,
        status,
        request_id,
        wait_ms = wait.as_millis() as u64,
        "retrying after {error}"
    );
}

/// Logs a retry after a transport failure, at `WARN`.
#[cfg(feature = "reqwest-middleware")]
pub(crate) fn transport_retry(error: &reqwest::Error, wait: Duration) {
    tracing::warn!(
        wait_ms = wait.as_millis() as u64,
        "retrying after request failed: {error}"
    );
}
