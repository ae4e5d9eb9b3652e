//! The axum integration as axum users write servers: request ids from
//! tower-http's layers, context that follows the request into spawned tasks
//! and nested routers, the `RequestContext` extractor, and extractor
//! rejections answered in the catalog's own body.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::routing::{get, post};
use axum::{Json, Router};
use error_catalog::RequestContext;
use error_catalog_tests::ErrorCodesError;
use serde_json::Value;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

/// The user's mapping from a malformed JSON body to the catalog's error.
struct ApiError(ErrorCodesError);

impl From<JsonRejection> for ApiError {
    fn from(_: JsonRejection) -> Self {
        ApiError(ErrorCodesError::InvalidRequest)
    }
}

impl axum::response::IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        self.0.into_response()
    }
}

async fn create(payload: Result<Json<Value>, JsonRejection>) -> Result<Json<Value>, ApiError> {
    let Json(value) = payload?;
    Ok(Json(value))
}

/// The error response is made in a task the handler spawned (a tokio
/// task-local context would be lost there).
async fn spawned() -> axum::response::Response {
    use axum::response::IntoResponse;
    tokio::spawn(async { ErrorCodesError::InternalError.into_response() })
        .await
        .unwrap()
}

async fn context(context: RequestContext) -> Json<Value> {
    Json(serde_json::json!({"request_id": context.request_id, "path": context.path}))
}

/// Serves `routes` behind `request_context` and tower-http's request ids, on
/// loopback, and sends one GET to `path` with request id `id`.
async fn get_with_context(routes: Router, path: &str, id: &str) -> reqwest::Response {
    let app = routes
        .layer(axum::middleware::from_fn(
            error_catalog::axum::request_context,
        ))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    reqwest::Client::new()
        .get(format!("http://{address}{path}"))
        .header("x-request-id", id)
        .send()
        .await
        .unwrap()
}

async fn serve() -> SocketAddr {
    let api = Router::new()
        .route("/items", post(create))
        .route("/spawned", get(spawned))
        .route("/context", get(context));
    let app = Router::new()
        .nest("/v1", api)
        .layer(axum::middleware::from_fn(
            error_catalog::axum::request_context,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

async fn get_json(response: reqwest::Response) -> (u16, Option<String>, Value) {
    let status = response.status().as_u16();
    let id = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    (status, id, body)
}

#[tokio::test]
async fn context_follows_the_request_into_spawned_tasks_and_nested_routers() {
    let address = serve().await;
    let http = reqwest::Client::new();
    let response = http
        .get(format!("http://{address}/v1/spawned"))
        .header("x-request-id", "req_spawned")
        .send()
        .await
        .unwrap();
    let (status, id, body) = get_json(response).await;
    assert_eq!(status, 500);
    assert_eq!(id.as_deref(), Some("req_spawned"));
    assert_eq!(body["meta"]["request_id"], "req_spawned", "{body}");
    assert!(body["meta"]["timestamp"].is_string(), "{body}");

    // The extractor sees the id tower-http made and the path the client asked for.
    let (status, id, body) = get_json(
        http.get(format!("http://{address}/v1/context"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let id = id.expect("PropagateRequestIdLayer sends the generated id back");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(body["request_id"], id.as_str());
    assert_eq!(
        body["path"], "/v1/context",
        "not the nested router's /context"
    );
}

#[tokio::test]
async fn a_malformed_json_body_gets_the_catalogs_error_body() {
    let address = serve().await;
    let response = reqwest::Client::new()
        .post(format!("http://{address}/v1/items"))
        .header("content-type", "application/json")
        .header("x-request-id", "req_bad_json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let (status, _, body) = get_json(response).await;
    assert_eq!(status, 400);
    assert_eq!(body["success"], false);
    assert_eq!(body["error"]["code"], "INVALID_REQUEST");
    assert_eq!(body["error"]["message"], "The request was invalid");
    assert_eq!(body["meta"]["request_id"], "req_bad_json");
}

/// What the handler adds around the error (a header, another status) and
/// what inner layers add stays when the middleware writes the context in.
#[tokio::test]
async fn headers_and_status_set_around_the_error_are_kept() {
    use axum::http::{header, StatusCode};
    use axum::response::{AppendHeaders, IntoResponse};

    async fn unauthorized() -> axum::response::Response {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            AppendHeaders([(header::WWW_AUTHENTICATE, "Bearer")]),
            ErrorCodesError::InvalidRequest,
        )
            .into_response()
    }
    let routes = Router::new().route("/guarded", get(unauthorized));
    let response = get_with_context(routes, "/guarded", "req_kept").await;
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let (_, _, body) = get_json(response).await;
    assert_eq!(body["meta"]["request_id"], "req_kept", "{body}");
}

/// A layer inside `request_context` that encodes the body (compression) or
/// tags it (an ETag) described the body it saw; the middleware writes a new
/// one, so those headers go, and the response still decodes.
#[tokio::test]
async fn headers_that_describe_the_old_body_are_dropped() {
    use axum::extract::Request;
    use axum::http::HeaderValue;
    use axum::middleware::Next;

    async fn encoding(request: Request, next: Next) -> axum::response::Response {
        let mut response = next.run(request).await;
        let headers = response.headers_mut();
        headers.insert("content-encoding", HeaderValue::from_static("gzip"));
        headers.insert("etag", HeaderValue::from_static("\"abc\""));
        headers.insert("cache-control", HeaderValue::from_static("no-store"));
        response
    }
    let routes = Router::new()
        .route("/broken", get(|| async { ErrorCodesError::InternalError }))
        .layer(axum::middleware::from_fn(encoding));
    let response = get_with_context(routes, "/broken", "req_plain").await;
    assert!(response.headers().get("content-encoding").is_none());
    assert!(response.headers().get("etag").is_none());
    assert_eq!(
        response.headers()["cache-control"],
        "no-store",
        "others stay"
    );
    let (_, _, body) = get_json(response).await;
    assert_eq!(body["meta"]["request_id"], "req_plain", "{body}");
}
