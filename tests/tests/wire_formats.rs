//! Declarative wire formats on real APIs outside the seeds (OpenAI, Anthropic),
//! and the RFC 9457 and google.rpc presets: bodies copied from the APIs'
//! documentation are written byte for byte and parsed back.

use error_catalog::{http, ApiErrorCatalog, Object, RequestContext};
use error_catalog_tests::{
    AnthropicError, EnvelopeListError, FractionalWaitError, GeminiError, HeaderCodeError,
    NumericCodeError, OpenAiError, ProblemError, StripeError,
};
use serde_json::json;

fn body<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Compacts a body as printed in documentation (indented, spaced).
fn compact(printed: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(printed).unwrap();
    // serde_json's map keeps keys sorted unless told otherwise; re-check order
    // separately by comparing against our own compact output below.
    value.to_string()
}

fn same_json(a: &str, b: &str) {
    assert_eq!(compact(a), compact(b), "\n{a}\n{b}");
}

// ----- OpenAI: {"error": {"message", "type", "param", "code"}} -----

#[test]
fn openai_invalid_api_key_from_the_docs() {
    let documented = r#"{"error":{"message":"Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
    let e = OpenAiError::from_body(documented.as_bytes(), Some(401)).unwrap();
    assert_eq!(
        e,
        OpenAiError::InvalidApiKey {
            api_key: "sk-abc***".into()
        }
    );
    assert_eq!(body(&e), documented);
    assert!(!e.is_retryable());
}

#[test]
fn openai_insufficient_quota_is_a_429_that_must_not_be_retried() {
    let documented = r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;
    let e = OpenAiError::from_body(documented.as_bytes(), Some(429)).unwrap();
    assert_eq!(e, OpenAiError::InsufficientQuota);
    assert_eq!(body(&e), documented);
    assert_eq!(e.status(), 429);
    assert!(!e.is_retryable());
    assert!(OpenAiError::RateLimitExceeded.is_retryable());
}

#[test]
fn openai_model_not_found_keeps_backticks_in_the_message() {
    let documented = r#"{"error":{"message":"The model `gpt-5` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#;
    let e = OpenAiError::from_body(documented.as_bytes(), Some(404)).unwrap();
    assert_eq!(
        e,
        OpenAiError::ModelNotFound {
            model: "gpt-5".into()
        }
    );
    assert_eq!(body(&e), documented);
}

#[test]
fn openai_context_length_recovers_integer_parameters_and_the_param() {
    let documented = r#"{
      "error": {
        "message": "This model's maximum context length is 4097 tokens. However, your messages resulted in 4379 tokens. Please reduce the length of the messages.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded"
      }
    }"#;
    let e = OpenAiError::from_body(documented.as_bytes(), Some(400)).unwrap();
    assert_eq!(
        e,
        OpenAiError::ContextLengthExceeded {
            max_tokens: 4097,
            requested_tokens: 4379
        }
    );
    assert_eq!(e.field(), Some("messages"));
    same_json(&body(&e), documented);
    assert!(
        body(&e).starts_with(r#"{"error":{"message":"This model's"#),
        "member order as documented"
    );
}

/// OpenAI sends its server errors with `"code": null`, or with no `code`
/// member at all (streamed errors); the entry is told apart by its type and
/// message, and the body is written back with the documented null.
#[test]
fn openai_server_errors_without_a_code() {
    let documented = r#"{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"#;
    let e = OpenAiError::from_body(documented.as_bytes(), Some(500)).unwrap();
    assert_eq!(e, OpenAiError::ServerError);
    assert_eq!(e.code(), "");
    assert_eq!(body(&e), documented);
    assert!(e.is_retryable());

    let streamed = r#"{"error": {"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error"}}"#;
    assert_eq!(
        OpenAiError::from_body(streamed.as_bytes(), None).unwrap(),
        OpenAiError::ServerError
    );

    let overloaded = r#"{"error":{"message":"The engine is currently overloaded, please try again later.","type":"server_error","param":null,"code":null}}"#;
    let e = OpenAiError::from_body(overloaded.as_bytes(), Some(503)).unwrap();
    assert_eq!(e, OpenAiError::EngineOverloaded);
    assert_eq!(body(&e), overloaded);
}

/// A body without a code that no entry fits is the unknown fallback, never
/// a format error; and the body's `type` keeps it from being read as an
/// entry of another type with the same message.
#[test]
fn openai_bodies_without_a_code_that_no_entry_fits_are_unknown() {
    let new_error = r#"{"error":{"message":"Something new went wrong.","type":"server_error","param":null,"code":null}}"#;
    let e = OpenAiError::from_body(new_error.as_bytes(), Some(500)).unwrap();
    let unknown = e.unknown().expect("the unknown fallback");
    assert_eq!(unknown.code, None);
    assert_eq!(unknown.message, "Something new went wrong.");

    let other_type = r#"{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"invalid_request_error","param":null,"code":null}}"#;
    let e = OpenAiError::from_body(other_type.as_bytes(), Some(500)).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
}

