//! Compile-time checks: each mistake in `tests/ui/<rule>/<mistake>.rs` must
//! fail with the message in its `.stderr`; the seed catalogs must compile.
//!
//! Refresh the expected output with `TRYBUILD=overwrite cargo test -p
//! error-catalog-tests --test ui` and review the diff.

#[test]
fn ui() {
    // trybuild builds the cases in a crate of its own, where CARGO_MANIFEST_DIR
    // is not this crate's: point the macro at this crate so `ui/...` paths resolve.
    std::env::set_var("ERROR_CATALOG_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/[!p]*/*.rs");
}
