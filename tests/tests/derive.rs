//! The hand-written derive form: variants named by the user, subsets, code
//! overrides, internal causes, and the unknown-code fallback.

use std::error::Error as _;

use error_catalog::{ApiErrorCatalog, BodyError, UnknownError};
use error_catalog_tests::AiApiError as FullAiApiError;

/// The enum from DESIGN.md, as a server for one endpoint would write it.
#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "../catalog/aiapi.yaml", subset)]
pub enum AiApiError {
    InvalidApiKey,
    ModelNotFound {
        model: String,
    },
    RateLimitExceeded {
        retry_after: u64,
    },
    #[catalog(code = "quota_not_enough")]
    OutOfQuota,
    #[catalog(entry = "invalid_max_tokens")]
    BadMaxTokens,
    /// A 5xx-class failure upstream is not in this catalog; this variant keeps
    /// the cause for logs only.
    #[catalog(code = "task_not_found")]
    TaskNotFound {
        task_id: String,
        #[catalog(source)]
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

#[test]
fn design_example_behaves_as_documented() {
    let e = AiApiError::ModelNotFound {
        model: "gpt-9".into(),
    };
    assert_eq!(e.to_string(), "model 'gpt-9' not found");
    assert_eq!(e.status(), 404);
    assert_eq!(e.status(), http_status(404));
    assert_eq!(e.status_u16(), 404);
    assert!(!e.is_retryable());
    assert_eq!(e.code(), "model_not_found");
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"code":"model_not_found","message":"model 'gpt-9' not found","data":null}"#
    );
}

fn http_status(code: u16) -> error_catalog::http::StatusCode {
    error_catalog::http::StatusCode::from_u16(code).unwrap()
}

#[test]
fn code_and_entry_overrides_pick_the_entry() {
    assert_eq!(AiApiError::OutOfQuota.code(), "quota_not_enough");
    assert_eq!(
        AiApiError::OutOfQuota.to_string(),
        "user quota is not enough"
    );
    assert_eq!(AiApiError::BadMaxTokens.field(), Some("max_tokens"));
    assert_eq!(
        AiApiError::BadMaxTokens.entry().unwrap().key,
        "invalid_max_tokens"
    );
}

#[test]
fn entries_list_the_whole_catalog_even_for_a_subset() {
    let codes: Vec<&str> = AiApiError::entries()
        .iter()
        .filter_map(|e| e.code)
        .collect();
    assert_eq!(codes.len(), 10);
    assert!(codes.contains(&"content_filtered"));
    assert_eq!(AiApiError::catalog().name(), "aiapi");
}

