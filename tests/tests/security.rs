//! Sensitive parameters stay out of `Debug`, log lines and 5xx bodies; internal
//! causes never reach a body.

use error_catalog::{ApiErrorCatalog, Secret};
use error_catalog_tests::{OpenAiError, SecureError};

const KEY: &str = "sk-live-0123456789";
const PROMPT: &str = "my private medical question";

fn upstream() -> SecureError {
    SecureError::UpstreamFailed {
        prompt: Secret::new(PROMPT.to_owned()),
        api_key: Secret::new(KEY.to_owned()),
        token: Secret::new("tok_abc".to_owned()),
        region: "eu-west".to_owned(),
    }
}

#[test]
fn debug_output_redacts_sensitive_fields() {
    let e = OpenAiError::InvalidApiKey {
        api_key: KEY.into(),
    };
    let debug = format!("{e:?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
    let debug = format!("{:?}", upstream());
    assert!(
        !debug.contains(PROMPT) && !debug.contains(KEY) && !debug.contains("tok_abc"),
        "{debug}"
    );
    assert!(
        debug.contains("eu-west"),
        "non-sensitive fields stay visible: {debug}"
    );
}

#[test]
fn log_lines_mask_sensitive_placeholders() {
    let e = upstream();
    assert_eq!(
        e.redacted().to_string(),
        "Upstream failed for prompt [redacted] with key [redacted]"
    );
    // Display is the message the client is shown, in full.
    assert!(e.to_string().contains(PROMPT));
}

#[test]
fn a_5xx_body_never_carries_sensitive_values() {
    let json = serde_json::to_string(&upstream()).unwrap();
    assert!(
        !json.contains(PROMPT) && !json.contains(KEY) && !json.contains("tok_abc"),
        "{json}"
    );
    assert_eq!(
        json,
        r#"{"code":"upstream_failed","message":"Upstream failed for prompt [redacted] with key [redacted]","data":{"token":"[redacted]","region":"eu-west"}}"#
    );
}

#[test]
fn a_4xx_body_echoes_what_the_client_sent() {
    let e = SecureError::PromptRejected {
        prompt: PROMPT.into(),
    };
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains(PROMPT), "{json}");
    assert!(!format!("{e:?}").contains(PROMPT));
    let back = SecureError::from_body(json.as_bytes(), Some(400)).unwrap();
    assert_eq!(back, e);
}