// ----- Anthropic: {"type": "error", "error": {"type", "message"}, "request_id"} -----

#[test]
fn anthropic_not_found_from_the_docs() {
    let documented = r#"{"type":"error","error":{"type":"not_found_error","message":"The requested resource could not be found."},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"#;
    let e = AnthropicError::from_body(documented.as_bytes(), Some(404)).unwrap();
    assert_eq!(
        e,
        AnthropicError::NotFoundError {
            message: "The requested resource could not be found.".into()
        }
    );
    let context = RequestContext::new().request_id("req_011CSHoEeqs5C35K2UUqR7Fy");
    assert_eq!(body(&e.with_context(&context)), documented);
}

#[test]
fn anthropic_overloaded_529_is_retryable_and_keeps_its_message() {
    let e = AnthropicError::from_body(
        br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
        Some(529),
    )
    .unwrap();
    assert_eq!(e.status(), 529);
    assert!(e.is_retryable());
    assert_eq!(e.to_string(), "Overloaded");
}

// ----- google.rpc (AIP-193) preset -----

#[test]
fn google_body_of_the_gemini_api_key_error() {
    let documented = r#"{
      "error": {
        "code": 400,
        "message": "API key not valid. Please pass a valid API key.",
        "status": "INVALID_ARGUMENT",
        "details": [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "API_KEY_INVALID",
            "domain": "googleapis.com",
            "metadata": {"service": "generativelanguage.googleapis.com"}
          }
        ]
      }
    }"#;
    let e = GeminiError::from_body(documented.as_bytes(), Some(400)).unwrap();
    assert_eq!(
        e,
        GeminiError::ApiKeyInvalid {
            service: "generativelanguage.googleapis.com".into(),
            locale: None,
            localized_message: None,
        }
    );
    same_json(&body(&e), documented);
    assert_eq!(
        body(&e),
        r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}"#
    );
}

#[test]
fn google_retry_info_and_bad_request_appear_when_they_apply() {
    let e = GeminiError::RateLimitExceeded {
        metric: "requests".into(),
        retry_after: 30,
    };
    let v: serde_json::Value = serde_json::from_str(&body(&e)).unwrap();
    assert_eq!(v["error"]["status"], "RESOURCE_EXHAUSTED");
    assert_eq!(
        v["error"]["details"][1],
        json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"})
    );
    assert_eq!(
        v["error"]["details"][0]["metadata"],
        json!({"metric": "requests", "retry_after": "30"})
    );
    assert_eq!(
        v["error"]["details"].as_array().unwrap().len(),
        2,
        "no BadRequest without a field"
    );

    let violations = json!([
        {"field": "generation_config.temperature", "description": "must be at most 2"},
        {"field": "generation_config.top_p", "description": "must be at most 1"}
    ]);
    let f = GeminiError::InvalidTemperature {
        max: 2.0,
        field_violations: serde_json::from_value(violations.clone()).unwrap(),
    };
    let v: serde_json::Value = serde_json::from_str(&body(&f)).unwrap();
    assert_eq!(
        v["error"]["details"][1],
        json!({"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": violations})
    );
    assert_eq!(
        GeminiError::from_body(body(&f).as_bytes(), None).unwrap(),
        f,
        "every violation read back"
    );
    // Details in another order, with extra members and an element the
    // template does not name, still parse.
    let shuffled = json!({"error": {"details": [
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"},
        {"@type": "type.googleapis.com/google.rpc.DebugInfo", "detail": "x"},
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com", "metadata": {"metric": "requests", "retry_after": "30"}}
    ], "message": "Quota exceeded for quota metric 'requests'.", "code": 429, "status": "RESOURCE_EXHAUSTED", "extra": true}});
    assert_eq!(
        GeminiError::from_body(shuffled.to_string().as_bytes(), None).unwrap(),
        e
    );
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(30)));
    // A `Help` element carries `links`, which this entry does not declare:
    // the body is another error than the entry, so it stays unknown (and
    // whole) rather than losing its links when written back. This holds
    // although no other entry has the code.
    let with_links = json!({"error": {"details": [
        {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com", "metadata": {"metric": "requests", "retry_after": "30"}},
        {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "Quotas", "url": "https://example.com/quotas"}]}
    ], "message": "Quota exceeded for quota metric 'requests'.", "code": 429, "status": "RESOURCE_EXHAUSTED"}});
    assert_eq!(
        GeminiError::entries()
            .iter()
            .filter(|x| x.code == Some("RATE_LIMIT_EXCEEDED"))
            .count(),
        1
    );
    let read = GeminiError::from_body(with_links.to_string().as_bytes(), Some(429)).unwrap();
    assert!(read.unknown().is_some(), "{read:?}");
    assert_eq!(serde_json::to_value(&read).unwrap(), with_links);
}

