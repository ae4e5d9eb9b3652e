//! The error-catalog file format: load a YAML catalog with positions, validate it, render docs.
//!
//! This crate is shared by the `#[derive(ApiErrorCatalog)]` macro and by
//! `cargo xtask gen-docs`; it has no proc-macro dependencies so tools build fast.
//!
//! ```
//! let catalog = error_catalog_model::load_str(
//!     "name: demo\nwire: flat\nerrors:\n  model_not_found:\n    status: 404\n    message: \"model '{model}' not found\"\n",
//! ).unwrap();
//! assert_eq!(catalog.entries[0].rust_name, "ModelNotFound");
//! assert_eq!(catalog.entries[0].params[0].name, "model");
//! ```

mod diagnostic;
mod limits;
mod load;
pub mod markdown;
mod model;
mod node;
pub mod pack;
#[cfg(feature = "render")]
pub mod render;
pub mod suggest;
pub mod template;
mod text_map;
mod validate;
pub use validate::{CATALOG_KEYS, ENTRY_KEYS};
pub mod wire;
mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics, Pos};
pub use limits::{Limits, LIMITS};
pub use load::{load_bytes, load_file, load_str, parse_tree};
pub use model::{
    is_value_name, Catalog, Entry, EntryValue, Guide, HeaderDoc, LeadExample, Param, StatusDoc,
};
pub use template::Segment;
pub use wire::{Slot, WireFormat};

/// The vocabulary shared with the runtime, which the derive needs too.
pub use error_catalog_core::{code_table, ItemMember, ParamKind, RateLimitValue};
pub use node::{Key, Node, Value};

/// Every text of up to `len` characters over `alphabet`, shortest first: the
/// exhaustive inputs of the tests that hold a fast path to its specification.
#[cfg(test)]
pub(crate) fn every_text(alphabet: &[char], len: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..len {
        frontier = frontier
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        texts.extend(frontier.iter().cloned());
    }
    texts
}
