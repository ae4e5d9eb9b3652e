//! The reqwest-middleware integration against the mock server on loopback:
//! `CatalogRetry` retries what the catalog calls retryable (body read, waits
//! honoured, attempts bounded), reqwest-retry's middleware with
//! `CatalogStrategy`, and `ClientError` from middleware errors.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use error_catalog::client::{self, ClientError};
use error_catalog::http;
use error_catalog::middleware::{CatalogRetry, CatalogStrategy};
use error_catalog_tests::AiApiError;
use reqwest_middleware::ClientBuilder;
use reqwest_retry::policies::ExponentialBackoff;
use reqwest_retry::RetryTransientMiddleware;
use serde_json::Value;

async fn attempts(address: SocketAddr, session: &str) -> u64 {
    let response = reqwest::get(format!("http://{address}/stats/{session}"))
        .await
        .unwrap();
    let stats: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    stats["attempts"].as_u64().unwrap()
}

fn with_catalog_retry(retries: u32) -> reqwest_middleware::ClientWithMiddleware {
    ClientBuilder::new(reqwest::Client::new())
        .with(CatalogRetry::<AiApiError>::new(retries).base_delay(Duration::from_millis(5)))
        .build()
}

#[tokio::test]
async fn retryable_errors_are_retried_until_the_answer() {
    let address = error_catalog_tests::mock::spawn().await;
    let url = format!(
        "http://{address}/flaky/m1?fail=2&api=aiapi&code=rate_limit_exceeded&retry_after=0"
    );
    let response = with_catalog_retry(3).get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(attempts(address, "m1").await, 3);
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_error_keeps_its_body() {
    let address = error_catalog_tests::mock::spawn().await;
    let url = format!(
        "http://{address}/flaky/m2?fail=1000&api=aiapi&code=rate_limit_exceeded&retry_after=0"
    );
    let response = with_catalog_retry(2)
        .get(&url)
        .header("x-request-id", "req_m2")
        .send()
        .await
        .unwrap();
    assert_eq!(attempts(address, "m2").await, 3, "one try and two retries");
    assert_eq!(
        response.url().path(),
        "/flaky/m2",
        "the URL survives the rebuild"
    );
    assert_eq!(
        response.remote_addr(),
        Some(address),
        "so do the extensions reqwest and inner layers set"
    );
    let err = client::check::<AiApiError>(response).await.unwrap_err();
    assert_eq!(
        err.api_error(),
        Some(&AiApiError::RateLimitExceeded { retry_after: 0 })
    );
    assert_eq!(err.request_id(), Some("req_m2"));
    let body: Value = serde_json::from_slice(err.body().unwrap()).unwrap();
    assert_eq!(body["code"], "rate_limit_exceeded");
}

#[tokio::test]
async fn non_retryable_errors_are_sent_once_and_waits_are_honoured() {
    let address = error_catalog_tests::mock::spawn().await;
    let url = format!("http://{address}/flaky/m3?fail=1000&api=aiapi&code=quota_not_enough");
    let response = with_catalog_retry(3).get(&url).send().await.unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(attempts(address, "m3").await, 1, "a 403 is not retried");

    // The server asks for one second: the retry waits for it.
    let url = format!(
        "http://{address}/flaky/m4?fail=1&api=aiapi&code=rate_limit_exceeded&retry_after=1"
    );
    let started = Instant::now();
    let response = with_catalog_retry(3).get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    // A wait past max_wait is not retried.
    let url = format!(
        "http://{address}/flaky/m5?fail=1&api=aiapi&code=rate_limit_exceeded&retry_after=3600"
    );
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(CatalogRetry::<AiApiError>::new(3).max_wait(Duration::from_secs(5)))
        .build();
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(attempts(address, "m5").await, 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_as_transport() {
    // A port nothing listens on: bound, then closed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let result = with_catalog_retry(2)
        .get(format!("http://{address}/"))
        .send()
        .await;
    let err = ClientError::<AiApiError>::from(result.unwrap_err());
    let ClientError::Transport(transport) = &err else {
        panic!("{err:?}");
    };
    assert!(transport.is_connect());
    assert!(error_catalog::retry::is_transient(transport));
    assert!(error_catalog::retry::RetryPolicy::new(Duration::from_secs(1)).should_retry(&err));
}

#[tokio::test]
async fn reqwest_retry_with_the_catalog_strategy() {
    let address = error_catalog_tests::mock::spawn().await;
    let policy = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(5), Duration::from_millis(20))
        .build_with_max_retries(2);
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryTransientMiddleware::new_with_policy_and_strategy(
            policy,
            CatalogStrategy::<AiApiError>::new(),
        ))
        .build();
    let url = format!(
        "http://{address}/flaky/s1?fail=1&api=aiapi&code=rate_limit_exceeded&retry_after=0"
    );
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    assert_eq!(attempts(address, "s1").await, 2);
    let url = format!("http://{address}/flaky/s2?fail=5&api=aiapi&code=quota_not_enough");
    assert_eq!(client.get(&url).send().await.unwrap().status(), 403);
    assert_eq!(attempts(address, "s2").await, 1, "fatal: not retried");
}

/// A server that closes the connection without answering (as one closing an
/// idle keep-alive connection does): hyper's incomplete message, which
/// reqwest-retry calls transient, and so does `is_transient`.
#[tokio::test]
async fn a_connection_closed_before_the_answer_is_transient() {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 1024];
            let _ = socket.read(&mut request).await;
            drop(socket);
        }
    });
    let err = reqwest::get(format!("http://{address}/"))
        .await
        .unwrap_err();
    assert!(!err.is_connect() && !err.is_timeout(), "{err:?}");
    assert!(error_catalog::retry::is_transient(&err), "{err:?}");
}