// ----- What a body must match beside its code -----

#[test]
fn an_entry_alone_with_its_code_still_checks_type_and_parameters() {
    // The code decides among entries, and one entry alone with it may have
    // its message reworded; but a type or a parameter member the body
    // carries that the entry does not have makes it another error, whatever
    // other entries share the code: unknown, and kept whole.
    let other_type = br#"{"error":{"message":"Unsupported parameter: 'n'.","type":"authentication_error","param":"n","code":"unsupported_parameter"}}"#;
    let e = OpenAiError::from_body(other_type, Some(400)).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    assert_eq!(serde_json::to_vec(&e).unwrap(), other_type);
    // The same body with the entry's type is the entry.
    // A field the entry has no place for (OpenAI's `insufficient_quota` names
    // no parameter) would be lost too.
    let with_field = br#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":"model","code":"insufficient_quota"}}"#;
    let e = OpenAiError::from_body(with_field, Some(429)).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    assert_eq!(serde_json::to_vec(&e).unwrap(), with_field);
    let same_type = String::from_utf8_lossy(other_type)
        .replace("authentication_error", "invalid_request_error");
    let e = OpenAiError::from_body(same_type.as_bytes(), Some(400)).unwrap();
    assert_eq!(
        e,
        OpenAiError::UnsupportedParameter {
            message: "Unsupported parameter: 'n'.".into(),
            param: Some("n".into())
        }
    );

    let made = StripeError::ParameterMissing {
        param: "amount".into(),
        request_log_url: None,
    };
    let written = serde_json::to_string(&made).unwrap();
    assert!(written.contains("/parameter-missing"), "{written}");
    // Entry values are links that move (Stripe's docs host did): where the
    // code decides they are not compared.
    let moved = written.replace(
        "https://stripe.com/docs/error-codes/parameter-missing",
        "https://docs.stripe.com/error-codes/parameter-missing",
    );
    assert_ne!(moved, written);
    let e = StripeError::from_body(moved.as_bytes(), Some(400)).unwrap();
    assert_eq!(e, made, "another doc_url");
    // Also where two entries share the code and the link (Stripe's
    // `resource_missing`, 404 for a path, 400 for a parameter): it does not
    // tell them apart, so it is not compared either.
    let missing = StripeError::ResourceMissing {
        resource: "customer".into(),
        id: "cus_1".into(),
        param: None,
        request_log_url: None,
    };
    let moved = serde_json::to_string(&missing)
        .unwrap()
        .replace("https://stripe.com/docs/", "https://docs.stripe.com/");
    assert!(moved.contains("docs.stripe.com"), "{moved}");
    let e = StripeError::from_body(moved.as_bytes(), Some(404)).unwrap();
    assert_eq!(e, missing);
    // A value the entry does not have at all says it is another error
    // (an RFC 9457 `type` on a problem whose entry has none).
    let age = ProblemError::InvalidAge {
        invalid_params: Vec::new(),
    };
    let typed = body(&age).replacen('{', r#"{"type":"https://example.com/probs/age","#, 1);
    let e = ProblemError::from_body(typed.as_bytes(), Some(400)).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    assert_eq!(body(&e), typed);
    let unknown_member = written.replace(
        r#""param":"amount""#,
        r#""param":"amount","decline_code":"x""#,
    );
    let e = StripeError::from_body(unknown_member.as_bytes(), Some(400)).unwrap();
    assert!(
        e.unknown().is_some(),
        "a parameter member the entry lacks: {e:?}"
    );
}

#[test]
fn a_parameter_of_another_json_type_makes_the_body_unknown_not_lost() {
    // Stripe's card_declined declares `payment_intent` an optional object and
    // `decline_code` an optional string, each on a member of its own.
    let made = StripeError::from_params("card_declined", &serde_json::Map::new()).unwrap();
    let written: serde_json::Value = serde_json::to_value(&made).unwrap();
    for (member, value) in [
        ("payment_intent", json!("pi_123")),
        ("payment_intent", json!([1, 2])),
        ("decline_code", json!(42)),
        ("decline_code", json!({"a": 1})),
    ] {
        let mut body = written.clone();
        body["error"][member] = value.clone();
        let text = body.to_string();
        let e = StripeError::from_body(text.as_bytes(), Some(402)).unwrap();
        assert!(e.unknown().is_some(), "{member}: {value} read as {e:?}");
        assert_eq!(serde_json::to_string(&e).unwrap(), text, "kept whole");
    }
    // Of the right type, or `null`, they are the entry's.
    let mut body = written.clone();
    body["error"]["decline_code"] = json!("insufficient_funds");
    body["error"]["payment_intent"] = json!(null);
    let e = StripeError::from_body(body.to_string().as_bytes(), Some(402)).unwrap();
    assert!(e.unknown().is_none(), "{e:?}");
    assert_eq!(e.code(), "card_declined");
}

// ----- RFC 9457 problem details preset -----

#[test]
fn problem_details_with_and_without_field_errors() {
    assert_eq!(
        ProblemError::catalog().wire().content_type,
        "application/problem+json"
    );
    let e = ProblemError::OutOfCredit {
        balance: 30,
        cost: 50,
    };
    let context = RequestContext::new().path("/account/12345/msgs/abc");
    assert_eq!(
        body(&e.with_context(&context)),
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","code":"out_of_credit"}"#
    );
    let f = ProblemError::InvalidAge {
        invalid_params: vec![
            Object::parse(r#"{"name":"age","reason":"must be a positive integer"}"#).unwrap(),
            Object::parse(r#"{"name":"color","reason":"must be 'green', 'red' or 'blue'"}"#)
                .unwrap(),
        ],
    };
    // No `type` member: RFC 9457 reads that as `about:blank`.
    assert_eq!(
        body(&f),
        r#"{"status":400,"detail":"must be a positive integer","code":"invalid_age","invalid-params":[{"name":"age","reason":"must be a positive integer"},{"name":"color","reason":"must be 'green', 'red' or 'blue'"}]}"#
    );
    for err in [e, f] {
        assert_eq!(
            ProblemError::from_body(body(&err).as_bytes(), None).unwrap(),
            err
        );
    }
}

#[test]
fn strict_types_where_the_format_defines_them() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"error":{"code":"400","message":"m","status":"INVALID_ARGUMENT"}}"#,
            "status number",
        ),
        (
            r#"{"error":{"code":400,"message":"m","details":{"not":"a list"}}}"#,
            "array",
        ),
        (
            r#"{"error":{"code":400,"message":"m","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":30}]}}"#,
            "duration",
        ),
    ];
    for (body, what) in cases {
        let err = GeminiError::from_body(body.as_bytes(), None).unwrap_err();
        assert!(
            err.to_string().contains("not in the catalog's format"),
            "{what}: {err}"
        );
    }
}

