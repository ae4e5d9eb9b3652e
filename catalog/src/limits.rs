//! How large and deep a catalog file may be: what keeps a hostile file from
//! hanging the compiler.

/// The limits a catalog file must stay within. A file past any of them is
/// refused with an error before or while it is parsed, never expanded; and
/// however many problems a file has, only so many are listed.
///
/// BENCHMARKS.md has what the largest accepted catalogs cost to compile.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of mappings and lists.
    pub max_depth: usize,
    /// Most YAML nodes (scalars, mappings, lists) in the file.
    pub max_nodes: usize,
    /// Most alias uses (`*name`); aliases are rarely needed in a catalog.
    pub max_aliases: usize,
    /// Most problems listed for one file. Past it, one last problem counts
    /// the rest: a mistake repeated thousands of times would otherwise bury
    /// the compiler's output, and fixing the first problems usually removes
    /// the rest or shows what they really are.
    pub max_diagnostics: usize,
    /// Most entries in one catalog. The compiler's time grows faster than
    /// the number of variants of one enum (borrow checking of its `match`es).
    /// Split a larger API into several catalogs.
    pub max_entries: usize,
    /// Most parameters (placeholders and `params:` members) of one entry.
    /// Each becomes a field, and code per field adds up in every generated
    /// `match` arm; real messages have a handful.
    pub max_params_per_entry: usize,
    /// Most parameters of all entries together: fields cost the compiler
    /// more than variants, and the two limits above alone would admit a
    /// million of them.
    pub max_params: usize,
}

/// The limits applied by [`load_str`](crate::load_str) and [`load_bytes`](crate::load_bytes).
pub const LIMITS: Limits = Limits {
    max_bytes: 8 * 1024 * 1024,
    max_depth: 32,
    max_nodes: 500_000,
    max_aliases: 1_000,
    max_diagnostics: 100,
    max_entries: 10_000,
    max_params_per_entry: 100,
    max_params: 5_000,
};