/// reqwest-retry sees no body, but a code in a header says which error it is:
/// two 400s, one retryable, that only the header tells apart.
#[test]
fn catalog_strategy_reads_a_code_header() {
    use error_catalog_tests::HeaderCodeError;
    use reqwest_retry::{Retryable, RetryableStrategy};
    let strategy = CatalogStrategy::<HeaderCodeError>::new();
    let verdict = |error_type: Option<&str>| {
        let mut response = http::Response::builder().status(400);
        if let Some(value) = error_type {
            response = response.header("x-amzn-ErrorType", value);
        }
        let response = reqwest::Response::from(response.body(r#"{"message":"m"}"#).unwrap());
        strategy
            .handle(&Ok(response))
            .map(|r| r == Retryable::Transient)
    };
    assert_eq!(
        verdict(Some(
            "ServiceQuotaExceededException:http://internal.amazon.com/"
        )),
        Some(true)
    );
    assert_eq!(verdict(Some("ValidationException")), Some(false));
    // Without it the two 400s disagree, and the status rule says no.
    assert_eq!(verdict(None), Some(false));
}

/// A loopback server that answers every request with `head` (status line,
/// headers and the start of a body), then, with `endless`, chunks of a body
/// that never ends, and closes; it counts the requests.
async fn raw_server(
    head: &'static str,
    endless: bool,
) -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let seen = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                counter.fetch_add(1, Ordering::SeqCst);
                let _ = socket.write_all(head.as_bytes()).await;
                let chunk = format!("400\r\n{}\r\n", "x".repeat(0x400));
                while endless && socket.write_all(chunk.as_bytes()).await.is_ok() {}
            });
        }
    });
    (address, seen)
}

fn retry_with_limit(retries: u32, max_body: usize) -> reqwest_middleware::ClientWithMiddleware {
    let retry = CatalogRetry::<AiApiError>::new(retries)
        .base_delay(Duration::from_millis(5))
        .max_body(max_body);
    ClientBuilder::new(reqwest::Client::new())
        .with(retry)
        .build()
}