/// An error the catalog does not know is written with the same status names
/// as a catalog entry: google.rpc's code for its status and HTTP's reason
/// phrase. (The runtime once wrote `UNKNOWN` for an unknown 503.)
#[test]
fn unknown_errors_get_the_status_names_entries_get() {
    let google = r#"{"error":{"code":503,"message":"backend down","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NEW_REASON","domain":"googleapis.com"}]}}"#;
    let e = GeminiError::from_body(google.as_bytes(), None).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    let v: serde_json::Value = serde_json::from_str(&body(&e)).unwrap();
    assert_eq!(v["error"]["status"], "UNAVAILABLE");

    let problem = r#"{"type":"about:blank","title":"Too Early","status":425,"detail":"replayed request","code":"too_early"}"#;
    let e = ProblemError::from_body(problem.as_bytes(), None).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    let v: serde_json::Value = serde_json::from_str(&body(&e)).unwrap();
    assert_eq!(v["title"], "Too Early");
    assert_eq!(v["status"], 425);
}

/// The unknown fallback keeps the whole body it was read from, and writes it
/// back byte for byte (member order, spacing inside, number spelling): a
/// gateway can forward or log exactly what the upstream API sent.
#[test]
fn an_unknown_error_goes_back_out_exactly_as_it_came_in() {
    let upstream = r#"{"error": {"message":"New thing","type":"new_type","param":null,"code":"brand_new","extra":{"nested":[1, 2.50, "x"]}},"request_id":"req_1"}"#;
    let e = OpenAiError::from_body(upstream.as_bytes(), Some(418)).unwrap();
    let unknown = e.unknown().expect("the unknown fallback");
    assert_eq!(unknown.code.as_deref(), Some("brand_new"));
    assert_eq!(unknown.status, Some(418));
    assert_eq!(unknown.body.as_deref().map(|b| b.get()), Some(upstream));
    assert_eq!(body(&e), upstream);
    let response = error_catalog::response::build_response(&e, None, None);
    assert_eq!(response.status(), 418);
    assert_eq!(response.body().as_slice(), upstream.as_bytes());

    // Read through the generic `Deserialize`, there are no bytes to keep: the
    // error is written from the catalog's template, and reads back equal.
    // (Neither has the response's status here.)
    let from_bytes = OpenAiError::from_body(upstream.as_bytes(), None).unwrap();
    let from_value: OpenAiError = serde_json::from_str(upstream).unwrap();
    assert_eq!(
        from_value, from_bytes,
        "the raw body is not part of equality"
    );
    let written = body(&from_value);
    assert_ne!(written, upstream);
    assert_eq!(
        OpenAiError::from_body(written.as_bytes(), None).unwrap(),
        from_bytes
    );
}

