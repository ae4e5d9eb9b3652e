//! Reading `#[catalog(...)]` attributes on the enum, its variants and fields.

use syn::{Attribute, LitStr, Result};

/// Options on the enum: `#[catalog(path = "...", subset)]`.
#[derive(Default)]
pub struct EnumAttr {
    /// The catalog path as written, relative to the crate's `Cargo.toml`.
    pub path: Option<LitStr>,
    /// Whether the enum may cover only some entries.
    pub subset: bool,
    /// The path generated code names the runtime by (`crate = "..."`), for
    /// crates that re-export `error_catalog`; `::error_catalog` otherwise.
    pub krate: Option<syn::Path>,
}

impl EnumAttr {
    /// The runtime crate's path, as tokens.
    pub fn krate(&self) -> proc_macro2::TokenStream {
        match &self.krate {
            Some(path) => quote::quote!(#path),
            None => quote::quote!(::error_catalog),
        }
    }
}

/// The `crate = "..."` of the enum's `#[catalog(...)]`, read on its own so the
/// stub impls emitted after other mistakes name the right crate too.
pub fn crate_path(attrs: &[Attribute]) -> proc_macro2::TokenStream {
    let mut krate = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let text: LitStr = meta.value()?.parse()?;
                krate = text.parse::<syn::Path>().ok();
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    EnumAttr {
        krate,
        ..EnumAttr::default()
    }
    .krate()
}

/// Options on a variant: `#[catalog(code = "...")]`, `#[catalog(entry = "...")]`, `#[catalog(unknown)]`.
#[derive(Default)]
pub struct VariantAttr {
    /// Pick the entry by wire code.
    pub code: Option<LitStr>,
    /// Pick the entry by its key in the catalog.
    pub entry: Option<LitStr>,
    /// This variant holds errors the catalog does not know.
    pub unknown: Option<proc_macro2::Span>,
}

/// Options on a field: `#[catalog(source)]`.
#[derive(Default)]
pub struct FieldAttr {
    /// The field holds the internal cause: returned by `source()`, never serialized.
    pub source: bool,
}

pub fn enum_attr(attrs: &[Attribute]) -> Result<EnumAttr> {
    let mut out = EnumAttr::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("path") {
                out.path = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("subset") {
                out.subset = true;
                Ok(())
            } else if meta.path.is_ident("crate") {
                let text: LitStr = meta.value()?.parse()?;
                out.krate = Some(text.parse().map_err(|_| {
                    syn::Error::new(
                        text.span(),
                        "`crate` takes the path your crate re-exports error_catalog at, e.g. `crate = \"my_api::error_catalog\"`",
                    )
                })?);
                Ok(())
            } else {
                Err(meta.error(
                    "unknown `catalog` option on the enum; expected `path = \"catalog/file.yaml\"`, `subset` or `crate = \"path::to::error_catalog\"`",
                ))
            }
        })?;
    }
    Ok(out)
}

pub fn variant_attr(attrs: &[Attribute]) -> Result<VariantAttr> {
    let mut out = VariantAttr::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("code") {
                let value = meta.value()?;
                // Numeric codes are matched by their text, as `code()` returns it.
                if value.peek(syn::LitInt) || value.peek(syn::Token![-]) {
                    return Err(syn::Error::new(
                        value.span(),
                        "write the code as a string, `code = \"20404\"`: numeric codes are matched by their text, as `code()` returns it",
                    ));
                }
                out.code = Some(value.parse()?);
                Ok(())
            } else if meta.path.is_ident("entry") {
                out.entry = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("unknown") {
                out.unknown = Some(meta.path.get_ident().map_or_else(proc_macro2::Span::call_site, |i| i.span()));
                Ok(())
            } else {
                Err(meta.error(
                    "unknown `catalog` option on a variant; expected `code = \"...\"`, `entry = \"...\"` or `unknown`",
                ))
            }
        })?;
    }
    Ok(out)
}

pub fn field_attr(attrs: &[Attribute]) -> Result<FieldAttr> {
    let mut out = FieldAttr::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("catalog")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("source") {
                out.source = true;
                Ok(())
            } else {
                Err(meta.error("unknown `catalog` option on a field; expected `source`"))
            }
        })?;
    }
    Ok(out)
}
