//! Every example body printed in the seeds: the enum writes it byte for byte
//! (members in the seed's order) and parses it back into the same variant.

use error_catalog::{ApiErrorCatalog, RequestContext};
use error_catalog_tests::{AiApiError, AimlApiError, ErrorCodesError};

fn body<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn parse<E: ApiErrorCatalog>(json: &str, status: u16) -> E {
    E::from_body(json.as_bytes(), Some(status)).unwrap_or_else(|e| panic!("{json}: {e}"))
}

// ----- seed 003, aiapi.services -----

#[test]
fn aiapi_quota_not_enough() {
    let e = AiApiError::QuotaNotEnough;
    let seed = r#"{"code":"quota_not_enough","message":"user quota is not enough","data":null}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(e.status(), 403);
    assert!(!e.is_retryable());
    assert_eq!(parse::<AiApiError>(seed, 403), e);
}

#[test]
fn aiapi_invalid_api_key() {
    let e = AiApiError::InvalidApiKey;
    let seed = r#"{"code":"invalid_api_key","message":"Invalid API key provided","data":null}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(e.status(), 401);
    assert_eq!(parse::<AiApiError>(seed, 401), e);
}

#[test]
fn aiapi_model_not_found_fills_and_recovers_the_model() {
    let e = AiApiError::ModelNotFound {
        model: "invalid-model-name".into(),
    };
    let seed = r#"{"code":"model_not_found","message":"model 'invalid-model-name' not found","data":null}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(e.to_string(), "model 'invalid-model-name' not found");
    assert_eq!(parse::<AiApiError>(seed, 404), e);
}

#[test]
fn aiapi_invalid_request_error_is_told_apart_by_message() {
    let e = AiApiError::InvalidMaxTokens;
    let seed = r#"{"code":"invalid_request_error","message":"Invalid parameter: max_tokens must be a positive integer","data":null}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(e.field(), Some("max_tokens"));
    assert_eq!(e.code(), "invalid_request_error");
    assert_eq!(parse::<AiApiError>(seed, 400), e);
    let temperature =
        r#"{"code":"invalid_request_error","message":"temperature out of range","data":null}"#;
    assert_eq!(
        parse::<AiApiError>(temperature, 400),
        AiApiError::TemperatureOutOfRange
    );
}

#[test]
fn aiapi_rate_limit_carries_retry_after_in_data() {
    let e = AiApiError::RateLimitExceeded { retry_after: 60 };
    let seed = r#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":60}}"#;
    assert_eq!(body(&e), seed);
    assert!(e.is_retryable());
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(60)));
    assert_eq!(parse::<AiApiError>(seed, 429), e);
    let other = AiApiError::RateLimitExceeded { retry_after: 7 };
    assert_eq!(other.retry_after(), Some(std::time::Duration::from_secs(7)));
}

#[test]
fn aiapi_task_not_found() {
    let e = AiApiError::TaskNotFound {
        task_id: "abc123".into(),
    };
    let seed =
        r#"{"code":"task_not_found","message":"Task with id 'abc123' not found","data":null}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(parse::<AiApiError>(seed, 404), e);
}

#[test]
fn aiapi_content_filtered_carries_reason_in_data() {
    let e = AiApiError::ContentFiltered {
        reason: "inappropriate_content".into(),
    };
    let seed = r#"{"code":"content_filtered","message":"Your request was rejected due to content policy","data":{"reason":"inappropriate_content"}}"#;
    assert_eq!(body(&e), seed);
    assert_eq!(parse::<AiApiError>(seed, 400), e);
}

#[test]
fn aiapi_seed_bodies_as_printed_with_spaces_parse() {
    // The seed prints bodies with spaces after braces and colons.
    let printed =
        r#"{ "code": "quota_not_enough", "message": "user quota is not enough", "data": null }"#;
    assert_eq!(
        parse::<AiApiError>(printed, 403),
        AiApiError::QuotaNotEnough
    );
}

// ----- seed 002, Error Codes reference API -----

