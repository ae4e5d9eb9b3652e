//! The README's Rust snippets, compiled and run: each appears below exactly
//! as the README shows it (surrounded by what it needs), and
//! `every_readme_snippet_is_here` fails when the README's copy drifts.

use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::routing::post;
use axum::{Json, Router};
use backon::{ExponentialBuilder, Retryable};
use error_catalog::client::{self, ClientError};
use error_catalog::retry::RetryPolicy;
use error_catalog_tests::ErrorCodesError;
use serde_json::Value;

/// The README's Rust blocks that are not here, and why.
const ELSEWHERE: &[(&str, &str)] = &[];

/// Rendering your own pages, compiled but not run: it writes into the
/// working directory's docs/ folder (gen-docs runs the same calls).
#[rustfmt::skip] // as the README shows it
#[allow(dead_code)]
fn own_pages() -> Result<(), Box<dyn std::error::Error>> {
    let file = "catalog/my_api.yaml";
    let catalog = error_catalog_model::load_file(file.as_ref()).unwrap_or_else(|problems| {
        for problem in &problems {
            eprintln!("{}", problem.display_with_file(file));   // file:line:column: message
        }
        std::process::exit(1)
    });
    std::fs::create_dir_all("docs/errors")?;
    std::fs::write("docs/errors/my_api.md", error_catalog_model::render::render_page(&catalog, file))?;
    Ok(())
}

#[test]
fn every_readme_snippet_is_here() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // The README's paths are relative to a user's crate; this crate reaches
    // the catalogs one level up.
    let here = include_str!("readme.rs").replace("path = \"../catalog/", "path = \"catalog/");
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let here = lines(&here);
    let mut checked = 0;
    for block in readme.split("```rust\n").skip(1) {
        let block = block.split("```").next().unwrap();
        if ELSEWHERE.iter().any(|(start, _)| block.starts_with(start)) {
            continue;
        }
        let block = lines(block);
        let found = here.windows(block.len()).any(|w| w == block.as_slice());
        assert!(
            found,
            "README snippet not in tests/tests/readme.rs:\n{}",
            block.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked} snippets");
}

/// The README's whole catalogs (YAML blocks that start with `name:`) load
/// without a mistake, so the format section shows only what works.
#[test]
fn every_readme_catalog_loads() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut loaded = 0;
    for block in readme.split("```yaml\n").skip(1) {
        let block = block.split("```").next().unwrap();
        if !block.starts_with("name:") {
            continue;
        }
        if let Err(problems) = error_catalog_model::load_str(block) {
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "README catalog does not load:\n{}\n{block}",
                shown.join("\n")
            );
        }
        loaded += 1;
    }
    assert!(loaded >= 1, "no whole catalog in the README");
}

#[rustfmt::skip] // as the README shows it
mod derive {
    use error_catalog::ApiErrorCatalog;

    #[derive(Debug, ApiErrorCatalog)]
    #[catalog(path = "../catalog/aiapi.yaml", subset)]  // relative to this crate's Cargo.toml
    pub enum AiApiError {
        InvalidApiKey,                       // entry `invalid_api_key` (names by heck)
        ModelNotFound { model: String },     // message "model '{model}' not found"
        RateLimitExceeded { retry_after: u64 },
        #[catalog(code = "quota_not_enough")]
        OutOfQuota,
    }

    #[test]
    fn the_derive() -> Result<(), Box<dyn std::error::Error>> {
        let e = AiApiError::ModelNotFound { model: "gpt-9".into() };
        assert_eq!(e.to_string(), "model 'gpt-9' not found");
        assert_eq!(e.status(), 404);             // an http::StatusCode, as axum/reqwest/hyper use
        assert!(!e.is_retryable());
        let body = serde_json::to_string(&e)?;   // {"code":"model_not_found","message":"model 'gpt-9' not found","data":null}
        let back = AiApiError::from_body(body.as_bytes(), Some(404))?;
        assert_eq!(body, r#"{"code":"model_not_found","message":"model 'gpt-9' not found","data":null}"#);
        assert!(matches!(back, AiApiError::ModelNotFound { model } if model == "gpt-9"));
        Ok(())
    }
}

mod generated {
    use error_catalog::ApiErrorCatalog; // the trait: status(), entries(), from_body(), ...

