//! Markdown error references rendered from catalogs (what `cargo xtask gen-docs` writes).
//!
//! Use it from your own xtask:
//!
//! ```
//! let catalog = error_catalog_model::load_str(
//!     "name: demo\nwire: flat\nerrors:\n  oops: {status: 500, message: Oops}\n",
//! ).unwrap();
//! let page = error_catalog_model::render::render_page(&catalog, "catalog/demo.yaml");
//! assert!(page.contains("<a id=\"oops\"></a>"));
//! ```

mod index;
mod json;
mod page;

pub use crate::markdown::{anchor, literal, prose, prose_cell};
pub use index::render_index;
pub use json::{
    example_body, example_context, example_message, example_value, ExampleContext, ExampleValue,
    DOCS_CONTEXT,
};
pub use page::{render_page, render_page_made_by};

/// The reason phrase of an HTTP status as the `http` crate spells it
/// (`Too Many Requests`); `Client Error` or `Server Error` for statuses
/// without one (e.g. 529).
pub fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or_else(|| error_catalog_core::reason_fallback(status))
}
