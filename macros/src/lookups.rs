//! The lookups a small catalog's body reader gets as `match`es: top-level
//! member names of the body template, and wire codes.
//!
//! For a handful of codes the compiler turns a `match` on strings into a few
//! length and word comparisons, inlined where bodies are read; the runtime's
//! own lookups (a search of the template, a hash of the code) cost more at that
//! size. For large catalogs the `match` is what makes a hand-written
//! `from_code` slow to compile, so it is written only up to [`MOST_ENTRIES`].

use std::collections::BTreeMap;
use std::fmt::Write;

use error_catalog_model::wire::WireNode;
use error_catalog_model::Catalog;
use proc_macro2::TokenStream;

use crate::arms::{parse, string};

/// The largest catalog that gets the `match`es.
pub const MOST_ENTRIES: usize = 64;

/// The trait items `__MATCHED_LOOKUPS`, `__member_index` and `__code_entries`,
/// or nothing for a catalog larger than [`MOST_ENTRIES`].
pub fn lookups(catalog: &Catalog) -> TokenStream {
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
    // Entry indexes per code, in file order: the order the runtime tries them in.
    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in catalog.entries.iter().enumerate() {
        by_code.entry(entry.code.as_str()).or_default().push(i);
    }
    let mut codes = String::new();
    for (code, indexes) in &by_code {
        let list: Vec<String> = indexes.iter().map(usize::to_string).collect();
        let _ = write!(codes, "{} => &[{}],", string(code), list.join(", "));
    }
    parse(&format!(
        "const __MATCHED_LOOKUPS: bool = true;
        #[inline]
        fn __member_index(key: &str) -> ::core::option::Option<usize> {{
            #[allow(unreachable_patterns)]
            match key {{ {members} _ => ::core::option::Option::None }}
        }}
        #[inline]
        fn __code_entries(code: &str) -> &'static [u32] {{
            match code {{ {codes} _ => &[] }}
        }}"
    ))
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

    #[test]
    fn only_small_catalogs_get_the_matches() {
        let small = lookups(&catalog(MOST_ENTRIES)).to_string();
        assert!(small.contains("__MATCHED_LOOKUPS"), "{small}");
        assert!(small.contains("\"e63\" => & [63]"), "{small}");
        assert!(
            small.contains("\"message\" => :: core :: option :: Option :: Some (1)"),
            "{small}"
        );
        assert!(lookups(&catalog(MOST_ENTRIES + 1)).is_empty());
    }
}
