//! Proc macros of error-catalog: `#[derive(ApiErrorCatalog)]` and `#[catalog_enum]`.
//!
//! Each macro runs the same pipeline: parse the Rust input (`ast`), load the
//! catalog (`catalog_file`), check one against the other (`check`), then emit code
//! (`expand`); on errors, `fallback` emits stub impls so only the real
//! problems are reported.

mod arms;
mod ast;
mod attr;
mod catalog_enum;
mod catalog_file;
mod check;
mod expand;
mod fallback;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Implements `ApiErrorCatalog`, `Display`, `Error`, `Serialize` and
/// `Deserialize` for an enum whose variants are the entries of a YAML catalog.
///
/// See the `error_catalog` crate for the attribute reference.
#[proc_macro_derive(ApiErrorCatalog, attributes(catalog))]
pub fn derive_api_error_catalog(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Writes the whole enum from the catalog: one variant per entry, fields from
/// its parameters, rustdoc from its status, message and description, and an
/// `Unknown` fallback variant; then derives `ApiErrorCatalog` on it.
///
/// Put it on an empty enum: `#[catalog_enum(path = "catalog/aiapi.yaml")] pub enum AiApiError {}`.
/// The `error_catalog` crate documents and tests it.
#[proc_macro_attribute]
pub fn catalog_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    catalog_enum::catalog_enum(args.into(), input.into()).into()
}
