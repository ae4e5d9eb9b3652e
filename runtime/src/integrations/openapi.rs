//! OpenAPI descriptions of a catalog's errors (features `utoipa` and `aide`):
//! the body schema worked out from the wire template, so it describes what
//! the server sends, and one response per status listing its codes, each
//! with an example body the runtime itself writes.
//!
//! Both integrations are built on the same JSON: [`body_schema`] and
//! [`responses`] give OpenAPI 3.1 objects as `serde_json` values, which
//! utoipa's and aide's types deserialize.

use serde_json::{json, Map, Value};

use crate::context::RequestContext;
use crate::response::REQUEST_ID_HEADER;
use crate::wire::{Fill, Node, Slot};
use crate::{ApiErrorCatalog, ErrorEntry, ParamKind, RateLimitValue};

/// The JSON Schema (OpenAPI 3.1 dialect) of the catalog's error bodies: an
/// object per template object, a `const` per constant, each slot and
/// parameter in the type the runtime writes, and `required` for the members
/// every entry's body has.
pub fn body_schema<E: ApiErrorCatalog>() -> Value {
    node_schema::<E>(&E::catalog().wire().body)
}

/// The entries the enum has a variant for, with their index: all of them,
/// or those a `subset` enum names. Its server sends no others, so nothing
/// here documents the rest.
fn sent<E: ApiErrorCatalog>() -> impl Iterator<Item = (usize, &'static ErrorEntry)> {
    let catalog = E::catalog();
    E::entries()
        .iter()
        .enumerate()
        .filter(move |(index, _)| catalog.has_variant(*index))
}

fn node_schema<E: ApiErrorCatalog>(node: &Node) -> Value {
    match node {
        Node::Object { members, .. } => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for (key, member) in members.iter() {
                properties.insert(key.to_string(), node_schema::<E>(member));
                let everywhere = sent::<E>()
                    .all(|(_, entry)| member.present(&|fill| has_value::<E>(entry, fill)));
                if everywhere {
                    required.push(Value::from(key.as_ref()));
                }
            }
            json!({"type": "object", "properties": properties, "required": required})
        }
        Node::Array { items, .. } if items.is_empty() => json!({"type": "array", "maxItems": 0}),
        Node::Array { items, .. } => {
            let items: Vec<Value> = items.iter().map(node_schema::<E>).collect();
            json!({"type": "array", "items": {"anyOf": items}})
        }
        Node::Slot(slot) => slot_schema::<E>(*slot),
        Node::SlotOrNull(slot) => or_null(slot_schema::<E>(*slot)),
        Node::Value(_) => json!({"type": "string"}),
        Node::ValueOrNull(_) => json!({"type": ["string", "null"]}),
        Node::Param(name) => param_schema::<E>(name),
        Node::ParamOrNull(name) => or_null(param_schema::<E>(name)),
        Node::Null => json!({"type": "null"}),
        Node::Bool(b) => json!({"type": "boolean", "const": b}),
        Node::Int(i) => json!({"type": "integer", "const": i}),
        Node::Str(s) => json!({"type": "string", "const": s}),
    }
}

fn or_null(mut schema: Value) -> Value {
    match schema.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            schema["type"] = json!([t, "null"]);
            schema
        }
        _ => json!({"anyOf": [schema, {"type": "null"}]}),
    }
}

fn slot_schema<E: ApiErrorCatalog>(slot: Slot) -> Value {
    match slot {
        Slot::Status => json!({"type": "integer", "minimum": 100, "maximum": 599}),
        Slot::RetryAfter => json!({"type": "integer", "minimum": 0}),
        Slot::StatusText => json!({"type": "string", "pattern": "^[1-5][0-9][0-9]$"}),
        Slot::RetryDelay => json!({"type": "string", "pattern": "^[0-9]+s$"}),
        Slot::Params => json!({"type": ["object", "null"]}),
        Slot::Metadata => json!({"type": "object", "additionalProperties": {"type": "string"}}),
        Slot::Code => {
            let codes = sent::<E>().filter_map(|(_, e)| e.code).take(5);
            if E::catalog().wire().numeric_codes {
                let codes: Vec<i64> = codes.filter_map(|c| c.parse().ok()).collect();
                json!({"type": "integer", "examples": codes})
            } else {
                json!({"type": "string", "examples": codes.collect::<Vec<_>>()})
            }
        }
        Slot::Message
        | Slot::Title
        | Slot::GrpcStatus
        | Slot::Type
        | Slot::Field
        | Slot::Detail
        | Slot::Domain
        | Slot::RequestId
        | Slot::Path
        | Slot::Timestamp => json!({"type": "string"}),
    }
}

