//! What follows from an HTTP status alone: whether to retry, the google.rpc
//! code name, and a title for statuses HTTP gives no reason phrase.
//!
//! Reason phrases themselves come from `http::StatusCode::canonical_reason`
//! in the crates that depend on `http`; this crate stays dependency-free.

/// Whether a client may retry an error with this status when the catalog
/// says nothing else: 408 (the server timed the request out), 429 and every 5xx.
pub fn default_retryable(status: u16) -> bool {
    status == 408 || status == 429 || (500..=599).contains(&status)
}

/// Whether a body with this status masks the entry's sensitive parameters:
/// a 4xx echoes what the client sent, a 5xx (the server's or an upstream's
/// fault, often logged and relayed) never carries them.
pub fn masks_sensitive(status: u16) -> bool {
    status >= 500
}

/// The text a body, a log line or `Debug` writes in place of a sensitive value.
pub const REDACTED: &str = "[redacted]";

/// The google.rpc canonical code name for an HTTP status, following the
/// mapping in `google/rpc/code.proto`; other 4xx map to
/// `FAILED_PRECONDITION`, other 5xx to `INTERNAL`, anything else to `UNKNOWN`.
pub fn grpc_code(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        502 | 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        s if (400..500).contains(&s) => "FAILED_PRECONDITION",
        s if (500..600).contains(&s) => "INTERNAL",
        _ => "UNKNOWN",
    }
}

/// The names of google.rpc's canonical codes, as `google.rpc.Status.status`
/// spells them in JSON.
pub const GRPC_CODES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The title of a status HTTP has no reason phrase for (529, 499):
/// `Client Error` below 500, `Server Error` from 500.
pub fn reason_fallback(status: u16) -> &'static str {
    if status < 500 {
        "Client Error"
    } else {
        "Server Error"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_by_status_follows_the_seeds() {
        for s in [429, 500, 502, 503, 504, 529] {
            assert!(default_retryable(s), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422, 499] {
            assert!(!default_retryable(s), "{s}");
        }
    }

    #[test]
    fn grpc_codes_follow_code_proto() {
        assert_eq!(grpc_code(503), "UNAVAILABLE");
        assert_eq!(grpc_code(429), "RESOURCE_EXHAUSTED");
        assert_eq!(grpc_code(422), "FAILED_PRECONDITION");
        assert_eq!(grpc_code(529), "INTERNAL");
        assert_eq!(grpc_code(200), "UNKNOWN");
    }
}
