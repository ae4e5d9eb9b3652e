//! The mock error server: any catalog entry of any API on demand, and a route
//! that fails N times with a retryable error before it succeeds, so client
//! retry logic can be tested against a real HTTP server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use error_catalog::axum::ApiErrorResponse;
use error_catalog::response::RateLimit;
use error_catalog::{ApiErrorCatalog, ParamKind};
use serde_json::{json, Map, Value};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::{
    AiApiError, AimlApiError, AnthropicError, BedrockError, ErrorCodesError, GatewayError,
    GeminiApiError, GitHubError, GoogleError, OpenAiError, Rfc9457Error, StripeError,
};

/// One API the server answers for: every entry of its catalog.
#[derive(Clone, Copy)]
pub struct Api {
    /// Its name in the URL, as its catalog file is named (`catalog/<name>.yaml`).
    pub name: &'static str,
    /// Makes the response for entry `code_or_key` from query parameters.
    pub respond: fn(&str, &HashMap<String, String>) -> Option<Response>,
    /// The catalog's entries.
    pub entries: fn() -> &'static [error_catalog::ErrorEntry],
    /// Its path in the OpenAPI document.
    path: fn(&str) -> utoipa::openapi::path::PathItem,
}

impl Api {
    const fn of<E>(name: &'static str) -> Api
    where
        E: ApiErrorCatalog + serde::Serialize + Send + utoipa::IntoResponses,
    {
        Api {
            name,
            respond: respond::<E>,
            entries: E::entries,
            path: path::<E>,
        }
    }
}

/// The APIs the server knows: one per catalog in `catalog/`.
pub const APIS: &[Api] = &[
    Api::of::<AiApiError>("aiapi"),
    Api::of::<AimlApiError>("aimlapi"),
    Api::of::<AnthropicError>("anthropic"),
    Api::of::<BedrockError>("bedrock"),
    Api::of::<ErrorCodesError>("errorcodes"),
    Api::of::<GatewayError>("gateway"),
    Api::of::<GeminiApiError>("gemini"),
    Api::of::<GitHubError>("github"),
    Api::of::<GoogleError>("google"),
    Api::of::<OpenAiError>("openai"),
    Api::of::<Rfc9457Error>("rfc9457"),
    Api::of::<StripeError>("stripe"),
];

/// The API named `name` in a URL.
fn api(name: &str) -> Option<&'static Api> {
    APIS.iter().find(|a| a.name == name)
}

/// The OpenAPI path item of one API: `GET /{api}/{code}` with the responses
/// its catalog describes.
fn path<E: utoipa::IntoResponses>(api: &str) -> utoipa::openapi::path::PathItem {
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
    use utoipa::openapi::{PathItem, ResponsesBuilder};
    let code = ParameterBuilder::new()
        .name("code")
        .parameter_in(ParameterIn::Path)
        .required(utoipa::openapi::Required::True)
        .description(Some("the entry's key or wire code"))
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::Type::String),
        ));
    let operation = OperationBuilder::new()
        .operation_id(Some(format!("{api}_error")))
        .summary(Some(format!(
            "Answers with the {api} error named by `code`"
        )))
        .parameter(code)
        .responses(
            ResponsesBuilder::new()
                .responses_from_into_responses::<E>()
                .build(),
        );
    PathItem::new(HttpMethod::Get, operation)
}

/// The OpenAPI document of the server: for each API, `GET /{api}/{code}`
/// with the responses the catalog describes (one per status, every code
/// with its description and an example body, the body schema from the
/// wire template).
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::openapi::{InfoBuilder, OpenApiBuilder, PathsBuilder};
    let paths = APIS.iter().fold(PathsBuilder::new(), |paths, api| {
        paths.path(format!("/{}/{{code}}", api.name), (api.path)(api.name))
    });
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("error-catalog mock error server")
                .version("0.1.0"),
        )
        .paths(paths)
        .build()
}

/// The routes, as printed on start and served at `/`.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET /", "this list"),
    (
        "GET /openapi.json",
        "the OpenAPI document of every API's errors",
    ),
    ("GET /{api}", "the entries of one API's catalog"),
    (
        "ANY /{api}/{code}?{param}=...",
        "that error, by entry key or wire code; query parameters fill the message",
    ),
    (
        "ANY /flaky/{session}?fail=N&api=aiapi&code=rate_limit_exceeded",
        "fails N times with that error, then answers 200",
    ),
    (
        "GET /stats/{session}",
        "how many requests a flaky session received",
    ),
];

#[derive(Clone, Default)]
struct Sessions(Arc<Mutex<HashMap<String, u32>>>);