/// The schema of parameter `name`: its kind where every entry that has it
/// agrees, nothing more where they do not.
fn param_schema<E: ApiErrorCatalog>(name: &str) -> Value {
    let mut kinds = sent::<E>().filter_map(|(_, e)| e.param(name));
    // Any JSON value, spelled out: utoipa reads no schema without a type.
    let any =
        || json!({"type": ["string", "integer", "number", "boolean", "object", "array", "null"]});
    let Some(first) = kinds.next() else {
        return any();
    };
    if kinds.any(|p| p.kind != first.kind || p.items != first.items) {
        return any();
    }
    match first.kind {
        ParamKind::List => match first.items {
            [only] if only.name.is_empty() => {
                json!({"type": "array", "items": kind_schema(only.kind)})
            }
            members => {
                let mut properties = Map::new();
                let mut required = Vec::new();
                for m in members {
                    properties.insert(m.name.to_string(), kind_schema(m.kind));
                    if !m.optional {
                        required.push(Value::from(m.name.as_ref()));
                    }
                }
                json!({"type": "array", "items": {"type": "object", "properties": properties, "required": required}})
            }
        },
        kind => kind_schema(kind),
    }
}

fn kind_schema(kind: ParamKind) -> Value {
    json!({"type": match kind {
        ParamKind::String => "string",
        ParamKind::Integer => "integer",
        ParamKind::Number => "number",
        ParamKind::Boolean => "boolean",
        ParamKind::Object => "object",
        ParamKind::List => "array",
    }})
}

/// Whether `entry`'s body has a value for `fill`, for every error of the entry.
fn has_value<E: ApiErrorCatalog>(entry: &ErrorEntry, fill: Fill<'_>) -> bool {
    match fill {
        Fill::Slot(slot) => match slot {
            Slot::Message
            | Slot::Status
            | Slot::StatusText
            | Slot::Title
            | Slot::GrpcStatus
            | Slot::Params => true,
            Slot::Code => entry.code.is_some(),
            Slot::Type => entry.error_type.is_some(),
            Slot::Field => entry.field.is_some(),
            Slot::Detail => entry.field.is_some() && entry.description.is_some(),
            Slot::Metadata => entry.params.iter().any(|p| !p.placed),
            Slot::RetryAfter | Slot::RetryDelay => entry.retry_after.is_some(),
            Slot::Domain => E::catalog().domain().is_some(),
            // Request context: there only when the server supplies it.
            Slot::RequestId | Slot::Path | Slot::Timestamp => false,
        },
        Fill::Value(name) => entry.value(name).is_some(),
        Fill::Param(name) => entry.param(name).is_some_and(|p| !p.optional),
    }
}

/// The context example bodies are written with.
fn example_context() -> RequestContext {
    RequestContext::new()
        .request_id("req_1234567890")
        .path("/v1/resource")
        .timestamp("2025-01-01T00:00:00.000Z")
}

/// The body the runtime writes for entry `index`, with a sample value for
/// each parameter (`<name>` for text); `None` when the variant cannot be
/// built from parameters (an internal cause that cannot be empty).
pub fn example_body<E: ApiErrorCatalog + serde::Serialize>(index: usize) -> Option<Value> {
    let entry = E::entries().get(index)?;
    let mut params = Map::new();
    for p in entry.params {
        let value = match p.kind {
            // The reference pages sample it the same way.
            ParamKind::Integer if p.name == "retry_after" => json!(entry.retry_after.unwrap_or(1)),
            ParamKind::List => {
                let item: Value = match p.items {
                    [only] if only.name.is_empty() => sample(only.kind, p.name),
                    members => members
                        .iter()
                        .map(|m| (m.name.to_string(), sample(m.kind, &m.name)))
                        .collect::<Map<_, _>>()
                        .into(),
                };
                json!([item])
            }
            kind => sample(kind, p.name),
        };
        params.insert(p.name.to_owned(), value);
    }
    let error = E::from_params(entry.key, &params)?;
    serde_json::to_value(error.with_context(&example_context())).ok()
}

fn sample(kind: ParamKind, name: &str) -> Value {
    match kind {
        ParamKind::String | ParamKind::List => json!(format!("<{name}>")),
        ParamKind::Integer => json!(1),
        ParamKind::Number => json!(0.5),
        ParamKind::Boolean => json!(true),
        ParamKind::Object => json!({}),
    }
}

