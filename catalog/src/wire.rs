//! Wire formats: where an API puts code, message, status and context in its error body.
//!
//! A format is a body template written in YAML. Strings starting with `$` are
//! slots filled per error (`$code`, `$message`, ...); everything else is copied
//! as a constant (`success: false`). The built-in presets are written in the
//! same form, so no API gets special-cased code.

use std::fmt;

use crate::diagnostic::{Diagnostics, Pos};
use crate::node::{Node, Value};

/// A value filled in per error when a body is written, and read back when it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The wire code (`invalid_api_key`).
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
    /// The entry's description, for entries that name a field (seed 002's `details.issue`);
    /// left out otherwise.
    Detail,
    /// An object of the entry's parameters that are not in its message, `null` when there are none.
    Params,
    /// An object of every parameter as a string (google.rpc `ErrorInfo.metadata`);
    /// left out when there are none.
    Metadata,
    /// The retry hint in seconds; left out when the error has none.
    RetryAfter,
    /// The retry hint as a protobuf duration (`"60s"`, google.rpc `RetryInfo.retryDelay`);
    /// left out when the error has none.
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
            .map(|(_, name)| *name)
            .unwrap_or("?")
    }

    /// The slot named `name` (without the `$`).
    pub fn from_name(name: &str) -> Option<Slot> {
        Slot::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(slot, _)| *slot)
    }

    /// The Rust name of the variant of `Slot`, for code generation.
    pub fn variant_name(self) -> String {
        format!("{self:?}")
    }

    /// Whether the slot always has a value (so `|null` makes no sense on it).
    pub fn always_present(self) -> bool {
        matches!(
            self,
            Slot::Code
                | Slot::Message
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

/// A constant JSON value in a body template.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
}

/// One node of a body template.
///
/// Presence: a slot with no value leaves its member out (or writes `null` when
/// the template says `$slot|null`); an object or array that contains slots is
/// left out when none of them has a value; an object with `$when: $slot` is
/// left out when that slot has no value.
#[derive(Debug, Clone, PartialEq)]
pub enum WireNode {
    /// A JSON object; members in template order.
    Object {
        /// The members.
        members: Vec<(String, WireNode)>,
        /// Only written when this slot has a value.
        when: Option<Slot>,
    },
    /// A JSON array; for parsing, each element is matched to the body element
    /// with the same constant members (e.g. the same `@type`).
    Array(Vec<WireNode>),
    /// A value filled in per error.
    Slot {
        /// Which value.
        slot: Slot,
        /// Write `null` instead of leaving the member out when there is no value.
        null_if_absent: bool,
    },
    /// A constant copied into every body.
    Constant(Constant),
}

impl WireNode {
    /// Every slot in the template with the member path that leads to it
    /// (array elements appear as `[]`).
    pub fn slots(&self) -> Vec<(Vec<&str>, Slot)> {
        fn walk<'a>(
            node: &'a WireNode,
            path: &mut Vec<&'a str>,
            out: &mut Vec<(Vec<&'a str>, Slot)>,
        ) {
            match node {
                WireNode::Object { members, .. } => {
                    for (key, value) in members {
                        path.push(key);
                        walk(value, path, out);
                        path.pop();
                    }
                }
                WireNode::Array(items) => {
                    for item in items {
                        path.push("[]");
                        walk(item, path, out);
                        path.pop();
                    }
                }
                WireNode::Slot { slot, .. } => out.push((path.clone(), *slot)),
                WireNode::Constant(_) => {}
            }
        }
        let mut out = Vec::new();
        walk(self, &mut Vec::new(), &mut out);
        out
    }

    /// Whether the template places `slot` anywhere.
    pub fn has_slot(&self, slot: Slot) -> bool {
        self.slots().iter().any(|(_, s)| *s == slot)
    }

    /// Whether the node contains any slot.
    pub fn has_slots(&self) -> bool {
        !self.slots().is_empty()
    }
}

/// An API's error body format.
#[derive(Debug, Clone, PartialEq)]
pub struct WireFormat {
    /// The preset the format came from, if any.
    pub preset: Option<String>,
    /// The body template.
    pub body: WireNode,
    /// The `Content-Type` of error responses.
    pub content_type: String,
}

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
        summary: "`{\"code\", \"message\", \"data\"}`: code and message at the top, extra parameters in `data` (aiapi.services)",
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
        summary: "RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, `detail`, `instance`, the code as an extension member, and field errors in an `invalid-params` list",
        template: "type: about:blank\ntitle: $title\nstatus: $status\ndetail: $message\ninstance: $path\ncode: $code\ninvalid-params:\n  - $when: $field\n    name: $field\n    reason: $message\n",
        content_type: "application/problem+json",
    },
    Preset {
        name: "google",
        summary: "google.rpc.Status as AIP-193 describes it: `{\"error\": {\"code\", \"message\", \"status\", \"details\"}}` with `ErrorInfo` (reason, domain, parameters as metadata), `RetryInfo` and `BadRequest` field violations",
        template: "error:\n  code: $status\n  message: $message\n  status: $grpc_status\n  details:\n    - \"@type\": type.googleapis.com/google.rpc.ErrorInfo\n      reason: $code\n      domain: $domain\n      metadata: $metadata\n    - \"@type\": type.googleapis.com/google.rpc.RetryInfo\n      retryDelay: $retry_delay\n    - \"@type\": type.googleapis.com/google.rpc.BadRequest\n      $when: $field\n      fieldViolations:\n        - field: $field\n          description: $message\n",
        content_type: "application/json",
    },
];