#[test]
fn openapi_for_a_subset_documents_only_its_variants() {
    use error_catalog::openapi::responses;
    let catalog = AiApiError::catalog();
    let has = |key: &str| {
        let index = AiApiError::entries().iter().position(|e| e.key == key);
        catalog.has_variant(index.unwrap())
    };
    assert!(has("invalid_max_tokens") && has("quota_not_enough"));
    assert!(!has("content_filtered") && !has("temperature_out_of_range"));
    assert!(!catalog.has_variant(AiApiError::entries().len()));
    assert!((0..10).all(|i| FullAiApiError::catalog().has_variant(i)));

    let subset = responses::<AiApiError>();
    let full = responses::<FullAiApiError>();
    let described = |r: &serde_json::Map<String, serde_json::Value>, status: &str| {
        r[status]["description"].as_str().unwrap().to_owned()
    };
    assert!(described(&full, "400").contains("`content_filtered`"));
    assert!(!described(&subset, "400").contains("content_filtered"));
    let examples = |r: &serde_json::Map<String, serde_json::Value>, status: &str| {
        let content = r[status]["content"]["application/json"]["examples"].clone();
        let mut keys: Vec<String> = content.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(examples(&subset, "400"), ["invalid_max_tokens"]);
    assert_eq!(examples(&full, "400").len(), 5);
}

#[test]
fn internal_cause_is_the_source_and_never_serialized() {
    let cause = std::io::Error::other("db pool exhausted: host 10.0.0.7");
    let e = AiApiError::TaskNotFound {
        task_id: "abc123".into(),
        cause: Some(Box::new(cause)),
    };
    let json = serde_json::to_string(&e).unwrap();
    assert!(!json.contains("10.0.0.7"), "{json}");
    assert_eq!(
        json,
        r#"{"code":"task_not_found","message":"Task with id 'abc123' not found","data":null}"#
    );
    assert_eq!(
        e.source().unwrap().to_string(),
        "db pool exhausted: host 10.0.0.7"
    );
    // Parsed back, the cause is gone: it never crossed the wire.
    let back = AiApiError::from_body(json.as_bytes(), Some(404)).unwrap();
    assert!(
        matches!(back, AiApiError::TaskNotFound { ref task_id, cause: None } if task_id == "abc123")
    );
}

#[test]
fn unknown_code_without_fallback_variant_is_an_error_value_keeping_everything() {
    let body = br#"{"code":"brand_new_code","message":"Something new","data":{"x":1}}"#;
    match AiApiError::from_body(body, Some(418)) {
        Err(BodyError::Unknown(u)) => {
            assert_eq!(u.code.as_deref(), Some("brand_new_code"));
            assert_eq!(u.status, Some(418));
            assert_eq!(u.message, "Something new");
            assert_eq!(u.data, Some(serde_json::json!({"x": 1})));
        }
        other => panic!("expected the unknown fallback, got {other:?}"),
    }
}

/// A code the catalog knows on a body that does not fit its entry (the
/// required `retry_after` missing) is unknown too: the message names the
/// code and every reason, not just that the code is new.
#[test]
fn known_code_on_a_body_that_does_not_fit_is_unknown_and_says_why() {
    let body = br#"{"code":"rate_limit_exceeded","message":"Too many requests","data":null}"#;
    let err = AiApiError::from_body(body, Some(429)).unwrap_err();
    let BodyError::Unknown(ref u) = err else {
        panic!("expected Unknown, got {err:?}")
    };
    assert_eq!(u.code.as_deref(), Some("rate_limit_exceeded"));
    let text = err.to_string();
    assert!(text.contains("code `rate_limit_exceeded`"), "{text}");
    assert!(text.contains("does not fit its code's entry"), "{text}");
    // With a fallback variant the body is kept there, as any unknown is.
    assert!(matches!(
        FullAiApiError::from_body(body, Some(429)),
        Ok(FullAiApiError::Unknown(_))
    ));
}

#[test]
fn unknown_code_with_fallback_variant_becomes_that_variant() {
    let body = br#"{"code":"brand_new_code","message":"Something new","data":null}"#;
    let e = FullAiApiError::from_body(body, Some(503)).unwrap();
    let FullAiApiError::Unknown(ref u) = e else {
        panic!("expected Unknown, got {e:?}")
    };
    assert_eq!(u.code.as_deref(), Some("brand_new_code"));
    assert_eq!(e.code(), "brand_new_code");
    assert_eq!(e.status(), 503);
    assert!(e.is_retryable(), "an unknown 503 is retryable by status");
    assert_eq!(e.to_string(), "Something new");
    // And it writes the same body back.
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"code":"brand_new_code","message":"Something new","data":null}"#
    );
}

