//! The wait a response asks for, from its headers or its body, capped so a
//! hostile or broken server cannot stall a client for years.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::ApiErrorCatalog;

/// The longest wait a response can ask for: longer `Retry-After` values (in
/// any form) and body hints read as this. A day is far past any sensible
/// [`RetryPolicy::max_wait`](crate::retry::RetryPolicy::max_wait), and small enough that `Instant::now() + wait`
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
        // `inf` and numbers past any wait are read as the longest wait.
        .filter(|ms| *ms >= 0.0)
    {
        let secs = (ms / 1000.0).min(MAX_RETRY_AFTER.as_secs_f64());
        return Some(Duration::from_secs_f64(secs));
    }
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits past u64 are a wait longer than any: the longest.
        return Some(value.parse().map_or(MAX_RETRY_AFTER, capped_secs));
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

/// The seconds an error's body asks a client to wait: an unknown error's
/// hint as read, else the `retry_after` parameter's value, else the entry's
/// own `retry_after` figure.
pub(crate) fn retry_after_secs<E: ApiErrorCatalog>(error: &E) -> Option<u64> {
    if let Some(unknown) = error.unknown() {
        return unknown.retry_after;
    }
    let entry = error.entry()?;
    let mut from_param = None;
    if entry.param("retry_after").is_some() {
        error.visit_params(&mut |name, value| {
            if name == "retry_after" {
                from_param = match value {
                    crate::ParamValue::UInt(u) => Some(u),
                    crate::ParamValue::Int(i) => u64::try_from(i).ok(),
                    crate::ParamValue::Float(x) if x >= 0.0 => Some(x.ceil() as u64),
                    _ => None,
                };
            }
        });
    }
    from_param.or(entry.retry_after)
}
