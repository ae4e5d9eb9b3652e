//! Writing an error body: walk the catalog's template and fill each slot.

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use crate::api_error::retry_after_secs;
use crate::context::{RequestContext, WithContext};
use crate::param::ParamValue;
use crate::wire::{Node, Slot};
use crate::ApiErrorCatalog;

/// Writes `error` as its catalog's body, with `context` filling request slots.
pub(crate) fn serialize<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    context: Option<&RequestContext>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let view = View {
        error,
        entry: error.entry(),
        context,
    };
    NodeView {
        view: &view,
        node: &E::catalog().wire().body,
    }
    .serialize(serializer)
}

struct View<'a, E> {
    error: &'a E,
    /// Read once: every slot needs it.
    entry: Option<&'static crate::ErrorEntry>,
    context: Option<&'a RequestContext>,
}

impl<E: ApiErrorCatalog> View<'_, E> {
    fn present(&self, node: &Node) -> bool {
        node.present(&|slot| self.has_value(slot))
    }

    fn has_value(&self, slot: Slot) -> bool {
        let e = self.error;
        let entry = self.entry;
        match slot {
            Slot::Code => entry.is_some() || e.unknown().is_some_and(|u| u.code.is_some()),
            Slot::Message | Slot::Params => true,
            // An unknown error whose body had no status gets none invented.
            Slot::Status | Slot::StatusText | Slot::Title | Slot::GrpcStatus => {
                entry.is_some() || e.unknown().is_some_and(|u| u.status.is_some())
            }
            Slot::Type => entry.is_some_and(|en| en.error_type.is_some()),
            Slot::Field => e.field().is_some(),
            Slot::Detail => entry.is_some_and(|en| en.field.is_some() && en.description.is_some()),
            Slot::Metadata => entry.is_some_and(|en| !en.params.is_empty()),
            Slot::RetryAfter | Slot::RetryDelay => retry_after_secs(e).is_some(),
            Slot::Domain => E::catalog().domain().is_some(),
            Slot::RequestId => self.context.is_some_and(|c| c.request_id.is_some()),
            Slot::Path => self.context.is_some_and(|c| c.path.is_some()),
            Slot::Timestamp => self.context.is_some_and(|c| c.timestamp.is_some()),
        }
    }
}

struct NodeView<'a, 'b, E> {
    view: &'b View<'a, E>,
    node: &'b Node,
}

impl<E: ApiErrorCatalog> Serialize for NodeView<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.node {
            Node::Object { members, .. } => {
                let mut map = serializer.serialize_map(None)?;
                for (key, node) in members.iter() {
                    if self.view.present(node) {
                        map.serialize_entry(
                            key,
                            &NodeView {
                                view: self.view,
                                node,
                            },
                        )?;
                    }
                }
                map.end()
            }
            Node::Array { items, .. } => {
                let mut seq = serializer.serialize_seq(None)?;
                for node in items.iter().filter(|n| self.view.present(n)) {
                    seq.serialize_element(&NodeView {
                        view: self.view,
                        node,
                    })?;
                }
                seq.end()
            }
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Slot(slot) => self.slot(*slot, serializer),
            Node::SlotOrNull(slot) if self.view.has_value(*slot) => self.slot(*slot, serializer),
            Node::SlotOrNull(_) => serializer.serialize_unit(),
        }
    }
}

impl<E: ApiErrorCatalog> NodeView<'_, '_, E> {
    fn slot<S: Serializer>(&self, slot: Slot, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.view.error;
        let context = self.view.context;
        let entry = self.view.entry;
        match slot {
            Slot::Code => serializer.serialize_str(e.code()),
            // A 5xx is the server's fault: the client learns nothing from the
            // sensitive values, and they could end up in shared logs.
            Slot::Message => match entry {
                Some(en) if en.status >= 500 && en.params.iter().any(|p| p.sensitive) => {
                    serializer.collect_str(&MessageView(e))
                }
                _ => serializer.collect_str(e),
            },
            Slot::Status => serializer.serialize_u16(e.status_u16()),
            Slot::StatusText => serializer.collect_str(&e.status_u16()),
            Slot::Title => serializer.serialize_str(crate::catalog::reason(e.status_u16())),
            Slot::GrpcStatus => {
                serializer.serialize_str(error_catalog_core::grpc_code(e.status_u16()))
            }
            Slot::Type => {
                serializer.serialize_str(entry.and_then(|en| en.error_type).unwrap_or_default())
            }
            Slot::Field => serializer.serialize_str(e.field().unwrap_or_default()),
            Slot::Detail => {
                serializer.serialize_str(entry.and_then(|en| en.description).unwrap_or_default())
            }
            Slot::RetryAfter => serializer.serialize_u64(retry_after_secs(e).unwrap_or(0)),
            Slot::RetryDelay => {
                serializer.collect_str(&format_args!("{}s", retry_after_secs(e).unwrap_or(0)))
            }
            Slot::Domain => serializer.serialize_str(E::catalog().domain().unwrap_or_default()),
            Slot::RequestId => serializer.serialize_str(
                context
                    .and_then(|c| c.request_id.as_deref())
                    .unwrap_or_default(),
            ),
            Slot::Path => serializer
                .serialize_str(context.and_then(|c| c.path.as_deref()).unwrap_or_default()),
            Slot::Timestamp => serializer.serialize_str(
                context
                    .and_then(|c| c.timestamp.as_deref())
                    .unwrap_or_default(),
            ),
            Slot::Params => serialize_params(e, entry, serializer, false),
            Slot::Metadata => serialize_params(e, entry, serializer, true),
        }
    }
}

/// The data parameters (`$params`: those not in the message, JSON-typed, `null`
/// when none) or every parameter as a string (`$metadata`).
fn serialize_params<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    entry: Option<&'static crate::ErrorEntry>,
    serializer: S,
    all_as_strings: bool,
) -> Result<S::Ok, S::Error> {
    let Some(entry) = entry else {
        return match error.unknown() {
            Some(unknown) => unknown.data.serialize(serializer),
            None => serializer.serialize_unit(),
        };
    };
    if !all_as_strings && entry.params.iter().all(|p| p.in_message) {
        return serializer.serialize_unit();
    }
    let mut data: Vec<(&'static str, ParamValue<'_>)> = Vec::new();
    error.visit_params(&mut |name, value| {
        if all_as_strings || entry.param(name).is_some_and(|p| !p.in_message) {
            data.push((name, value));
        }
    });
    let redact = entry.status >= 500;
    let mut map = serializer.serialize_map(Some(data.len()))?;
    for (name, value) in &data {
        if redact && entry.param(name).is_some_and(|p| p.sensitive) {
            map.serialize_entry(name, crate::secret::REDACTED)?;
        } else if all_as_strings {
            map.serialize_entry(name, &format_args!("{value}"))?;
        } else {
            map.serialize_entry(name, value)?;
        }
    }
    map.end()
}

impl<E: ApiErrorCatalog> Serialize for WithContext<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.error, Some(self.context), serializer)
    }
}

/// The message as a body carries it: sensitive parameters masked in 5xx bodies.
struct MessageView<'a, E>(&'a E);

impl<E: ApiErrorCatalog> std::fmt::Display for MessageView<'_, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::secret::write_message(self.0, self.0.status_u16() >= 500, f)
    }
}
