//! Checks the enum against the catalog; every mismatch is collected, none stops the others.
//!
//! Each rule opens with a comment stating it. Errors about Rust code are spanned
//! on that code and name the YAML position; errors about the catalog are spanned
//! on the path literal.

use std::collections::HashMap;

use error_catalog_model::{Catalog, Entry, ParamKind};
use syn::{Error, LitStr};

use crate::ast::{Input, Shape, Variant};
use crate::catalog_file::at;

/// Which entry each variant stands for.
pub struct Plan {
    /// `(variant index, entry index)` for every catalog variant.
    pub mapped: Vec<(usize, usize)>,
    /// The `#[catalog(unknown)]` variant, if any.
    pub unknown: Option<usize>,
}

/// The problems found, at most `max_diagnostics` of them listed: an enum
/// that misses thousands of entries would otherwise bury the output.
#[derive(Default)]
struct Errors {
    all: Option<Error>,
    listed: usize,
    not_listed: usize,
}

impl Errors {
    fn push(&mut self, e: Error) {
        if self.listed >= error_catalog_model::LIMITS.max_diagnostics {
            self.not_listed += 1;
            return;
        }
        self.listed += 1;
        match &mut self.all {
            Some(all) => all.combine(e),
            None => self.all = Some(e),
        }
    }

    /// The combined error, if any, ending with a count of those not listed.
    fn finish(self, path: &LitStr) -> Option<Error> {
        let mut all = self.all?;
        if self.not_listed > 0 {
            let rest = error_catalog_model::Diagnostic::not_shown(self.not_listed);
            all.combine(Error::new(
                path.span(),
                rest.display_with_file(&path.value()).to_string(),
            ));
        }
        Some(all)
    }
}

pub fn check(input: &Input<'_>, catalog: &Catalog, path: &LitStr) -> Result<Plan, Error> {
    let shown = path.value();
    let mut errors = Errors::default();
    let mut mapped: Vec<(usize, usize)> = Vec::new();
    // For each entry, the variant that stands for it.
    let mut variant_of: Vec<Option<usize>> = vec![None; catalog.entries.len()];
    let by_name: HashMap<&str, usize> = catalog
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.rust_name.as_str(), i))
        .collect();
    let mut unknown = None;
    let mut unresolved = false;

    for (vi, variant) in input.variants.iter().enumerate() {
        // Rule: at most one variant holds unknown errors, and it has one unnamed field.
        if variant.attr.unknown.is_some() {
            if let Some(first) = unknown {
                let first: &Variant = &input.variants[first];
                errors.push(Error::new(
                    variant.ident.span(),
                    format!(
                        "only one variant may be `#[catalog(unknown)]`; `{}` already is",
                        first.ident
                    ),
                ));
            } else if variant.shape != Shape::Tuple || variant.fields.len() != 1 {
                errors.push(Error::new(
                    variant.ident.span(),
                    format!(
                        "the `#[catalog(unknown)]` variant must hold the fallback value: write `{}(error_catalog::UnknownError)`",
                        variant.ident
                    ),
                ));
            } else {
                unknown = Some(vi);
            }
            continue;
        }

        let Some(ei) = find_entry(variant, catalog, &by_name, &shown, &mut errors) else {
            unresolved = true;
            continue;
        };
        // Rule: one variant per entry.
        if let Some(other) = variant_of[ei] {
            errors.push(Error::new(
                variant.ident.span(),
                format!(
                    "`{}` and `{}` both stand for catalog entry `{}`; remove one",
                    input.variants[other].ident, variant.ident, catalog.entries[ei].key
                ),
            ));
            continue;
        }
        check_fields(variant, &catalog.entries[ei], &shown, &mut errors);
        variant_of[ei] = Some(vi);
        mapped.push((vi, ei));
    }

    // Rule: unless the enum says `subset`, every entry has a variant, so a
    // server cannot forget an error the API documents. Skipped while a variant
    // names no entry: the likely fix (a typo) would make this report wrong.
    if !input.attr.subset && !unresolved {
        for (ei, entry) in catalog.entries.iter().enumerate() {
            if variant_of[ei].is_none() {
                errors.push(Error::new(
                    path.span(),
                    format!(
                        "{}: entry `{}` has no variant in `{}`; add `{}`, or write `#[catalog(path = \"{shown}\", subset)]` to cover only some entries",
                        at(&shown, entry.pos),
                        entry.key,
                        input.ident,
                        suggested_variant(entry)
                    ),
                ));
            }
        }
    }

    match errors.finish(path) {
        Some(e) => Err(e),
        None => Ok(Plan { mapped, unknown }),
    }
}

