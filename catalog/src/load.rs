//! Reading a catalog file: bytes -> positioned YAML tree -> validated `Catalog`.
//!
//! Limits keep hostile files from hanging the compiler: see [`Limits`].

use std::path::Path;

use serde_saphyr::{Budget, DuplicateKeyPolicy, Options};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::Catalog;
use crate::node::{attach_source_text, Node, Root};
use crate::validate;

/// The limits a catalog file must stay within. A file past any of them is
/// refused with an error before or while it is parsed, never expanded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of mappings and lists.
    pub max_depth: usize,
    /// Most YAML nodes (scalars, mappings, lists) in the file.
    pub max_nodes: usize,
    /// Most alias uses (`*name`); aliases are rarely needed in a catalog.
    pub max_aliases: usize,
}

/// The limits applied by [`load_str`] and [`load_bytes`].
pub const LIMITS: Limits = Limits {
    max_bytes: 8 * 1024 * 1024,
    max_depth: 32,
    max_nodes: 500_000,
    max_aliases: 1_000,
};

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = LIMITS.max_depth;
    budget.max_nodes = LIMITS.max_nodes;
    budget.max_aliases = LIMITS.max_aliases;
    budget.max_anchors = LIMITS.max_aliases;
    budget.max_total_scalar_bytes = LIMITS.max_bytes;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    // `retryable: yes` must be an error, not a guess; `NO` stays a string.
    options.strict_booleans = true;
    // Repeated keys reach our visitor, which reports both positions.
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    options
}

/// Parses YAML text into a positioned tree, without checking it is a catalog.
pub fn parse_tree(text: &str) -> Result<Node, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Node::null_at(Pos::new(1, 1)));
    }
    match serde_saphyr::from_str_with_options::<Root>(text, options()) {
        Ok(Root(mut node)) => {
            attach_source_text(&mut node, text);
            Ok(node)
        }
        Err(error) => Err(yaml_error(&error, text)),
    }
}

fn yaml_error(error: &serde_saphyr::Error, text: &str) -> Diagnostic {
    let pos = error.location().and_then(Pos::from_location);
    let mut message = error.to_string();
    if let Some(p) = pos {
        let suffix = format!(" at line {}, column {}", p.line, p.column);
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message = stripped.to_owned();
        }
    }
    let message = message.trim().trim_end_matches('.').to_owned();
    let tab_hint = pos
        .and_then(|p| text.lines().nth(p.line.saturating_sub(1) as usize))
        .filter(|line| line.trim_start_matches(' ').starts_with('\t'))
        .map(|_| "; this line is indented with a tab: YAML indents with spaces only")
        .unwrap_or("");
    if let Some(limit) = budget_breach(&message) {
        return Diagnostic::at(pos, limit);
    }
    let lower = message.to_lowercase();
    let hint = if !tab_hint.is_empty() {
        tab_hint
    } else if lower.contains("tab") {
        "; YAML indents with spaces only: replace the tab with spaces"
    } else if lower.contains("budget") || lower.contains("limit") || lower.contains("depth") {
        "; the catalog is past a size limit (see error_catalog_model::LIMITS): split it or remove aliases"
    } else {
        "; fix the YAML syntax here"
    };
    Diagnostic::at(pos, format!("invalid YAML: {message}{hint}"))
}

/// Loads and validates a catalog from text. All problems are returned at once,
/// sorted by position.
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
            Err(all)
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

fn too_large(len: u64) -> Diagnostic {
    Diagnostic::at(
        None,
        format!(
            "the catalog is {len} bytes, past the limit of {} bytes; split it into one catalog per API",
            LIMITS.max_bytes
        ),
    )
}

/// A readable message for a budget serde-saphyr stopped at.
fn budget_breach(message: &str) -> Option<String> {
    if !message.contains("budget breached") && !message.contains("recursion limit") {
        return None;
    }
    let what = if message.contains("Depth") || message.contains("recursion limit") {
        format!(
            "the catalog nests deeper than {} levels; flatten it",
            LIMITS.max_depth
        )
    } else if message.contains("Documents") {
        "the file holds more than one YAML document (`---`); keep one catalog per file".to_owned()
    } else if message.contains("Alias") || message.contains("Anchor") {
        format!(
            "the catalog uses more than {} aliases or anchors; write the values out",
            LIMITS.max_aliases
        )
    } else if message.contains("Nodes") || message.contains("Events") {
        format!(
            "the catalog expands to more than {} YAML nodes (aliases repeated inside aliases?); write it out or split it",
            LIMITS.max_nodes
        )
    } else {
        format!(
            "the catalog is past a size limit ({}); split it",
            message.trim_start_matches("budget breached: ")
        )
    };
    Some(format!("refused: {what}"))
}
