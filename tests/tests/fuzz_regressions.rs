//! Inputs the fuzzers found (fuzz/regressions/<target>/), replayed with the
//! same checks as the fuzz targets so a fixed crash stays fixed.

use std::path::Path;

use error_catalog::ApiErrorCatalog;
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, ErrorCodesError, GatewayError, GeminiError,
    OpenAiError, ProblemError,
};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn check<E: ApiErrorCatalog + serde::Serialize + PartialEq + std::fmt::Debug>(
    name: &str,
    data: &[u8],
    status: Option<u16>,
) {
    if let Ok(parsed) = E::from_body(data, status) {
        let written = serde_json::to_vec(&parsed).unwrap();
        let again = E::from_body(&written, status).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, parsed, "{name}");
    }
}

#[test]
fn body_parse_regressions() {
    let all = inputs("body_parse");
    assert!(!all.is_empty());
    for (name, data) in all {
        let status = data.first().map(|b| 400 + u16::from(*b) % 200);
        check::<AiApiError>(&name, &data, status);
        check::<ErrorCodesError>(&name, &data, status);
        check::<AimlApiError>(&name, &data, status);
        check::<GatewayError>(&name, &data, status);
        check::<OpenAiError>(&name, &data, status);
        check::<AnthropicError>(&name, &data, status);
        check::<GeminiError>(&name, &data, None);
        check::<ProblemError>(&name, &data, None);
    }
}

#[test]
fn catalog_load_regressions() {
    for (name, data) in inputs("catalog_load") {
        match error_catalog_model::load_bytes(&data) {
            Ok(c) => {
                error_catalog_model::render::render_page(&c, "fuzz.yaml");
            }
            Err(problems) => assert!(!problems.is_empty(), "{name}"),
        }
    }
}
