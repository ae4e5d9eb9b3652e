//! axum integration (feature `axum`): every derived enum is an `IntoResponse`;
//! the [`request_context`] middleware puts each request's [`RequestContext`]
//! in its extensions and fills it into the error responses of that request.
//!
//! Request ids come from tower-http's `SetRequestIdLayer` (and go back out
//! with `PropagateRequestIdLayer`); the path is the one the client asked for,
//! also under `Router::nest`; the context travels with the request, so it is
//! there in spawned tasks too. Handlers that want it take it as an extractor.
//!
//! ```ignore
//! use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
//!
//! let app = Router::new()
//!     .route("/v1/chat", post(chat))                 // returns Result<_, ApiError>
//!     .layer(axum::middleware::from_fn(error_catalog::axum::request_context))
//!     .layer(PropagateRequestIdLayer::x_request_id())
//!     .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
//! ```

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{FromRequestParts, OriginalUri, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::request_id::RequestId;

use crate::context::RequestContext;
use crate::response::{build_response, RateLimit, REQUEST_ID_HEADER};
use crate::ApiErrorCatalog;

/// Middleware that gives error bodies their request context: the request id
/// set by tower-http's `SetRequestIdLayer` (or sent in `x-request-id`), the
/// path the client asked for, and the time as ISO 8601 with milliseconds.
/// The context goes into the request's extensions, where the
/// [`RequestContext`] extractor finds it, and every error response of a
/// derived enum returned for the request is written with it.
pub async fn request_context(mut request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let context = context_of(&parts);
    parts.extensions.insert(context.clone());
    request = Request::from_parts(parts, body);
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<Pending>();
    let Some(write) = pending.and_then(|p| p.0.lock().ok().and_then(|mut w| w.take())) else {
        return response;
    };
    // The body and the request-id header come from the new writing; status,
    // other headers and extensions stay as the handler and inner layers
    // left them (a `WWW-Authenticate`, CORS headers, a changed status).
    let (written, body) = write(Some(&context)).into_parts();
    let (mut parts, _) = response.into_parts();
    for (name, value) in &written.headers {
        if !parts.headers.contains_key(name) {
            parts.headers.insert(name, value.clone());
        }
    }
    // What inner layers said of the body they saw no longer holds for the
    // new one: a compression layer inside this one had encoded it.
    for stale in [
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "etag",
        "last-modified",
        "content-md5",
        "digest",
        "content-digest",
        "repr-digest",
    ] {
        parts.headers.remove(stale);
    }
    Response::from_parts(parts, body)
}

/// What the request says about itself: its id, path and the time now.
fn context_of(parts: &Parts) -> RequestContext {
    let request_id = match parts.extensions.get::<RequestId>() {
        Some(id) => id.header_value().to_str().ok().map(str::to_owned),
        None => parts
            .headers
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
    .filter(|id| !id.is_empty() && id.len() <= 200);
    // Under `Router::nest`, `uri` has the prefix stripped; the client asked for this.
    let path = match parts.extensions.get::<OriginalUri>() {
        Some(OriginalUri(uri)) => uri.path(),
        None => parts.uri.path(),
    };
    RequestContext {
        request_id,
        path: Some(path.to_owned()),
        timestamp: Some(humantime::format_rfc3339_millis(SystemTime::now()).to_string()),
    }
}

/// The request's context, as [`request_context`] put it in the extensions;
/// read from the request itself when the middleware is not installed.
impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(match parts.extensions.get::<RequestContext>() {
            Some(context) => context.clone(),
            None => context_of(parts),
        })
    }
}

/// An error response waiting for its request's context: [`request_context`]
/// writes it again with the context; without the middleware the response
/// goes out as first written, without one.
#[derive(Clone)]
struct Pending(Arc<Mutex<Option<WriteWith>>>);

type WriteWith = Box<dyn FnOnce(Option<&RequestContext>) -> Response + Send>;

/// An error with the figures of the catalog's rate-limit headers.
#[derive(Debug)]
pub struct ApiErrorResponse<E> {
    error: E,
    rate_limit: Option<RateLimit>,
}

impl<E> ApiErrorResponse<E> {
    /// Wraps an error.
    pub fn new(error: E) -> Self {
        ApiErrorResponse {
            error,
            rate_limit: None,
        }
    }

    /// Adds the figures for the catalog's rate-limit headers.
    pub fn rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = Some(rate_limit);
        self
    }
}

impl<E: ApiErrorCatalog + serde::Serialize + Send> IntoResponse for ApiErrorResponse<E> {
    fn into_response(self) -> Response {
        pending(self.error, self.rate_limit)
    }
}

/// The response for `error`: written without request context, and written
/// again with it by [`request_context`] when that middleware runs.
pub fn into_response<E: ApiErrorCatalog + serde::Serialize + Send>(error: E) -> Response {
    pending(error, None)
}

fn pending<E: ApiErrorCatalog + serde::Serialize + Send>(
    error: E,
    rate_limit: Option<RateLimit>,
) -> Response {
    let write = move |context: Option<&RequestContext>| {
        // Logged once, when the middleware writes it with its request's context.
        #[cfg(feature = "tracing")]
        if let Some(context) = context {
            crate::integrations::log::response(&error, context.request_id.as_deref());
        }
        build_response(&error, context, rate_limit.as_ref()).map(axum::body::Body::from)
    };
    let mut response = write(None);
    let write: WriteWith = Box::new(write);
    response
        .extensions_mut()
        .insert(Pending(Arc::new(Mutex::new(Some(write)))));
    response
}

/// Emitted by the derive: `IntoResponse` for the enum when the `axum` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_into_response {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::axum::response::IntoResponse for $ty {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::into_response(self)
            }
        }
    };
}