fn find_entry(
    variant: &Variant<'_>,
    catalog: &Catalog,
    by_name: &HashMap<&str, usize>,
    shown: &str,
    errors: &mut Errors,
) -> Option<usize> {
    let entries = &catalog.entries;
    if let Some(key) = &variant.attr.entry {
        let found = entries.iter().position(|e| e.key == key.value());
        if found.is_none() {
            errors.push(Error::new(
                key.span(),
                format!(
                    "{shown} has no entry `{}`{}",
                    key.value(),
                    did_you_mean(&key.value(), entries.iter().map(|e| e.key.as_str()))
                ),
            ));
        }
        return found;
    }
    if let Some(code) = &variant.attr.code {
        let matches: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.code.as_deref() == Some(code.value().as_str()))
            .map(|(i, _)| i)
            .collect();
        // Rule: a code shared by several entries does not say which one is meant.
        return match matches.as_slice() {
            [one] => Some(*one),
            [] => {
                errors.push(Error::new(
                    code.span(),
                    format!(
                        "{shown} has no entry with code `{}`{}",
                        code.value(),
                        did_you_mean(
                            &code.value(),
                            entries.iter().filter_map(|e| e.code.as_deref())
                        )
                    ),
                ));
                None
            }
            many => {
                let keys: Vec<String> = many
                    .iter()
                    .map(|i| format!("`{}`", entries[*i].key))
                    .collect();
                errors.push(Error::new(
                    code.span(),
                    format!(
                        "code `{}` is shared by entries {} in {shown}; pick one with `#[catalog(entry = \"...\")]`",
                        code.value(),
                        keys.join(", ")
                    ),
                ));
                None
            }
        };
    }
    let name = variant.ident.to_string();
    // Rule: a variant names an entry by its Rust name (the entry key in UpperCamelCase).
    let found = by_name.get(name.as_str()).copied();
    if found.is_none() {
        errors.push(Error::new(
            variant.ident.span(),
            format!(
                "variant `{name}` has no entry in {shown}{}; add the entry to the catalog, rename the variant, or pick the entry with `#[catalog(code = \"...\")]`",
                did_you_mean(&name, entries.iter().map(|e| e.rust_name.as_str()))
            ),
        ));
    }
    found
}

// Rule: the variant's fields are exactly the entry's parameters (message
// placeholders and declared data members), plus any `#[catalog(source)]` field.
fn check_fields(variant: &Variant<'_>, entry: &Entry, shown: &str, errors: &mut Errors) {
    let where_ = at(shown, entry.message_pos.or(entry.pos));
    if variant.shape == Shape::Tuple {
        errors.push(Error::new(
            variant.ident.span(),
            format!(
                "variant `{}` has unnamed fields; catalog parameters are named: write `{}`",
                variant.ident,
                suggested_variant(entry)
            ),
        ));
        return;
    }
    for param in &entry.params {
        let has = variant
            .fields
            .iter()
            .any(|f| f.ident.is_some_and(|i| i == param.name.as_str()));
        if !has {
            let role = if param.in_message {
                format!(
                    "placeholder `{{{}}}` in the message at {where_}",
                    param.name
                )
            } else {
                format!(
                    "parameter `{}` declared under `params` of entry `{}` ({})",
                    param.name,
                    entry.key,
                    at(shown, entry.pos)
                )
            };
            errors.push(Error::new(
                variant.ident.span(),
                format!(
                    "variant `{}` has no field `{}` for the {role}; add `{}: {}`",
                    variant.ident,
                    param.name,
                    param.name,
                    rust_type(entry, &param.name)
                ),
            ));
        }
    }
    let mut sources = 0;
    for field in &variant.fields {
        let Some(ident) = field.ident else { continue };
        if field.source {
            sources += 1;
            // Rule: one internal cause per variant.
            if sources > 1 {
                errors.push(Error::new(
                    field.span,
                    "only one field per variant may be `#[catalog(source)]`",
                ));
            }
            continue;
        }
        let Some(param) = entry.param(&ident.to_string()) else {
            errors.push(Error::new(
                field.span,
                format!(
                    "field `{ident}` has no placeholder in the message of entry `{}` ({where_}: \"{}\"); use `{{{ident}}}` in the message, declare it under `params:`, mark it `#[catalog(source)]` if it is an internal cause, or remove it",
                    entry.key, entry.message.source
                ),
            ));
            continue;
        };
        // Rule: a sensitive parameter's field is a `Secret`, so `Debug` cannot leak it.
        if param.sensitive && !field.is_secret() {
            errors.push(Error::new(
                field.span,
                format!(
                    "field `{ident}` holds parameter `{}`, marked sensitive in {}; declare it as `{ident}: {}` so Debug output and 5xx bodies redact it",
                    param.name,
                    at(shown, param.pos.or(entry.pos)),
                    rust_type(entry, &param.name)
                ),
            ));
        }
        // Rule: only an optional parameter is held in an `Option`: a required
        // one left `None` would be written without its member, and read back
        // as another entry, or not at all.
        if field.is_option() && !param.optional {
            errors.push(Error::new(
                field.span,
                format!(
                    "field `{ident}` is an `Option`, but parameter `{}` of entry `{}` is required ({}); declare it as `{ident}: {}`, or mark the parameter `optional: true` in the catalog",
                    param.name,
                    entry.key,
                    at(shown, param.pos.or(entry.pos)),
                    rust_type(entry, &param.name)
                ),
            ));
        }
        // Rule: a field of a plain Rust type holds a parameter of that kind,
        // so the body carries what the catalog says (an integer, not "12").
        if let Some(written) = field.written_kind().filter(|k| *k != param.kind) {
            errors.push(Error::new(
                field.span,
                format!(
                    "field `{ident}` is `{}` by its Rust type, but the catalog declares parameter `{}` of entry `{}` as `{}` ({}); declare it as `{ident}: {}`, or change the parameter's type in the catalog",
                    written.name(),
                    param.name,
                    entry.key,
                    param.kind.name(),
                    at(shown, param.pos.or(entry.pos)),
                    rust_type(entry, &param.name)
                ),
            ));
        }
        // Rule: a list field's items by their plain Rust type are the items
        // the catalog declares (`Vec<String>` cannot hold `{resource: string}`).
        let items = match param.items.as_slice() {
            [only] if only.name.is_empty() => only.kind,
            _ => ParamKind::Object,
        };
        let written_items = field.written_item_kind().filter(|k| *k != items);
        if let Some(written) = written_items.filter(|_| param.kind == ParamKind::List) {
            errors.push(Error::new(
                field.span,
                format!(
                    "field `{ident}` holds items of type `{}` by its Rust type, but the catalog declares the items of parameter `{}` of entry `{}` as `{}` ({}); declare it as `{ident}: {}`, or a `Vec` of your own type that reads those items",
                    written.name(),
                    param.name,
                    entry.key,
                    items.name(),
                    at(shown, param.pos.or(entry.pos)),
                    rust_type(entry, &param.name)
                ),
            ));
        }
    }
}

