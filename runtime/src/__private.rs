//! Items generated code names by absolute path. Not public API: may change in any release.

#[cfg(feature = "aide")]
pub use aide;
#[cfg(feature = "axum")]
pub use axum;
pub use serde;
pub use std::borrow::Cow;
#[cfg(feature = "utoipa")]
pub use utoipa;

pub use crate::api_error::ApiErrorCatalog;
pub use crate::body::Parts;
pub use crate::catalog::{Catalog, CatalogParts, ErrorEntry, RateLimitHeader};
pub use crate::param::{ParamValue, ToParam};
pub use crate::unknown::UnknownError;
pub use crate::wire::{Node, Slot, WireFormat};
pub use error_catalog_core::RateLimitValue;

use crate::catalog::PackedEntries;

/// The `static` catalog of a derived enum.
pub const fn catalog(parts: CatalogParts, wire: WireFormat) -> Catalog {
    Catalog {
        packed: PackedEntries::new(parts.packed_text, parts.packed_data, parts.len),
        parts,
        wire,
    }
}

/// Each entry's wire code, by entry index: what the generated `code()` reads.
#[inline]
pub fn codes(catalog: &'static Catalog) -> &'static [&'static str] {
    catalog.packed.codes()
}

/// Body of the generated `Serialize` impl.
pub fn serialize<E: ApiErrorCatalog, S: serde::Serializer>(
    error: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    crate::body::serialize(error, None, serializer)
}

/// Body of the generated `Deserialize` impl.
pub use crate::body::deserialize;

/// The text of a field that holds the request parameter at fault.
pub fn field_text<T: ToParam + ?Sized>(value: &T) -> Option<&str> {
    match value.to_param() {
        ParamValue::Str(text) => Some(text),
        _ => None,
    }
}

/// Lets generated `source()` return a field as `&dyn Error`, whether it holds a
/// concrete error or a boxed trait object.
pub trait AsDynError<'a> {
    /// The field as a trait object.
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a);
}

impl<'a, T: std::error::Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn std::error::Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'a) {
        self
    }
}