const DEFAULT_CONTENT_TYPE: &str = "application/json";

/// The preset called `name`, parsed.
pub fn preset(name: &str) -> Option<WireFormat> {
    let preset = PRESETS.iter().find(|p| p.name == name)?;
    let node = crate::load::parse_tree(preset.template).ok()?;
    let mut diagnostics = Diagnostics::new();
    let body = parse_body(&node, &mut diagnostics)?;
    diagnostics.is_empty().then(|| WireFormat {
        preset: Some(name.to_owned()),
        body,
        content_type: preset.content_type.to_owned(),
    })
}

/// Reads the `wire:` value of a catalog: a preset name or `{body: ..., content_type: ...}`.
pub(crate) fn parse_wire(node: &Node, diagnostics: &mut Diagnostics) -> Option<WireFormat> {
    match &node.value {
        Value::Str(name) => {
            let found = preset(name);
            if found.is_none() {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                let hint = match crate::suggest::closest(name, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? The presets are"),
                    None => "use one of".to_owned(),
                };
                diagnostics.error(
                    node.pos,
                    format!(
                        "unknown wire format `{name}`; {hint} {}, or write a body template under `wire: {{body: ...}}`",
                        quoted_list(&names)
                    ),
                );
            }
            found
        }
        Value::Map(members) => {
            let before = diagnostics.len();
            let mut body = None;
            let mut content_type = DEFAULT_CONTENT_TYPE.to_owned();
            for (key, value) in members {
                match key.name.as_str() {
                    "body" => body = parse_body(value, diagnostics),
                    "content_type" => match &value.value {
                        Value::Str(s) if !s.trim().is_empty() => content_type = s.clone(),
                        _ => diagnostics.error(
                            value.pos,
                            "`content_type` must be a media type string such as `application/json`",
                        ),
                    },
                    other => diagnostics.error(
                        key.pos,
                        format!("unknown key `{other}` in `wire`; the keys are `body` and `content_type`"),
                    ),
                }
            }
            if body.is_none() && !members.iter().any(|(k, _)| k.name == "body") {
                diagnostics.error(
                    node.pos,
                    "`wire` has no `body`; add `body:` with the error body template (e.g. `body: {code: $code, message: $message}`)",
                );
            }
            let body = body?;
            if diagnostics.len() != before {
                return None;
            }
            if !body.has_slot(Slot::Message) {
                diagnostics.error(
                    node.pos,
                    "the wire body has no `$message` slot; place `$message` where the API puts its error message",
                );
                return None;
            }
            Some(WireFormat {
                preset: None,
                body,
                content_type,
            })
        }
        other => {
            diagnostics.error(
                node.pos,
                format!(
                    "`wire` must be a preset name (`flat`, `envelope`, `aiml`) or a mapping with `body`, found {}",
                    other.kind()
                ),
            );
            None
        }
    }
}

/// Reads a body template; the root must be a mapping.
pub(crate) fn parse_body(node: &Node, diagnostics: &mut Diagnostics) -> Option<WireNode> {
    if !matches!(node.value, Value::Map(_)) {
        diagnostics.error(
            node.pos,
            format!(
                "the wire body must be a mapping (a JSON object), found {}",
                node.value.kind()
            ),
        );
        return None;
    }
    parse_node(node, diagnostics, 0)
}

const MAX_TEMPLATE_DEPTH: usize = 16;

/// Most members of one object, or elements of one list, in a body template.
/// Real error bodies have a handful; a template this wide is a mistake (a
/// list written out as members), and every member is a constant in each
/// binary and a step of every body read.
pub const MAX_TEMPLATE_MEMBERS: usize = 254;

/// Refuses an object or list wider than [`MAX_TEMPLATE_MEMBERS`].
fn too_wide(node: &Node, len: usize, what: &str, diagnostics: &mut Diagnostics) -> bool {
    if len <= MAX_TEMPLATE_MEMBERS {
        return false;
    }
    diagnostics.error(
        node.pos,
        format!(
            "this {what} of the wire body has {len} {}, more than the {MAX_TEMPLATE_MEMBERS} a template allows; a real error body has a handful: remove those the API does not send",
            if what == "list" { "elements" } else { "members" }
        ),
    );
    true
}