/// One OpenAPI Response object per status of the catalog, keyed by the
/// status: its description lists every code of the status with what it
/// means, and its content (in the catalog's content type) has the body
/// schema and one example body per code.
pub fn responses<E: ApiErrorCatalog + serde::Serialize>() -> Map<String, Value> {
    let schema = body_schema::<E>();
    let content_type = E::catalog().wire().content_type.to_string();
    let mut statuses: Vec<u16> = sent::<E>().map(|(_, e)| e.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let mut out = Map::new();
    for status in statuses {
        let mut lines = Vec::new();
        let mut examples = Map::new();
        for (index, entry) in sent::<E>() {
            if entry.status != status {
                continue;
            }
            let name = entry.code.unwrap_or(entry.key);
            let about = entry.description.unwrap_or(entry.message);
            lines.push(format!("- `{name}`: {about}"));
            if let Some(body) = example_body::<E>(index) {
                examples.insert(
                    entry.key.to_owned(),
                    json!({"summary": name, "description": about, "value": body}),
                );
            }
        }
        let reason = crate::catalog::reason(status);
        let description = format!("{reason}\n\n{}", lines.join("\n"));
        let mut response = json!({
            "description": description,
            "content": {content_type.clone(): {"schema": schema.clone(), "examples": examples}},
        });
        let headers = response_headers::<E>(status);
        if !headers.is_empty() {
            response["headers"] = Value::Object(headers);
        }
        out.insert(status.to_string(), response);
    }
    out
}

/// The headers a response of `status` may carry, as OpenAPI Header objects:
/// the ones [`build_response`](crate::response::build_response) writes.
fn response_headers<E: ApiErrorCatalog>(status: u16) -> Map<String, Value> {
    let catalog = E::catalog();
    let entries = || {
        sent::<E>()
            .map(|(_, e)| e)
            .filter(move |e| e.status == status)
    };
    let mut headers = Map::new();
    let mut add = |name: &str, description: &str, schema: Value| {
        // Header names are case-insensitive: the first description of a name stays.
        if !headers.keys().any(|k| k.eq_ignore_ascii_case(name)) {
            headers.insert(
                name.to_owned(),
                json!({"description": description, "schema": schema}),
            );
        }
    };
    // Where the code travels in a header, the header says which error it is.
    if let Some(header) = catalog.wire().code_header.as_deref() {
        let mut codes: Vec<&str> = entries().filter_map(|e| e.code).collect();
        codes.sort_unstable();
        codes.dedup();
        if !codes.is_empty() {
            let schema = json!({"type": "string", "enum": codes});
            add(header, "The error code.", schema);
        }
    }
    let seconds = json!({"type": "integer", "minimum": 0});
    // The retry hint a server writes: the entry's figure or a numeric
    // `retry_after` parameter.
    let hinted = entries().any(|e| {
        e.retry_after.is_some()
            || e.param("retry_after")
                .is_some_and(|p| matches!(p.kind, ParamKind::Integer | ParamKind::Number))
    });
    if hinted {
        let about = "Seconds to wait before retrying, when the error gives a retry hint.";
        add("Retry-After", about, seconds.clone());
    }
    // Written on any response the server gives the figures for.
    for header in catalog.rate_limit_headers() {
        let about = match header.value {
            RateLimitValue::Limit => "Requests allowed in the current window.",
            RateLimitValue::Remaining => "Requests left in the current window.",
            RateLimitValue::Reset => "When the current window resets, as Unix time in seconds.",
            RateLimitValue::RetryAfter if hinted => "Seconds to wait before retrying.",
            RateLimitValue::RetryAfter => continue,
        };
        add(header.name, about, seconds.clone());
    }
    let request_id = catalog.request_id_header().unwrap_or(REQUEST_ID_HEADER);
    let about = "The id of the request this answers, when the request has one.";
    add(request_id, about, json!({"type": "string"}));
    headers
}

/// `response` as an OpenAPI library's type; a schema the library cannot
/// read loses the content, not the response (`bare` keeps the description).
fn typed<R: serde::de::DeserializeOwned>(response: Value, bare: impl FnOnce(String) -> R) -> R {
    let description = response["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    serde_json::from_value(response).unwrap_or_else(|_| bare(description))
}

/// `utoipa::IntoResponses` for derived enums (feature `utoipa`).
#[cfg(feature = "utoipa")]
pub fn utoipa_responses<E: ApiErrorCatalog + serde::Serialize>(
) -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::response::Response>>
{
    use utoipa::openapi::{response::Response, RefOr};
    responses::<E>()
        .into_iter()
        .map(|(status, response)| (status, RefOr::T(typed(response, Response::new))))
        .collect()
}

/// `aide::OperationOutput`'s responses for derived enums (feature `aide`).
#[cfg(feature = "aide")]
pub fn aide_responses<E: ApiErrorCatalog + serde::Serialize>(
) -> Vec<(Option<u16>, aide::openapi::Response)> {
    responses::<E>()
        .into_iter()
        .map(|(status, response)| {
            let response = typed(response, |description| aide::openapi::Response {
                description,
                ..Default::default()
            });
            (status.parse().ok(), response)
        })
        .collect()
}
