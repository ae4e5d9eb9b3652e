//! Writing an error body: walk the catalog's template and fill each slot.

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use crate::context::{RequestContext, WithContext};
use crate::param::ParamValue;
use crate::retry_after::retry_after_secs;
use crate::secret::{Redacted, REDACTED};
use crate::wire::{Fill, Node, Slot};
use crate::{ApiErrorCatalog, ErrorEntry};
use error_catalog_core::masks_sensitive;

/// Writes `error` as its catalog's body, with `context` filling request slots.
pub(crate) fn serialize<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    context: Option<&RequestContext>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // An unknown error read from bytes goes back out exactly as it came in,
    // unless this enum's format is another API's.
    if let Some(unknown) = error.unknown() {
        let same_format = unknown.read_in_or_made(E::catalog().wire());
        if let Some(raw) = unknown.body.as_deref().filter(|_| same_format) {
            return raw.serialize(serializer);
        }
    }
    let body = Body {
        error,
        entry: error.entry(),
        context,
    };
    At {
        body: &body,
        node: &E::catalog().wire().body,
    }
    .serialize(serializer)
}

/// The error being written, with what every slot reads.
struct Body<'a, E> {
    error: &'a E,
    /// Read once: most slots need it.
    entry: Option<&'static ErrorEntry>,
    context: Option<&'a RequestContext>,
}

/// What a slot writes for one error.
#[derive(Clone, Copy)]
enum Value<'a> {
    Str(&'a str),
    Number(u64),
    Int(i64),
    /// The message (`Display`), sensitive parameters masked when `redacted`.
    Message {
        redacted: bool,
    },
    /// The status as a string (`"429"`).
    StatusText(u16),
    /// Seconds as a protobuf duration (`"60s"`).
    Delay(u64),
    /// The data parameters (`$params`) or every parameter as a string (`$metadata`).
    Params {
        all_as_strings: bool,
    },
}

impl<E: ApiErrorCatalog> Body<'_, E> {
    /// What `slot` writes for this error; `None` when it has no value, which
    /// leaves its member out (or writes `null` for `$slot|null`).
    fn value(&self, slot: Slot) -> Option<Value<'_>> {
        let (e, entry, context) = (self.error, self.entry, self.context);
        // An unknown error whose body had no status gets none invented.
        let status = || {
            (entry.is_some() || e.unknown().is_some_and(|u| u.status.is_some()))
                .then(|| e.status_u16())
        };
        Some(match slot {
            Slot::Code => {
                let code = match entry {
                    Some(en) => en.code?,
                    None => e.unknown()?.code.as_deref()?,
                };
                // An unknown error's code goes back in the JSON type it came
                // in when written in the format it was read in; otherwise as
                // the catalog writes codes. Those of a numeric catalog are
                // integers' text, but one made by hand may hold other text,
                // written as it is.
                let wire = E::catalog().wire();
                let came_as = (e.unknown())
                    .filter(|u| u.read_in_or_made(wire))
                    .and_then(|u| u.code_was_number);
                let number = came_as.unwrap_or(wire.numeric_codes);
                if !number {
                    return Some(Value::Str(code));
                }
                // Only text that reads back the same (not `+5` or `007`).
                match (code.parse::<i64>(), code.parse::<u64>()) {
                    (Ok(number), _) if number.to_string() == code => Value::Int(number),
                    (_, Ok(big)) if big.to_string() == code => Value::Number(big),
                    _ => Value::Str(code),
                }
            }
            // A 5xx is the server's fault: the client learns nothing from the
            // sensitive values, and they could end up in shared logs.
            Slot::Message => Value::Message {
                redacted: entry.is_some_and(|en| {
                    masks_sensitive(en.status) && en.params.iter().any(|p| p.sensitive)
                }),
            },
            Slot::Status => Value::Number(u64::from(status()?)),
            Slot::StatusText => Value::StatusText(status()?),
            Slot::Title => Value::Str(crate::catalog::reason(status()?)),
            Slot::GrpcStatus => Value::Str(match entry {
                Some(en) => en.grpc_status(),
                None => error_catalog_core::grpc_code(status()?),
            }),
            Slot::Type => Value::Str(match entry {
                Some(en) => en.error_type?,
                None => e.unknown()?.error_type.as_deref()?,
            }),
            Slot::Field => Value::Str(e.field()?),
            Slot::Detail => Value::Str(entry?.field.and(entry?.description)?),
            Slot::Params => Value::Params {
                all_as_strings: false,
            },
            Slot::Metadata => {
                entry
                    .is_some_and(|en| en.params.iter().any(|p| !p.placed))
                    .then_some(())?;
                Value::Params {
                    all_as_strings: true,
                }
            }
            Slot::RetryAfter => Value::Number(retry_after_secs(e)?),
            Slot::RetryDelay => Value::Delay(retry_after_secs(e)?),
            Slot::Domain => Value::Str(E::catalog().domain()?),
            Slot::RequestId => Value::Str(context?.request_id.as_deref()?),
            Slot::Path => Value::Str(context?.path.as_deref()?),
            Slot::Timestamp => Value::Str(context?.timestamp.as_deref()?),
        })
    }

    fn present(&self, node: &Node) -> bool {
        node.present(&|fill| match fill {
            Fill::Slot(Slot::Message | Slot::Params) => true,
            Fill::Slot(slot) => self.value(slot).is_some(),
            Fill::Value(name) => self.entry.and_then(|e| e.value(name)).is_some(),
            Fill::Param(name) => self.param(name).is_some(),
        })
    }

    /// The error's parameter `name`, unless it has none or it is `None`.
    fn param(&self, name: &str) -> Option<ParamValue<'_>> {
        let mut found = None;
        self.error.visit_params(&mut |n, value| {
            if n == name && value != ParamValue::Null {
                found = Some(value);
            }
        });
        found
    }
}

