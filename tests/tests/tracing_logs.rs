//! The `tracing` feature: a 5xx response is logged with its cause chain and
//! its redacted message, with code, status and request id as fields; client
//! retries are logged with the same fields; sensitive values never appear.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use error_catalog::{ApiErrorCatalog, Secret};

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "fixtures/secure.yaml")]
enum SecureError {
    PromptRejected {
        prompt: Secret<String>,
    },
    UpstreamFailed {
        prompt: Secret<String>,
        api_key: Secret<String>,
        token: Secret<String>,
        region: String,
        #[catalog(source)]
        cause: std::io::Error,
    },
}

/// Everything the subscriber writes, for the test to read.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// A subscriber writing here, the default on this thread until the guard drops.
    fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

async fn failing() -> Result<(), SecureError> {
    Err(SecureError::UpstreamFailed {
        prompt: Secret::new("my secret prompt".into()),
        api_key: Secret::new("sk-live-123".into()),
        token: Secret::new("tok-456".into()),
        region: "eu-west".into(),
        cause: std::io::Error::other("connection to upstream reset"),
    })
}

/// A current-thread runtime: the server's tasks log on this thread, where
/// the subscriber is set.
#[tokio::test]
async fn a_5xx_is_logged_with_its_causes_and_never_its_secrets() {
    let (logs, _guard) = Logs::capture();

    let app = Router::new()
        .route("/fail", get(failing))
        .layer(axum::middleware::from_fn(
            error_catalog::axum::request_context,
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response = reqwest::Client::new()
        .get(format!("http://{address}/fail"))
        .header("x-request-id", "req_log_1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    let body = response.bytes().await.unwrap();

    let text = logs.text();
    let line = text
        .lines()
        .find(|l| l.contains("upstream_failed"))
        .unwrap_or_else(|| panic!("no log line for the 5xx:\n{text}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("status=502"), "{line}");
    assert!(line.contains("request_id=\"req_log_1\""), "{line}");
    assert!(
        line.contains("connection to upstream reset"),
        "the cause: {line}"
    );
    assert!(line.contains("[redacted]"), "{line}");
    for secret in ["my secret prompt", "sk-live-123", "tok-456"] {
        assert!(!text.contains(secret), "{secret} reached the log:\n{text}");
        assert!(!String::from_utf8_lossy(&body).contains(secret));
    }
}

#[tokio::test]
async fn client_retries_are_logged_with_code_status_and_request_id() {
    use error_catalog::client::{self, ClientError};
    use error_catalog::retry::RetryPolicy;
    use error_catalog_tests::AiApiError;

    let (logs, _guard) = Logs::capture();

    let address = error_catalog_tests::mock::spawn().await;
    let response = reqwest::Client::new()
        .get(format!(
            "http://{address}/aiapi/rate_limit_exceeded?retry_after=0"
        ))
        .header("x-request-id", "req_log_2")
        .send()
        .await
        .unwrap();
    let error: ClientError<AiApiError> = client::check(response).await.unwrap_err();
    let policy = RetryPolicy::new(Duration::from_secs(5));
    assert!(policy
        .adjust(&error, Some(Duration::from_millis(10)))
        .is_some());
    let text = logs.text();
    let line = text
        .lines()
        .find(|l| l.contains("retrying"))
        .unwrap_or_else(|| panic!("no retry logged:\n{text}"));
    assert!(line.contains("WARN"), "{line}");
    assert!(line.contains("code=\"rate_limit_exceeded\""), "{line}");
    assert!(line.contains("status=429"), "{line}");
    assert!(line.contains("request_id=\"req_log_2\""), "{line}");
}

/// A transport failure is logged without its URL: a query may hold a key.
#[tokio::test]
async fn transport_retries_are_logged_without_the_url() {
    use error_catalog::middleware::CatalogRetry;
    use error_catalog_tests::AiApiError;

    let (logs, _guard) = Logs::capture();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(CatalogRetry::<AiApiError>::new(1).base_delay(Duration::from_millis(1)))
        .build();
    let result = client
        .get(format!("http://{address}/v1/models?key=AIzaSECRET"))
        .send()
        .await;
    assert!(result.is_err());
    let text = logs.text();
    assert!(
        text.contains("retrying after the request could not connect"),
        "{text}"
    );
    assert!(!text.contains("AIzaSECRET"), "{text}");
}

/// A message holds text the client chose (a model name from the path): a
/// newline in it is escaped, so it cannot forge a log line of its own.
#[tokio::test]
async fn a_newline_in_a_message_cannot_start_a_log_line() {
    use error_catalog_tests::AiApiError;
    let (logs, _guard) = Logs::capture();
    let app = Router::new()
        .route(
            "/models",
            get(|| async {
                AiApiError::ModelNotFound {
                    model: "x\n2026-01-01T00:00:00Z ERROR forged".into(),
                }
            }),
        )
        .layer(axum::middleware::from_fn(
            error_catalog::axum::request_context,
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response = reqwest::get(format!("http://{address}/models"))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let text = logs.text();
    let line = text
        .lines()
        .find(|l| l.contains("model_not_found"))
        .unwrap_or_else(|| panic!("no log line:\n{text}"));
    assert!(
        line.contains(r"x\n2026-01-01T00:00:00Z ERROR forged"),
        "{line}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("2026-01-01T00:00:00Z")),
        "a forged line:\n{text}"
    );
}
