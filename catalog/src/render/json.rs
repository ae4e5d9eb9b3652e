//! Example error bodies for the docs, written from the wire template exactly as
//! the runtime writes them (compact, members in template order).

use error_catalog_core::grpc_code;

use super::reason;
use crate::model::{Catalog, Entry};
use crate::wire::{Fill, Node, Slot};
use crate::ParamKind;

/// Request context used in documented example bodies.
#[derive(Debug, Clone, Copy)]
pub struct ExampleContext<'a> {
    /// Request id.
    pub request_id: Option<&'a str>,
    /// Request path.
    pub path: Option<&'a str>,
    /// ISO 8601 timestamp.
    pub timestamp: Option<&'a str>,
}

/// The context the generated docs show.
pub const DOCS_CONTEXT: ExampleContext<'static> = ExampleContext {
    request_id: Some("req_1234567890"),
    path: Some("/v1/chat/completions"),
    timestamp: Some("2025-01-01T00:00:00.000Z"),
};

/// The request context a catalog's page shows: the one its `example:` gives
/// (the API's own request id and time), else [`DOCS_CONTEXT`].
pub fn example_context(catalog: &Catalog) -> ExampleContext<'_> {
    let lead = catalog.example.as_ref();
    ExampleContext {
        request_id: lead
            .and_then(|l| l.request_id.as_deref())
            .or(DOCS_CONTEXT.request_id),
        path: lead.and_then(|l| l.path.as_deref()).or(DOCS_CONTEXT.path),
        timestamp: lead
            .and_then(|l| l.timestamp.as_deref())
            .or(DOCS_CONTEXT.timestamp),
    }
}

/// The example value the docs use for parameter `name` of `entry`: the
/// catalog's `example:` or one of the parameter's type, and `[redacted]` for a
/// sensitive parameter of a 5xx entry, as the server sends it.
pub fn example_value(entry: &Entry, name: &str) -> ExampleValue {
    let param = entry.param(name);
    let kind = param.map_or(ParamKind::String, |p| p.kind);
    // What a 5xx body carries in place of a sensitive value.
    if error_catalog_core::masks_sensitive(entry.status) && param.is_some_and(|p| p.sensitive) {
        return ExampleValue::Str(error_catalog_core::REDACTED.to_owned());
    }
    // The value the API's reference shows, when the catalog gives one.
    if let Some(example) = param.and_then(|p| p.example.as_deref()) {
        let given = match kind {
            ParamKind::String => Some(ExampleValue::Str(example.to_owned())),
            ParamKind::Integer => example.parse().ok().map(ExampleValue::Int),
            ParamKind::Number => example.parse().ok().map(ExampleValue::Number),
            ParamKind::Boolean => example.parse().ok().map(ExampleValue::Bool),
            ParamKind::Object | ParamKind::List => None,
        };
        if let Some(given) = given {
            return given;
        }
    }
    match kind {
        ParamKind::Integer if name == "retry_after" => {
            ExampleValue::Int(entry.retry_after.unwrap_or(1) as i64)
        }
        ParamKind::Integer => ExampleValue::Int(1),
        ParamKind::Number => ExampleValue::Number(0.5),
        ParamKind::Boolean => ExampleValue::Bool(true),
        ParamKind::String => ExampleValue::Str(format!("<{name}>")),
        ParamKind::Object => ExampleValue::Json("{}".to_owned()),
        // One item, each member with the example of its type.
        ParamKind::List => {
            let items = param.map(|p| p.items.as_slice());
            let value = |m: &crate::ItemMember| match m.kind {
                ParamKind::Integer => "1".to_owned(),
                ParamKind::Number => "0.5".to_owned(),
                ParamKind::Boolean => "true".to_owned(),
                ParamKind::Object => "{}".to_owned(),
                ParamKind::String | ParamKind::List if m.name.is_empty() => {
                    string(&format!("<{name}>"))
                }
                ParamKind::String | ParamKind::List => string(&format!("<{}>", m.name)),
            };
            ExampleValue::Json(match items.unwrap_or_default() {
                // Items that are plain values.
                [only] if only.name.is_empty() => format!("[{}]", value(only)),
                members => {
                    let members: Vec<String> = members
                        .iter()
                        .map(|m| format!("{}:{}", string(&m.name), value(m)))
                        .collect();
                    format!("[{{{}}}]", members.join(","))
                }
            })
        }
    }
}

/// A parameter value in an example.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleValue {
    /// Text.
    Str(String),
    /// An integer.
    Int(i64),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An object or a list, as compact JSON text.
    Json(String),
}

impl ExampleValue {
    fn text(&self) -> String {
        match self {
            ExampleValue::Str(s) => s.clone(),
            ExampleValue::Int(i) => i.to_string(),
            ExampleValue::Number(x) => x.to_string(),
            ExampleValue::Bool(b) => b.to_string(),
            ExampleValue::Json(text) => text.clone(),
        }
    }

    fn json(&self) -> String {
        match self {
            ExampleValue::Str(s) => string(s),
            other => other.text(),
        }
    }
}

/// The message of `entry` with example values filled in.
pub fn example_message(entry: &Entry) -> String {
    use crate::template::Segment;
    entry
        .message
        .segments
        .iter()
        .map(|s| match s {
            Segment::Literal(t) => t.to_string(),
            Segment::Placeholder(name) => example_value(entry, name).text(),
        })
        .collect()
}

/// The compact JSON body the server sends for `entry`, with example parameters.
pub fn example_body(catalog: &Catalog, entry: &Entry, context: ExampleContext<'_>) -> String {
    let writer = Writer {
        catalog,
        entry,
        context,
    };
    let mut out = String::new();
    writer.node(&catalog.wire.body, &mut out);
    out
}