/// One node of the template, written for the error.
struct At<'a, 'b, E> {
    body: &'b Body<'a, E>,
    node: &'b Node,
}

impl<E: ApiErrorCatalog> Serialize for At<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self.body;
        match self.node {
            Node::Object { members, .. } => {
                let mut map = serializer.serialize_map(None)?;
                for (key, node) in members.iter() {
                    // A slot's value is worked out once, for presence and writing.
                    if let Node::Slot(slot) = node {
                        if let Some(value) = body.value(*slot) {
                            map.serialize_entry(key, &Written { body, value })?;
                        }
                    } else if body.present(node) {
                        map.serialize_entry(key, &At { body, node })?;
                    }
                }
                map.end()
            }
            Node::Array { items, .. } => {
                let mut seq = serializer.serialize_seq(None)?;
                for node in items.iter().filter(|n| body.present(n)) {
                    seq.serialize_element(&At { body, node })?;
                }
                seq.end()
            }
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Slot(slot) | Node::SlotOrNull(slot) => match body.value(*slot) {
                Some(value) => Written { body, value }.serialize(serializer),
                None => serializer.serialize_unit(),
            },
            Node::Value(name) | Node::ValueOrNull(name) => {
                match body.entry.and_then(|e| e.value(name)) {
                    Some(text) => serializer.serialize_str(text),
                    None => serializer.serialize_unit(),
                }
            }
            Node::Param(name) | Node::ParamOrNull(name) => {
                let redact = body.entry.is_some_and(|e| {
                    masks_sensitive(e.status) && e.param(name).is_some_and(|p| p.sensitive)
                });
                match body.param(name) {
                    Some(_) if redact => serializer.serialize_str(REDACTED),
                    Some(value) => value.serialize(serializer),
                    None => serializer.serialize_unit(),
                }
            }
        }
    }
}

/// A slot's value, written for the error.
struct Written<'a, 'b, E> {
    body: &'b Body<'a, E>,
    value: Value<'b>,
}

impl<E: ApiErrorCatalog> Serialize for Written<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.body.error;
        match self.value {
            Value::Str(s) => serializer.serialize_str(s),
            Value::Number(n) => serializer.serialize_u64(n),
            Value::Int(n) => serializer.serialize_i64(n),
            Value::Message { redacted: false } => serializer.collect_str(error),
            Value::Message { redacted: true } => serializer.collect_str(&Redacted(error)),
            Value::StatusText(status) => serializer.collect_str(&status),
            Value::Delay(secs) => serializer.collect_str(&format_args!("{secs}s")),
            Value::Params { all_as_strings } => {
                serialize_params(error, self.body.entry, serializer, all_as_strings)
            }
        }
    }
}

/// The data parameters (`$params`: those not in the message, JSON-typed, `null`
/// when none) or every parameter as a string (`$metadata`).
fn serialize_params<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    entry: Option<&'static ErrorEntry>,
    serializer: S,
    all_as_strings: bool,
) -> Result<S::Ok, S::Error> {
    let Some(entry) = entry else {
        return match error.unknown() {
            Some(unknown) => unknown.data.serialize(serializer),
            None => serializer.serialize_unit(),
        };
    };
    if !all_as_strings && entry.params.iter().all(|p| p.in_message || p.placed) {
        return serializer.serialize_unit();
    }
    let mut data: Vec<(&'static str, ParamValue<'_>)> = Vec::new();
    error.visit_params(&mut |name, value| {
        // `$metadata` has every parameter but those that are `None`;
        // `$params` those the message does not carry.
        // Neither has those a `$param.NAME` member carries.
        let placed = entry.param(name).is_none_or(|p| p.placed);
        // `$metadata` leaves out a parameter that is `None`: as text it
        // would be `""`, which an integer cannot read back.
        let absent = all_as_strings && value == ParamValue::Null;
        if !placed
            && !absent
            && (all_as_strings || entry.param(name).is_some_and(|p| !p.in_message))
        {
            data.push((name, value));
        }
    });
    let redact = masks_sensitive(entry.status);
    let mut map = serializer.serialize_map(Some(data.len()))?;
    for (name, value) in &data {
        let param = entry.param(name);
        let key = param.map_or(*name, |p| p.wire);
        if redact && param.is_some_and(|p| p.sensitive) {
            map.serialize_entry(key, REDACTED)?;
        } else if all_as_strings {
            map.serialize_entry(key, &format_args!("{value}"))?;
        } else {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

impl<E: ApiErrorCatalog> Serialize for WithContext<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.error, Some(self.context), serializer)
    }
}
