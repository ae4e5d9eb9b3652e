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

mod escape;
mod index;
mod json;
mod page;

pub use escape::{anchor, literal, prose};
pub use index::render_index;
pub use json::{
    example_body, example_message, example_value, ExampleContext, ExampleValue, DOCS_CONTEXT,
};
pub use page::render_page;
