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
pub use crate::flat::members as flat_members;
pub use crate::packed::PackedEntries;
pub use crate::param::{FromParam, ParamValue, ToParam};
pub use crate::parse::{Identify, Parts};
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
/// body template straight from any self-describing format (borrowing strings
/// where it can), then matches them against the catalog.
pub fn deserialize<'de, E: ApiErrorCatalog, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    let mut slots = crate::read::Slots::default();
    crate::read::stream::<E, D>(deserializer, &mut slots)?;
    crate::parse::from_slots(&mut slots, None).map_err(<D::Error as serde::de::Error>::custom)
}

/// Reads parameter `name` for a variant being rebuilt from a body.
pub fn param<T: FromParam>(parts: &Parts<'_>, name: &str) -> Option<T> {
    parts.get(name)
}

/// [`param`] with the search inlined, for small catalogs' identification,
/// where the name and the message template are constants.
#[inline(always)]
pub fn param_folded<T: FromParam>(parts: &Parts<'_>, name: &str) -> Option<T> {
    parts.get_folded(name)
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

/// Identifies an entry both by the derive's `__identify` and by the runtime's
/// search, from the values a body gave, for tests that check the two agree.
pub fn identify_both<E: ApiErrorCatalog>(
    code: &str,
    message: &str,
    status: Option<u16>,
    field: Option<&str>,
    data: Option<&serde_json::Value>,
) -> (Option<E>, Option<E>) {
    let data = data.map(crate::json::Json::from_value);
    let members = match &data {
        Some(crate::json::Json::Object(members)) => Some(&members[..]),
        _ => None,
    };
    let id = crate::parse::Identify::new(message, status, field, members);
    (
        E::__identify(code, &id),
        crate::parse::identify_by_search(Some(code), &id),
    )
}
