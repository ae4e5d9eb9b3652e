//! Logging with `tracing` (feature `tracing`): error responses as they are
//! sent, and client retries as they are decided. Messages are always the
//! redacted ones, so sensitive parameters never reach a log; transport
//! failures are logged without their URL, whose query may hold a key. A
//! 5xx's cause chain is logged as its `Display`: keep secrets out of causes.

use std::fmt::{self, Write as _};
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
            causes = %OneLine(Causes(error)),
            "{}",
            OneLine(error.redacted())
        );
    } else {
        tracing::info!(
            code = error.code(),
            status,
            request_id,
            "{}",
            OneLine(error.redacted())
        );
    }
}

/// Logs a retry a client is about to make, at `WARN`.
pub(crate) fn retry<E: ApiErrorCatalog>(error: &ClientError<E>, wait: Duration) {
    #[cfg(feature = "reqwest")]
    if let ClientError::Transport(e) = error {
        return transport_retry(e, wait);
    }
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
        "retrying after {}",
        OneLine(error)
    );
}

/// Logs a retry after a transport failure, at `WARN`, without the URL
/// (reqwest's `Display` has it, and a query may hold a key).
#[cfg(feature = "reqwest")]
pub(crate) fn transport_retry(error: &reqwest::Error, wait: Duration) {
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "failed"
    };
    let mut causes = String::new();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        causes.push_str(": ");
        causes.push_str(&c.to_string());
        cause = c.source();
    }
    tracing::warn!(
        wait_ms = wait.as_millis() as u64,
        "retrying after the request {what}{}",
        OneLine(causes)
    );
}

/// `T`'s text with control characters, line and paragraph separators and
/// bidirectional overrides escaped (`\n`, `\u{2028}`), and `\` as `\\` so
/// an escape cannot be typed: messages hold text a client or a server
/// chose, which must not start a log line of its own or reorder one.
struct OneLine<T>(T);

impl<T: fmt::Display> fmt::Display for OneLine<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Escaping<'_, '_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                for c in text.chars() {
                    let separator = matches!(c, '\u{2028}' | '\u{2029}');
                    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
                    if c.is_control() || separator || bidi || c == '\\' {
                        write!(self.0, "{}", c.escape_default())?;
                    } else {
                        self.0.write_char(c)?;
                    }
                }
                Ok(())
            }
        }
        write!(Escaping(f), "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::OneLine;

    #[test]
    fn one_line_escapes_what_could_break_or_reorder_a_line() {
        let text = "a\r\nb\u{1b}[31m\u{85}c\u{2028}d\u{202E}e\\nf é 日本";
        let shown = OneLine(text).to_string();
        assert_eq!(
            shown,
            r"a\r\nb\u{1b}[31m\u{85}c\u{2028}d\u{202e}e\\nf é 日本"
        );
        assert_eq!(shown.lines().count(), 1);
    }
}
