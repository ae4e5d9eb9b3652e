//! Every seed catalog through both forms: written by hand and generated.

use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "../catalog/gateway.yaml")]
pub enum Gateway {
    BadRequest,
    Unauthorized,
    Forbidden,
    RateLimited,
    ServerError,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
}

#[error_catalog::catalog_enum(path = "../catalog/aiapi.yaml")]
#[derive(Debug)]
pub enum AiApi {}

#[error_catalog::catalog_enum(path = "../catalog/aimlapi.yaml")]
#[derive(Debug)]
pub enum Aiml {}

#[error_catalog::catalog_enum(path = "../catalog/errorcodes.yaml")]
#[derive(Debug)]
pub enum ErrorCodes {}

fn main() {
    assert_eq!(Gateway::GatewayTimeout.status(), 504);
    assert!(!Gateway::Forbidden.is_retryable());
    assert_eq!(AiApi::entries().len(), 10);
    assert_eq!(Aiml::entries().len(), 7);
    assert_eq!(ErrorCodes::PromptTooLong.field(), Some("prompt"));
}