fn parse_node(node: &Node, diagnostics: &mut Diagnostics, depth: usize) -> Option<WireNode> {
    if depth > MAX_TEMPLATE_DEPTH {
        diagnostics.error(
            node.pos,
            format!("the wire body nests deeper than {MAX_TEMPLATE_DEPTH} levels; flatten it"),
        );
        return None;
    }
    Some(match &node.value {
        Value::Map(members) => {
            if too_wide(node, members.len(), "object", diagnostics) {
                return None;
            }
            let mut out: Vec<(String, WireNode)> = Vec::new();
            let mut when = None;
            let mut seen: Vec<(&str, Option<Pos>)> = Vec::new();
            for (key, value) in members {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key.name) {
                    diagnostics.error(
                        key.pos,
                        format!(
                            "duplicate member `{}` in the wire body{}; remove one",
                            key.name,
                            first
                                .map(|p| format!(" (first at {p})"))
                                .unwrap_or_default()
                        ),
                    );
                    continue;
                }
                seen.push((&key.name, key.pos));
                if key.name == "$when" {
                    match parse_node(value, diagnostics, depth + 1) {
                        Some(WireNode::Slot { slot, .. }) if !slot.always_present() => when = Some(slot),
                        Some(WireNode::Slot { slot, .. }) => diagnostics.error(
                            value.pos,
                            format!("`$when: {slot}` is always true: {slot} always has a value; use an optional slot such as `$field`"),
                        ),
                        Some(_) => diagnostics.error(
                            value.pos,
                            "`$when` takes a slot, e.g. `$when: $field`: the object is written only when that slot has a value",
                        ),
                        None => {}
                    }
                    continue;
                }
                if let Some(child) = parse_node(value, diagnostics, depth + 1) {
                    out.push((key.name.clone(), child));
                }
            }
            WireNode::Object { members: out, when }
        }
        Value::Seq(items) => {
            if items.is_empty() {
                diagnostics.error(
                    node.pos,
                    "an empty list in the wire body carries nothing; remove it or add elements",
                );
                return None;
            }
            if too_wide(node, items.len(), "list", diagnostics) {
                return None;
            }
            let items: Vec<WireNode> = items
                .iter()
                .filter_map(|item| parse_node(item, diagnostics, depth + 1))
                .collect();
            WireNode::Array(items)
        }
        Value::Str(text) => {
            if let Some(escaped) = text.strip_prefix("$$") {
                WireNode::Constant(Constant::Str(format!("${escaped}")))
            } else if let Some(spec) = text.strip_prefix('$') {
                let (name, null_if_absent) = match spec.strip_suffix("|null") {
                    Some(name) => (name, true),
                    None => (spec, false),
                };
                match Slot::from_name(name) {
                    Some(slot) if null_if_absent && slot.always_present() => {
                        diagnostics.error(
                            node.pos,
                            format!("`{text}`: {slot} always has a value, so `|null` never applies; write `{slot}`"),
                        );
                        return None;
                    }
                    Some(slot) => WireNode::Slot {
                        slot,
                        null_if_absent,
                    },
                    None => {
                        let names: Vec<String> =
                            Slot::ALL.iter().map(|(_, n)| format!("${n}")).collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        let hint = match crate::suggest::closest(
                            &format!("${name}"),
                            names.iter().copied(),
                        ) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => format!("use one of {}", quoted_list(&names)),
                        };
                        diagnostics.error(
                            node.pos,
                            format!(
                                "unknown slot `{text}` in the wire body; {hint} (add `|null` to write null when there is no value; write `$$` for a literal `$`)"
                            ),
                        );
                        return None;
                    }
                }
            } else {
                WireNode::Constant(Constant::Str(text.clone()))
            }
        }
        Value::Bool(b) => WireNode::Constant(Constant::Bool(*b)),
        Value::Null => WireNode::Constant(Constant::Null),
        Value::Int(i) => match i64::try_from(*i) {
            Ok(i) => WireNode::Constant(Constant::Int(i)),
            Err(_) => {
                diagnostics.error(
                    node.pos,
                    "this constant does not fit a 64-bit integer; make it a string",
                );
                return None;
            }
        },
        Value::Float(_) => {
            diagnostics.error(
                node.pos,
                "a wire body value must be a `$slot`, a string, an integer, a boolean, null, a list or a mapping, found a number with a fraction; quote it",
            );
            return None;
        }
    })
}

/// `a`, `b` or `c` with backticks, for messages.
pub(crate) fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
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
        assert!(google.body.slots().contains(&(
            vec!["error", "details", "[]", "fieldViolations", "[]", "field"],
            Slot::Field
        )));
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
