//! The `utoipa` feature: every derived enum's OpenAPI responses describe the
//! bodies the runtime sends. Every example body fits the schema worked out
//! from the wire template, and the mock server's document is valid OpenAPI
//! (checked by the Python `openapi-spec-validator`, which the README's test
//! command needs like the seed-client tests need `requests`).

use error_catalog::openapi::{body_schema, example_body};
use error_catalog::ApiErrorCatalog;
use error_catalog_tests::*;
use serde_json::Value;

fn examples_fit_the_schema<E>(name: &str) -> usize
where
    E: ApiErrorCatalog + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let schema = body_schema::<E>();
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{name}: the schema is not a JSON Schema: {e}\n{schema}"));
    let mut checked = 0;
    for (index, entry) in E::entries().iter().enumerate() {
        let Some(body) = example_body::<E>(index) else {
            continue;
        };
        let problems: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(
            problems.is_empty(),
            "{name}/{}: {problems:?}\n{body}\n{schema}",
            entry.key
        );
        // The example is a body the runtime reads back as that entry.
        let text = serde_json::to_vec(&body).unwrap();
        let back = E::from_body(&text, Some(entry.status)).unwrap();
        assert_eq!(back.entry().map(|e| e.key), Some(entry.key), "{name}");
        checked += 1;
    }
    checked
}

#[test]
fn every_example_body_fits_the_schema_from_the_template() {
    let checked = examples_fit_the_schema::<AiApiError>("aiapi")
        + examples_fit_the_schema::<AimlApiError>("aimlapi")
        + examples_fit_the_schema::<ErrorCodesError>("errorcodes")
        + examples_fit_the_schema::<GatewayError>("gateway")
        + examples_fit_the_schema::<OpenAiError>("openai")
        + examples_fit_the_schema::<AnthropicError>("anthropic")
        + examples_fit_the_schema::<StripeError>("stripe")
        + examples_fit_the_schema::<GitHubError>("github")
        + examples_fit_the_schema::<GeminiApiError>("gemini")
        + examples_fit_the_schema::<GoogleError>("google")
        + examples_fit_the_schema::<Rfc9457Error>("rfc9457")
        + examples_fit_the_schema::<ProblemError>("problem preset")
        + examples_fit_the_schema::<CardError>("card fixture")
        + examples_fit_the_schema::<NumericCodeError>("numeric codes fixture")
        + examples_fit_the_schema::<EnvelopeListError>("envelope lists fixture")
        + examples_fit_the_schema::<FractionalWaitError>("fractional wait fixture");
    let entries: usize = [
        AiApiError::entries().len(),
        AimlApiError::entries().len(),
        ErrorCodesError::entries().len(),
        GatewayError::entries().len(),
        OpenAiError::entries().len(),
        AnthropicError::entries().len(),
        StripeError::entries().len(),
        GitHubError::entries().len(),
        GeminiApiError::entries().len(),
        GoogleError::entries().len(),
        Rfc9457Error::entries().len(),
        ProblemError::entries().len(),
        CardError::entries().len(),
        NumericCodeError::entries().len(),
        EnvelopeListError::entries().len(),
        FractionalWaitError::entries().len(),
    ]
    .iter()
    .sum();
    assert_eq!(checked, entries, "every entry has an example");
}

