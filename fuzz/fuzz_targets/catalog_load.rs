//! Fuzz target: any bytes as a catalog file load or fail with positioned
//! diagnostics, and a loaded catalog renders and packs; nothing panics or hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match error_catalog_model::load_bytes(data) {
        Ok(catalog) => {
            let page = error_catalog_model::render::render_page(&catalog, "fuzz.yaml");
            assert!(page.contains(&format!("{} errors", catalog.entries.len())));
            let packed = error_catalog_model::pack::pack(&catalog);
            let with_code = catalog.entries.iter().filter(|e| e.code.is_some()).count();
            assert_eq!(packed.code_order.len(), with_code);
            for entry in &catalog.entries {
                if let Some(code) = &entry.code {
                    assert!(packed.text.contains(code.as_str()));
                }
            }
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