/// The variant a user should write for `entry`.
pub fn suggested_variant(entry: &Entry) -> String {
    if entry.params.is_empty() {
        return entry.rust_name.clone();
    }
    let fields: Vec<String> = entry
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, rust_type(entry, &p.name)))
        .collect();
    format!("{} {{ {} }}", entry.rust_name, fields.join(", "))
}

/// The Rust type a parameter gets in the generated enum and in suggestions;
/// sensitive parameters are wrapped in `error_catalog::Secret`.
pub fn rust_type(entry: &Entry, name: &str) -> String {
    let param = entry.param(name);
    let base = match param.map(|p| p.kind) {
        Some(ParamKind::Integer) if name == "retry_after" => "u64",
        Some(ParamKind::Integer) => "i64",
        Some(ParamKind::Number) => "f64",
        Some(ParamKind::Boolean) => "bool",
        Some(ParamKind::Object) => "error_catalog::Object",
        // Items that are plain values are a `Vec` of that value's type.
        Some(ParamKind::List) => match param.map(|p| p.items.as_slice()) {
            Some([only]) if only.name.is_empty() => match only.kind {
                ParamKind::Integer => "::std::vec::Vec<i64>",
                ParamKind::Number => "::std::vec::Vec<f64>",
                ParamKind::Boolean => "::std::vec::Vec<bool>",
                ParamKind::Object => "::std::vec::Vec<error_catalog::Object>",
                ParamKind::String | ParamKind::List => "::std::vec::Vec<::std::string::String>",
            },
            _ => "::std::vec::Vec<error_catalog::Object>",
        },
        _ => "String",
    };
    let ty = if param.is_some_and(|p| p.sensitive) {
        format!("error_catalog::Secret<{base}>")
    } else {
        base.to_owned()
    };
    if param.is_some_and(|p| p.optional) {
        format!("::core::option::Option<{ty}>")
    } else {
        ty
    }
}

fn did_you_mean<'a>(word: &str, choices: impl Iterator<Item = &'a str>) -> String {
    match error_catalog_model::suggest::closest(word, choices) {
        Some(c) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_cap_one_error_counts_the_rest() {
        let max = error_catalog_model::LIMITS.max_diagnostics;
        let path: LitStr = syn::parse_quote!("catalog/demo.yaml");
        let mut errors = Errors::default();
        for i in 0..max + 5 {
            errors.push(Error::new(path.span(), format!("problem {i}")));
        }
        let shown: Vec<String> = errors
            .finish(&path)
            .expect("errors were pushed")
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(shown.len(), max + 1);
        assert_eq!(shown[max - 1], format!("problem {}", max - 1));
        assert!(
            shown[max].starts_with("catalog/demo.yaml: ... and 5 more problems not shown"),
            "{}",
            shown[max]
        );
    }
}