struct Writer<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    context: ExampleContext<'a>,
}

impl Writer<'_> {
    /// The JSON text of a slot, or `None` when it has no value for this entry.
    fn slot(&self, slot: Slot) -> Option<String> {
        let entry = self.entry;
        let context = self.context;
        Some(match slot {
            // Validation made every code of such a catalog an integer's text.
            Slot::Code if self.catalog.wire.numeric_codes => entry.code.clone()?,
            Slot::Code => string(entry.code.as_deref()?),
            Slot::Message => string(&example_message(entry)),
            Slot::Status => entry.status.to_string(),
            Slot::StatusText => string(&entry.status.to_string()),
            Slot::Title => string(reason(entry.status)),
            Slot::GrpcStatus => string(
                entry
                    .grpc_status
                    .as_deref()
                    .unwrap_or_else(|| grpc_code(entry.status)),
            ),
            Slot::Type => string(entry.error_type.as_deref()?),
            Slot::Field => match (&entry.field, &entry.field_param) {
                (Some(field), _) => string(field),
                (None, Some(param)) => string(&example_value(entry, param).text()),
                (None, None) => return None,
            },
            Slot::Detail => {
                entry.field.as_ref()?;
                string(entry.description.as_deref()?)
            }
            Slot::Params => params(entry),
            Slot::Metadata => metadata(entry)?,
            Slot::RetryAfter => retry_after(entry)?.to_string(),
            Slot::RetryDelay => string(&format!("{}s", retry_after(entry)?)),
            Slot::Domain => string(self.catalog.domain.as_deref()?),
            Slot::RequestId => string(context.request_id?),
            Slot::Path => string(context.path?),
            Slot::Timestamp => string(context.timestamp?),
        })
    }

    fn fill(&self, fill: Fill<'_>) -> Option<String> {
        match fill {
            Fill::Slot(slot) => self.slot(slot),
            Fill::Value(name) => self.entry.value(name).map(string),
            Fill::Param(name) => {
                self.entry.param(name)?;
                Some(example_value(self.entry, name).json())
            }
        }
    }

    fn present(&self, node: &Node) -> bool {
        node.present(&|fill| self.fill(fill).is_some())
    }

    fn node(&self, node: &Node, out: &mut String) {
        match node {
            Node::Object { members, .. } => {
                out.push('{');
                let mut first = true;
                for (key, value) in members.iter() {
                    if !self.present(value) {
                        continue;
                    }
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&string(key));
                    out.push(':');
                    self.node(value, out);
                }
                out.push('}');
            }
            Node::Array { items, .. } => {
                out.push('[');
                let mut first = true;
                for item in items.iter().filter(|i| self.present(i)) {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    self.node(item, out);
                }
                out.push(']');
            }
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(&b.to_string()),
            Node::Int(i) => out.push_str(&i.to_string()),
            Node::Str(s) => out.push_str(&string(s)),
            Node::Slot(slot) | Node::SlotOrNull(slot) => {
                out.push_str(&self.slot(*slot).unwrap_or_else(|| "null".to_owned()))
            }
            Node::Value(name) | Node::ValueOrNull(name) => out.push_str(
                &self
                    .fill(Fill::Value(name))
                    .unwrap_or_else(|| "null".to_owned()),
            ),
            Node::Param(name) | Node::ParamOrNull(name) => out.push_str(
                &self
                    .fill(Fill::Param(name))
                    .unwrap_or_else(|| "null".to_owned()),
            ),
        }
    }
}

fn retry_after(entry: &Entry) -> Option<i64> {
    if entry.param("retry_after").is_some() {
        // As the runtime reads a hint from the parameter: fractions round up.
        match example_value(entry, "retry_after") {
            ExampleValue::Int(i) => return Some(i),
            ExampleValue::Number(x) if x >= 0.0 => return Some(x.ceil() as i64),
            _ => {}
        }
    }
    entry.retry_after.map(|s| s as i64)
}

fn params(entry: &Entry) -> String {
    let data: Vec<String> = entry
        .params
        .iter()
        .filter(|p| !p.in_message && !p.placed)
        .map(|p| {
            format!(
                "{}:{}",
                string(p.wire.as_deref().unwrap_or(&p.name)),
                example_value(entry, &p.name).json()
            )
        })
        .collect();
    if data.is_empty() {
        "null".to_owned()
    } else {
        format!("{{{}}}", data.join(","))
    }
}

fn metadata(entry: &Entry) -> Option<String> {
    if entry.params.iter().all(|p| p.placed) {
        return None;
    }
    let members: Vec<String> = entry
        .params
        .iter()
        .filter(|p| !p.placed)
        .map(|p| {
            format!(
                "{}:{}",
                string(p.wire.as_deref().unwrap_or(&p.name)),
                string(&example_value(entry, &p.name).text())
            )
        })
        .collect();
    Some(format!("{{{}}}", members.join(",")))
}

/// A JSON string literal, escaped as serde_json escapes it.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Re-indents a compact JSON body for reading (2 spaces), leaving strings intact.
pub fn pretty(compact: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = compact.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.get(i + 1), Some('}') | Some(']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                if !matches!(chars.get(i.wrapping_sub(1)), Some('{') | Some('[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    out.push_str(&"  ".repeat(depth));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_like_serde_json() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    #[test]
    fn pretty_indents_without_touching_strings() {
        assert_eq!(
            pretty(r#"{"a":{"b":"x,{y}:"},"c":null,"d":{}}"#),
            "{\n  \"a\": {\n    \"b\": \"x,{y}:\"\n  },\n  \"c\": null,\n  \"d\": {}\n}"
        );
    }
}