#[test]
fn serde_deserialize_is_the_same_parser() {
    let e: FullAiApiError = serde_json::from_str(
        r#"{"data":null,"message":"model 'm' not found","code":"model_not_found","extra":1}"#,
    )
    .unwrap();
    assert_eq!(e, FullAiApiError::ModelNotFound { model: "m".into() });
    let unknown: FullAiApiError = serde_json::from_str(r#"{"code":"nope","message":"m"}"#).unwrap();
    let held: Option<&UnknownError> = unknown.unknown();
    assert_eq!(held.and_then(|u| u.code.as_deref()), Some("nope"));
}

#[test]
fn bodies_of_the_wrong_shape_are_errors_not_panics() {
    let cases: &[&[u8]] = &[
        b"",
        b"{",
        b"[]",
        b"null",
        br#"{"code":1.5,"message":"x"}"#,
        br#"{"code":"x","message":{"a":1}}"#,
        br#"{"code":"model_not_found"}"#,
    ];
    for body in cases {
        let result = FullAiApiError::from_body(body, Some(400));
        assert!(
            result.is_err(),
            "{:?} parsed as {:?}",
            String::from_utf8_lossy(body),
            result
        );
        assert!(!result.unwrap_err().to_string().is_empty());
    }
}

#[test]
fn a_code_that_differs_in_case_is_not_the_known_code() {
    let e = FullAiApiError::from_body(
        br#"{"code":"Invalid_API_Key","message":"Invalid API key provided"}"#,
        Some(401),
    )
    .unwrap();
    assert!(matches!(e, FullAiApiError::Unknown(_)), "{e:?}");
    let e = FullAiApiError::from_body(br#"{"code":" invalid_api_key","message":"x"}"#, Some(401))
        .unwrap();
    assert!(matches!(e, FullAiApiError::Unknown(_)), "{e:?}");
}

#[test]
fn a_reworded_message_still_maps_by_code_when_it_has_no_parameters() {
    let e = FullAiApiError::from_body(
        br#"{"code":"invalid_api_key","message":"Bad key"}"#,
        Some(401),
    )
    .unwrap();
    assert_eq!(e, FullAiApiError::InvalidApiKey);
    // With a parameter that cannot be recovered, the fallback keeps the message.
    let e = FullAiApiError::from_body(
        br#"{"code":"model_not_found","message":"no such model"}"#,
        Some(404),
    )
    .unwrap();
    assert!(
        matches!(e, FullAiApiError::Unknown(ref u) if u.message == "no such model"),
        "{e:?}"
    );
}

#[test]
fn every_code_is_found_and_misses_are_none() {
    let catalog = FullAiApiError::catalog();
    for (i, entry) in catalog.entries().iter().enumerate() {
        let (found, e) = catalog.entry_by_code(entry.code.unwrap()).unwrap();
        assert_eq!(e.code, entry.code);
        assert!(found <= i, "the first entry of a shared code");
    }
    let shared: Vec<&str> = catalog
        .entries_with_code("invalid_request_error")
        .map(|(_, e)| e.key)
        .collect();
    assert_eq!(
        shared,
        [
            "invalid_max_tokens",
            "temperature_out_of_range",
            "invalid_message_format",
            "model_required"
        ]
    );
    for miss in [
        "",
        "nope",
        "invalid_api_ke",
        "invalid_api_keyy",
        "INVALID_API_KEY",
    ] {
        assert!(catalog.entry_by_code(miss).is_none(), "{miss}");
    }
}

/// The entries the runtime unpacks must be the catalog's, every field, in file
/// order, with the code index sorted as the macro laid out its hash table.
fn runtime_entries_match_the_catalog<E: ApiErrorCatalog>(path: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = error_catalog_model::load_file(&root.join(path)).unwrap();
    let runtime = E::catalog().entries();
    assert_eq!(runtime.len(), model.entries.len(), "{path}");
    for (r, m) in runtime.iter().zip(&model.entries) {
        let at = format!("{path}: {}", m.key);
        assert_eq!(
            (r.key, r.name, r.code, r.status, r.message),
            (
                m.key.as_str(),
                m.rust_name.as_str(),
                m.code.as_deref(),
                m.status,
                m.message.source.as_str()
            ),
            "{at}"
        );
        assert_eq!(r.segments, &m.message.segments[..], "{at}");
        assert_eq!(r.field, m.field.as_deref(), "{at}");
        assert_eq!(r.error_type, m.error_type.as_deref(), "{at}");
        assert_eq!(
            r.title(),
            error_catalog_model::render::reason(m.status),
            "{at}: the runtime and the docs name the status alike"
        );
        assert_eq!(
            (r.retryable, r.retry_after),
            (m.retryable, m.retry_after),
            "{at}"
        );
        assert_eq!(
            (r.group, r.description),
            (m.group.as_deref(), m.description.as_deref()),
            "{at}"
        );
        assert_eq!(
            r.causes,
            m.causes.iter().map(String::as_str).collect::<Vec<_>>(),
            "{at}"
        );
        assert_eq!(
            r.solutions,
            m.solutions.iter().map(String::as_str).collect::<Vec<_>>(),
            "{at}"
        );
        let params: Vec<_> = r
            .params
            .iter()
            .map(|p| (p.name, format!("{:?}", p.kind), p.in_message, p.sensitive))
            .collect();
        let expected: Vec<_> = m
            .params
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    format!("{:?}", p.kind),
                    p.in_message,
                    p.sensitive,
                )
            })
            .collect();
        assert_eq!(params, expected, "{at}");
    }
    // Every entry is found by its code, after the entries before it with
    // the same code (file order decides between entries sharing a code).
    // Entries without a code are not in the code index.
    for (i, entry) in runtime.iter().enumerate() {
        let Some(code) = entry.code else { continue };
        let with_code: Vec<usize> = E::catalog()
            .entries_with_code(code)
            .map(|(j, _)| j)
            .collect();
        assert!(with_code.contains(&i), "{path}: {code} not found");
        assert!(with_code.windows(2).all(|w| w[0] < w[1]), "{path}");
        assert!(with_code.iter().all(|&j| runtime[j].code == entry.code));
    }
}

