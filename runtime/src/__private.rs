//! Items generated code names by absolute path. Not public API: may change in any release.

#[cfg(feature = "axum")]
pub use axum;
pub use core;
pub use serde;
pub use serde_json;
pub use std;

pub use crate::api_error::ApiErrorCatalog;
pub use crate::entry::{
    code_hash, Catalog, ErrorEntry, ParamInfo, ParamKind, RateLimitHeader, RateLimitValue, Segment,
};
pub use crate::packed::PackedEntries;
pub use crate::param::{FromParam, ParamValue, ToParam};
pub use crate::parse::Parts;
pub use crate::unknown::UnknownError;
pub use crate::wire::{Node, Slot, WireFormat};

/// Body of the generated `Serialize` impl.
pub fn serialize<E: ApiErrorCatalog, S: serde::Serializer>(
    error: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    crate::body::serialize(error, None, serializer)
}

/// Body of the generated `Deserialize` impl: reads the slots of the catalog's
/// body template from any self-describing format (borrowing strings where it
/// can), then matches them against the catalog.
pub fn deserialize<'de, E: ApiErrorCatalog, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    use serde::de::DeserializeSeed;
    let template = &E::catalog().wire.body;
    let json = crate::read::Pruned(template).deserialize(deserializer)?;
    crate::parse::from_slots(crate::read::Slots::read(template, json), None)
        .map_err(<D::Error as serde::de::Error>::custom)
}

/// Reads parameter `name` for a variant being rebuilt from a body.
pub fn param<T: FromParam>(parts: &Parts<'_>, name: &str) -> Option<T> {
    parts.get(name)
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