const CUT_503: &str = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 1000\r\nx-request-id: req_cut\r\n\r\n{\"code\":\"serv";

/// A 503 whose connection closes mid-body is still a 503: `check` keeps the
/// status, the headers' hints and the bytes that came, and the retry policy
/// retries it by status (it had been a transport error without a status,
/// which no recipe retried).
#[tokio::test]
async fn an_error_body_cut_off_keeps_its_status_and_is_retried() {
    use error_catalog::retry::RetryPolicy;
    use error_catalog::BodyError;
    let (address, _) = raw_server(CUT_503, false).await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let err = client::check::<AiApiError>(response).await.unwrap_err();
    let ClientError::Body {
        status,
        error: BodyError::Incomplete(_),
        ref body,
        ..
    } = err
    else {
        panic!("expected an incomplete body, got {err:?}")
    };
    assert_eq!(status, 503);
    assert_eq!(body, br#"{"code":"serv"#);
    assert_eq!(err.request_id(), Some("req_cut"));
    assert!(RetryPolicy::new(Duration::from_secs(30)).should_retry(&err));

    let (address, seen) = raw_server(CUT_503, false).await;
    let failed = retry_with_limit(2, client::DEFAULT_MAX_BODY)
        .get(format!("http://{address}/"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        seen.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "one try and two retries"
    );
    let err = ClientError::<AiApiError>::from(failed);
    assert!(
        matches!(
            err,
            ClientError::Body {
                error: BodyError::Incomplete(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        err.request_id(),
        Some("req_cut"),
        "the headers' hints come back too"
    );
}

/// A body past the limit, declared or not, is retried by its status and
/// headers as any unreadable body; what ends the retries reaches the caller
/// as `check` would report it, status and `Retry-After` kept.
#[tokio::test]
async fn an_error_body_past_the_limit_is_retried_and_reported() {
    use error_catalog::BodyError;
    let endless =
        "HTTP/1.1 429 Too Many Requests\r\ntransfer-encoding: chunked\r\nretry-after: 0\r\n\r\n";
    let (address, seen) = raw_server(endless, true).await;
    let failed = retry_with_limit(2, 1000)
        .get(format!("http://{address}/"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 3);
    let err = ClientError::<AiApiError>::from(failed);
    let ClientError::Body {
        status,
        error: BodyError::TooLarge { limit: 1000, .. },
        retry_after,
        ..
    } = err
    else {
        panic!("expected a body too large, got {err:?}")
    };
    assert_eq!(status, 429);
    assert_eq!(retry_after, Some(Duration::ZERO));

    // Declared: the same, without reading it.
    let declared = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 2000\r\n\r\n";
    let (address, seen) = raw_server(declared, false).await;
    let failed = retry_with_limit(2, 1000)
        .get(format!("http://{address}/"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 3);
    let err = ClientError::<AiApiError>::from(failed);
    assert!(
        matches!(
            err,
            ClientError::Body {
                error: BodyError::TooLarge { limit: 1000, .. },
                ..
            }
        ),
        "{err:?}"
    );
}

/// `max_body` holds end to end: `check` reads the response the middleware
/// hands back with the middleware's limit, raised as lowered.
#[tokio::test]
async fn check_keeps_the_middlewares_body_limit() {
    // 1.5 MiB, past the 1 MiB default: read whole under a 2 MiB limit.
    let model = "m".repeat(3 << 19);
    let body = format!(
        r#"{{"code":"model_not_found","message":"model '{model}' not found","data":null}}"#
    );
    let head = format!(
        "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let (address, seen) = raw_server(Box::leak(head.into_boxed_str()), false).await;
    let response = retry_with_limit(2, 2 << 20)
        .get(format!("http://{address}/"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        seen.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "a 404 is not retried"
    );
    let err = client::check::<AiApiError>(response).await.unwrap_err();
    assert_eq!(err.body().map(<[u8]>::len), Some(body.len()), "read whole");
    // `from_response` keeps to it too.
    let response = retry_with_limit(0, 2 << 20)
        .get(format!("http://{address}/"))
        .send()
        .await
        .unwrap();
    let again = client::from_response::<AiApiError>(response).await;
    assert_eq!(
        again.body().map(<[u8]>::len),
        Some(body.len()),
        "read whole"
    );
    assert!(
        matches!(err.api_error(), Some(AiApiError::ModelNotFound { model: m }) if *m == model),
        "read as the catalog's error"
    );
}
