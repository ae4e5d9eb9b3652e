//! The words error-catalog's crates share: what a body template is made of
//! (`Node`, `Slot`), what a parameter is (`ParamKind`, `Segment`), the rules
//! that follow from an HTTP status, and the hash the wire-code table uses.
//!
//! The model crate (which reads YAML catalogs) and the runtime crate (which
//! generated code links against) both use these definitions, so the two
//! cannot drift apart. The crate has no dependencies: the proc macro pays
//! nothing for it.
//!
//! Use it through `error_catalog` (runtime) or `error_catalog_model`; its
//! version is pinned exactly by both.

#![forbid(unsafe_code)]

mod code_table;
mod message;
mod param;
mod slot;
mod status;
mod template;

pub use code_table::{code_hash, code_table, hash_bytes, probe};
pub use message::walk_template;
pub use param::{ItemMember, ParamKind, RateLimitValue, Segment};
pub use slot::Slot;
pub use status::{
    default_retryable, grpc_code, masks_sensitive, reason_fallback, GRPC_CODES, REDACTED,
};
pub use template::{Fill, Node, WireFormat};
