//! The lookups a small catalog's body reader gets as `match`es: top-level
//! member names of the body template, and the entries a wire code may be.
//!
//! For a handful of codes the compiler turns a `match` on strings into a few
//! length and word comparisons, inlined where bodies are read; the runtime's
//! own lookups (a search of the template, a hash of the code) cost more at that
//! size. Each code's arm tries its entries in file order, as the runtime's
//! search does, asking the runtime's `Identify::fits` with the entry's status,
//! field and message template written as constants, so the compiler can fold
//! the checks (a one-piece template becomes one string comparison) and build
//! the variant without going through `__from_parts`. For large catalogs the
//! `match` is what makes a hand-written `from_code` slow to compile, so it is
//! written only up to [`MOST_ENTRIES`].

use std::collections::BTreeMap;
use std::fmt::Write;

use error_catalog_model::template::Segment;
use error_catalog_model::wire::WireNode;
use error_catalog_model::Catalog;
use proc_macro2::TokenStream;

use crate::arms::{opt_str, parse, rebuild, string, Rebuild, P};
use crate::ast::Input;
use crate::check::Plan;

/// The largest catalog that gets the `match`es.
pub const MOST_ENTRIES: usize = 64;

/// The trait items `__MATCHED_LOOKUPS`, `__member_index` and `__identify`,
/// or nothing for a catalog larger than [`MOST_ENTRIES`]. `names` are the
/// variants' Rust names, `plan` says which variant is which entry.
pub fn lookups(catalog: &Catalog, input: &Input<'_>, names: &[String], plan: &Plan) -> TokenStream {
    if catalog.entries.len() > MOST_ENTRIES {
        return TokenStream::new();
    }
    let mut members = String::new();
    if let WireNode::Object { members: names, .. } = &catalog.wire.body {
        for (i, (name, _)) in names.iter().enumerate() {
            let _ = write!(
                members,
                "{} => ::core::option::Option::Some({i}),",
                string(name)
            );
        }
    }
    // The variant of each entry, if the enum has one that a body can rebuild.
    let mut built: Vec<Option<Rebuild>> = (0..catalog.entries.len()).map(|_| None).collect();
    for &(vi, ei) in &plan.mapped {
        built[ei] = rebuild(&input.variants[vi], &names[vi], "param_folded");
    }
    // Entry indexes per code, in file order: the order the runtime tries them in.
    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in catalog.entries.iter().enumerate() {
        by_code.entry(entry.code.as_str()).or_default().push(i);
    }
    let mut codes = String::new();
    for (code, indexes) in &by_code {
        let require_message = indexes.len() > 1;
        let _ = write!(codes, "{} => {{", string(code));
        for &i in indexes {
            let Some(build) = &built[i] else { continue };
            let entry = &catalog.entries[i];
            let fits = format!(
                "id.fits({}, {}, &[{}], {require_message})",
                entry.status,
                opt_str(entry.field.as_deref()),
                segments(&entry.message.segments),
            );
            // A parameter that does not read lets the next entry have a try.
            let _ = if build.reads_parts {
                write!(
                    codes,
                    "if let __Some(parts) = {fits} {{
                        let parts = &parts;
                        if let __Some(made) = (|| {})() {{ return __Some(made); }}
                    }}",
                    build.expr
                )
            } else {
                write!(codes, "if {fits}.is_some() {{ return {}; }}", build.expr)
            };
        }
        codes.push_str("__None },");
    }
    parse(&format!(
        "const __MATCHED_LOOKUPS: bool = true;
        #[inline]
        fn __member_index(key: &str) -> ::core::option::Option<usize> {{
            #[allow(unreachable_patterns)]
            match key {{ {members} _ => ::core::option::Option::None }}
        }}
        #[inline]
        #[allow(clippy::redundant_closure_call)]
        fn __identify(code: &str, id: &{P}::Identify<'_>) -> ::core::option::Option<Self> {{
            match code {{ {codes} _ => __None }}
        }}"
    ))
}

/// A message template's segments as the runtime's `Segment`s.
fn segments(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        let (kind, text) = match segment {
            Segment::Literal(text) => ("Literal", text),
            Segment::Placeholder(name) => ("Placeholder", name),
        };
        let _ = write!(out, "{P}::Segment::{kind}({}),", string(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(entries: usize) -> Catalog {
        let mut yaml = String::from("name: t\ntitle: T\nwire: flat\nerrors:\n");
        for i in 0..entries {
            yaml.push_str(&format!(
                "  e{i}:\n    status: 400\n    message: Error {i}\n"
            ));
        }
        error_catalog_model::load_str(&yaml).expect("valid catalog")
    }

    /// The lookups of `catalog`, for an enum with a variant for each entry.
    fn lookups_of(catalog: &Catalog) -> String {
        let variants: Vec<String> = (0..catalog.entries.len())
            .map(|i| format!("E{i}"))
            .collect();
        let source = format!(
            "#[catalog(path = \"t.yaml\")] enum T {{ {} }}",
            variants.join(",")
        );
        let derive: syn::DeriveInput = syn::parse_str(&source).expect("enum");
        let input = Input::from_syn(&derive).expect("input");
        let plan = crate::check::check(&input, catalog, input.path()).expect("plan");
        let names = crate::arms::variant_names(&input);
        lookups(catalog, &input, &names, &plan).to_string()
    }

    #[test]
    fn only_small_catalogs_get_the_matches() {
        let small = lookups_of(&catalog(MOST_ENTRIES));
        assert!(small.contains("__MATCHED_LOOKUPS"), "{small}");
        assert!(small.contains("\"e63\" =>"), "{small}");
        assert!(
            small.contains("Segment :: Literal (\"Error 63\")"),
            "{small}"
        );
        assert!(small.contains("Self :: E63"), "{small}");
        assert!(
            small.contains("\"message\" => :: core :: option :: Option :: Some (1)"),
            "{small}"
        );
        assert!(lookups_of(&catalog(MOST_ENTRIES + 1)).is_empty());
    }
}