/// The server's routes, with the request-context middleware.
pub fn router() -> Router {
    Router::new()
        .route("/", get(index))
        .route("/openapi.json", get(|| async { Json(openapi()) }))
        .route("/stats/{session}", get(stats))
        .route("/flaky/{session}", any(flaky))
        .route("/{api}", get(list))
        .route("/{api}/{code}", any(error))
        .with_state(Sessions::default())
        .layer(axum::middleware::from_fn(
            error_catalog::axum::request_context,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn(read_body))
}

/// Reads every request body before routing, though no route uses it: hyper
/// closes a keep-alive connection whose request body was left unread, and a
/// client that reuses that connection before it sees the close (urllib3 in
/// the seed-client test) spends one of its retries on the reset.
async fn read_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, 1 << 20).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => (StatusCode::PAYLOAD_TOO_LARGE, "request body over 1 MiB").into_response(),
    }
}

async fn index() -> Json<Value> {
    let routes: Vec<Value> = ROUTES
        .iter()
        .map(|(r, what)| json!({"route": r, "what": what}))
        .collect();
    let apis: Vec<&str> = APIS.iter().map(|a| a.name).collect();
    Json(json!({"routes": routes, "apis": apis}))
}

async fn list(Path(name): Path<String>) -> Response {
    let Some(api) = api(&name) else {
        return not_found(&format!("no API `{name}`"));
    };
    let entries = (api.entries)();
    let list: Vec<Value> = entries
        .iter()
        .map(|e| json!({"key": e.key, "code": e.code, "status": e.status, "message": e.message, "retryable": e.retryable}))
        .collect();
    Json(json!(list)).into_response()
}

async fn error(
    Path((api, code)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(found) = self::api(&api) else {
        return not_found(&format!("no API `{api}`"));
    };
    (found.respond)(&code, &query)
        .unwrap_or_else(|| not_found(&format!("`{api}` has no entry `{code}`")))
}

async fn flaky(
    State(sessions): State<Sessions>,
    Path(session): Path<String>,
    Query(mut query): Query<HashMap<String, String>>,
) -> Response {
    let fail: u32 = query
        .remove("fail")
        .and_then(|n| n.parse().ok())
        .unwrap_or(2);
    let api = query.remove("api").unwrap_or_else(|| "aiapi".to_owned());
    let code = query
        .remove("code")
        .unwrap_or_else(|| "rate_limit_exceeded".to_owned());
    let attempt = {
        let mut map = sessions
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let n = map.entry(session).or_insert(0);
        *n += 1;
        *n
    };
    if attempt > fail {
        return Json(json!({"ok": true, "attempts": attempt})).into_response();
    }
    let Some(found) = self::api(&api) else {
        return not_found(&format!("no API `{api}`"));
    };
    (found.respond)(&code, &query)
        .unwrap_or_else(|| not_found(&format!("`{api}` has no entry `{code}`")))
}

async fn stats(State(sessions): State<Sessions>, Path(session): Path<String>) -> Json<Value> {
    let attempts = sessions
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&session)
        .copied()
        .unwrap_or(0);
    Json(json!({"attempts": attempts}))
}

fn not_found(what: &str) -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"mock_server": what}))).into_response()
}

/// The response for entry `code_or_key` of `E`, its parameters taken from
/// `query` (missing ones get example values).
pub fn respond<E: ApiErrorCatalog + serde::Serialize + Send>(
    code_or_key: &str,
    query: &HashMap<String, String>,
) -> Option<Response> {
    let entry = E::entries()
        .iter()
        .find(|e| e.key == code_or_key)
        .or_else(|| E::entries().iter().find(|e| e.code == Some(code_or_key)))?;
    let mut params = Map::new();
    for p in entry.params {
        let value = match query.get(p.name) {
            Some(v) => Value::from(v.clone()),
            None => match p.kind {
                ParamKind::String => Value::from(p.name),
                ParamKind::Integer if p.name == "retry_after" => {
                    Value::from(entry.retry_after.unwrap_or(1))
                }
                ParamKind::Integer => Value::from(1),
                ParamKind::Number => Value::from(0.5),
                ParamKind::Boolean => Value::from(false),
                ParamKind::Object => Value::Object(Map::new()),
                ParamKind::List => crate::sample_items(p.items, 1, p.name),
            },
        };
        params.insert(p.name.to_owned(), value);
    }
    let error = E::from_params(entry.key, &params)?;
    let mut response = ApiErrorResponse::new(error);
    if entry.status == 429 {
        let wait = entry.retry_after.unwrap_or(1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        response = response.rate_limit(RateLimit {
            limit: 60,
            remaining: 0,
            reset: now.as_secs() + wait,
        });
    }
    Some(response.into_response())
}

/// Serves [`router`] on a free loopback port in the current tokio runtime and
/// returns its address (for tests).
pub async fn spawn() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let address = listener.local_addr().expect("a bound address");
    tokio::spawn(async move {
        // The server runs until the test's runtime ends.
        let _ = axum::serve(listener, router()).await;
    });
    address
}