#[test]
fn the_runtime_unpacks_every_catalog_exactly() {
    use error_catalog_tests as t;
    runtime_entries_match_the_catalog::<t::AiApiError>("../catalog/aiapi.yaml");
    runtime_entries_match_the_catalog::<t::ErrorCodesError>("../catalog/errorcodes.yaml");
    runtime_entries_match_the_catalog::<t::AimlApiError>("../catalog/aimlapi.yaml");
    runtime_entries_match_the_catalog::<t::GatewayError>("../catalog/gateway.yaml");
    runtime_entries_match_the_catalog::<t::OpenAiError>("../catalog/openai.yaml");
    runtime_entries_match_the_catalog::<t::AnthropicError>("../catalog/anthropic.yaml");
    runtime_entries_match_the_catalog::<t::BedrockError>("../catalog/bedrock.yaml");
    runtime_entries_match_the_catalog::<t::GeminiApiError>("../catalog/gemini.yaml");
    runtime_entries_match_the_catalog::<t::GitHubError>("../catalog/github.yaml");
    runtime_entries_match_the_catalog::<t::GoogleError>("../catalog/google.yaml");
    runtime_entries_match_the_catalog::<t::Rfc9457Error>("../catalog/rfc9457.yaml");
    runtime_entries_match_the_catalog::<t::StripeError>("../catalog/stripe.yaml");
    runtime_entries_match_the_catalog::<t::GeminiError>("fixtures/gemini.yaml");
    runtime_entries_match_the_catalog::<t::ProblemError>("fixtures/problem.yaml");
    runtime_entries_match_the_catalog::<t::SecureError>("fixtures/secure.yaml");
}

