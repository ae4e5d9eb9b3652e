//! Reading error bodies from a hostile server on loopback: an endless or
//! oversized body stops at the client's limit, and a body sent slowly is
//! bounded by the reqwest client's timeout.

use std::net::SocketAddr;
use std::time::Duration;

use error_catalog::client::{self, ClientError, DEFAULT_MAX_BODY};
use error_catalog::BodyError;
use error_catalog_tests::{AiApiError, HeaderCodeError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A server on loopback that answers one request with `head`, then runs
/// `body` on the socket until it ends or the client hangs up.
async fn serve_once<F, Fut>(head: &'static str, body: F) -> SocketAddr
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        if socket.write_all(head.as_bytes()).await.is_ok() {
            body(socket).await;
        }
    });
    address
}

const CHUNKED_429: &str = "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nretry-after: 5\r\ntransfer-encoding: chunked\r\n\r\n";

#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    // 64 KiB chunks for as long as the client reads: at most 256 MiB in all,
    // so the test ends even if the client never stopped.
    let address = serve_once(CHUNKED_429, |mut socket| async move {
        let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
        for _ in 0..4096 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    })
    .await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    match client::check::<AiApiError>(response).await.unwrap_err() {
        ClientError::Body {
            status,
            error: BodyError::TooLarge { limit, .. },
            retry_after,
            ..
        } => {
            assert_eq!(status.as_u16(), 429);
            assert_eq!(limit, DEFAULT_MAX_BODY);
            assert_eq!(
                retry_after,
                Some(Duration::from_secs(5)),
                "headers still count"
            );
        }
        other => panic!("{other}"),
    }
}

#[tokio::test]
async fn a_declared_length_past_the_limit_is_not_read() {
    let address = serve_once(
        "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n",
        // The body never comes: a client that waited for it would not return.
        |socket| async move {
            tokio::time::sleep(Duration::from_secs(60)).await;
            drop(socket);
        },
    )
    .await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let error = tokio::time::timeout(
        Duration::from_secs(20),
        client::check_with_limit::<AiApiError>(response, 1000),
    )
    .await
    .expect("the declared length alone decides")
    .unwrap_err();
    assert!(
        matches!(
            &error,
            ClientError::Body {
                error: BodyError::TooLarge { limit: 1000, .. },
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("longer than 1000 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_within_the_limit_is_read_whole() {
    let body = r#"{"code":"invalid_api_key","message":"Invalid API key provided","data":null}"#;
    let head: &'static str = Box::leak(
        format!(
            "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        )
        .into_boxed_str(),
    );
    let address = serve_once(head, |_| async {}).await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let error = client::check_with_limit::<AiApiError>(response, body.len())
        .await
        .unwrap_err();
    assert_eq!(error.api_error(), Some(&AiApiError::InvalidApiKey));
}

#[tokio::test]
async fn a_slow_body_is_bounded_by_the_client_timeout() {
    // One byte a second, for at most a minute.
    let address = serve_once(CHUNKED_429, |mut socket| async move {
        for _ in 0..60 {
            if socket.write_all(b"1\r\n \r\n").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
    .await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(1500))
        .build()
        .unwrap();
    let response = http.get(format!("http://{address}/")).send().await.unwrap();
    // The status and headers had arrived: the error keeps them, with the
    // timeout as the reason the body is incomplete.
    match client::check::<AiApiError>(response).await.unwrap_err() {
        ClientError::Body {
            status,
            error: BodyError::Incomplete(e),
            ..
        } => {
            assert_eq!(status, 429);
            let e = e.downcast_ref::<reqwest::Error>().expect("reqwest's error");
            assert!(e.is_timeout(), "{e}");
        }
        other => panic!("{other}"),
    }
}

/// GitHub says when its rate limit resets in `x-ratelimit-reset` (Unix
/// seconds), not in `Retry-After`; its catalog declares the header, so the
/// client waits until then.
#[test]
fn a_catalog_reset_header_is_the_wait_when_retry_after_is_absent() {
    use error_catalog_tests::GitHubError;
    let in_90_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 90;
    use error_catalog::http;
    let mut headers = http::HeaderMap::new();
    headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
    headers.insert("x-ratelimit-reset", in_90_s.to_string().parse().unwrap());
    let body = br#"{"message":"API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#;
    let read = client::from_parts::<GitHubError>(http::StatusCode::FORBIDDEN, &headers, body);
    let ClientError::Api {
        error, retry_after, ..
    } = read
    else {
        panic!("{read:?}");
    };
    assert!(
        matches!(error, GitHubError::RateLimitExceeded { .. }),
        "{error:?}"
    );
    let wait = retry_after.expect("the reset header gives a wait");
    assert!((85..=90).contains(&wait.as_secs()), "{wait:?}");
    // Retry-After, when present, wins.
    headers.insert("retry-after", "5".parse().unwrap());
    let read = client::from_parts::<GitHubError>(http::StatusCode::FORBIDDEN, &headers, body);
    assert!(matches!(read, ClientError::Api { retry_after: Some(w), .. } if w.as_secs() == 5));
}

#[tokio::test]
async fn a_code_in_a_response_header_picks_the_entry() {
    let address = serve_once(
        "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nx-amzn-ErrorType: ModelNotReadyException:http://internal.amazon.com/coral/com.amazon.bedrock/\r\nx-amzn-RequestId: 6875f61f\r\ncontent-length: 28\r\n\r\n{\"message\":\"Model warming\"}\n",
        |_| async {},
    )
    .await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    match client::check::<HeaderCodeError>(response)
        .await
        .unwrap_err()
    {
        ClientError::Api {
            error, request_id, ..
        } => {
            assert_eq!(
                error,
                HeaderCodeError::ModelNotReady {
                    message: "Model warming".into()
                }
            );
            assert_eq!(request_id.as_deref(), Some("6875f61f"));
        }
        other => panic!("{other}"),
    }
}
