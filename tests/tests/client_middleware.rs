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
