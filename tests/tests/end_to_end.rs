//! End to end on loopback: the mock server (axum, built on the derive) and a
//! real HTTP client (reqwest) for every catalog: status, headers and exact body
//! per code, parse-back, and retries through backon and a circuit breaker
//! through failsafe.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use error_catalog::client::{self, ClientError};
use error_catalog::retry::{is_server_fault, RetryPolicy};
use error_catalog::{ApiErrorCatalog, RequestContext};
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, BedrockError, ErrorCodesError, GatewayError,
    GeminiApiError, GitHubError, GoogleError, OpenAiError, Rfc9457Error, StripeError,
};
use serde_json::Value;

async fn start() -> SocketAddr {
    error_catalog_tests::mock::spawn().await
}

/// Every entry of `E` over HTTP: status, content type, retry and request-id
/// headers, and the exact body a server built on the derive sends, read back
/// by the client from status, headers and body. Gives `api` back, for the
/// caller to check that every API was driven.
async fn every_entry<E>(
    http: &reqwest::Client,
    address: SocketAddr,
    api: &'static str,
) -> &'static str
where
    E: ApiErrorCatalog + serde::Serialize + PartialEq + std::fmt::Debug,
{
    for entry in E::entries() {
        let path = format!("/{api}/{}", entry.key);
        let response = http
            .get(format!("http://{address}{path}"))
            .header("x-request-id", format!("req-{}", entry.key))
            .send()
            .await
            .unwrap();
        let what = format!("{api}/{}", entry.key);
        assert_eq!(response.status().as_u16(), entry.status, "{what}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(
            header("content-type").as_deref(),
            Some(&*E::catalog().wire().content_type),
            "{what}"
        );
        assert_eq!(
            header("x-request-id"),
            Some(format!("req-{}", entry.key)),
            "{what}"
        );
        let retry_after = header("retry-after");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();

        // Rebuild what the server should have sent, with the same parameters
        // and the context of this request.
        let json: Value = serde_json::from_str(&text).unwrap();
        let timestamp = find_string(&json, "timestamp");
        let context = RequestContext {
            request_id: Some(format!("req-{}", entry.key)),
            path: Some(path.clone()),
            timestamp,
        };
        let parsed = match client::from_parts::<E>(status, &headers, &body) {
            ClientError::Api { error, .. } => error,
            other => panic!("{what}: {other}"),
        };
        assert_eq!(
            parsed.entry().map(|e| e.key),
            Some(entry.key),
            "{what}: {text}"
        );
        assert_eq!(
            serde_json::to_string(&parsed.with_context(&context)).unwrap(),
            text,
            "{what}"
        );
        assert_eq!(
            retry_after.map(|s| s.parse::<u64>().unwrap()),
            parsed.retry_after().map(|d| d.as_secs()),
            "{what}"
        );
    }
    api
}

fn find_string(json: &Value, key: &str) -> Option<String> {
    match json {
        Value::Object(map) => map
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| map.values().find_map(|v| find_string(v, key))),
        _ => None,
    }
}

#[tokio::test]
async fn every_entry_of_every_catalog_over_http() {
    let address = start().await;
    let http = reqwest::Client::new();
    let driven = [
        every_entry::<AiApiError>(&http, address, "aiapi").await,
        every_entry::<AimlApiError>(&http, address, "aimlapi").await,
        every_entry::<AnthropicError>(&http, address, "anthropic").await,
        every_entry::<BedrockError>(&http, address, "bedrock").await,
        every_entry::<ErrorCodesError>(&http, address, "errorcodes").await,
        every_entry::<GatewayError>(&http, address, "gateway").await,
        every_entry::<GeminiApiError>(&http, address, "gemini").await,
        every_entry::<GitHubError>(&http, address, "github").await,
        every_entry::<GoogleError>(&http, address, "google").await,
        every_entry::<OpenAiError>(&http, address, "openai").await,
        every_entry::<Rfc9457Error>(&http, address, "rfc9457").await,
        every_entry::<StripeError>(&http, address, "stripe").await,
    ];
    // Every catalog file is served, and every served API was driven here.
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog"))
            .unwrap()
            .filter_map(|e| {
                Some(
                    e.ok()?
                        .file_name()
                        .to_str()?
                        .strip_suffix(".yaml")?
                        .to_owned(),
                )
            })
            .collect();
    files.sort();
    let served: Vec<&str> = error_catalog_tests::mock::APIS
        .iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(files, served, "add the new catalog to mock::APIS");
    assert_eq!(
        driven.as_slice(),
        served.as_slice(),
        "drive the new API here"
    );
}