    #[error_catalog::catalog_enum(path = "../catalog/aiapi.yaml")]
    #[derive(Debug, Clone, PartialEq)]
    pub enum AiApiError {}

    #[test]
    fn the_generating_form() {
        assert_eq!(AiApiError::entries().len(), 10);
        assert_eq!(AiApiError::QuotaNotEnough.status(), 403);
    }
}

#[rustfmt::skip] // as the README shows it
mod server {
    use super::*;
    use error_catalog_tests::AiApiError;

    #[derive(serde::Serialize)]
    struct Answer;

    #[tokio::test]
    async fn the_server() {
        use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
        async fn chat() -> Result<Json<Answer>, AiApiError> {
            Err(AiApiError::ModelNotFound { model: "gpt-9".into() })
        }
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .layer(axum::middleware::from_fn(error_catalog::axum::request_context))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let response = reqwest::Client::new()
            .post(format!("http://{address}/v1/chat/completions"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
        assert!(response.headers().contains_key("x-request-id"));
        let err = client::check::<AiApiError>(response).await.unwrap_err();
        assert_eq!(err.api_error(), Some(&AiApiError::ModelNotFound { model: "gpt-9".into() }));
    }
}

#[rustfmt::skip] // as the README shows it
mod rejections {
    use super::*;

    pub struct ApiError(ErrorCodesError);

    impl axum::response::IntoResponse for ApiError {
        fn into_response(self) -> axum::response::Response {
            self.0.into_response()
        }
    }

    impl From<JsonRejection> for ApiError {
        fn from(_: JsonRejection) -> Self {
            ApiError(ErrorCodesError::InvalidRequest)
        }
    }

    async fn create(payload: Result<Json<Value>, JsonRejection>) -> Result<Json<Value>, ApiError> {
        let Json(value) = payload?;
        Ok(Json(value))
    }

    #[tokio::test]
    async fn a_rejection_in_the_catalogs_format() {
        let app = Router::new().route("/items", post(create));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let response = reqwest::Client::new()
            .post(format!("http://{address}/items"))
            .header("content-type", "application/json")
            .body("[")
            .send()
            .await
            .unwrap();
        let err = client::check::<ErrorCodesError>(response)
            .await
            .unwrap_err();
        assert_eq!(err.api_error(), Some(&ErrorCodesError::InvalidRequest));
    }
}

#[rustfmt::skip] // as the README shows it
mod retries {
    use super::*;
    use error_catalog_tests::AiApiError;

    async fn call_api(http: &(reqwest::Client, String)) -> Result<Value, ClientError<AiApiError>> {
        let response = http.0.get(&http.1).send().await.map_err(ClientError::Transport)?;
        let response = client::check::<AiApiError>(response).await?;
        let bytes = response.bytes().await.map_err(ClientError::Transport)?;
        Ok(serde_json::from_slice(&bytes).unwrap_or_default())
    }

    #[tokio::test]
    async fn the_retry_recipe() {
        let address = error_catalog_tests::mock::spawn().await;
        let http = (
            reqwest::Client::new(),
            format!("http://{address}/flaky/readme?fail=2&api=aiapi&code=rate_limit_exceeded&retry_after=0"),
        );
        let policy = RetryPolicy::new(Duration::from_secs(30));   // longest Retry-After honoured
        let answer = (|| call_api(&http))
            .retry(ExponentialBuilder::default().with_max_times(4).with_jitter())
            .when(|e| policy.should_retry(e))              // 429/5xx as the catalog says; never 400/401/403
            .adjust(|e, backoff| policy.adjust(e, backoff)) // Retry-After (seconds or HTTP date), retry-after-ms
            .await;                                         // at most 5 attempts, whatever the server says

        use failsafe::futures::CircuitBreaker as _;         // call_with for futures
        let breaker = failsafe::Config::new().build();
        let guarded = breaker.call_with(error_catalog::retry::is_server_fault::<AiApiError>, call_api(&http)).await;

        assert_eq!(answer.unwrap()["attempts"], 3, "two failures, then the answer");
        assert!(guarded.is_ok(), "the session answers from now on");
    }
}

#[rustfmt::skip] // as the README shows it
mod middleware {
    use super::*;
    use error_catalog::middleware::CatalogRetry;
    use error_catalog_tests::AiApiError;

    async fn call(url: String) -> Result<reqwest::Response, ClientError<AiApiError>> {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build()?;  // bounds each attempt, slow bodies too
        let client = reqwest_middleware::ClientBuilder::new(http)
            .with(CatalogRetry::<AiApiError>::new(3))      // at most 3 retries, waits of at most 30 s
            .build();
        let response = client.get(&url).send().await.map_err(ClientError::<AiApiError>::from)?;
        let response = client::check::<AiApiError>(response).await?;
        Ok(response)
    }

    #[tokio::test]
    async fn the_middleware() {
        let address = error_catalog_tests::mock::spawn().await;
        let url = format!("http://{address}/flaky/readme-mw?fail=1&api=aiapi&code=rate_limit_exceeded&retry_after=0");
        assert_eq!(call(url).await.unwrap().status(), 200);
        let url = format!("http://{address}/aiapi/quota_not_enough");
        assert_eq!(call(url).await.unwrap_err().api_error(), Some(&AiApiError::QuotaNotEnough));
    }
}

#[rustfmt::skip] // as the README shows it
mod logs {
    #[test]
    fn the_subscriber() -> Result<(), Box<dyn std::error::Error>> {
        let subscriber = tracing_subscriber::fmt().with_writer(std::io::stderr).finish();
        tracing::subscriber::set_global_default(subscriber)?;   // in a test: set_default, keeping its guard
        assert!(tracing::dispatcher::has_been_set());
        Ok(())
    }
}

#[rustfmt::skip] // as the README shows it
mod openapi {
    use error_catalog_tests::AiApiError;
    use utoipa::openapi::path::OperationBuilder;
    use utoipa::openapi::ResponsesBuilder;

    #[test]
    fn the_responses() {
        let responses = ResponsesBuilder::new().responses_from_into_responses::<AiApiError>().build();
        let operation = OperationBuilder::new().operation_id(Some("chat")).responses(responses);
        let operation = serde_json::to_value(operation.build()).unwrap();
        assert_eq!(operation["responses"].as_object().unwrap().len(), 5, "400, 401, 403, 404, 429");
    }
}

#[rustfmt::skip] // as the README shows it
mod aide_routes {
    use aide::axum::routing::get;
    use aide::axum::ApiRouter;
    use error_catalog_tests::AiApiError;

    #[test]
    fn the_aide_route() {
        let mut api = aide::openapi::OpenApi::default();
        async fn chat() -> Result<String, AiApiError> {
            Ok("hello".into())
        }
        let router: axum::Router = ApiRouter::new().api_route("/v1/chat", get(chat)).finish_api(&mut api);
        drop(router);
        let document = serde_json::to_value(&api).unwrap();
        assert!(document["paths"]["/v1/chat"]["get"]["responses"]["429"].is_object());
    }
}

#[rustfmt::skip] // as the README shows it
mod strategy {
    use std::time::Duration;
    use error_catalog::middleware::CatalogStrategy;
    use error_catalog_tests::AiApiError;
    use reqwest_retry::policies::ExponentialBackoff;
    use reqwest_retry::RetryTransientMiddleware;

    #[tokio::test]
    async fn the_strategy() -> Result<(), reqwest::Error> {
        let address = error_catalog_tests::mock::spawn().await;
        let policy = ExponentialBackoff::builder().build_with_max_retries(3);
        let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build()?;
        let client = reqwest_middleware::ClientBuilder::new(http)
            .with(RetryTransientMiddleware::new_with_policy_and_strategy(policy, CatalogStrategy::<AiApiError>::new()))
            .build();
        let response = client.get(format!("http://{address}/aiapi/quota_not_enough")).send().await.unwrap();
        assert_eq!(response.status(), 403, "fatal: answered at once");
        Ok(())
    }
}