/// Per-entry values: RFC 9457's out-of-credit example, whose `type` URI and
/// `title` belong to the error. The body has no code; the type URI tells two
/// errors with the same message apart, and an error without the values
/// leaves those members out.
#[test]
fn entry_values_are_written_where_the_template_puts_them_and_pick_the_entry() {
    use error_catalog_tests::ProblemTypeError;
    let documented = r#"{
      "type": "https://example.com/probs/out-of-credit",
      "title": "You do not have enough credit.",
      "detail": "Your current balance is 30, but that costs 50.",
      "instance": "/account/12345/msgs/abc",
      "balance": 30,
      "accounts": ["/account/12345", "/account/67890"]
    }"#;
    let e = ProblemTypeError::from_body(documented.as_bytes(), Some(403)).unwrap();
    assert_eq!(
        e,
        ProblemTypeError::OutOfCredit {
            balance: 30,
            cost: 50
        }
    );
    assert_eq!(e.code(), "");
    let context = RequestContext::new().path("/account/12345/msgs/abc");
    assert_eq!(
        serde_json::to_string(&e.with_context(&context)).unwrap(),
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc"}"#
    );

    let quota = documented.replace("out-of-credit", "out-of-quota").replace(
        "You do not have enough credit.",
        "Your monthly quota is spent.",
    );
    assert_eq!(
        ProblemTypeError::from_body(quota.as_bytes(), Some(403)).unwrap(),
        ProblemTypeError::OutOfQuota {
            balance: 30,
            cost: 50
        }
    );
    // Every value the body gives must be the entry's: a known type with
    // another entry's title, or a type no entry has, is no entry.
    for other in [
        documented.replace("out-of-credit", "out-of-quota"),
        documented.replace("out-of-credit", "out-of-luck"),
    ] {
        let e = ProblemTypeError::from_body(other.as_bytes(), Some(403)).unwrap();
        assert!(e.unknown().is_some(), "{e:?}");
    }

    assert_eq!(
        body(&ProblemTypeError::ServerError),
        r#"{"status":500,"detail":"The server could not answer."}"#
    );
    let entry = ProblemTypeError::OutOfQuota {
        balance: 1,
        cost: 2,
    }
    .entry()
    .unwrap();
    assert_eq!(
        entry.value("type"),
        Some("https://example.com/probs/out-of-quota")
    );
}

/// Parameters placed one by one (`$param.NAME`), under a wire name of the
/// template's choosing (`networkStatus` for `network_status`), optional ones
/// left out (or `null`) when `None` and `None` when the body lacks them.
#[test]
fn parameters_placed_one_by_one_and_optional_ones() {
    use error_catalog_tests::CardError;
    let full = r#"{"error":{"code":"card_declined","decline_code":"insufficient_funds","message":"Your card was declined.","charge":"ch_1","networkStatus":"declined_by_network","type":"card_error"}}"#;
    let e = CardError::from_body(full.as_bytes(), Some(402)).unwrap();
    assert_eq!(
        e,
        CardError::CardDeclined {
            decline_code: Some("insufficient_funds".into()),
            charge: "ch_1".into(),
            network_status: Some("declined_by_network".into()),
        }
    );
    assert_eq!(body(&e), full);

    let bare = CardError::CardDeclined {
        decline_code: None,
        charge: "ch_2".into(),
        network_status: None,
    };
    let written = body(&bare);
    assert_eq!(
        written,
        r#"{"error":{"code":"card_declined","message":"Your card was declined.","charge":"ch_2","networkStatus":null,"type":"card_error"}}"#
    );
    assert_eq!(
        CardError::from_body(written.as_bytes(), Some(402)).unwrap(),
        bare
    );

    let expired = r#"{"error":{"code":"expired_card","message":"Your card has expired.","type":"card_error"}}"#;
    let e = CardError::from_body(expired.as_bytes(), Some(402)).unwrap();
    assert_eq!(e, CardError::ExpiredCard { charge: None });

    // A required parameter missing from the body: not that entry.
    let no_charge = r#"{"error":{"code":"card_declined","message":"Your card was declined.","type":"card_error"}}"#;
    let e = CardError::from_body(no_charge.as_bytes(), Some(402)).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
}

/// The field at fault can vary per error (`field: $param.NAME`): Stripe-style
/// `param` values such as `line_items[0][quantity]` are read from `$field`
/// into the parameter, returned by `field()` and written back.
#[test]
fn a_field_at_fault_that_varies_per_error() {
    use error_catalog_tests::CardError;
    let documented = r#"{"error":{"code":"parameter_invalid_integer","message":"Invalid integer: abc","networkStatus":null,"param":"line_items[0][quantity]","type":"invalid_request_error"}}"#;
    let e = CardError::from_body(documented.as_bytes(), Some(400)).unwrap();
    assert_eq!(
        e,
        CardError::ParameterInvalidInteger {
            value: "abc".into(),
            param: "line_items[0][quantity]".into(),
        }
    );
    assert_eq!(e.field(), Some("line_items[0][quantity]"));
    assert_eq!(body(&e), documented);
    let other = CardError::ParameterInvalidInteger {
        value: "x".into(),
        param: "amount".into(),
    };
    assert_eq!(other.field(), Some("amount"));
    assert_eq!(
        CardError::ExpiredCard { charge: None }.field(),
        None,
        "entries without a field have none"
    );
}

