//! Body templates: where each value goes in an API's JSON error body.
//!
//! The types are `error_catalog_core`'s, shared with the model crate that
//! reads them from catalog files, so the two cannot drift apart.

pub use error_catalog_core::{Fill, Node, Slot, WireFormat};