#[test]
fn the_schema_refuses_bodies_of_another_shape() {
    let schema = body_schema::<OpenAiError>();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good =
        serde_json::json!({"error": {"message": "m", "type": "t", "param": null, "code": null}});
    assert!(validator.is_valid(&good));
    for bad in [
        serde_json::json!({"message": "m"}),
        serde_json::json!({"error": {"message": 3, "param": null, "code": null}}),
        serde_json::json!({"error": {"message": "m"}}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

#[tokio::test]
async fn the_mock_servers_openapi_document_is_valid_and_complete() {
    let address = mock::spawn().await;
    let response = reqwest::get(format!("http://{address}/openapi.json"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let document: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();

    // Every code of every API is in the response of its status, with an
    // example that fits that response's schema.
    for (api, codes) in mock::APIS.iter().map(|a| (a.name, (a.entries)())) {
        let responses = &document["paths"][format!("/{api}/{{code}}")]["get"]["responses"];
        for entry in codes {
            let response = &responses[entry.status.to_string()];
            let content = response["content"].as_object().expect("content");
            let (_, media) = content.iter().next().unwrap();
            let validator = jsonschema::validator_for(&media["schema"]).unwrap();
            let example = &media["examples"][entry.key]["value"];
            assert!(example.is_object(), "{api}/{}: no example", entry.key);
            assert!(
                validator.is_valid(example),
                "{api}/{}: {example}",
                entry.key
            );
        }
    }

    // And the document is valid OpenAPI.
    assert_valid_openapi(&document);
}

#[test]
fn every_catalog_gives_one_utoipa_response_per_status() {
    fn check<E: ApiErrorCatalog + utoipa::IntoResponses>() {
        let statuses: std::collections::BTreeSet<String> =
            E::entries().iter().map(|e| e.status.to_string()).collect();
        let responses = E::responses();
        let keys: std::collections::BTreeSet<String> = responses.keys().cloned().collect();
        assert_eq!(keys, statuses);
        // Every schema was one utoipa reads: no response fell back to a bare description.
        for (status, response) in responses {
            let response = serde_json::to_value(response).unwrap();
            assert!(response["content"].is_object(), "{status}: {response}");
        }
    }
    check::<AiApiError>();
    check::<AimlApiError>();
    check::<ErrorCodesError>();
    check::<GatewayError>();
    check::<OpenAiError>();
    check::<AnthropicError>();
    check::<StripeError>();
    check::<GitHubError>();
    check::<GeminiApiError>();
    check::<GoogleError>();
    check::<Rfc9457Error>();
    check::<ProblemError>();
    check::<CardError>();
    check::<GeminiError>();
    check::<ProblemTypeError>();
    check::<HeaderCodeError>();
    check::<BedrockError>();
}

/// Where the code travels in a header, each status's response documents the
/// header with the codes it may hold, and utoipa keeps it.
#[test]
fn a_code_header_is_documented_per_status() {
    use utoipa::IntoResponses;
    let responses = error_catalog::openapi::responses::<HeaderCodeError>();
    let header = &responses["400"]["headers"]["x-amzn-ErrorType"];
    assert_eq!(
        header["schema"]["enum"],
        serde_json::json!(["ServiceQuotaExceededException", "ValidationException"])
    );
    // 503 has a code-less entry too: only the codes are listed.
    assert_eq!(
        responses["503"]["headers"]["x-amzn-ErrorType"]["schema"]["enum"],
        serde_json::json!(["ServiceUnavailableException"])
    );
    let typed = serde_json::to_value(&HeaderCodeError::responses()["429"]).unwrap();
    assert!(typed["headers"]["x-amzn-ErrorType"].is_object(), "{typed}");
    assert!(responses["403"]["headers"].is_object());
}

/// Each response documents the headers the server writes with it: the
/// retry hint where an error of the status gives one, the catalog's
/// rate-limit headers (written with any response the server gives the
/// figures for), and the request id.
#[test]
fn responses_document_the_headers_the_server_writes() {
    use utoipa::IntoResponses;
    let responses = error_catalog::openapi::responses::<AiApiError>();
    let names = |status: &str| -> Vec<String> {
        let headers = responses[status]["headers"].as_object();
        headers.map_or_else(Vec::new, |h| h.keys().cloned().collect())
    };
    let rate_limit = [
        "X-RateLimit-Limit-Requests",
        "X-RateLimit-Remaining-Requests",
        "X-RateLimit-Reset-Requests",
    ];
    // The catalog lists Retry-After among its rate-limit headers too: once.
    let mut expected = vec!["Retry-After"];
    expected.extend(rate_limit);
    expected.push("x-request-id");
    assert_eq!(names("429"), expected);
    let retry = &responses["429"]["headers"]["Retry-After"]["schema"];
    assert_eq!(retry, &serde_json::json!({"type": "integer", "minimum": 0}));
    // No error of 400 gives a retry hint.
    let mut expected = rate_limit.to_vec();
    expected.push("x-request-id");
    assert_eq!(names("400"), expected);
    // A catalog with its own request-id header documents that one.
    let typed = serde_json::to_value(&AnthropicError::responses()["529"]).unwrap();
    assert!(typed["headers"]["request-id"].is_object(), "{typed}");
}

/// For every entry of every catalog, each header the mock server (built on
/// the derive) writes is in the OpenAPI document utoipa builds for it.
#[test]
fn every_header_a_server_writes_is_documented() {
    let document = serde_json::to_value(mock::openapi()).unwrap();
    let no_query = std::collections::HashMap::new();
    let mut checked = 0;
    for api in mock::APIS {
        for entry in (api.entries)() {
            let written = (api.respond)(entry.key, &no_query).expect("the mock builds every entry");
            let documented = &document["paths"][format!("/{}/{{code}}", api.name)]["get"]
                ["responses"][entry.status.to_string()]["headers"];
            for name in written.headers().keys() {
                if name == "content-type" {
                    continue;
                }
                let found = documented
                    .as_object()
                    .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name.as_str())));
                assert!(
                    found,
                    "{}/{}: `{name}` is not documented",
                    api.name, entry.key
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "{checked} headers checked");
}

/// utoipa's own macros take the enum as a response list.
#[utoipa::path(get, path = "/v1/chat", responses(AiApiError))]
#[allow(dead_code)]
async fn chat() {}

#[derive(utoipa::OpenApi)]
#[openapi(paths(chat))]
struct Documented;

#[test]
fn utoipa_path_macros_take_the_enum() {
    use utoipa::OpenApi;
    let document = serde_json::to_value(Documented::openapi()).unwrap();
    let responses = document["paths"]["/v1/chat"]["get"]["responses"]
        .as_object()
        .unwrap();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(statuses, ["400", "401", "403", "404", "429"]);
}

/// Writes `document` to a file and runs openapi-spec-validator on it.
fn assert_valid_openapi(document: &Value) {
    let path = std::env::temp_dir().join(format!(
        "error-catalog-openapi-{}-{}.json",
        std::process::id(),
        document["info"]["title"]
            .as_str()
            .unwrap_or("doc")
            .replace(' ', "_")
    ));
    std::fs::write(&path, serde_json::to_vec(document).unwrap()).unwrap();
    let output = std::process::Command::new("python3")
        .args([
            "-c",
            "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))",
        ])
        .arg(&path)
        .output()
        .expect("python3 runs (the README's test command needs it)");
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "openapi-spec-validator refused the document (install it with `python3 -m pip install openapi-spec-validator`):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// aide: the enum is an `OperationOutput`, so a handler returning
/// `Result<_, AiApiError>` documents every error response; the server serves
/// the document it generated.
#[tokio::test]
async fn aide_documents_handlers_that_return_the_enum() {
    use aide::axum::routing::get;
    use aide::axum::ApiRouter;
    use aide::openapi::{Info, OpenApi};

    async fn chat() -> Result<String, AiApiError> {
        Ok("hello".into())
    }
    let mut api = OpenApi {
        info: Info {
            title: "aide".into(),
            version: "0.1.0".into(),
            ..Info::default()
        },
        ..OpenApi::default()
    };
    let router: axum::Router = ApiRouter::new()
        .api_route("/v1/chat", get(chat))
        .finish_api(&mut api);
    let served = serde_json::to_value(&api).unwrap();
    let app = router.route(
        "/openapi.json",
        axum::routing::get(move || async move { axum::Json(served) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let response = reqwest::get(format!("http://{address}/openapi.json"))
        .await
        .unwrap();
    let document: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    let responses = document["paths"]["/v1/chat"]["get"]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("{document:#}"));
    for entry in AiApiError::entries() {
        let media = &responses[&entry.status.to_string()]["content"]["application/json"];
        let validator = jsonschema::validator_for(&media["schema"]).unwrap();
        let example = &media["examples"][entry.key]["value"];
        assert!(validator.is_valid(example), "{}: {example}", entry.key);
    }
    // aide keeps the headers too.
    assert!(
        responses["429"]["headers"]["Retry-After"].is_object(),
        "{:#}",
        responses["429"]
    );
    assert_valid_openapi(&document);
}