/// A catalog that names its request-id header gets it on responses
/// (Anthropic's `request-id`); others get `x-request-id`.
#[test]
fn responses_carry_the_request_id_in_the_catalogs_header() {
    let context = RequestContext::new().request_id("req_9");
    let e = AnthropicError::from_body(
        br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_9"}"#,
        Some(529),
    )
    .unwrap();
    let response = error_catalog::response::build_response(&e, Some(&context), None);
    assert_eq!(response.headers()["request-id"], "req_9");
    assert!(response.headers().get("x-request-id").is_none());
    let response =
        error_catalog::response::build_response(&OpenAiError::ServerError, Some(&context), None);
    assert_eq!(response.headers()["x-request-id"], "req_9");
}

/// With the `float_roundtrip` feature (this crate enables it; jsonschema, a
/// dev-dependency, turns serde_json's on too), a `number` parameter reads
/// back as the exact `f64` written, including values such as the first,
/// which serde_json's default float parsing reads a unit in the last place
/// off.
#[test]
fn number_parameters_read_back_exactly_with_float_roundtrip() {
    for amount in [1.947700395895162e-169, -1.490143767845386e129, 0.1, 5e-324] {
        use error_catalog_tests::CardError;
        let e = CardError::AmountTooSmall { amount };
        let written = body(&e);
        let back = CardError::from_body(written.as_bytes(), Some(400)).unwrap();
        assert_eq!(back, e, "{written}");
    }
}

// ----- A code in a header (AWS REST-JSON: x-amzn-ErrorType, {"message"}) -----

fn aws_headers(error_type: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-errortype", error_type.parse().unwrap());
    headers
}

