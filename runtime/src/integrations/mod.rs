//! Putting errors on the wire and reading them back: whole HTTP responses,
//! the axum integration, the client reader and retry classification.

#[cfg(feature = "axum")]
pub mod axum;
pub mod client;
#[cfg(feature = "tracing")]
pub(crate) mod log;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
#[cfg(any(feature = "utoipa", feature = "aide"))]
pub mod openapi;
pub mod response;
pub mod retry;
