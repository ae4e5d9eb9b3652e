//! Reading a catalog file: bytes -> positioned YAML tree -> validated `Catalog`.
//!
//! Limits keep hostile files from hanging the compiler: see [`Limits`].

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::Catalog;
use crate::node::Node;
use crate::{validate, yaml};

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

/// The limits applied by [`load_str`] and [`load_bytes`].
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

/// Parses YAML text into a positioned tree, without checking it is a catalog.
pub fn parse_tree(text: &str) -> Result<Node, Diagnostic> {
    yaml::read(text, &LIMITS)
}

/// Loads and validates a catalog from text. All problems are returned at once,
/// sorted by position, up to [`Limits::max_diagnostics`] of them.
pub fn load_str(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    if text.len() > LIMITS.max_bytes {
        return Err(vec![too_large(text.len() as u64)]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = parse_tree(text).map_err(|d| vec![d])?;
    let mut diagnostics = Diagnostics::new();
    match validate::catalog(&root, &mut diagnostics) {
        Some(catalog) if diagnostics.is_empty() => Ok(catalog),
        _ => {
            let mut all = diagnostics.into_sorted();
            if all.is_empty() {
                all.push(Diagnostic::at(root.pos, "the catalog is invalid"));
            }
            Err(capped(all, LIMITS.max_diagnostics))
        }
    }
}

/// Loads and validates a catalog from raw bytes, reporting the position of
/// the first byte that is not UTF-8.
pub fn load_bytes(bytes: &[u8]) -> Result<Catalog, Vec<Diagnostic>> {
    if bytes.len() > LIMITS.max_bytes {
        return Err(vec![too_large(bytes.len() as u64)]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(vec![Diagnostic::at(
                Some(Pos::new(line as u32, column as u32)),
                format!(
                    "the catalog is not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                    bytes[error.valid_up_to()]
                ),
            )])
        }
    }
}

/// Reads and validates the catalog file at `path`.
pub fn load_file(path: &Path) -> Result<Catalog, Vec<Diagnostic>> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > LIMITS.max_bytes as u64 => {
            return Err(vec![too_large(meta.len())])
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes),
        Err(error) => Err(vec![Diagnostic::at(
            None,
            format!("cannot read the catalog: {error}; check the path, which is relative to the crate's Cargo.toml"),
        )]),
    }
}

/// The first `max` problems, then one counting the rest. A single problem
/// past `max` is listed, as counting it would take the same line.
fn capped(mut all: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if all.len() <= max + 1 {
        return all;
    }
    let rest = all.len() - max;
    all.truncate(max);
    all.push(Diagnostic::not_shown(rest));
    all
}

fn too_large(len: u64) -> Diagnostic {
    Diagnostic::at(
        None,
        format!(
            "the catalog is {len} bytes, past the limit of {} bytes; split it into one catalog per API",
            LIMITS.max_bytes
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(n: usize) -> Vec<Diagnostic> {
        (1..=n)
            .map(|line| Diagnostic::at(Some(Pos::new(line as u32, 1)), "bad"))
            .collect()
    }

    #[test]
    fn past_the_cap_one_problem_counts_the_rest() {
        assert_eq!(capped(problems(3), 3).len(), 3);
        assert_eq!(capped(problems(4), 3), problems(4), "one more is listed");
        let shown = capped(problems(5), 3);
        assert_eq!(shown[..3], problems(3)[..]);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[3].pos, None);
        assert!(
            shown[3]
                .message
                .starts_with("... and 2 more problems not shown;"),
            "{}",
            shown[3]
        );
    }
}
