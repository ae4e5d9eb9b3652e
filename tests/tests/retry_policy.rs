//! The retry and circuit-breaker decisions on responses built by hand: waits
//! the server asks for are capped, never shorten the backoff nor extend its
//! attempts, and the response's HTTP status decides over a status the body
//! claims.

use std::time::{Duration, Instant, SystemTime};

use error_catalog::client::{self, ClientError};
use error_catalog::http::{HeaderMap, HeaderValue, StatusCode};
use error_catalog::retry::{
    is_server_fault, retry_after_from_headers, RetryPolicy, MAX_RETRY_AFTER,
};
use error_catalog::{ApiErrorCatalog, BodyError};
use error_catalog_tests::{AiApiError, AimlApiError, AnthropicError, GatewayError};

const RATE_LIMITED: &[u8] =
    br#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":3}}"#;

fn response<E: ApiErrorCatalog>(status: u16, retry_after: &str, body: &[u8]) -> ClientError<E> {
    let mut headers = HeaderMap::new();
    if !retry_after.is_empty() {
        headers.insert("retry-after", HeaderValue::from_str(retry_after).unwrap());
    }
    client::from_parts(StatusCode::from_u16(status).unwrap(), &headers, body)
}

#[test]
fn no_attempt_left_means_stop_whatever_the_server_asks() {
    let policy = RetryPolicy::new(Duration::from_secs(30));
    for retry_after in ["", "0", "1", "Thu, 01 Jan 1970 00:00:00 GMT"] {
        let error = response::<AiApiError>(429, retry_after, RATE_LIMITED);
        assert!(policy.should_retry(&error), "{retry_after:?}");
        assert_eq!(policy.adjust(&error, None), None, "{retry_after:?}");
    }
}

#[test]
fn a_zero_or_past_wait_keeps_the_backoff_delay() {
    let policy = RetryPolicy::new(Duration::from_secs(30));
    let backoff = Some(Duration::from_millis(800));
    for retry_after in ["0", "Thu, 01 Jan 1970 00:00:00 GMT"] {
        let error = response::<AiApiError>(429, retry_after, RATE_LIMITED);
        assert_eq!(
            policy.adjust(&error, backoff),
            backoff,
            "{retry_after}: the backoff's delay is the floor"
        );
    }
    // A longer server wait wins over the backoff; the body's hint counts when
    // no header is sent.
    let error = response::<AiApiError>(429, "2", RATE_LIMITED);
    assert_eq!(policy.adjust(&error, backoff), Some(Duration::from_secs(2)));
    let error = response::<AiApiError>(429, "", RATE_LIMITED);
    assert_eq!(policy.adjust(&error, backoff), Some(Duration::from_secs(3)));
}

#[test]
fn huge_waits_are_capped_and_safe_to_add_to_an_instant() {
    let policy = RetryPolicy::new(Duration::from_secs(30));
    let huge_body = br#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":18446744073709551615}}"#;
    for error in [
        response::<AiApiError>(429, &u64::MAX.to_string(), RATE_LIMITED),
        response::<AiApiError>(429, "", huge_body),
    ] {
        let ClientError::Api { retry_after, .. } = &error else {
            panic!("{error}");
        };
        assert_eq!(*retry_after, Some(MAX_RETRY_AFTER));
        let _deadline = Instant::now() + retry_after.unwrap();
        assert!(!policy.should_retry(&error), "a day is past max_wait");
        assert_eq!(policy.adjust(&error, Some(Duration::from_secs(1))), None);
    }
}