#[tokio::test]
async fn rate_limit_headers_and_template_parameters() {
    let address = start().await;
    let response = reqwest::get(format!(
        "http://{address}/aiapi/rate_limit_exceeded?retry_after=7"
    ))
    .await
    .unwrap();
    let h = response.headers().clone();
    assert_eq!(h["retry-after"], "7");
    assert_eq!(h["x-ratelimit-limit-requests"], "60");
    assert_eq!(h["x-ratelimit-remaining-requests"], "0");
    assert!(
        h["x-ratelimit-reset-requests"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 1_700_000_000
    );
    let err = client::check::<AiApiError>(response).await.unwrap_err();
    match err {
        ClientError::Api {
            error,
            status,
            retry_after,
            ..
        } => {
            assert_eq!(status.as_u16(), 429);
            assert_eq!(error, AiApiError::RateLimitExceeded { retry_after: 7 });
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
        }
        other => panic!("{other}"),
    }
    let response = reqwest::get(format!(
        "http://{address}/aiapi/model_not_found?model=gpt-9"
    ))
    .await
    .unwrap();
    let err = client::check::<AiApiError>(response).await.unwrap_err();
    assert_eq!(
        err.api_error(),
        Some(&AiApiError::ModelNotFound {
            model: "gpt-9".into()
        })
    );
    // A generated request id when the client sends none.
    let response = reqwest::get(format!("http://{address}/errorcodes/INVALID_REQUEST"))
        .await
        .unwrap();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["meta"]["request_id"], id.as_str());
    assert_eq!(id.len(), 36, "a UUID: {id}");
}

/// One call to a flaky session, as a client would write it.
async fn call(http: &reqwest::Client, url: &str) -> Result<Value, ClientError<AiApiError>> {
    let response = http.get(url).send().await.map_err(ClientError::Transport)?;
    let response = client::check::<AiApiError>(response).await?;
    Ok(serde_json::from_slice(&response.bytes().await.map_err(ClientError::Transport)?).unwrap())
}

async fn attempts(http: &reqwest::Client, address: SocketAddr, session: &str) -> u64 {
    let stats: Value = http
        .get(format!("http://{address}/stats/{session}"))
        .send()
        .await
        .unwrap()
        .json_value()
        .await;
    stats["attempts"].as_u64().unwrap()
}

trait JsonValue {
    async fn json_value(self) -> Value;
}

impl JsonValue for reqwest::Response {
    async fn json_value(self) -> Value {
        serde_json::from_slice(&self.bytes().await.unwrap()).unwrap()
    }
}

/// A short exponential backoff with at most `max_times` retries.
fn backoff(max_times: usize) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(10))
        .with_max_times(max_times)
}

/// Retries with backon, classified and delayed by the catalog's rules.
async fn with_retries(
    http: &reqwest::Client,
    url: &str,
    policy: RetryPolicy,
    backoff: ExponentialBuilder,
) -> (Result<Value, ClientError<AiApiError>>, Vec<Duration>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let result = (|| call(http, url))
        .retry(backoff)
        .when(|e| policy.should_retry(e))
        .adjust(|e, backoff| policy.adjust(e, backoff))
        .notify(|_, wait| recorded.lock().unwrap().push(wait))
        .await;
    let waits = waits.lock().unwrap().clone();
    (result, waits)
}

#[tokio::test]
async fn retries_honour_retry_after_then_succeed() {
    let address = start().await;
    let http = reqwest::Client::new();
    let url = format!(
        "http://{address}/flaky/s1?fail=2&api=aiapi&code=rate_limit_exceeded&retry_after=1"
    );
    let (result, waits) = with_retries(
        &http,
        &url,
        RetryPolicy::new(Duration::from_secs(5)),
        backoff(5),
    )
    .await;
    assert_eq!(result.unwrap()["ok"], true);
    assert_eq!(
        waits,
        vec![Duration::from_secs(1), Duration::from_secs(1)],
        "each wait is the server's Retry-After"
    );
    assert_eq!(attempts(&http, address, "s1").await, 3);
}

