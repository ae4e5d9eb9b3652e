//! `gen-docs`: one Markdown page per catalog plus an index, in `docs/errors/`.
//!
//! Pages are pure functions of the catalogs, so `--check` (run by CI) and the
//! test below can tell when someone edited a catalog and forgot the docs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use error_catalog_model::render::{render_index, render_page_made_by};
use error_catalog_model::{load_file, Catalog};

/// Whether to write the pages or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write pages that differ.
    Write,
    /// Change nothing; fail naming every stale page.
    Check,
}

const COMMAND: &str = "cargo xtask gen-docs";
const INDEX: &str = "README.md";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Every page the catalogs produce: (path relative to the root, contents).
pub fn pages(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("catalog"))
        .map_err(|e| format!("cannot list catalog/: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    let mut catalogs: Vec<(Catalog, String)> = Vec::new();
    let mut problems = String::new();
    for path in &files {
        let shown = format!(
            "catalog/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        match load_file(path) {
            Ok(c) => catalogs.push((c, shown)),
            Err(diagnostics) => {
                for d in diagnostics {
                    let _ = writeln!(problems, "{}", d.display_with_file(&shown));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(format!("invalid catalogs, no page written:\n{problems}"));
    }
    let mut out = Vec::new();
    let mut index = Vec::new();
    for (catalog, shown) in &catalogs {
        let file = format!("{}.md", catalog.name);
        if index.iter().any(|(_, f): &(&Catalog, String)| *f == file) {
            return Err(format!(
                "two catalogs are named `{}`; give {shown} another `name`",
                catalog.name
            ));
        }
        out.push((
            format!("docs/errors/{file}"),
            render_page_made_by(catalog, shown, Some("cargo xtask gen-docs")),
        ));
        index.push((catalog, file));
    }
    out.push((format!("docs/errors/{INDEX}"), render_index(&index)));
    Ok(out)
}

/// Writes each `(path, contents)` that differs (or, in check mode, fails
/// naming them and `command`).
pub fn ensure_files(
    root: &Path,
    files: &[(String, String)],
    mode: Mode,
    command: &str,
) -> Result<(), String> {
    let mut stale = Vec::new();
    for (relative, contents) in files {
        let path = root.join(relative);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        match mode {
            Mode::Check => stale.push(relative.clone()),
            Mode::Write => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                std::fs::write(&path, contents)
                    .map_err(|e| format!("cannot write {relative}: {e}"))?;
                println!("wrote {relative}");
            }
        }
    }
    if stale.is_empty() {
        return Ok(());
    }
    Err(format!(
        "these files differ from what the generator produces:\n  {}\nrun `{command}` and commit the result",
        stale.join("\n  ")
    ))
}

pub fn run(mode: Mode) -> Result<(), String> {
    let root = workspace_root();
    let pages = pages(&root)?;
    let written = ensure_files(&root, &pages, mode, COMMAND);
    // Pages of catalogs that no longer exist.
    let expected: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    let mut leftovers: Vec<String> = std::fs::read_dir(root.join("docs/errors"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| format!("docs/errors/{}", e.file_name().to_string_lossy()))
                .filter(|p| p.ends_with(".md") && !expected.contains(&p.as_str()))
                .collect()
        })
        .unwrap_or_default();
    leftovers.sort();
    match mode {
        Mode::Write => {
            for page in &leftovers {
                std::fs::remove_file(root.join(page)).map_err(|e| format!("cannot remove {page}: {e}"))?;
                println!("removed {page}");
            }
            written?;
            println!("{} pages up to date in docs/errors/", pages.len());
            Ok(())
        }
        Mode::Check if leftovers.is_empty() => written,
        Mode::Check => Err(format!(
            "these pages have no catalog that renders them:\n  {}\nrun `{COMMAND}` and commit the result{}",
            leftovers.join("\n  "),
            written.err().map(|e| format!("\n{e}")).unwrap_or_default()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_pages_are_up_to_date() {
        run(Mode::Check).unwrap();
    }
}