#[test]
fn the_http_status_decides_over_the_status_in_the_body() {
    let policy = RetryPolicy::new(Duration::from_secs(30));
    // The AIML format carries the status in the body, as a string.
    let says_200 = br#"{"message":"all fine","path":"/v1/chat","requestId":"r","statusCode":"200","timestamp":"t"}"#;
    let error = response::<AimlApiError>(503, "", says_200);
    let ClientError::Api {
        error: e, status, ..
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(e.status_u16(), 200, "the body's claim is kept in the value");
    assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(policy.should_retry(&error), "a 503 is retried");
    assert!(is_server_fault(&error), "a 503 counts against the breaker");

    // The other way round: a body claiming 503 on a 400 is not retried.
    let says_503 = br#"{"message":"busy","path":"/v1/chat","requestId":"r","statusCode":"503","timestamp":"t"}"#;
    let error = response::<AimlApiError>(400, "", says_503);
    assert!(!policy.should_retry(&error));
    assert!(!is_server_fault(&error));
}

#[test]
fn a_body_status_outside_100_to_599_is_a_format_error() {
    for status in ["0", "99", "600", "70000", "-1"] {
        let body = format!(
            r#"{{"message":"m","path":"/","requestId":"r","statusCode":"{status}","timestamp":"t"}}"#
        );
        let parsed = AimlApiError::from_body(body.as_bytes(), Some(500));
        assert!(
            matches!(parsed, Err(BodyError::Format(_))),
            "{status}: {parsed:?}"
        );
        // Such a response is still retried and counted by its HTTP status.
        let error = response::<AimlApiError>(503, "", body.as_bytes());
        assert!(matches!(error, ClientError::Body { .. }), "{error}");
        assert!(RetryPolicy::new(Duration::from_secs(1)).should_retry(&error));
        assert!(is_server_fault(&error));
    }
    // The gateway format carries it as a number.
    for status in ["0", "99", "600", "70000", "-1", "1e3"] {
        let body =
            format!(r#"{{"error":{{"code":"bad_gateway","message":"m","status":{status}}}}}"#);
        let parsed = GatewayError::from_body(body.as_bytes(), Some(502));
        assert!(
            matches!(parsed, Err(BodyError::Format(_))),
            "{status}: {parsed:?}"
        );
    }
    for status in ["100", "599"] {
        let body = format!(
            r#"{{"message":"m","path":"/","requestId":"r","statusCode":"{status}","timestamp":"t"}}"#
        );
        assert!(
            AimlApiError::from_body(body.as_bytes(), Some(500)).is_ok(),
            "{status}"
        );
    }
}

// ----- Retry-After in every form, capped -----

fn header_map(pairs: &[(&'static str, &str)]) -> HeaderMap {
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
        retry_after_from_headers(&header_map(&[("retry-after", "60")]), now),
        Some(Duration::from_secs(60))
    );
    let in_90s = httpdate::fmt_http_date(now + Duration::from_secs(90));
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after", &in_90s)]), now),
        Some(Duration::from_secs(90))
    );
    let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after", &past)]), now),
        Some(Duration::ZERO)
    );
    assert_eq!(
        retry_after_from_headers(
            &header_map(&[("retry-after-ms", "1500"), ("retry-after", "9")]),
            now
        ),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after", "soon")]), now),
        None
    );
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after-ms", "-1")]), now),
        None
    );
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after-ms", "NaN")]), now),
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
        // Past what the client can hold: the longest wait, never none (a
        // client that ignored these retried at once).
        ("retry-after", "99999999999999999999999".to_owned()),
        ("retry-after-ms", "inf".to_owned()),
    ] {
        assert_eq!(
            retry_after_from_headers(&header_map(&[(name, &value)]), now),
            Some(MAX_RETRY_AFTER),
            "{name}: {value}"
        );
    }
    assert_eq!(
        retry_after_from_headers(&header_map(&[("retry-after", "86400")]), now),
        Some(MAX_RETRY_AFTER)
    );
}

// ----- The server's own word on retrying -----

/// A catalog that names a should-retry header (Anthropic's `x-should-retry`)
/// lets the server decide: `false` stops a 429 or 529, `true` retries a 409;
/// without the header the status rule holds.
#[test]
fn the_should_retry_header_wins_over_the_status() {
    let policy = RetryPolicy::new(Duration::from_secs(30));
    let body = br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"#;
    let with = |status: u16, says: Option<&str>| {
        let mut headers = HeaderMap::new();
        if let Some(says) = says {
            headers.insert("x-should-retry", HeaderValue::from_str(says).unwrap());
        }
        client::from_parts::<AnthropicError>(StatusCode::from_u16(status).unwrap(), &headers, body)
    };
    assert!(policy.should_retry(&with(529, None)));
    assert!(!policy.should_retry(&with(529, Some("false"))));
    assert!(!policy.should_retry(&with(429, Some(" FALSE "))));
    assert!(!policy.should_retry(&with(409, None)));
    assert!(policy.should_retry(&with(409, Some("true"))));
    assert!(
        policy.should_retry(&with(529, Some("maybe"))),
        "an unreadable value says nothing"
    );
    assert_eq!(
        policy.adjust(&with(529, Some("false")), Some(Duration::from_secs(1))),
        None
    );
    // A catalog without the header ignores it.
    let mut headers = HeaderMap::new();
    headers.insert("x-should-retry", HeaderValue::from_static("false"));
    let e = client::from_parts::<AiApiError>(StatusCode::TOO_MANY_REQUESTS, &headers, RATE_LIMITED);
    assert!(policy.should_retry(&e));
}
