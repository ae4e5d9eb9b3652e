//! Wire formats: where an API puts code, message, status and context in its error body.
//!
//! A format is a body template written in YAML. Strings starting with `$` are
//! slots filled per error (`$code`, `$message`, ...); everything else is copied
//! as a constant (`success: false`). The built-in presets are written in the
//! same form, so no API gets special-cased code. The template types themselves
//! ([`Node`], [`Slot`], [`WireFormat`]) are `error_catalog_core`'s, shared
//! with the runtime.

mod parse;

pub use error_catalog_core::{Fill, Node, Slot, WireFormat};
pub(crate) use parse::parse_wire;
pub use parse::MAX_TEMPLATE_MEMBERS;

use std::borrow::Cow;

use crate::diagnostic::Diagnostics;
use parse::parse_body;

/// A built-in format: its name, what it is, and its template in catalog syntax.
pub struct Preset {
    /// The name a catalog uses in `wire: NAME`.
    pub name: &'static str,
    /// One line saying which APIs use it.
    pub summary: &'static str,
    /// The body template, in the same YAML form a catalog would write.
    pub template: &'static str,
    /// The `Content-Type` of its error responses.
    pub content_type: &'static str,
}

/// The built-in formats.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "flat",
        summary: "`{\"code\", \"message\", \"data\"}`: code and message at the top, extra parameters in `data`",
        template: "code: $code\nmessage: $message\ndata: $params\n",
        content_type: "application/json",
    },
    Preset {
        name: "envelope",
        summary: "`{\"success\": false, \"error\": {...}, \"meta\": {...}}`: code, message and field details in `error`, request id and time in `meta`",
        template: "success: false\nerror:\n  code: $code\n  message: $message\n  details:\n    field: $field\n    issue: $detail\nmeta:\n  request_id: $request_id\n  timestamp: $timestamp\n",
        content_type: "application/json",
    },
    Preset {
        name: "aiml",
        summary: "`{\"message\", \"path\", \"requestId\", \"statusCode\", \"timestamp\"}`: no code, status as a string; errors are told apart by message (AIML API)",
        template: "message: $message\npath: $path\nrequestId: $request_id\nstatusCode: $status_text\ntimestamp: $timestamp\n",
        content_type: "application/json",
    },
    Preset {
        name: "problem",
        summary: "RFC 9457 problem details (`application/problem+json`): each entry's own `type` URI and `title` (`values:`), `status`, `detail`, `instance`, the code as an extension member, and field errors as an `invalid-params` list parameter of `{name, reason}` items",
        template: "type: $values.type\ntitle: $values.title\nstatus: $status\ndetail: $message\ninstance: $path\ncode: $code\ninvalid-params: $param.invalid_params\n",
        content_type: "application/problem+json",
    },
    Preset {
        name: "google",
        summary: "google.rpc.Status as AIP-193 describes it: `{\"error\": {\"code\", \"message\", \"status\", \"details\"}}` with whichever details an error has: `ErrorInfo` (reason = the code, domain, the parameters as metadata), `LocalizedMessage` (`locale`, `localized_message`), `BadRequest` (`field_violations`), `QuotaFailure` (`quota_violations`), `Help` (`links`) and `RetryInfo`",
        template: "error:\n  code: $status\n  message: $message\n  status: $grpc_status\n  details:\n    - \"@type\": type.googleapis.com/google.rpc.ErrorInfo\n      $when: $code\n      reason: $code\n      domain: $domain\n      metadata: $metadata\n    - \"@type\": type.googleapis.com/google.rpc.LocalizedMessage\n      locale: $param.locale\n      message: $param.localized_message\n    - \"@type\": type.googleapis.com/google.rpc.BadRequest\n      fieldViolations: $param.field_violations\n    - \"@type\": type.googleapis.com/google.rpc.QuotaFailure\n      violations: $param.quota_violations\n    - \"@type\": type.googleapis.com/google.rpc.Help\n      links: $param.links\n    - \"@type\": type.googleapis.com/google.rpc.RetryInfo\n      retryDelay: $retry_delay\n",
        content_type: "application/json",
    },
];

pub(crate) const DEFAULT_CONTENT_TYPE: &str = "application/json";

/// Whether `name` can name an HTTP header: a token of letters, digits and
/// `!#$%&'*+-.^_`|~`.
pub(crate) fn is_header_name(name: &str) -> bool {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    !name.is_empty() && name.chars().all(token)
}

/// The preset called `name`, parsed.
pub fn preset(name: &str) -> Option<WireFormat> {
    let preset = PRESETS.iter().find(|p| p.name == name)?;
    let node = crate::yaml::read(preset.template, &crate::LIMITS).ok()?;
    let mut diagnostics = Diagnostics::new();
    let body = parse_body(&node, &mut diagnostics)?;
    diagnostics.is_empty().then(|| {
        WireFormat::new(
            Some(Cow::Borrowed(preset.name)),
            body,
            Cow::Borrowed(preset.content_type),
            None,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses() {
        for p in PRESETS {
            let format = preset(p.name).unwrap_or_else(|| panic!("preset {} broken", p.name));
            assert!(format.body.has_slot(Slot::Message), "{}", p.name);
        }
    }

    #[test]
    fn envelope_places_field_under_error_details() {
        let format = preset("envelope").unwrap();
        let slots = format.body.slots();
        assert!(slots.contains(&(vec!["error", "details", "field"], Slot::Field)));
        let google = preset("google").unwrap();
        assert!(google.body.placed_params().contains(&"field_violations"));
        assert_eq!(
            preset("problem").unwrap().content_type,
            "application/problem+json"
        );
        assert!(slots.contains(&(vec!["meta", "request_id"], Slot::RequestId)));
    }

    #[test]
    fn unknown_slot_is_reported_with_choices() {
        let node = crate::load::parse_tree("body: {code: $kode, message: $message}").unwrap();
        let mut d = Diagnostics::new();
        assert!(parse_wire(&node, &mut d).is_none());
        let all = d.into_sorted();
        assert_eq!(all.len(), 1);
        assert!(
            all[0].message.contains("unknown slot `$kode`"),
            "{}",
            all[0].message
        );
        assert!(all[0].message.contains("`$code`"));
    }
}
