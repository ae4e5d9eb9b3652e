//! The seed catalogs as generated enums, shared by the integration tests, and
//! the mock error server built on them.
//!
//! Each enum is written by `#[catalog_enum]` from its YAML file alone, so these
//! also prove the generating form covers every seed catalog.

pub mod mock;

/// A simple value for each of `entry`'s parameters, by kind, for tests that
/// build an error of every entry.
pub fn sample_params(
    entry: &error_catalog::ErrorEntry,
) -> serde_json::Map<String, serde_json::Value> {
    use error_catalog::ParamKind;
    use serde_json::Value;
    entry
        .params
        .iter()
        .map(|p| {
            let value = match p.kind {
                ParamKind::String => Value::from("gpt-9"),
                ParamKind::Integer => Value::from(30),
                ParamKind::Number => Value::from(2.5),
                ParamKind::Boolean => Value::from(true),
                ParamKind::Object => serde_json::json!({"id": "obj_1"}),
                ParamKind::List => sample_items(p.items, 2, "gpt-9"),
            };
            (p.name.to_owned(), value)
        })
        .collect()
}

/// A list of `count` items with every member the catalog declares, strings
/// made from `text` and the item's index.
pub fn sample_items(
    members: &[error_catalog::ItemMember],
    count: usize,
    text: &str,
) -> serde_json::Value {
    use error_catalog::ParamKind;
    use serde_json::Value;
    let value = |kind: ParamKind, i: usize| match kind {
        ParamKind::Integer => Value::from(i),
        ParamKind::Number => Value::from(i as f64 + 0.5),
        ParamKind::Boolean => Value::from(i % 2 == 0),
        ParamKind::Object => serde_json::json!({"n": i}),
        ParamKind::String | ParamKind::List => Value::from(format!("{text}-{i}")),
    };
    (0..count)
        .map(|i| match members {
            // Items that are plain values (`items: string`).
            [only] if only.name.is_empty() => value(only.kind, i),
            _ => Value::Object(
                members
                    .iter()
                    .map(|m| (m.name.to_string(), value(m.kind, i)))
                    .collect(),
            ),
        })
        .collect()
}

/// Errors of aiapi.services (seed 003), flat `{code, message, data}` bodies.
#[error_catalog::catalog_enum(path = "../catalog/aiapi.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum AiApiError {}

/// Errors of the "Error Codes" reference API (seed 002), envelope bodies.
#[error_catalog::catalog_enum(path = "../catalog/errorcodes.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorCodesError {}

/// Errors of the AIML API (seeds 000 and 001), told apart by message.
#[error_catalog::catalog_enum(path = "../catalog/aimlapi.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum AimlApiError {}

/// Errors of the AI API gateway (seed 004).
#[error_catalog::catalog_enum(path = "../catalog/gateway.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum GatewayError {}

/// Errors of the OpenAI API (a public API outside the seeds).
#[error_catalog::catalog_enum(path = "../catalog/openai.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum OpenAiError {}

/// Errors of the Anthropic API (a public API outside the seeds).
#[error_catalog::catalog_enum(path = "../catalog/anthropic.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum AnthropicError {}

/// A google.rpc-format test catalog.
/// Errors of the Stripe API.
#[error_catalog::catalog_enum(path = "../catalog/stripe.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum StripeError {}

/// Errors of the GitHub REST API.
#[error_catalog::catalog_enum(path = "../catalog/github.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum GitHubError {}

/// Errors of the Gemini API (google.rpc.Status).
#[error_catalog::catalog_enum(path = "../catalog/gemini.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum GeminiApiError {}

/// AIP-193's example errors of a Google Cloud API.
#[error_catalog::catalog_enum(path = "../catalog/google.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum GoogleError {}

/// RFC 9457's example problem details.
#[error_catalog::catalog_enum(path = "../catalog/rfc9457.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum Rfc9457Error {}

#[error_catalog::catalog_enum(path = "fixtures/gemini.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum GeminiError {}

/// An RFC 9457 problem-details test catalog.
#[error_catalog::catalog_enum(path = "fixtures/problem.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemError {}

/// A test catalog whose entries carry their own values (RFC 9457 `type` and `title`).
#[error_catalog::catalog_enum(path = "fixtures/problem_types.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemTypeError {}

/// A test catalog whose parameters the body template places one by one.
#[error_catalog::catalog_enum(path = "fixtures/card_errors.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum CardError {}

/// A test catalog with sensitive parameters.
#[error_catalog::catalog_enum(path = "fixtures/secure.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum SecureError {}

/// A test catalog whose codes travel in a response header (AWS's
/// `x-amzn-ErrorType`), the body holding only the message.
#[error_catalog::catalog_enum(path = "fixtures/code_header.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderCodeError {}

/// A test catalog whose codes are JSON numbers (Twilio's format).
#[error_catalog::catalog_enum(path = "fixtures/numeric_codes.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum NumericCodeError {}

/// A test catalog with numeric codes in a list and an empty list (Cloudflare's envelope).
#[error_catalog::catalog_enum(path = "fixtures/envelope_lists.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum EnvelopeListError {}

/// A test catalog whose wait has fractions of a second (Discord's shape).
#[error_catalog::catalog_enum(path = "fixtures/fractional_wait.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum FractionalWaitError {}

/// Amazon Bedrock Runtime: the code in the `x-amzn-ErrorType` header.
#[error_catalog::catalog_enum(path = "../catalog/bedrock.yaml")]
#[derive(Debug, Clone, PartialEq)]
pub enum BedrockError {}