/// Entries that share a code are tried in file order: the first one a body
/// fits is the one it is, and a status the response has must be the entry's.
/// Without the status, a body two entries of different statuses fit stays
/// unknown rather than guessed.
#[test]
fn overlapping_entries_resolve_in_file_order() {
    let parse = |body: &str, status| OverlapError::from_body(body.as_bytes(), status).unwrap();
    assert_eq!(
        parse(r#"{"code":"quota","message":"quota daily exceeded"}"#, None),
        OverlapError::QuotaDaily
    );
    assert_eq!(
        parse(
            r#"{"code":"quota","message":"quota weekly exceeded"}"#,
            None
        ),
        OverlapError::QuotaNamed {
            what: "weekly".into()
        }
    );
    let invalid = r#"{"code":"invalid_value","message":"invalid value","data":null}"#;
    assert_eq!(parse(invalid, Some(400)), OverlapError::InvalidTopP);
    assert_eq!(parse(invalid, Some(422)), OverlapError::InvalidAny);
    let guessed = parse(invalid, None);
    assert!(guessed.entry().is_none(), "{guessed:?}");
    assert_eq!(serde_json::to_string(&guessed).unwrap(), invalid);
}

/// In a format without a code, the entries sent without one are tried first;
/// without the status, a body that one of each fits is unknown, not the first.
#[test]
fn a_status_less_body_two_entries_of_different_statuses_fit_is_unknown() {
    let body = br#"{"message":"Bad"}"#;
    assert_eq!(
        CodelessError::from_body(body, Some(400)).unwrap(),
        CodelessError::Bad
    );
    assert_eq!(
        CodelessError::from_body(body, Some(500)).unwrap(),
        CodelessError::Overloaded {
            message: "Bad".into()
        }
    );
    let guessed = CodelessError::from_body(body, None).unwrap();
    assert!(guessed.entry().is_none(), "{guessed:?}");
    // One entry fits: no guess.
    let other = CodelessError::from_body(br#"{"message":"Busy"}"#, None).unwrap();
    assert_eq!(other.code(), "");
    assert_eq!(other.entry().map(|e| e.key), Some("overloaded"));
}

#[error_catalog::catalog_enum(path = "fixtures/codeless.yaml")]
#[derive(Debug, PartialEq)]
pub enum CodelessError {}

/// Entries that share codes and overlap.
#[error_catalog::catalog_enum(path = "fixtures/overlap.yaml")]
#[derive(Debug, PartialEq)]
pub enum OverlapError {}

#[test]
fn display_writes_each_placeholder_as_its_own_value_whatever_the_outer_flags() {
    use error_catalog_tests::{GeminiError, ProblemError};
    let credit = ProblemError::OutOfCredit {
        balance: -30,
        cost: 50,
    };
    assert_eq!(
        credit.to_string(),
        "Your current balance is -30, but that costs 50."
    );
    // Width and fill apply to nothing inside the message, as with `write!`.
    assert_eq!(format!("{credit:>80}"), credit.to_string());
    assert_eq!(format!("{credit:+}"), credit.to_string());
    let params = |json: serde_json::Value| json.as_object().unwrap().clone();
    let text = GeminiError::from_params(
        "RATE_LIMIT_EXCEEDED",
        &params(serde_json::json!({"metric": "requests", "retry_after": 5})),
    )
    .unwrap();
    let number = GeminiError::from_params(
        "INVALID_TEMPERATURE",
        &params(serde_json::json!({"max": 1.5, "field_violations": []})),
    )
    .unwrap();
    assert_eq!(
        format!("{number:>60}"),
        "temperature must be between 0 and 1.5"
    );
    assert_eq!(
        format!("{text:<90}"),
        "Quota exceeded for quota metric 'requests'."
    );
}

/// A crate that re-exports error_catalog names it with `crate = "..."`:
/// generated code then reaches the runtime by that path.
mod reexport {
    pub use error_catalog as errors;
}

#[reexport::errors::catalog_enum(path = "../catalog/aiapi.yaml", crate = "crate::reexport::errors")]
#[derive(Debug, PartialEq)]
pub enum ReexportedError {}

#[derive(Debug, PartialEq, reexport::errors::ApiErrorCatalog)]
#[catalog(
    path = "../catalog/aiapi.yaml",
    subset,
    crate = "crate::reexport::errors"
)]
pub enum ReexportedSubset {
    QuotaNotEnough,
    #[catalog(unknown)]
    Other(Box<reexport::errors::UnknownError>),
}

/// Sensitive parameters under a re-exported runtime: the generated
/// `crate::reexport::errors::Secret<String>` is still a `Secret`.
#[reexport::errors::catalog_enum(path = "fixtures/secure.yaml", crate = "crate::reexport::errors")]
#[derive(Debug)]
pub enum ReexportedSecrets {}

/// Field types passed through `macro_rules!` (`$t:ty`, an invisible group)
/// are read as written.
macro_rules! secure_subset {
    ($secret:ty, $region:ty) => {
        #[derive(Debug, ApiErrorCatalog)]
        #[catalog(path = "fixtures/secure.yaml", subset)]
        pub enum GroupedTypes {
            UpstreamFailed {
                prompt: $secret,
                api_key: $secret,
                token: $secret,
                region: $region,
            },
        }
    };
}
secure_subset!(error_catalog::Secret<String>, String);

#[test]
fn a_reexported_runtime_is_named_by_the_crate_option() {
    assert_eq!(ReexportedSecrets::entries().len(), 2);
    let grouped = GroupedTypes::UpstreamFailed {
        prompt: error_catalog::Secret::new("p".to_owned()),
        api_key: error_catalog::Secret::new("k".to_owned()),
        token: error_catalog::Secret::new("t".to_owned()),
        region: "eu".to_owned(),
    };
    assert!(!format!("{grouped:?}").contains("\"k\""));
    use reexport::errors::ApiErrorCatalog as _;
    let body = br#"{"code":"quota_not_enough","message":"user quota is not enough","data":null}"#;
    let generated = ReexportedError::from_body(body, Some(403)).unwrap();
    assert_eq!(generated, ReexportedError::QuotaNotEnough);
    let derived = ReexportedSubset::from_body(body, Some(403)).unwrap();
    assert_eq!(derived, ReexportedSubset::QuotaNotEnough);
    assert_eq!(serde_json::to_vec(&derived).unwrap(), body);
}
