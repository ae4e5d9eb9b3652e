//! Untrusted bodies from the network: a clear error or the unknown fallback,
//! never a panic and never the wrong known variant.

use error_catalog::{ApiErrorCatalog, BodyError};
use error_catalog_tests::{AiApiError, AimlApiError, ErrorCodesError, GeminiError};

/// Parses with every catalog format; returns what each said, panicking only
/// if the parser did.
fn parse_all(body: &[u8]) -> Vec<String> {
    vec![
        format!("{:?}", AiApiError::from_body(body, Some(400))),
        format!("{:?}", ErrorCodesError::from_body(body, Some(400))),
        format!("{:?}", AimlApiError::from_body(body, Some(500))),
        format!("{:?}", GeminiError::from_body(body, None)),
    ]
}

#[test]
fn truncated_json_is_a_json_error() {
    let full = br#"{"code":"model_not_found","message":"model 'x' not found","data":null}"#;
    for cut in 0..full.len() {
        match AiApiError::from_body(&full[..cut], Some(404)) {
            Err(BodyError::Json(_)) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

/// A body without a code, or with a `null` one, is well-formed: the entry is
/// found by its message and status, or the body is the unknown fallback.
#[test]
fn a_missing_or_null_code_is_never_a_format_error() {
    for body in [
        r#"{"code":null,"message":"m"}"#,
        r#"{"message":"m","data":null}"#,
    ] {
        let e = AiApiError::from_body(body.as_bytes(), Some(400)).unwrap();
        let unknown = e.unknown().expect("the unknown fallback");
        assert_eq!(
            (unknown.code.as_deref(), unknown.message.as_str()),
            (None, "m")
        );
    }
    let by_message = r#"{"code":null,"message":"Invalid API key provided","data":null}"#;
    let e = AiApiError::from_body(by_message.as_bytes(), Some(401)).unwrap();
    assert!(e.unknown().is_none(), "{e:?}");
}

#[test]
fn wrong_types_are_format_errors() {
    let bodies: &[&[u8]] = &[
        br#"{"code":["model_not_found"],"message":"m"}"#,
        br#"{"code":"model_not_found","message":42}"#,
        br#"{"code":"rate_limit_exceeded","message":"m","data":"soon"}"#,
        br#""just a string""#,
        br#"[{"code":"x"}]"#,
        br#"true"#,
    ];
    for body in bodies {
        let r = AiApiError::from_body(body, Some(400));
        assert!(
            matches!(r, Err(BodyError::Format(_))),
            "{}: {r:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn giant_numbers_do_not_overflow_into_a_value() {
    let body = br#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":1e400}}"#;
    // serde_json refuses numbers out of f64 range.
    assert!(AiApiError::from_body(body, Some(429)).is_err());
    let body = br#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":184467440737095516150}}"#;
    let e = AiApiError::from_body(body, Some(429));
    assert!(matches!(e, Ok(AiApiError::Unknown(_)) | Err(_)), "{e:?}");
    let body = br#"{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please try again later.","data":{"retry_after":-5}}"#;
    let e = AiApiError::from_body(body, Some(429)).unwrap();
    assert!(
        matches!(e, AiApiError::Unknown(_)),
        "a negative wait is not a u64: {e:?}"
    );
    let body = br#"{"message":"m","statusCode":"99999999999"}"#;
    assert!(AimlApiError::from_body(body, None).is_err());
}

#[test]
fn duplicate_members_do_not_panic_and_pick_one_consistently() {
    let body = br#"{"code":"invalid_api_key","code":"quota_not_enough","message":"user quota is not enough","data":null}"#;
    let e = AiApiError::from_body(body, Some(403)).unwrap();
    assert_eq!(
        e,
        AiApiError::QuotaNotEnough,
        "the last member wins, as in JavaScript"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // 100,000 levels under a member no format knows: skipped without recursion,
    // and the body has no message.
    let mut body = String::new();
    for _ in 0..100_000 {
        body.push_str("{\"a\":");
    }
    body.push('1');
    for _ in 0..100_000 {
        body.push('}');
    }
    for said in parse_all(body.as_bytes()) {
        assert!(said.starts_with("Err(Format("), "{said}");
    }
    // Deep nesting inside a value the catalog reads: refused by the JSON parser.
    let nested_data = format!(
        r#"{{"code":"content_filtered","message":"Your request was rejected due to content policy","data":{}1{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(matches!(
        AiApiError::from_body(nested_data.as_bytes(), Some(400)),
        Err(BodyError::Json(_))
    ));
    let nested_message = format!(
        r#"{{"error":{{"message":{}1{}}}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(matches!(
        GeminiError::from_body(nested_message.as_bytes(), None),
        Err(BodyError::Json(_))
    ));
}

#[test]
fn a_ten_megabyte_body_is_handled() {
    let message = "x".repeat(10 * 1024 * 1024);
    let body = format!(
        r#"{{"code":"model_not_found","message":"model '{message}' not found","data":null}}"#
    );
    let e = AiApiError::from_body(body.as_bytes(), Some(404)).unwrap();
    match e {
        AiApiError::ModelNotFound { model } => assert_eq!(model.len(), 10 * 1024 * 1024),
        other => panic!("{other:?}"),
    }
    let junk = vec![b'['; 10 * 1024 * 1024];
    for said in parse_all(&junk) {
        assert!(said.starts_with("Err("), "{said}");
    }
}

#[test]
fn look_alike_codes_are_unknown_never_the_known_variant() {
    let look_alikes = [
        "INVALID_API_KEY",
        "Invalid_Api_Key",
        " invalid_api_key",
        "invalid_api_key ",
        "invalid_api_key\n",
        "invalid-api-key",
        "invalid_api_keyx",
        "invalid\u{200b}_api_key",
        "іnvalid_api_key", // Cyrillic і
    ];
    for code in look_alikes {
        let body =
            serde_json::json!({"code": code, "message": "Invalid API key provided", "data": null});
        let e = AiApiError::from_body(body.to_string().as_bytes(), Some(401)).unwrap();
        match &e {
            AiApiError::Unknown(u) => assert_eq!(u.code.as_deref(), Some(code)),
            other => panic!("{code:?} became {other:?}"),
        }
    }
    // A known code with a message of another entry of the same code family.
    let body =
        br#"{"code":"invalid_request_error","message":"something else entirely","data":null}"#;
    assert!(matches!(
        AiApiError::from_body(body, Some(400)).unwrap(),
        AiApiError::Unknown(_)
    ));
}

#[test]
fn a_known_code_with_the_wrong_status_is_not_that_entry() {
    let body = br#"{"code":"invalid_api_key","message":"Invalid API key provided","data":null}"#;
    let e = AiApiError::from_body(body, Some(500)).unwrap();
    assert!(
        matches!(e, AiApiError::Unknown(ref u) if u.status == Some(500)),
        "{e:?}"
    );
}

#[test]
fn invalid_utf8_in_a_body_is_a_json_error() {
    let body = b"{\"code\":\"model_not_found\",\"message\":\"\xff\xfe\",\"data\":null}";
    assert!(matches!(
        AiApiError::from_body(body, Some(404)),
        Err(BodyError::Json(_))
    ));
}
