//! Reading `#[catalog(...)]` attributes on the enum, its variants and fields.

use syn::{Attribute, LitStr, Result};

/// Options on the enum: `#[catalog(path = "...", subset)]`.
#[derive(Default)]
pub struct EnumAttr {
    /// The catalog path as written, relative to the crate's `Cargo.toml`.
    pub path: Option<LitStr>,
    /// Whether the enum may cover only some entries.
    pub subset: bool,
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
            } else {
                Err(meta.error(
                    "unknown `catalog` option on the enum; expected `path = \"catalog/file.yaml\"` or `subset`",
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
                out.code = Some(meta.value()?.parse()?);
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
