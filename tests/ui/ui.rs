//! Compile-time checks: each mistake in `<rule>/<mistake>.rs` must fail with
//! the message in its `.stderr`; the cases in `pass/` must compile.
//!
//! The cases build against this crate's dependencies only (error-catalog and
//! nothing else), which is what keeps a cold run short.
//!
//! Refresh the expected output with `TRYBUILD=overwrite cargo test -p
//! error-catalog-ui-tests` and review the diff.

use std::path::Path;

#[test]
fn ui() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // trybuild builds the cases in a crate of its own, where CARGO_MANIFEST_DIR
    // is not this one: point the macro at the folder that holds `ui/` (the
    // paths the cases write) and `../catalog/` (the seed catalogs).
    std::env::set_var(
        "ERROR_CATALOG_MANIFEST_DIR",
        here.parent().expect("the ui folder has a parent"),
    );
    let t = trybuild::TestCases::new();
    assert!(count_cases(&here.join("pass")) > 0, "ui/pass/ has no case");
    t.pass("pass/*.rs");
    let mut total = 0;
    for dir in std::fs::read_dir(here).expect("the ui folder lists") {
        let dir = dir.expect("a folder entry").path();
        // `wip/` is where trybuild writes the output of a new case that has
        // no `.stderr` yet, to be moved next to it.
        if !dir.is_dir() || dir.ends_with("pass") || dir.ends_with("wip") {
            continue;
        }
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name");
        let cases = count_cases(&dir);
        assert!(cases > 0, "ui/{name}/ has no case");
        t.compile_fail(format!("{name}/*.rs"));
        total += cases;
    }
    // The README states the count: cases that vanish (or a README that
    // was not updated) fail here.
    let readme = std::fs::read_to_string(here.join("../../README.md")).expect("README.md reads");
    let stated = readme
        .split(" compile-fail cases")
        .next()
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert_eq!(
        stated,
        Some(total),
        "README.md should say \"{total} compile-fail cases\""
    );
}

/// The `.rs` cases in `dir`.
fn count_cases(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("a case folder lists")
        .filter(|f| {
            f.as_ref()
                .is_ok_and(|f| f.path().extension().is_some_and(|e| e == "rs"))
        })
        .count()
}
