//! Reading a catalog file: bytes -> positioned YAML tree -> validated `Catalog`.
//!
//! Limits keep hostile files from hanging the compiler: see [`Limits`](crate::Limits).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::limits::LIMITS;
use crate::model::Catalog;
use crate::node::Node;
use crate::{validate, yaml};

/// Parses YAML text into a positioned tree, without checking it is a catalog.
pub fn parse_tree(text: &str) -> Result<Node, Diagnostic> {
    yaml::read(text, &LIMITS)
}

/// Loads and validates a catalog from text. All problems are returned at once,
/// sorted by position, up to [`Limits::max_diagnostics`](crate::Limits::max_diagnostics) of them.
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
            format!("cannot read the catalog: {error}; check the path (the derive reads it relative to the crate's Cargo.toml, a program relative to its working directory)"),
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
