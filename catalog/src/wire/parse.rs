//! Reading a catalog's `wire:` value: a preset name or a body template.

use std::borrow::Cow;

use super::{preset, Node as BodyNode, Slot, WireFormat, DEFAULT_CONTENT_TYPE, PRESETS};
use crate::diagnostic::{Diagnostics, Pos};
use crate::node::{Node, Value};
use crate::suggest::quoted_list;

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
            let mut content_type = Cow::Borrowed(DEFAULT_CONTENT_TYPE);
            let mut code_header = None;
            let mut numeric_codes = false;
            for (key, value) in members {
                match key.name.as_str() {
                    "body" => body = parse_body(value, diagnostics),
                    "content_type" => match &value.value {
                        Value::Str(s) if !s.trim().is_empty() => content_type = Cow::Owned(s.clone()),
                        _ => diagnostics.error(
                            value.pos,
                            "`content_type` must be a media type string such as `application/json`",
                        ),
                    },
                    "code_header" => match &value.value {
                        Value::Str(s) if super::is_header_name(s) => {
                            code_header = Some(Cow::Owned(s.clone()))
                        }
                        _ => diagnostics.error(
                            value.pos,
                            "`code_header` must be the HTTP header name that carries the error code, such as `x-amzn-ErrorType`",
                        ),
                    },
                    "codes" => match &value.value {
                        Value::Str(s) if s == "number" => numeric_codes = true,
                        Value::Str(s) if s == "string" => numeric_codes = false,
                        _ => diagnostics.error(
                            value.pos,
                            "`codes` must be `number` (the API sends `\"code\": 20404`) or `string` (the default: `\"code\": \"not_found\"`)",
                        ),
                    },
                    other => diagnostics.error(
                        key.pos,
                        format!("unknown key `{other}` in `wire`; the keys are `body`, `content_type`, `code_header` and `codes`"),
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
            Some(
                WireFormat::new(None, body, content_type, code_header)
                    .with_numeric_codes(numeric_codes),
            )
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
pub(crate) fn parse_body(node: &Node, diagnostics: &mut Diagnostics) -> Option<BodyNode> {
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

fn parse_node(node: &Node, diagnostics: &mut Diagnostics, depth: usize) -> Option<BodyNode> {
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
            let mut out: Vec<(Cow<'static, str>, BodyNode)> = Vec::new();
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
                        Some(BodyNode::Slot(slot)) if !slot.always_present() => when = Some(slot),
                        Some(BodyNode::Slot(slot) | BodyNode::SlotOrNull(slot)) => diagnostics.error(
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
                    out.push((key.name.clone().into(), child));
                }
            }
            BodyNode::object(out, when)
        }
        Value::Seq(items) => {
            if too_wide(node, items.len(), "list", diagnostics) {
                return None;
            }
            let items: Vec<BodyNode> = items
                .iter()
                .filter_map(|item| parse_node(item, diagnostics, depth + 1))
                .collect();
            BodyNode::array(items)
        }
        Value::Str(text) => {
            if let Some(escaped) = text.strip_prefix("$$") {
                BodyNode::Str(format!("${escaped}").into())
            } else if let Some(spec) = text.strip_prefix('$') {
                let (name, null_if_absent) = match spec.strip_suffix("|null") {
                    Some(name) => (name, true),
                    None => (spec, false),
                };
                // `$param.NAME` and `$values.NAME`: a name, checked, then the node.
                type Named = (
                    &'static str,
                    fn(&str) -> bool,
                    &'static str,
                    fn(Cow<'static, str>) -> BodyNode,
                    fn(Cow<'static, str>) -> BodyNode,
                );
                const NAMED: [Named; 2] = [
                    ("param.", crate::template::is_param_name, "a parameter's name is snake_case (`$param.decline_code`)", BodyNode::Param, BodyNode::ParamOrNull),
                    ("values.", crate::model::is_value_name, "an entry value's name is letters, digits and `_`, starting with a letter (`$values.doc_url`)", BodyNode::Value, BodyNode::ValueOrNull),
                ];
                for (prefix, valid, rule, node_of, or_null) in NAMED {
                    let Some(named) = name.strip_prefix(prefix) else {
                        continue;
                    };
                    if !valid(named) {
                        diagnostics.error(node.pos, format!("`{text}`: {rule}"));
                        return None;
                    }
                    let named = Cow::Owned(named.to_owned());
                    return Some(if null_if_absent {
                        or_null(named)
                    } else {
                        node_of(named)
                    });
                }
                match Slot::from_name(name) {
                    Some(slot) if null_if_absent && slot.always_present() => {
                        diagnostics.error(
                            node.pos,
                            format!("`{text}`: {slot} always has a value, so `|null` never applies; write `{slot}`"),
                        );
                        return None;
                    }
                    Some(slot) if null_if_absent => BodyNode::SlotOrNull(slot),
                    Some(slot) => BodyNode::Slot(slot),
                    None => {
                        let names: Vec<String> =
                            Slot::ALL.iter().map(|(_, n)| format!("${n}")).collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        let hint = match crate::suggest::closest(
                            &format!("${name}"),
                            names.iter().copied(),
                        ) {
                            Some(near) => {
                                // The suggestion keeps the `|null` the user
                                // wrote, where the slot can be absent.
                                let can_be_null = Slot::from_name(&near[1..])
                                    .is_some_and(|s| !s.always_present());
                                let or_null = if null_if_absent && can_be_null {
                                    "|null"
                                } else {
                                    ""
                                };
                                format!("did you mean `{near}{or_null}`?")
                            }
                            None => format!("use one of {}", quoted_list(&names)),
                        };
                        let null_note = if null_if_absent {
                            ""
                        } else {
                            "; add `|null` to write null when there is no value"
                        };
                        diagnostics.error(
                            node.pos,
                            format!(
                                "unknown slot `{text}` in the wire body; {hint} (or `$values.NAME` for an entry's own value, `$param.NAME` for one parameter{null_note}; write `$$` for a literal `$`)"
                            ),
                        );
                        return None;
                    }
                }
            } else {
                BodyNode::Str(text.clone().into())
            }
        }
        Value::Bool(b) => BodyNode::Bool(*b),
        Value::Null => BodyNode::Null,
        Value::Int(i) => match i64::try_from(*i) {
            Ok(i) => BodyNode::Int(i),
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