#[test]
fn errorcodes_full_envelope_with_field_details_and_meta() {
    let e = ErrorCodesError::PromptTooLong;
    let context = RequestContext::new()
        .request_id("req_1234567890")
        .timestamp("2024-01-01T00:00:00Z");
    let expected = r#"{"success":false,"error":{"code":"PROMPT_TOO_LONG","message":"Prompt exceeds maximum length","details":{"field":"prompt","issue":"Input text is too long"}},"meta":{"request_id":"req_1234567890","timestamp":"2024-01-01T00:00:00Z"}}"#;
    assert_eq!(body(&e.with_context(&context)), expected);
    assert_eq!(parse::<ErrorCodesError>(expected, 400), e);
}

#[test]
fn errorcodes_request_id_example() {
    // The seed's "Request ID" example shows only `error` and `meta`; the full
    // format (printed at the top of the seed) also has `success: false`.
    let seed = r#"{"error":{"code":"INVALID_REQUEST","message":"The request was invalid"},"meta":{"request_id":"req_1234567890"}}"#;
    let e = ErrorCodesError::InvalidRequest;
    let context = RequestContext::new().request_id("req_1234567890");
    assert_eq!(
        body(&e.with_context(&context)),
        format!("{{\"success\":false,{}", &seed[1..])
    );
    assert_eq!(parse::<ErrorCodesError>(seed, 400), e);
}

#[test]
fn errorcodes_body_without_context_has_no_meta() {
    let e = ErrorCodesError::RateLimitExceeded;
    assert_eq!(
        body(&e),
        r#"{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded"}}"#
    );
    assert!(e.is_retryable());
}

// ----- seeds 000 and 001, AIML API -----

#[test]
fn aiml_free_tier_body_has_string_status_and_context() {
    let e = AimlApiError::FreeTierLimit;
    let context = RequestContext::new()
        .path("/v1/chat/completions")
        .request_id("798b860e-98c2-4e8e-8c50-550bcfc2eccc")
        .timestamp("2025-03-11T07:13:27.813Z");
    let seed = r#"{"message":"Free-tier limit: You've reached your free limit for the hour. Get AI/ML Subscription to use API, visit https://aimlapi.com/app/billing/ !","path":"/v1/chat/completions","requestId":"798b860e-98c2-4e8e-8c50-550bcfc2eccc","statusCode":"429","timestamp":"2025-03-11T07:13:27.813Z"}"#;
    assert_eq!(body(&e.with_context(&context)), seed);
    assert_eq!(parse::<AimlApiError>(seed, 429), e);
    // statusCode in the body is enough: no HTTP status needed.
    assert_eq!(AimlApiError::from_body(seed.as_bytes(), None).unwrap(), e);
}

#[test]
fn aiml_errors_are_told_apart_by_message() {
    let bodies = [
        ("Internal server error", AimlApiError::InternalServerError),
        (
            "Something wrong with the server. Please, try again later.",
            AimlApiError::UpstreamFailure,
        ),
        ("Coupon code not found", AimlApiError::CouponNotFound),
    ];
    for (message, expected) in bodies {
        let json = format!(r#"{{"message":"{message}","statusCode":"500"}}"#);
        assert_eq!(parse::<AimlApiError>(&json, 500), expected);
    }
    assert!(
        !AimlApiError::CouponNotFound.is_retryable(),
        "the seed's 500 that must not be retried"
    );
    assert!(AimlApiError::InternalServerError.is_retryable());
}

#[test]
fn aiml_request_id_message_round_trips() {
    let e = AimlApiError::ModelUnderMaintenance {
        request_id: "0f9e-77".into(),
    };
    assert_eq!(
        e.to_string(),
        "The model is under maintenance, please contact us at help@aimlapi.com. Your Request ID is 0f9e-77."
    );
    let json = body(&e);
    assert_eq!(
        json,
        r#"{"message":"The model is under maintenance, please contact us at help@aimlapi.com. Your Request ID is 0f9e-77.","statusCode":"500"}"#
    );
    assert_eq!(parse::<AimlApiError>(&json, 500), e);
}

#[test]
fn aiml_5xx_messages_from_the_seed_table() {
    assert_eq!(
        parse::<AimlApiError>(
            r#"{"message":"Service unavailable","statusCode":"503"}"#,
            503
        ),
        AimlApiError::ServiceUnavailable
    );
    assert_eq!(
        parse::<AimlApiError>(
            r#"{"message":"Generation timeout","statusCode":"504"}"#,
            504
        ),
        AimlApiError::GenerationTimeout
    );
}
