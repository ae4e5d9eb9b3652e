//! The fallback for an error body whose code or message the catalog does not know.

use std::fmt;

use serde_json::value::RawValue;

use crate::wire::WireFormat;

/// An error the catalog does not know, kept whole so a client can still show,
/// log, classify and forward it. Servers add codes faster than clients
/// update: a new code must never make parsing fail.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct UnknownError {
    /// The wire code, when the format carries one, as text. Read from a
    /// body, it is written back by an enum of that body's format in the JSON
    /// type it came in (`502` stays a number in a catalog of string codes);
    /// by another API's enum, or once restored from this type's own serde
    /// form, in the type that enum's catalog writes codes in.
    pub code: Option<String>,
    /// The HTTP status, from the body or the response.
    pub status: Option<u16>,
    /// The message as sent.
    pub message: String,
    /// The request parameter named by the body, if any.
    pub field: Option<String>,
    /// The body's data object, if any.
    pub data: Option<serde_json::Value>,
    /// The retry hint the body or response carried, in seconds.
    pub retry_after: Option<u64>,
    /// The error type the body gave, where its format has one (`$type`:
    /// OpenAI's `invalid_request_error`); written where the sending enum's
    /// format has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// The whole body exactly as received (the JSON value, every member and
    /// byte of it), when it was read from bytes ([`ApiErrorCatalog::from_body`](crate::ApiErrorCatalog::from_body),
    /// the client). Serializing the error with an enum of the body format it
    /// was read in (the same wire format: template, content type, code header
    /// and code type) writes it back
    /// unchanged, so a gateway can forward or log what the upstream API sent;
    /// an enum of another format (a gateway translating one API's errors into
    /// another's) writes the error in its own format instead. A generic
    /// `Deserialize` of the enum (e.g. `serde_json::from_value`) does not fill
    /// it. An `UnknownError` restored from its own serde form, or made by
    /// hand, has no record of the format: any enum writes its `body`, so
    /// clear it before sending such an error in another API's format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Box<RawValue>>,
    /// The body format it was read in; `None` for an error made by hand.
    #[serde(skip)]
    pub(crate) read_in: Option<&'static WireFormat>,
    /// Whether the body sent the code as a JSON number (`Some(true)`) or a
    /// string, so that it is written back as it came; `None` for an error
    /// made by hand, whose code is written as the catalog writes codes.
    #[serde(skip)]
    pub(crate) code_was_number: Option<bool>,
}

impl UnknownError {
    /// Whether it was read in body format `wire`, or made by hand (no record
    /// of a format): then its raw body and its code's JSON type go back as
    /// they came.
    pub(crate) fn read_in_or_made(&self, wire: &WireFormat) -> bool {
        self.read_in
            .is_none_or(|read_in| std::ptr::eq(read_in, wire) || read_in == wire)
    }
}

/// Two unknown errors are equal when what they say is: code, status,
/// message, field, data, retry hint and type. The raw `body` and the JSON type
/// the code came in are how it travelled, and are not compared (a body read from bytes and the same body read from a
/// parsed `serde_json::Value` give equal errors).
impl PartialEq for UnknownError {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.code,
            self.status,
            &self.message,
            &self.field,
            &self.data,
            self.retry_after,
            &self.error_type,
        ) == (
            &other.code,
            other.status,
            &other.message,
            &other.field,
            &other.data,
            other.retry_after,
            &other.error_type,
        )
    }
}

impl UnknownError {
    /// Whether a client may retry: by status, as for catalog entries (408, 429 and 5xx).
    /// Without a status it is not retried.
    pub fn is_retryable(&self) -> bool {
        self.status
            .is_some_and(error_catalog_core::default_retryable)
    }
}

impl fmt::Display for UnknownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UnknownError {}

/// Like a derived `Debug`, but each text the body chose (code, message,
/// field, data, type, body) shows at most its first KiB: any `{:?}` of an error
/// enum holding one would otherwise print a body of up to a megabyte, twice.
impl fmt::Debug for UnknownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = self.data.as_ref().map(serde_json::Value::to_string);
        f.debug_struct("UnknownError")
            .field("code", &self.code.as_deref().map(Shown::text))
            .field("status", &self.status)
            .field("message", &Shown::text(&self.message))
            .field("field", &self.field.as_deref().map(Shown::text))
            .field("data", &data.as_deref().map(Shown::text))
            .field("retry_after", &self.retry_after)
            .field("error_type", &self.error_type.as_deref().map(Shown::text))
            .field("body", &self.body.as_deref().map(|b| Shown::text(b.get())))
            .finish()
    }
}

/// Text from the network in `Debug` output: its first KiB, quoted and
/// escaped, and its length when longer.
pub(crate) struct Shown<'a>(pub(crate) &'a [u8]);

impl<'a> Shown<'a> {
    pub(crate) fn text(text: &'a str) -> Self {
        Shown(text.as_bytes())
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 1024;
        let mut end = self.0.len().min(SHOWN);
        // Back off to the start of a UTF-8 character (at most 3 bytes), not
        // into one.
        let start = end.saturating_sub(3);
        while end < self.0.len() && end > start && self.0[end] & 0xC0 == 0x80 {
            end -= 1;
        }
        write!(f, "{:?}", String::from_utf8_lossy(&self.0[..end]))?;
        if self.0.len() > SHOWN {
            write!(f, "... ({} bytes in all)", self.0.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_first_kib_of_each_text() {
        let long = "é".repeat(600_000);
        let body = serde_json::json!({"code": long, "message": long, "data": {"x": long}});
        let error = UnknownError {
            code: Some(long.clone()),
            status: Some(503),
            message: long.clone(),
            field: Some(long.clone()),
            data: Some(body["data"].clone()),
            retry_after: Some(7),
            error_type: None,
            body: RawValue::from_string(body.to_string()).ok(),
            read_in: None,
            code_was_number: None,
        };
        let shown = format!("{error:?}");
        assert!(shown.len() < 8 * 1024, "{} bytes", shown.len());
        assert!(shown.contains("status: Some(503)") && shown.contains("retry_after: Some(7)"));
        assert!(shown.contains("... (1200000 bytes in all)"), "{shown:.300}");
        let short = UnknownError {
            message: "tab\there".to_owned(),
            ..UnknownError::default()
        };
        assert!(format!("{short:?}").contains(r#"message: "tab\there""#));
    }
}