#[tokio::test]
async fn a_wait_past_the_cap_is_not_retried() {
    let address = start().await;
    let http = reqwest::Client::new();
    let url = format!(
        "http://{address}/flaky/s2?fail=3&api=aiapi&code=rate_limit_exceeded&retry_after=120"
    );
    let (result, waits) = with_retries(
        &http,
        &url,
        RetryPolicy::new(Duration::from_secs(5)),
        backoff(5),
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(
        err.api_error(),
        Some(&AiApiError::RateLimitExceeded { retry_after: 120 })
    );
    assert!(waits.is_empty());
    assert_eq!(attempts(&http, address, "s2").await, 1);
}

#[tokio::test]
async fn retries_stop_after_the_maximum_attempts() {
    let address = start().await;
    let http = reqwest::Client::new();
    // 502 from the gateway catalog has no Retry-After: the backoff decides the waits.
    let url = format!("http://{address}/flaky/s3?fail=10&api=gateway&code=bad_gateway");
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let policy = RetryPolicy::new(Duration::from_secs(5));
    let result = (|| async {
        let response = http
            .get(&url)
            .send()
            .await
            .map_err(ClientError::Transport)?;
        client::check::<GatewayError>(response).await.map(|_| ())
    })
    .retry(
        ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(5))
            .with_max_times(3),
    )
    .when(|e| policy.should_retry(e))
    .adjust(|e, backoff| policy.adjust(e, backoff))
    .notify(|_, wait| recorded.lock().unwrap().push(wait))
    .await;
    assert_eq!(
        result.unwrap_err().api_error(),
        Some(&GatewayError::BadGateway)
    );
    assert_eq!(waits.lock().unwrap().len(), 3);
    assert_eq!(
        attempts(&http, address, "s3").await,
        4,
        "one try and three retries"
    );
}

/// The README's recipe, against a server that never stops answering 429 with
/// `Retry-After: 0`: the backoff's attempt count is a ceiling, and its delays
/// a floor under the server's zero wait.
#[tokio::test]
async fn the_readme_recipe_stops_when_the_server_never_recovers() {
    let address = start().await;
    let http = reqwest::Client::new();
    let url = format!(
        "http://{address}/flaky/r0?fail=1000&api=aiapi&code=rate_limit_exceeded&retry_after=0"
    );
    let min_delay = Duration::from_millis(20);
    let recipe = backoff(4).with_min_delay(min_delay).with_jitter();
    let (result, waits) = tokio::time::timeout(
        Duration::from_secs(30),
        with_retries(
            &http,
            &url,
            RetryPolicy::new(Duration::from_secs(30)),
            recipe,
        ),
    )
    .await
    .expect("the retries stop after four");
    assert_eq!(
        result.unwrap_err().api_error(),
        Some(&AiApiError::RateLimitExceeded { retry_after: 0 })
    );
    assert_eq!(
        attempts(&http, address, "r0").await,
        5,
        "one try, four retries"
    );
    assert_eq!(waits.len(), 4, "{waits:?}");
    for (i, wait) in waits.iter().enumerate() {
        let floor = min_delay * 2u32.pow(i as u32);
        assert!(
            *wait >= floor,
            "wait {i} is {wait:?}, below the backoff's {floor:?}"
        );
    }
}

/// A server that always asks for one second: each wait is the server's, and
/// the attempts still end with the backoff's.
#[tokio::test]
async fn retry_after_does_not_extend_the_attempts() {
    let address = start().await;
    let http = reqwest::Client::new();
    let url = format!(
        "http://{address}/flaky/r1?fail=1000&api=aiapi&code=rate_limit_exceeded&retry_after=1"
    );
    let (result, waits) = tokio::time::timeout(
        Duration::from_secs(30),
        with_retries(
            &http,
            &url,
            RetryPolicy::new(Duration::from_secs(5)),
            backoff(2),
        ),
    )
    .await
    .expect("the retries stop after two");
    assert!(result.is_err());
    assert_eq!(waits, vec![Duration::from_secs(1); 2]);
    assert_eq!(attempts(&http, address, "r1").await, 3);
}

