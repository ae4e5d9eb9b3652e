//! Fuzz target: any bytes as an error body, in every wire format, parse to a
//! value or an error; a parsed value writes a body that parses back to itself;
//! reading the bytes gives what deserializing their parsed `Value` gives.
#![no_main]

use error_catalog::ApiErrorCatalog;
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, ErrorCodesError, GatewayError, GeminiError, OpenAiError,
    ProblemError, ProblemTypeError, CardError, StripeError, GitHubError, GeminiApiError,
    GoogleError, Rfc9457Error, BedrockError, NumericCodeError, EnvelopeListError,
    FractionalWaitError,
};
use libfuzzer_sys::fuzz_target;

fn check<E: ApiErrorCatalog + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    data: &[u8],
    status: Option<u16>,
) {
    let from_bytes = E::from_body(data, status);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        // The generated `Deserialize` reads a parsed `Value` as `from_body`
        // reads the bytes (neither with a status).
        let from_tree = serde_json::from_value::<E>(value).ok();
        let from_bytes = E::from_body(data, None).ok();
        assert!(from_tree == from_bytes, "the bytes and the Value read differently: {from_bytes:?} / {from_tree:?}");
    }
    if let Ok(parsed) = from_bytes {
        let written = serde_json::to_vec(&parsed).expect("a parsed error serializes");
        let again = E::from_body(&written, status).expect("a written body parses");
        assert!(again == parsed, "round trip changed the error:\n{}\n{:?}\n{:?}", String::from_utf8_lossy(&written), parsed, again);
    }
}

fuzz_target!(|data: &[u8]| {
    let status = data.first().map(|b| 400 + u16::from(*b) % 200);
    check::<AiApiError>(data, status);
    check::<ErrorCodesError>(data, status);
    check::<AimlApiError>(data, status);
    check::<GatewayError>(data, status);
    check::<OpenAiError>(data, status);
    check::<AnthropicError>(data, status);
    check::<GeminiError>(data, None);
    check::<ProblemError>(data, None);
    check::<ProblemTypeError>(data, status);
    check::<CardError>(data, status);
    check::<StripeError>(data, status);
    check::<GitHubError>(data, status);
    check::<GeminiApiError>(data, status);
    check::<GoogleError>(data, status);
    check::<Rfc9457Error>(data, status);
    check::<BedrockError>(data, status);
    check::<NumericCodeError>(data, status);
    check::<EnvelopeListError>(data, status);
    check::<FractionalWaitError>(data, status);
});
