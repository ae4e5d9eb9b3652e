//! Finding and loading the catalog file named by `#[catalog(path = "...")]`.
//!
//! Paths resolve against the crate's `CARGO_MANIFEST_DIR`, which rust-analyzer
//! also provides; `ERROR_CATALOG_MANIFEST_DIR` overrides it for tests run under
//! trybuild, whose generated crate lives elsewhere. Problems are reported on the
//! path literal as `file:line:col: message` with the path as written.

use std::path::PathBuf;

use error_catalog_model::{Catalog, Diagnostic};
use syn::{Error, LitStr};

/// Environment variable that, when set, replaces `CARGO_MANIFEST_DIR` as the
/// base directory of catalog paths.
pub const MANIFEST_DIR_OVERRIDE: &str = "ERROR_CATALOG_MANIFEST_DIR";

pub struct Loaded {
    pub catalog: Catalog,
    /// Absolute path, for `include_bytes!` so cargo rebuilds when the file changes.
    pub absolute: PathBuf,
}

/// Where the catalog file is, or why it cannot be located.
pub fn resolve(lit: &LitStr) -> Result<PathBuf, Error> {
    let relative = lit.value();
    let base = std::env::var_os(MANIFEST_DIR_OVERRIDE)
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .ok_or_else(|| {
            Error::new(
                lit.span(),
                "CARGO_MANIFEST_DIR is not set; build with cargo so the catalog path can be resolved",
            )
        })?;
    Ok(PathBuf::from(base).join(relative))
}

/// Loads and validates the catalog; every problem becomes one combined error.
pub fn load(lit: &LitStr) -> Result<Loaded, Error> {
    let absolute = resolve(lit)?;
    let shown = lit.value();
    if !absolute.is_file() {
        return Err(Error::new(
            lit.span(),
            format!(
                "{shown}: catalog file not found (looked in {}); the path is relative to the crate's Cargo.toml",
                absolute.parent().map_or_else(String::new, |p| p.display().to_string())
            ),
        ));
    }
    match error_catalog_model::load_file(&absolute) {
        Ok(catalog) => Ok(Loaded { catalog, absolute }),
        Err(diagnostics) => Err(combine(lit, &shown, &diagnostics)),
    }
}

/// One error per diagnostic, all on the path literal.
pub fn combine(lit: &LitStr, shown: &str, diagnostics: &[Diagnostic]) -> Error {
    let mut iter = diagnostics.iter();
    let first = iter
        .next()
        .map(|d| d.display_with_file(shown).to_string())
        .unwrap_or_else(|| format!("{shown}: the catalog is invalid"));
    let mut error = Error::new(lit.span(), first);
    for d in iter {
        error.combine(Error::new(
            lit.span(),
            d.display_with_file(shown).to_string(),
        ));
    }
    error
}

/// `file:line:col` of a position in the catalog, for messages spanned on Rust code.
pub fn at(shown: &str, pos: Option<error_catalog_model::Pos>) -> String {
    match pos {
        Some(p) => format!("{shown}:{p}"),
        None => shown.to_owned(),
    }
}
