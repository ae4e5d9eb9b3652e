//! axum integration (feature `axum`): every derived enum is an `IntoResponse`,
//! and the [`request_context`] middleware supplies request id, path and time.
//!
//! ```ignore
//! let app = Router::new()
//!     .route("/v1/chat", post(chat))            // handlers return Result<_, AiApiError>
//!     .layer(axum::middleware::from_fn(error_catalog::axum::request_context));
//! ```

use std::time::SystemTime;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::HeaderValue;

use crate::context::RequestContext;
use crate::response::{build_response, RateLimit, REQUEST_ID_HEADER};
use crate::ApiErrorCatalog;

tokio::task_local! {
    static CONTEXT: RequestContext;
}

/// Middleware that gives error bodies their request context: the request id
/// from the incoming `x-request-id` header (a new UUID when absent), the
/// request path, and the time as ISO 8601 with milliseconds. Every response
/// gets the `x-request-id` header.
pub async fn request_context(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 200)
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let context = RequestContext {
        request_id: Some(request_id.clone()),
        path: Some(request.uri().path().to_owned()),
        timestamp: Some(humantime::format_rfc3339_millis(SystemTime::now()).to_string()),
    };
    let mut response = CONTEXT.scope(context, next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response
            .headers_mut()
            .entry(REQUEST_ID_HEADER)
            .or_insert(value);
    }
    response
}

/// The request context of the request being handled, when the
/// [`request_context`] middleware runs.
pub fn current_context() -> Option<RequestContext> {
    CONTEXT.try_with(Clone::clone).ok()
}

/// An error with rate-limit figures for the catalog's rate-limit headers.
#[derive(Debug)]
pub struct ErrorResponse<E> {
    error: E,
    rate_limit: Option<RateLimit>,
}

impl<E> ErrorResponse<E> {
    /// Wraps an error.
    pub fn new(error: E) -> Self {
        ErrorResponse {
            error,
            rate_limit: None,
        }
    }

    /// Adds the figures for the catalog's `X-RateLimit-*` headers.
    pub fn rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = Some(rate_limit);
        self
    }
}

impl<E: ApiErrorCatalog + serde::Serialize> IntoResponse for ErrorResponse<E> {
    fn into_response(self) -> Response {
        into_response(&self.error, self.rate_limit.as_ref())
    }
}

/// The response for `error`, with the current request context if any.
pub fn into_response<E: ApiErrorCatalog + serde::Serialize>(
    error: &E,
    rate_limit: Option<&RateLimit>,
) -> Response {
    let context = current_context();
    build_response(error, context.as_ref(), rate_limit).map(axum::body::Body::from)
}

/// Emitted by the derive: `IntoResponse` for the enum when the `axum` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_into_response {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::axum::response::IntoResponse for $ty {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::into_response(&self, ::core::option::Option::None)
            }
        }
    };
}
