//! Writing an error body: walk the catalog's template and fill each slot.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::api_error::retry_after_secs;
use crate::context::RequestContext;
use crate::param::ParamValue;
use crate::wire::{Node, Slot};
use crate::ApiErrorCatalog;

/// Writes `error` as its catalog's body, with `context` filling request slots.
pub(crate) fn serialize<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    context: Option<&RequestContext>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let view = View { error, context };
    NodeView {
        view: &view,
        node: &E::catalog().wire.body,
    }
    .serialize(serializer)
}

struct View<'a, E> {
    error: &'a E,
    context: Option<&'a RequestContext>,
}

impl<E: ApiErrorCatalog> View<'_, E> {
    fn present(&self, node: &Node) -> bool {
        match node {
            Node::Object(members) => members.iter().any(|(_, n)| self.present(n)),
            Node::Slot(slot) => self.slot_present(*slot),
            _ => true,
        }
    }

    fn slot_present(&self, slot: Slot) -> bool {
        let e = self.error;
        match slot {
            Slot::Code => e.entry().is_some() || e.unknown().is_some_and(|u| u.code.is_some()),
            Slot::Message | Slot::Params => true,
            Slot::Status | Slot::StatusText => true,
            Slot::Field => e.field().is_some(),
            Slot::Detail => e
                .entry()
                .is_some_and(|en| en.field.is_some() && en.description.is_some()),
            Slot::RetryAfter => retry_after_secs(e).is_some(),
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
            Node::Object(members) => {
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
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Slot(slot) => self.slot(*slot, serializer),
        }
    }
}

impl<E: ApiErrorCatalog> NodeView<'_, '_, E> {
    fn slot<S: Serializer>(&self, slot: Slot, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.view.error;
        let context = self.view.context;
        match slot {
            Slot::Code => serializer.serialize_str(e.code()),
            Slot::Message => serializer.collect_str(e),
            Slot::Status => serializer.serialize_u16(e.status_u16()),
            Slot::StatusText => serializer.collect_str(&e.status_u16()),
            Slot::Field => serializer.serialize_str(e.field().unwrap_or_default()),
            Slot::Detail => serializer
                .serialize_str(e.entry().and_then(|en| en.description).unwrap_or_default()),
            Slot::RetryAfter => serializer.serialize_u64(retry_after_secs(e).unwrap_or(0)),
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
            Slot::Params => serialize_params(e, serializer),
        }
    }
}

fn serialize_params<E: ApiErrorCatalog, S: Serializer>(
    error: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if let Some(unknown) = error.unknown() {
        return unknown.data.serialize(serializer);
    }
    let Some(entry) = error.entry() else {
        return serializer.serialize_unit();
    };
    if entry.params.iter().all(|p| p.in_message) {
        return serializer.serialize_unit();
    }
    let mut data: Vec<(&'static str, ParamValue<'_>)> = Vec::new();
    error.visit_params(&mut |name, value| {
        if entry.param(name).is_some_and(|p| !p.in_message) {
            data.push((name, value));
        }
    });
    let mut map = serializer.serialize_map(Some(data.len()))?;
    for (name, value) in &data {
        map.serialize_entry(name, value)?;
    }
    map.end()
}