#[tokio::test]
async fn non_retryable_codes_are_tried_once() {
    let address = start().await;
    let http = reqwest::Client::new();
    for (session, code) in [
        ("s4", "invalid_api_key"),
        ("s5", "quota_not_enough"),
        ("s6", "invalid_max_tokens"),
    ] {
        let url = format!("http://{address}/flaky/{session}?fail=5&api=aiapi&code={code}");
        let (result, waits) = with_retries(
            &http,
            &url,
            RetryPolicy::new(Duration::from_secs(5)),
            backoff(5),
        )
        .await;
        assert!(result.is_err());
        assert!(waits.is_empty(), "{code}");
        assert_eq!(attempts(&http, address, session).await, 1, "{code}");
    }
}

#[tokio::test]
async fn circuit_breaker_counts_only_server_faults() {
    use failsafe::futures::CircuitBreaker as _;
    use failsafe::{backoff, failure_policy, Config};

    let address = start().await;
    let http = reqwest::Client::new();
    let breaker = Config::new()
        .failure_policy(failure_policy::consecutive_failures(
            3,
            backoff::constant(Duration::from_secs(60)),
        ))
        .build();
    let get = |path: String| {
        let http = http.clone();
        async move {
            let response = http
                .get(format!("http://{address}{path}"))
                .send()
                .await
                .map_err(ClientError::Transport)?;
            client::check::<GatewayError>(response).await.map(|_| ())
        }
    };
    // Client errors do not open the breaker, however many.
    for _ in 0..5 {
        let r = breaker
            .call_with(
                is_server_fault::<GatewayError>,
                get("/flaky/c1?fail=99&api=gateway&code=unauthorized".into()),
            )
            .await;
        assert!(matches!(r, Err(failsafe::Error::Inner(_))));
    }
    assert_eq!(attempts(&http, address, "c1").await, 5);
    // Three server faults in a row open it; the fourth call never reaches the server.
    for _ in 0..3 {
        let r = breaker
            .call_with(
                is_server_fault::<GatewayError>,
                get("/flaky/c2?fail=99&api=gateway&code=service_unavailable".into()),
            )
            .await;
        assert!(matches!(r, Err(failsafe::Error::Inner(_))));
    }
    let r = breaker
        .call_with(
            is_server_fault::<GatewayError>,
            get("/flaky/c2?fail=99&api=gateway&code=service_unavailable".into()),
        )
        .await;
    assert!(
        matches!(r, Err(failsafe::Error::Rejected)),
        "the breaker is open"
    );
    assert_eq!(attempts(&http, address, "c2").await, 3);
}

#[tokio::test]
async fn unknown_routes_and_bad_bodies_are_errors_not_panics() {
    let address = start().await;
    let response = reqwest::get(format!("http://{address}/aiapi/no_such_code"))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    match client::check::<AiApiError>(response).await.unwrap_err() {
        ClientError::Body { status, .. } => assert_eq!(status.as_u16(), 404),
        other => panic!("{other}"),
    }
}

/// A request whose body arrives after its headers leaves the connection open
/// for the next request, as a client's connection pool expects. (When the
/// mock's routes did not read bodies, hyper closed such connections, and the
/// seed-003 Python client sometimes spent a retry on the reset.)
#[tokio::test]
async fn a_connection_stays_open_after_a_request_with_a_body() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let address = start().await;
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = "POST /flaky/k1?fail=9&api=aiapi&code=invalid_api_key HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n";
    socket.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    socket.write_all(b"{}").await.unwrap();
    let first = read_response(&mut socket).await;
    assert!(first.starts_with("HTTP/1.1 401"), "{first}");
    socket
        .write_all(b"GET /stats/k1 HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .expect("the server closed the connection after the first request");
    let second = read_response(&mut socket).await;
    assert!(
        second.starts_with("HTTP/1.1 200"),
        "the connection was closed: {second:?}"
    );
    assert!(second.ends_with(r#"{"attempts":1}"#), "{second}");

    /// Reads one response with a content-length body; empty if the server closed.
    async fn read_response(socket: &mut tokio::net::TcpStream) -> String {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let text = String::from_utf8_lossy(&seen).into_owned();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length: ")
                            .map(str::to_owned)
                    })
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if body.len() >= length {
                    return text;
                }
            }
            match tokio::time::timeout(Duration::from_secs(10), socket.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return text,
                Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            }
        }
    }
}
