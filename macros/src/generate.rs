//! `#[catalog_enum(path = "...")]`: writes the whole enum from the catalog,
//! then expands it through the same code as `#[derive(ApiErrorCatalog)]`.

use error_catalog_model::{Catalog, Entry};
use std::collections::HashMap;
use std::fmt::Write;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{DeriveInput, Error, LitStr, Token};

use crate::check::rust_type;
use crate::source;

pub fn catalog_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    match try_generate(args, &input) {
        Ok(tokens) => tokens,
        Err(error) => {
            let mut out = error.to_compile_error();
            out.extend(quote!(#input));
            out.extend(crate::fallback::expand(&input));
            out
        }
    }
}

fn try_generate(args: TokenStream, input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut path: Option<LitStr> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("path") {
            path = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error("expected `path = \"catalog/your_api.yaml\"`"))
        }
    });
    parser.parse2(args)?;
    let path = path.ok_or_else(|| {
        Error::new_spanned(
            &input.ident,
            "write `#[catalog_enum(path = \"catalog/your_api.yaml\")]`; the path is relative to the crate's Cargo.toml",
        )
    })?;
    let syn::Data::Enum(data) = &input.data else {
        return Err(Error::new_spanned(
            &input.ident,
            "`#[catalog_enum]` goes on an empty enum: `pub enum ApiError {}`",
        ));
    };
    if let Some(v) = data.variants.first() {
        return Err(Error::new_spanned(
            &v.ident,
            "`#[catalog_enum]` writes every variant from the catalog; leave the enum empty, or use `#[derive(ApiErrorCatalog)]` to write the variants yourself",
        ));
    }
    let loaded = source::load(&path)?;
    let catalog = &loaded.catalog;
    // Two forms of the same variants: syntax trees without docs for the checks
    // and the expansion to read, and source text with docs for the compiler.
    // Building thousands of trees with their docs and printing them back as
    // tokens cost more than the rest of the expansion of a large catalog.
    let mut types = HashMap::new();
    let mut text = String::new();
    let mut variants: Punctuated<syn::Variant, Token![,]> = Punctuated::new();
    for entry in &catalog.entries {
        variants.push(variant(entry, &mut types, &mut text));
    }
    let unknown = unknown_name(catalog);
    let unknown_doc = format!(
        "An error {} may send that this catalog does not list; keeps its code, status and message (boxed, so it does not grow every value of the enum).",
        catalog.title
    );
    let _ = write!(
        text,
        "#[doc = {unknown_doc:?}] {unknown}(::std::boxed::Box<::error_catalog::UnknownError>),"
    );
    variants.push(syn::parse_quote! {
        #[catalog(unknown)]
        #unknown(::std::boxed::Box<::error_catalog::UnknownError>)
    });
    let mut attrs = input.attrs.clone();
    attrs.push(syn::parse_quote!(#[catalog(path = #path)]));
    let written = DeriveInput {
        attrs,
        vis: input.vis.clone(),
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        data: syn::Data::Enum(syn::DataEnum {
            enum_token: data.enum_token,
            brace_token: data.brace_token,
            variants,
        }),
    };
    // The same expansion as `#[derive(ApiErrorCatalog)]`, with the catalog
    // already loaded, so a large catalog is read once.
    let expansion = {
        let ast = crate::ast::Input::from_syn(&written)?;
        crate::expand::derive_loaded(&ast, loaded)?
    };
    // The enum as the compiler sees it: `#[catalog(...)]` is read by this
    // macro, and no derive is there to accept it as a helper attribute.
    let attrs = input.attrs.iter().filter(|a| !a.path().is_ident("catalog"));
    let vis = &input.vis;
    let ident = &input.ident;
    let body = crate::arms::parse(&text);
    Ok(quote! {
        #(#attrs)*
        #vis enum #ident { #body }
        #expansion
    })
}

fn unknown_name(catalog: &Catalog) -> syn::Ident {
    let taken = |n: &str| catalog.entries.iter().any(|e| e.rust_name == n);
    let name = ["Unknown", "Unrecognized", "UnknownApiError"]
        .into_iter()
        .find(|n| !taken(n))
        .unwrap_or("UnknownCatalogError");
    format_ident!("{}", name)
}

/// The variant for `entry`: its syntax tree (without docs) returned, its
/// source text (with docs) appended to `text`.
fn variant(
    entry: &Entry,
    types: &mut HashMap<String, syn::Type>,
    text: &mut String,
) -> syn::Variant {
    let span = Span::call_site();
    let docs = variant_docs(entry).join("\n");
    let _ = write!(text, "#[doc = {docs:?}] {}", entry.rust_name);
    let fields = if entry.params.is_empty() {
        syn::Fields::Unit
    } else {
        text.push('{');
        let mut named = Punctuated::new();
        for p in &entry.params {
            let written = rust_type(entry, &p.name).replace("error_catalog::", "::error_catalog::");
            let mut doc = if p.in_message {
                format!("Fills `{{{}}}` in the message.", p.name)
            } else {
                format!("Sent in the body's data as `{}`.", p.name)
            };
            if p.sensitive {
                doc.push_str(" Sensitive: redacted from `Debug`, logs and 5xx bodies.");
            }
            let _ = write!(text, "#[doc = {doc:?}] {}: {written},", p.name);
            let ty = types
                .entry(written)
                .or_insert_with_key(|w| {
                    syn::parse_str(w).unwrap_or_else(|_| syn::parse_quote!(String))
                })
                .clone();
            named.push(syn::Field {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                modifiers: syn::FieldModifiers::default(),
                ident: Some(syn::Ident::new(&p.name, span)),
                colon_token: Some(Default::default()),
                ty,
                default: None,
            });
        }
        text.push('}');
        syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named,
        })
    };
    text.push(',');
    syn::Variant {
        attrs: Vec::new(),
        ident: syn::Ident::new(&entry.rust_name, span),
        fields,
        discriminant: None,
    }
}

fn variant_docs(entry: &Entry) -> Vec<String> {
    let mut lines = vec![format!(
        " `{}` {}: {}",
        entry.status, entry.code, entry.message.source
    )];
    if let Some(d) = &entry.description {
        lines.push(String::new());
        lines.push(format!(" {d}"));
    }
    lines.push(String::new());
    let mut facts = vec![format!(
        "Retryable: {}",
        if entry.retryable { "yes" } else { "no" }
    )];
    if let Some(f) = &entry.field {
        facts.push(format!("field: `{f}`"));
    }
    if let Some(s) = entry.retry_after {
        facts.push(format!("retry after {s} s"));
    }
    if let Some(g) = &entry.group {
        facts.push(format!("group: {g}"));
    }
    lines.push(format!(" {}.", facts.join("; ")));
    lines
}
