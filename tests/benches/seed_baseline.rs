//! The aiapi seed catalog (`catalog/aiapi.yaml`) written by hand, the way a user
//! would without this crate: thiserror for `Display`, serde over the API's
//! `{code, message, data}` body, `match`es for everything else. It sends the
//! same bodies as the derived `error_catalog_tests::AiApiError` (checked before
//! the benchmarks run).

use std::borrow::Cow;

use serde_json::{json, Value};

/// The aiapi.services errors, written by hand.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeedAiApi {
    #[error("user quota is not enough")]
    QuotaNotEnough,
    #[error("Invalid API key provided")]
    InvalidApiKey,
    #[error("model '{model}' not found")]
    ModelNotFound { model: String },
    #[error("Invalid parameter: max_tokens must be a positive integer")]
    InvalidMaxTokens,
    #[error("temperature out of range")]
    TemperatureOutOfRange,
    #[error("invalid message format")]
    InvalidMessageFormat,
    #[error("model is required")]
    ModelRequired,
    #[error("Rate limit exceeded. Please try again later.")]
    RateLimitExceeded { retry_after: u64 },
    #[error("Task with id '{task_id}' not found")]
    TaskNotFound { task_id: String },
    #[error("Your request was rejected due to content policy")]
    ContentFiltered { reason: String },
}

impl SeedAiApi {
    /// The wire code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::QuotaNotEnough => "quota_not_enough",
            Self::InvalidApiKey => "invalid_api_key",
            Self::ModelNotFound { .. } => "model_not_found",
            Self::InvalidMaxTokens
            | Self::TemperatureOutOfRange
            | Self::InvalidMessageFormat
            | Self::ModelRequired => "invalid_request_error",
            Self::RateLimitExceeded { .. } => "rate_limit_exceeded",
            Self::TaskNotFound { .. } => "task_not_found",
            Self::ContentFiltered { .. } => "content_filtered",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Self::QuotaNotEnough => 403,
            Self::InvalidApiKey => 401,
            Self::ModelNotFound { .. } | Self::TaskNotFound { .. } => 404,
            Self::InvalidMaxTokens
            | Self::TemperatureOutOfRange
            | Self::InvalidMessageFormat
            | Self::ModelRequired
            | Self::ContentFiltered { .. } => 400,
            Self::RateLimitExceeded { .. } => 429,
        }
    }

    /// Whether a client may retry.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::RateLimitExceeded { .. })
    }

    /// The request parameter at fault.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::InvalidMaxTokens => Some("max_tokens"),
            Self::TemperatureOutOfRange => Some("temperature"),
            Self::InvalidMessageFormat => Some("messages"),
            Self::ModelRequired => Some("model"),
            _ => None,
        }
    }

    /// The index of the first error with this wire code.
    pub fn from_code(code: &str) -> Option<u32> {
        match code {
            "quota_not_enough" => Some(0),
            "invalid_api_key" => Some(1),
            "model_not_found" => Some(2),
            "invalid_request_error" => Some(3),
            "rate_limit_exceeded" => Some(7),
            "task_not_found" => Some(8),
            "content_filtered" => Some(9),
            _ => None,
        }
    }

    fn data(&self) -> Option<Value> {
        match self {
            Self::RateLimitExceeded { retry_after } => Some(json!({ "retry_after": retry_after })),
            Self::ContentFiltered { reason } => Some(json!({ "reason": reason })),
            _ => None,
        }
    }

    fn from_wire(code: &str, message: &str, data: Option<&Value>) -> Option<Self> {
        let member = |name: &str| data.and_then(|d| d.get(name));
        Some(match code {
            "quota_not_enough" => Self::QuotaNotEnough,
            "invalid_api_key" => Self::InvalidApiKey,
            "model_not_found" => Self::ModelNotFound {
                model: message
                    .strip_prefix("model '")?
                    .strip_suffix("' not found")?
                    .to_owned(),
            },
            "invalid_request_error" => match message {
                "Invalid parameter: max_tokens must be a positive integer" => {
                    Self::InvalidMaxTokens
                }
                "temperature out of range" => Self::TemperatureOutOfRange,
                "invalid message format" => Self::InvalidMessageFormat,
                "model is required" => Self::ModelRequired,
                _ => return None,
            },
            "rate_limit_exceeded" => Self::RateLimitExceeded {
                retry_after: member("retry_after")?.as_u64()?,
            },
            "task_not_found" => Self::TaskNotFound {
                task_id: message
                    .strip_prefix("Task with id '")?
                    .strip_suffix("' not found")?
                    .to_owned(),
            },
            "content_filtered" => Self::ContentFiltered {
                reason: member("reason")?.as_str()?.to_owned(),
            },
            _ => return None,
        })
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
    data: Option<Value>,
}

impl serde::Serialize for SeedAiApi {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Wire {
            code: Cow::Borrowed(self.code()),
            message: Cow::Owned(self.to_string()),
            data: self.data(),
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for SeedAiApi {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        Self::from_wire(&wire.code, &wire.message, wire.data.as_ref())
            .ok_or_else(|| <D::Error as serde::de::Error>::custom("unknown error"))
    }
}

/// One body per error of the catalog, as the API sends them.
pub fn bodies() -> Vec<String> {
    [
        SeedAiApi::QuotaNotEnough,
        SeedAiApi::InvalidApiKey,
        SeedAiApi::ModelNotFound {
            model: "gpt-9".into(),
        },
        SeedAiApi::InvalidMaxTokens,
        SeedAiApi::TemperatureOutOfRange,
        SeedAiApi::InvalidMessageFormat,
        SeedAiApi::ModelRequired,
        SeedAiApi::RateLimitExceeded { retry_after: 60 },
        SeedAiApi::TaskNotFound {
            task_id: "task_123".into(),
        },
        SeedAiApi::ContentFiltered {
            reason: "violence".into(),
        },
    ]
    .iter()
    .map(|e| serde_json::to_string(e).unwrap())
    .collect()
}
