//! Inputs that broke the project once (fuzz/regressions/<target>/: crashes
//! the fuzzers found, and the hostile catalogs of issue 16), replayed with the
//! same checks as the fuzz targets so a fixed defect stays fixed.

use std::path::Path;

use error_catalog::ApiErrorCatalog;
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, CardError, ErrorCodesError, GatewayError,
    GeminiApiError, GeminiError, GitHubError, GoogleError, OpenAiError, ProblemError,
    ProblemTypeError, Rfc9457Error, StripeError,
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

fn check<E>(name: &str, data: &[u8], status: Option<u16>)
where
    E: ApiErrorCatalog
        + serde::Serialize
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug,
{
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let from_tree = serde_json::from_value::<E>(value).ok();
        let from_bytes = E::from_body(data, None).ok();
        assert_eq!(
            from_tree, from_bytes,
            "{name}: the bytes and the Value read differently"
        );
    }
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
        check::<ProblemTypeError>(&name, &data, status);
        check::<CardError>(&name, &data, status);
        check::<StripeError>(&name, &data, status);
        check::<GitHubError>(&name, &data, status);
        check::<GeminiApiError>(&name, &data, status);
        check::<GoogleError>(&name, &data, status);
        check::<Rfc9457Error>(&name, &data, status);
    }
}

#[test]
fn catalog_load_regressions() {
    let all = inputs("catalog_load");
    assert!(all.len() >= 6, "{} inputs", all.len());
    for (name, data) in all {
        match error_catalog_model::load_bytes(&data) {
            Ok(c) => {
                let page = error_catalog_model::render::render_page(&c, "fuzz.yaml");
                assert!(!page.contains("](javascript"), "{name}");
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "{name}");
                assert!(
                    problems.len() <= error_catalog_model::LIMITS.max_diagnostics + 1,
                    "{name}: {} problems",
                    problems.len()
                );
            }
        }
    }
}