#[test]
fn a_code_in_a_header_tells_entries_of_one_status_and_body_apart() {
    let body = br#"{"message":"Your request exceeds the service quota for your account."}"#;
    let status = http::StatusCode::BAD_REQUEST;
    let quota = HeaderCodeError::from_http(
        status,
        // AWS appends a namespace after a colon.
        &aws_headers(
            "ServiceQuotaExceededException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        ),
        body,
    )
    .unwrap();
    assert_eq!(
        quota,
        HeaderCodeError::ServiceQuotaExceeded {
            message: "Your request exceeds the service quota for your account.".into()
        }
    );
    let validation =
        HeaderCodeError::from_http(status, &aws_headers("ValidationException"), body).unwrap();
    assert_eq!(validation.code(), "ValidationException");
    // Without the header, 400 fits two entries: unknown, never a guess.
    for read in [
        HeaderCodeError::from_body(body, Some(400)).unwrap(),
        HeaderCodeError::from_http(status, &http::HeaderMap::new(), body).unwrap(),
    ] {
        assert!(read.entry().is_none(), "{read:?}");
        assert_eq!(serde_json::to_vec(&read).unwrap(), body);
    }
    // A response read with its headers and no code header is an error sent
    // without a code; a body alone could be either 503.
    let busy = br#"{"message":"busy"}"#;
    let none = http::HeaderMap::new();
    let overloaded =
        HeaderCodeError::from_http(http::StatusCode::SERVICE_UNAVAILABLE, &none, busy).unwrap();
    assert_eq!(overloaded.entry().map(|e| e.key), Some("overloaded"));
    let alone = HeaderCodeError::from_body(busy, Some(503)).unwrap();
    assert!(alone.entry().is_none(), "{alone:?}");
    // A status only one entry has needs no header.
    let denied = HeaderCodeError::from_body(br#"{"message":"no"}"#, Some(403)).unwrap();
    assert_eq!(denied.code(), "AccessDeniedException");
    // A code the catalog does not know is kept for the unknown fallback.
    let other =
        HeaderCodeError::from_http(status, &aws_headers("ConflictException"), body).unwrap();
    assert_eq!(other.code(), "ConflictException");
    assert!(other.entry().is_none());
}

#[test]
fn a_response_built_for_a_header_code_reads_back_as_the_same_error() {
    use error_catalog::response::build_response;
    for entry in HeaderCodeError::entries() {
        let mut params = serde_json::Map::new();
        params.insert("message".into(), json!("Too many requests"));
        let made = HeaderCodeError::from_params(entry.key, &params).unwrap();
        let response = build_response(&made, None, None);
        assert_eq!(
            response
                .headers()
                .get("x-amzn-errortype")
                .map(|v| v.to_str().unwrap()),
            entry.code,
            "{}",
            entry.key
        );
        assert_eq!(response.body(), br#"{"message":"Too many requests"}"#);
        let back =
            HeaderCodeError::from_http(response.status(), response.headers(), response.body())
                .unwrap();
        assert_eq!(back, made);
    }
}

// ----- Numeric codes (`codes: number`), in Twilio's format -----

#[test]
fn numeric_codes_are_read_and_written_as_json_numbers() {
    let twilio = r#"{"code":20404,"message":"The requested resource /2010-04-01/Accounts/AC1/Messages/SM1.json was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#;
    let e = NumericCodeError::from_body(twilio.as_bytes(), Some(404)).unwrap();
    assert_eq!(
        e,
        NumericCodeError::NotFound {
            resource: "/2010-04-01/Accounts/AC1/Messages/SM1.json".into()
        }
    );
    assert_eq!(e.code(), "20404");
    assert_eq!(body(&e), twilio);
    assert_eq!(serde_json::from_str::<NumericCodeError>(twilio).unwrap(), e);

    // Negative codes (JSON-RPC's), and the text lookups use.
    let rpc = NumericCodeError::MethodNotFound;
    assert_eq!(
        body(&rpc),
        r#"{"code":-32601,"message":"Method not found","status":404}"#
    );
    assert_eq!(
        NumericCodeError::from_body(body(&rpc).as_bytes(), None).unwrap(),
        rpc
    );
    let entry = NumericCodeError::catalog()
        .entry_by_code("-32601")
        .unwrap()
        .1;
    assert_eq!(entry.key, "method_not_found");

    // A code sent without one is told apart by its status.
    let unavailable = br#"{"message":"Service unavailable","status":503}"#;
    let e = NumericCodeError::from_body(unavailable, Some(503)).unwrap();
    assert_eq!(e, NumericCodeError::Unavailable);
}

#[test]
fn a_numeric_code_the_catalog_does_not_know_is_the_unknown_fallback() {
    let new = r#"{"code":30007,"message":"Message filtered","status":400}"#;
    let e = NumericCodeError::from_body(new.as_bytes(), Some(400)).unwrap();
    let unknown = e
        .unknown()
        .expect("a new code is unknown, not a format error");
    assert_eq!(unknown.code.as_deref(), Some("30007"));
    assert_eq!(body(&e), new);
    // Past i64, still a number: kept as its text.
    let big = r#"{"code":18446744073709551615,"message":"m","status":400}"#;
    let e = NumericCodeError::from_body(big.as_bytes(), Some(400)).unwrap();
    assert_eq!(e.code(), "18446744073709551615");
    // Made by hand rather than read (no body kept): still written as a number.
    let mut unknown = e.unknown().unwrap().clone();
    unknown.body = None;
    let written = serde_json::to_string(&NumericCodeError::Unknown(Box::new(unknown))).unwrap();
    assert!(
        written.starts_with(r#"{"code":18446744073709551615,"#),
        "{written}"
    );
}

#[test]
fn a_code_of_the_other_json_type_is_no_entrys_and_the_body_is_kept_whole() {
    // A numeric catalog reads a quoted code as its text, but as no entry's:
    // the entry would write it back as a number. Unknown, and kept whole.
    let quoted =
        br#"{"code":"20404","message":"The requested resource /x was not found","status":404}"#;
    let e = NumericCodeError::from_body(quoted, Some(404)).unwrap();
    assert_eq!(e.unknown().and_then(|u| u.code.as_deref()), Some("20404"));
    assert_eq!(body(&e).as_bytes(), quoted);
    // Read through serde (no raw body kept), the code still goes back as
    // the string it came as, so the body does not become the entry.
    let e: NumericCodeError = serde_json::from_slice(quoted).unwrap();
    assert!(e.unknown().is_some(), "{e:?}");
    assert!(body(&e).starts_with(r#"{"code":"20404","#), "{}", body(&e));
    // A catalog of string codes reads an integer as its text: the CDN in front
    // of OpenAI answers a bad gateway with one (tests/bodies/openai/SOURCES.md),
    // which is no entry's code, so the body is the unknown fallback, kept whole.
    let gateway =
        br#"{"error":{"code":502,"message":"Bad gateway.","param":null,"type":"cf_bad_gateway"}}"#;
    let e = OpenAiError::from_body(gateway, Some(502)).unwrap();
    let unknown = e.unknown().expect("an unknown code, not a format error");
    assert_eq!(unknown.code.as_deref(), Some("502"));
    assert_eq!(unknown.error_type.as_deref(), Some("cf_bad_gateway"));
    assert!(e.is_retryable());
    assert_eq!(serde_json::to_vec(&e).unwrap(), gateway);
    // Moved into another API's enum, it is written in that API's format,
    // codes included: Anthropic's are strings.
    let moved = AnthropicError::Unknown(Box::new(unknown.clone()));
    let written = serde_json::to_string(&moved).unwrap();
    assert!(written.contains(r#""type":"502""#), "{written}");
    // Anything else where the code goes is a format error: a fraction, a
    // number past 64 bits, a boolean.
    for (body, found) in [
        (
            &br#"{"code":20404.5,"message":"m","status":404}"#[..],
            "a number",
        ),
        (
            br#"{"code":18446744073709551616,"message":"m","status":404}"#,
            "a number",
        ),
        (br#"{"code":true,"message":"m","status":404}"#, "a boolean"),
    ] {
        let Err(error_catalog::BodyError::Format(mistake)) =
            NumericCodeError::from_body(body, Some(404))
        else {
            panic!("{}: not a format error", String::from_utf8_lossy(body))
        };
        assert_eq!(
            mistake.to_string(),
            format!("`code` must be the error code, a string or an integer with no fraction or exponent from -9223372036854775808 to 18446744073709551615, found {found}")
        );
    }
}

#[test]
fn a_retry_after_parameter_travels_in_the_retry_after_slot() {
    // The wait the body gives is the value's, not a figure of the catalog.
    let sent = r#"{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429,"retry_after":30}"#;
    let e = NumericCodeError::from_body(sent.as_bytes(), Some(429)).unwrap();
    assert_eq!(e, NumericCodeError::TooManyRequests { retry_after: 30 });
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(30)));
    assert_eq!(body(&e), sent);
    let response = error_catalog::response::build_response(&e, None, None);
    assert_eq!(response.headers()["retry-after"], "30");
}

#[test]
fn an_empty_list_is_a_constant_and_codes_in_a_list_may_be_numbers() {
    let sent = r#"{"success":false,"errors":[{"code":1001,"message":"Invalid zone identifier abc"}],"messages":[],"result":null}"#;
    let e = EnvelopeListError::from_body(sent.as_bytes(), Some(400)).unwrap();
    assert_eq!(e, EnvelopeListError::InvalidZone { zone: "abc".into() });
    assert_eq!(body(&e), sent);
    // Constants are not checked when reading, however the body fills them.
    let busy = br#"{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":5,"result":{}}"#;
    let e = EnvelopeListError::from_body(busy, Some(403)).unwrap();
    assert_eq!(e, EnvelopeListError::AuthenticationError);
    let schema = error_catalog::openapi::body_schema::<EnvelopeListError>();
    assert_eq!(
        schema["properties"]["messages"],
        json!({"type": "array", "maxItems": 0})
    );
}

#[test]
fn a_wait_with_fractions_lives_on_a_member_of_its_own() {
    let sent = r#"{"message":"You are being rate limited.","retry_after":64.57,"global":false}"#;
    let e = FractionalWaitError::from_body(sent.as_bytes(), Some(429)).unwrap();
    assert_eq!(
        e,
        FractionalWaitError::RateLimited {
            retry_after: 64.57,
            global: false
        }
    );
    assert_eq!(body(&e), sent);
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(65)));
    let response = error_catalog::response::build_response(&e, None, None);
    assert_eq!(response.headers()["retry-after"], "65");
    // An error the catalog does not know keeps the body's wait too.
    let new =
        br#"{"code":0,"message":"You are being rate limited.","retry_after":0.25,"global":true}"#;
    let e = FractionalWaitError::from_body(new, Some(429)).unwrap();
    assert_eq!(e.unknown().unwrap().retry_after, Some(1));
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(1)));
}

#[test]
fn codes_that_read_back_otherwise_are_written_as_text() {
    let mut unknown = error_catalog::UnknownError::default();
    for (code, written) in [("+5", r#""+5""#), ("007", r#""007""#), ("-3", "-3")] {
        unknown.code = Some(code.into());
        let e = NumericCodeError::Unknown(Box::new(unknown.clone()));
        assert!(
            body(&e).starts_with(&format!(r#"{{"code":{written},"#)),
            "{}",
            body(&e)
        );
    }
}

// ----- A gateway translating one API's errors into another's -----

#[test]
fn an_unknown_error_moved_to_another_apis_enum_is_written_in_that_format() {
    let upstream = r#"{"type":"error","error":{"type":"brand_new_error","message":"Something new"},"request_id":"req_1"}"#;
    let e = error_catalog_tests::AnthropicError::from_body(upstream.as_bytes(), Some(409)).unwrap();
    // The same API's enum forwards the body as it came.
    assert_eq!(body(&e), upstream);
    let unknown = e.unknown().unwrap().clone();
    let translated = OpenAiError::Unknown(Box::new(unknown));
    assert_eq!(
        body(&translated),
        r#"{"error":{"message":"Something new","param":null,"code":"brand_new_error"}}"#
    );
}

#[test]
fn an_unknown_error_keeps_its_type() {
    let sent = r#"{"error":{"message":"Unsupported value: 'temperature'","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}"#;
    let e = OpenAiError::from_body(sent.as_bytes(), Some(400)).unwrap();
    let unknown = e.unknown().unwrap();
    assert_eq!(unknown.error_type.as_deref(), Some("invalid_request_error"));
    // Read without the bytes (no raw body to forward), written from its parts.
    let parsed: OpenAiError = serde_json::from_str(sent).unwrap();
    assert_eq!(body(&parsed), sent);
}
