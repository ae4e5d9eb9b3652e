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

use crate::catalog_file;
use crate::check::rust_type;

pub fn catalog_enum(args: TokenStream, input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    // The arguments as a `#[catalog(...)]` attribute, for the stubs' crate path.
    let as_attr: syn::Attribute = syn::parse_quote!(#[catalog(#args)]);
    match try_generate(args, &input) {
        Ok(tokens) => tokens,
        Err(error) => {
            let mut out = error.to_compile_error();
            out.extend(quote!(#input));
            let krate = crate::attr::crate_path(std::slice::from_ref(&as_attr));
            out.extend(crate::fallback::expand(&input, krate));
            out
        }
    }
}

fn try_generate(args: TokenStream, input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut path: Option<LitStr> = None;
    let mut krate: Option<LitStr> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("path") {
            path = Some(meta.value()?.parse()?);
            Ok(())
        } else if meta.path.is_ident("crate") {
            krate = Some(meta.value()?.parse()?);
            Ok(())
        } else {
            Err(meta.error(
                "expected `path = \"catalog/your_api.yaml\"` (and optionally `crate = \"path::to::error_catalog\"`)",
            ))
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
    let loaded = catalog_file::load(&path)?;
    let catalog = &loaded.catalog;
    // Two forms of the same variants: syntax trees without docs for the checks
    // and the expansion to read, and source text with docs for the compiler.
    // One form built with `quote!` (trees with their docs, printed back as
    // tokens) took the expansion of a 5,000-entry catalog from 0.32 s to
    // 0.51 s (`-Z time-passes`, medians of 8 and 4 runs, 2026-12-03), past
    // the 1.1x of a hand-written enum's expansion that BENCHMARKS.md holds
    // it to.
    let mut types = HashMap::new();
    let mut text = String::new();
    let mut variants: Punctuated<syn::Variant, Token![,]> = Punctuated::new();
    // Generated text names the runtime by the path the user gave, if any.
    let runtime = match &krate {
        Some(k) => k.value().trim().to_owned(),
        None => "::error_catalog".to_owned(),
    };
    let runtime_path: syn::Path = syn::parse_str(&runtime).map_err(|_| {
        Error::new_spanned(
            &krate,
            "`crate` takes the path your crate re-exports error_catalog at, e.g. `crate = \"my_api::error_catalog\"`",
        )
    })?;
    for entry in &catalog.entries {
        variants.push(variant(entry, &mut types, &mut text, &runtime));
    }
    let unknown = unknown_name(catalog, &path)?;
    let unknown_doc = unknown_doc(catalog);
    let _ = write!(
        text,
        "#[doc = {unknown_doc:?}] {unknown}(::std::boxed::Box<{runtime}::UnknownError>),"
    );
    variants.push(syn::parse_quote! {
        #[catalog(unknown)]
        #unknown(::std::boxed::Box<#runtime_path::UnknownError>)
    });
    let mut attrs = input.attrs.clone();
    attrs.push(syn::parse_quote!(#[catalog(path = #path)]));
    if let Some(krate) = &krate {
        attrs.push(syn::parse_quote!(#[catalog(crate = #krate)]));
    }
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

/// The fallback variant's rustdoc; the catalog's title escaped like any
/// catalog text.
fn unknown_doc(catalog: &Catalog) -> String {
    format!(
        "An error {} may send that this catalog does not list; keeps its code, status and message (boxed, so it does not grow every value of the enum).",
        error_catalog_model::markdown::literal(&catalog.title)
    )
}

/// The names the fallback variant may take, in order of preference.
const UNKNOWN_NAMES: [&str; 4] = [
    "Unknown",
    "Unrecognized",
    "UnknownApiError",
    "UnknownCatalogError",
];

/// The first fallback name no entry takes; an error at the YAML when every
/// one is taken.
fn unknown_name(catalog: &Catalog, path: &LitStr) -> syn::Result<syn::Ident> {
    let taken = |n: &str| catalog.entries.iter().find(|e| e.rust_name == n);
    let first = match taken(UNKNOWN_NAMES[0]) {
        None => return Ok(format_ident!("{}", UNKNOWN_NAMES[0])),
        Some(first) => first,
    };
    if let Some(free) = UNKNOWN_NAMES.into_iter().find(|n| taken(n).is_none()) {
        return Ok(format_ident!("{}", free));
    }
    let shown = path.value();
    Err(Error::new(
        path.span(),
        format!(
            "{}: entries take every name the generated fallback variant could have ({}); give entry `{}` another Rust name with `name:`",
            catalog_file::at(&shown, first.rust_name_pos.or(first.pos)),
            UNKNOWN_NAMES.map(|n| format!("`{n}`")).join(", "),
            first.key
        ),
    ))
}

/// The variant for `entry`: its syntax tree (without docs) returned, its
/// source text (with docs) appended to `text`.
fn variant(
    entry: &Entry,
    types: &mut HashMap<String, syn::Type>,
    text: &mut String,
    runtime: &str,
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
            let written =
                rust_type(entry, &p.name).replace("error_catalog::", &format!("{runtime}::"));
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

/// The variant's rustdoc. Catalog text is Markdown-escaped as on the
/// reference pages (codes and messages shown literally, descriptions as
/// prose), so it cannot inject HTML into `cargo doc` output or open a code
/// block that rustdoc would run as a doctest.
fn variant_docs(entry: &Entry) -> Vec<String> {
    use error_catalog_model::markdown::{literal, prose};
    let mut lines = vec![format!(
        " `{}` {}: {}",
        entry.status,
        entry
            .code
            .as_deref()
            .map_or_else(|| "(no code)".to_owned(), literal),
        literal(&entry.message.source)
    )];
    if let Some(d) = &entry.description {
        lines.push(String::new());
        lines.push(format!(" {}", prose(d)));
    }
    lines.push(String::new());
    let mut facts = vec![format!(
        "Retryable: {}",
        if entry.retryable { "yes" } else { "no" }
    )];
    if let Some(f) = &entry.field {
        facts.push(format!("field: {}", literal(f)));
    }
    if let Some(s) = entry.retry_after {
        facts.push(format!("retry after {s} s"));
    }
    if let Some(g) = &entry.group {
        facts.push(format!("group: {}", literal(g)));
    }
    lines.push(format!(" {}.", facts.join("; ")));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(yaml_entry: &str) -> Entry {
        let yaml = format!("name: demo\nwire: flat\nerrors:\n  a:\n{yaml_entry}");
        let catalog = error_catalog_model::load_str(&yaml).unwrap_or_else(|d| panic!("{d:?}"));
        catalog.entries.into_iter().next().unwrap()
    }

    #[test]
    fn variant_docs_carry_no_html_or_blocks_from_the_catalog() {
        let docs = variant_docs(&entry(
            "    status: 400\n    message: \"<script>alert(1)</script>\"\n    description: \"```\"\n    group: \"<b>g</b>\"\n",
        ))
        .join("\n");
        assert!(!docs.contains('<'), "{docs}");
        assert!(
            !docs.lines().any(|l| l.trim_start().starts_with("```")),
            "a fence opens: {docs}"
        );
        assert!(
            docs.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{docs}"
        );
        let docs = variant_docs(&entry(
            "    status: 400\n    message: m\n    description: \"# Heading [x](javascript:alert(1))\"\n",
        ))
        .join("\n");
        assert!(!docs.contains("\n # "), "{docs}");
        assert!(!docs.contains("](javascript"), "{docs}");
        let yaml = "name: demo\ntitle: \"<script>x</script>\"\nwire: flat\nerrors:\n  a: {status: 400, message: m}\n";
        let doc = unknown_doc(&error_catalog_model::load_str(yaml).unwrap());
        assert!(!doc.contains('<'), "{doc}");
    }

    #[test]
    fn the_fallback_name_avoids_entries_and_is_an_error_when_all_are_taken() {
        let path: LitStr = syn::parse_quote!("catalog/demo.yaml");
        let catalog = |keys: &[&str]| {
            let mut yaml = "name: demo\nwire: flat\nerrors:\n".to_owned();
            for key in keys {
                yaml.push_str(&format!("  {key}: {{status: 400, message: m {key}}}\n"));
            }
            error_catalog_model::load_str(&yaml).unwrap()
        };
        let name = unknown_name(&catalog(&["unknown", "unrecognized"]), &path).unwrap();
        assert_eq!(name, "UnknownApiError");
        let all = [
            "unknown",
            "unrecognized",
            "unknown_api_error",
            "unknown_catalog_error",
        ];
        let error = unknown_name(&catalog(&all), &path).unwrap_err().to_string();
        assert!(
            error.starts_with("catalog/demo.yaml:4:3: entries take every name"),
            "{error}"
        );
        assert!(
            error.contains("give entry `unknown` another Rust name"),
            "{error}"
        );
    }
}
