//! Slots: the values a body template fills per error (`$code`, `$message`, ...).

use std::fmt;

/// A value filled in per error when a body is written, and read back when it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The wire code (`invalid_api_key`); left out when the error has none
    /// (an entry with `code: null`, an unknown error whose body had none).
    Code,
    /// The message with parameters filled in.
    Message,
    /// The HTTP status as a JSON number (`429`).
    Status,
    /// The HTTP status as a JSON string (`"429"`), as the AIML API sends it.
    StatusText,
    /// The HTTP reason phrase of the status (`"Too Many Requests"`), RFC 9457's `title`.
    Title,
    /// The google.rpc canonical code name for the status (`"RESOURCE_EXHAUSTED"`).
    GrpcStatus,
    /// The entry's `type` (OpenAI's error category); left out when it has none.
    Type,
    /// The request parameter at fault (`prompt`); left out when the entry names none.
    Field,
    /// The entry's description, for entries that name a field (seed 002's
    /// `details.issue`); left out otherwise.
    Detail,
    /// An object of the entry's parameters that are not in its message, `null`
    /// when there are none.
    Params,
    /// An object of every parameter as a string (google.rpc `ErrorInfo.metadata`);
    /// left out when there are none.
    Metadata,
    /// The retry hint in seconds; left out when the error has none.
    RetryAfter,
    /// The retry hint as a protobuf duration (`"60s"`, google.rpc
    /// `RetryInfo.retryDelay`); left out when the error has none.
    RetryDelay,
    /// The catalog's `domain` (google.rpc `ErrorInfo.domain`); left out when it has none.
    Domain,
    /// The request id from the response context; left out when there is none.
    RequestId,
    /// The request path from the response context; left out when there is none.
    Path,
    /// The ISO 8601 timestamp from the response context; left out when there is none.
    Timestamp,
}

impl Slot {
    /// Every slot with the name it has in a template (without the `$`).
    pub const ALL: [(Slot, &'static str); 17] = [
        (Slot::Code, "code"),
        (Slot::Message, "message"),
        (Slot::Status, "status"),
        (Slot::StatusText, "status_text"),
        (Slot::Title, "title"),
        (Slot::GrpcStatus, "grpc_status"),
        (Slot::Type, "type"),
        (Slot::Field, "field"),
        (Slot::Detail, "detail"),
        (Slot::Params, "params"),
        (Slot::Metadata, "metadata"),
        (Slot::RetryAfter, "retry_after"),
        (Slot::RetryDelay, "retry_delay"),
        (Slot::Domain, "domain"),
        (Slot::RequestId, "request_id"),
        (Slot::Path, "path"),
        (Slot::Timestamp, "timestamp"),
    ];

    /// The slot's name in a template, without the `$`.
    pub fn name(self) -> &'static str {
        Slot::ALL
            .iter()
            .find(|(slot, _)| *slot == self)
            .map_or("?", |(_, name)| name)
    }

    /// The slot named `name` (without the `$`).
    pub fn from_name(name: &str) -> Option<Slot> {
        Slot::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(slot, _)| *slot)
    }

    /// Whether the slot has a value for every error (so `|null` or `$when`
    /// on it make no sense).
    pub fn always_present(self) -> bool {
        matches!(
            self,
            Slot::Message
                | Slot::Status
                | Slot::StatusText
                | Slot::Title
                | Slot::GrpcStatus
                | Slot::Params
        )
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}", self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (slot, name) in Slot::ALL {
            assert_eq!(slot.name(), name);
            assert_eq!(Slot::from_name(name), Some(slot));
        }
        assert_eq!(Slot::from_name("kode"), None);
        assert_eq!(Slot::RetryDelay.to_string(), "$retry_delay");
    }
}
