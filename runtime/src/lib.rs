//! Strongly typed API errors from a YAML catalog: one file lists every error an
//! API returns; `#[derive(ApiErrorCatalog)]` turns it into an enum with `Display`,
//! `status()`, `is_retryable()`, and serde impls that write and read the API's
//! exact error body.
//!
//! ```
//! use error_catalog::ApiErrorCatalog;
//!
//! #[derive(Debug, ApiErrorCatalog)]
//! #[catalog(path = "catalog/aiapi.yaml", subset)]
//! pub enum AiApiError {
//!     InvalidApiKey,
//!     ModelNotFound { model: String },
//!     RateLimitExceeded { retry_after: u64 },
//!     #[catalog(code = "quota_not_enough")]
//!     OutOfQuota,
//! }
//!
//! let e = AiApiError::ModelNotFound { model: "gpt-9".into() };
//! assert_eq!(e.to_string(), "model 'gpt-9' not found");
//! assert_eq!(e.status(), 404);
//! assert!(!e.is_retryable());
//! assert_eq!(
//!     serde_json::to_string(&e).unwrap(),
//!     r#"{"code":"model_not_found","message":"model 'gpt-9' not found","data":null}"#
//! );
//! let back: AiApiError = serde_json::from_str(r#"{"code":"model_not_found","message":"model 'x' not found","data":null}"#).unwrap();
//! assert!(matches!(back, AiApiError::ModelNotFound { model } if model == "x"));
//! ```
//!
//! Catalog paths are relative to the crate's `Cargo.toml`. Editing the YAML file
//! rebuilds the crate; rust-analyzer caches expansions and only sees the edit
//! after a Rust file of the crate changes.
//!
//! [`reference`](mod@reference) lists every attribute, catalog key and wire-format slot.
//! Integrations are features, all off by default: `axum`, `reqwest`,
//! `reqwest-middleware`, `reqwest-retry`, `tracing`, `utoipa`, `aide` and
//! `float_roundtrip`.

#![cfg_attr(docsrs, feature(doc_cfg))]

mod api_error;
mod body;
mod catalog;
mod context;
mod integrations;
mod param;
mod retry_after;
mod secret;
mod unknown;
pub mod wire;

#[doc(hidden)]
pub mod __private;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use integrations::axum;
#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub use integrations::middleware;
#[cfg(any(feature = "utoipa", feature = "aide"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "utoipa", feature = "aide"))))]
pub use integrations::openapi;

#[doc = include_str!("reference.md")]
pub mod reference {}
pub use integrations::{client, response, retry};

/// The `http` crate, whose `StatusCode` is what `status()` returns.
pub use http;

pub use api_error::ApiErrorCatalog;
pub use body::{BodyError, FormatError};
pub use catalog::{Catalog, ErrorEntry, ParamInfo, RateLimitHeader};
pub use context::{RequestContext, WithContext};
pub use error_catalog_core::{ItemMember, ParamKind, RateLimitValue, Segment};
pub use error_catalog_macros::{catalog_enum, ApiErrorCatalog};
pub use param::{FromParam, JsonParam, Object, ParamValue, ToParam};
pub use secret::{Redacted, Secret, REDACTED};
pub use unknown::UnknownError;

/// Emitted by the derive: `utoipa::IntoResponses` for the enum when the
/// `utoipa` feature is on.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $ty {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::utoipa_responses::<$ty>()
            }
        }
    };
}

/// Emitted by the derive; expands to nothing without the `utoipa` feature.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($ty:ty) => {};
}

/// Emitted by the derive: `aide::OperationOutput` for the enum when the
/// `aide` feature is on.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ($ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::aide::OperationOutput for $ty {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(
                ::core::option::Option<u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::openapi::aide_responses::<$ty>()
            }
        }
    };
}

/// Emitted by the derive; expands to nothing without the `aide` feature.
#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ($ty:ty) => {};
}

/// Emitted by the derive; expands to nothing without the `axum` feature.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_into_response {
    ($ty:ty) => {};
}
