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
pub use crate::catalog::{Catalog, ErrorEntry, RateLimitHeader};
pub use crate::param::{ParamValue, ToParam};
pub use crate::unknown::UnknownError;
pub use crate::wire::{Node, Slot, WireFormat};
pub use error_catalog_core::RateLimitValue;

use crate::catalog::PackedEntries;

/// What the derive knows of a catalog at compile time, besides its body format.
#[derive(Clone, Copy)]
pub struct CatalogParts {
    /// Short machine name of the API.
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// What the API is.
    pub description: Option<&'static str>,
    /// The error domain.
    pub domain: Option<&'static str>,
    /// Documented rate-limit headers.
    pub rate_limit_headers: &'static [RateLimitHeader],
    /// The request-id header, if the API names its own.
    pub request_id_header: Option<&'static str>,
    /// The should-retry header, if the API sends one.
    pub should_retry_header: Option<&'static str>,
    /// The entries' strings (see `error_catalog_model::pack`).
    pub packed_text: &'static str,
    /// The entries' integers.
    pub packed_data: &'static [u8],
    /// How many entries there are.
    pub len: usize,
    /// The wire-code table.
    pub code_table: &'static [u32],
    /// The shift that turns a code's hash into a table slot.
    pub code_shift: u32,
    /// The indexes, ascending, of the entries the enum has no variant for
    /// (a `subset` enum); empty otherwise.
    pub left_out: &'static [u32],
}

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
