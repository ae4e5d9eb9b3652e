//! Inputs that broke the project once (fuzz/regressions/<target>/: crashes
//! the fuzzers found, and the hostile catalogs of issue 16), replayed with the
//! same checks as the fuzz targets so a fixed defect stays fixed.

use std::path::Path;

use error_catalog::ApiErrorCatalog;
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, BedrockError, CardError, ErrorCodesError,
    GatewayError, GeminiApiError, GeminiError, GitHubError, GoogleError, OpenAiError, ProblemError,
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
        check::<BedrockError>(&name, &data, status);
    }
}

/// What each hostile catalog must give: loaded (rendered safely), or
/// refused with the diagnostic that names its mistake.
const CATALOG_OUTCOMES: &[(&str, Result<(), &str>)] = &[
    ("duplicate_flood.yaml", Err("duplicate entry `a`")),
    ("fallback_names_taken.yaml", Ok(())),
    ("markdown_in_free_text.yaml", Ok(())),
    ("nested_anchors.yaml", Err("`causes` must be a string")),
    (
        "too_many_params.yaml",
        Err("more than the 100 an entry may have"),
    ),
    (
        "wide_template.yaml",
        Err("more than the 254 a template allows"),
    ),
];

#[test]
fn catalog_load_regressions() {
    let all = inputs("catalog_load");
    assert_eq!(
        all.len(),
        CATALOG_OUTCOMES.len(),
        "give each input its outcome"
    );
    for (path, data) in all {
        let name = path.rsplit('/').next().unwrap_or(&path);
        let expected = CATALOG_OUTCOMES
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name}: no expected outcome in CATALOG_OUTCOMES"))
            .1;
        match (error_catalog_model::load_bytes(&data), expected) {
            (Ok(c), Ok(())) => {
                let page = error_catalog_model::render::render_page(&c, "fuzz.yaml");
                assert!(!page.contains("](javascript"), "{name}");
                // Outside code blocks (lines that open or close one start
                // with three backticks), markup in free text is escaped.
                let mut in_code = false;
                for line in page.lines() {
                    if line.starts_with("```") {
                        in_code = !in_code;
                    } else if !in_code {
                        // The renderer's own tags only: any other `<` before a
                        // letter is markup or an autolink from free text.
                        let tags = line.match_indices('<').map(|(i, _)| &line[i + 1..]);
                        for tag in tags.filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
                        {
                            let ours = ["code>", "br>", "br/>", "a id=\""]
                                .iter()
                                .any(|t| tag.starts_with(t));
                            assert!(ours, "{name}: markup in prose: {line}");
                        }
                    }
                }
                assert!(!in_code, "{name}: a code block left open");
            }
            (Err(problems), Err(says)) => {
                assert!(
                    problems.len() <= error_catalog_model::LIMITS.max_diagnostics + 1,
                    "{name}: {} problems",
                    problems.len()
                );
                let first = problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                assert!(first.contains(says), "{name}: {first}");
            }
            (Ok(_), Err(says)) => panic!("{name} loaded; expected `{says}`"),
            (Err(problems), Ok(())) => panic!("{name} was refused: {}", problems[0]),
        }
    }
}
