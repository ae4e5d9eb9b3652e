//! Body templates: where an API puts each value in its JSON error body, and
//! which parts of a body are written for a given error.

use std::borrow::Cow;

use crate::slot::Slot;

/// An object's members in template order.
pub type Members = Cow<'static, [(Cow<'static, str>, Node)]>;

/// One node of a body template.
///
/// Presence, the same for writing bodies and for the docs' examples: a slot
/// with no value leaves its member out (or writes `null` for
/// [`Node::SlotOrNull`]); an object or array that contains slots is left out
/// when none of them has a value; an object with a `when` slot is left out
/// when that slot has no value. See [`Node::present`].
///
/// Generated code stores templates as `'static` data (`Cow::Borrowed`); the
/// model builds them from a catalog file with [`Node::object`] and
/// [`Node::array`], which fill in `has_slots`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A JSON object.
    Object {
        /// Members in template order.
        members: Members,
        /// Written only when this slot has a value.
        when: Option<Slot>,
        /// Whether any slot is inside (if not, the object is always written).
        has_slots: bool,
    },
    /// A JSON array; when a body is read, each element is matched to the body
    /// element with the same constant members (e.g. the same `@type`).
    Array {
        /// The elements.
        items: Cow<'static, [Node]>,
        /// Whether any slot is inside.
        has_slots: bool,
    },
    /// A value filled in per error; the member is left out when it has none.
    Slot(Slot),
    /// A value filled in per error; `null` when it has none.
    SlotOrNull(Slot),
    /// The entry's own value of this name (`values:` in the catalog, placed
    /// with `$values.NAME`); left out for entries without it.
    Value(Cow<'static, str>),
    /// The entry's own value of this name; `null` for entries without it.
    ValueOrNull(Cow<'static, str>),
    /// The error's parameter of this name, in its JSON type (`$param.NAME`);
    /// left out when the error has no such parameter or it is `None`.
    Param(Cow<'static, str>),
    /// The error's parameter of this name; `null` when it has none.
    ParamOrNull(Cow<'static, str>),
    /// The constant `null`.
    Null,
    /// A constant boolean.
    Bool(bool),
    /// A constant integer.
    Int(i64),
    /// A constant string.
    Str(Cow<'static, str>),
}

impl Node {
    /// An object node; `has_slots` is worked out from the members.
    pub fn object(members: Vec<(Cow<'static, str>, Node)>, when: Option<Slot>) -> Node {
        let has_slots = members.iter().any(|(_, n)| n.has_slots());
        Node::Object {
            members: Cow::Owned(members),
            when,
            has_slots,
        }
    }

    /// An array node; `has_slots` is worked out from the items.
    pub fn array(items: Vec<Node>) -> Node {
        let has_slots = items.iter().any(Node::has_slots);
        Node::Array {
            items: Cow::Owned(items),
            has_slots,
        }
    }

    /// Whether the node is or contains a slot.
    pub fn has_slots(&self) -> bool {
        match self {
            Node::Object { has_slots, .. } | Node::Array { has_slots, .. } => *has_slots,
            Node::Slot(_)
            | Node::SlotOrNull(_)
            | Node::Value(_)
            | Node::ValueOrNull(_)
            | Node::Param(_)
            | Node::ParamOrNull(_) => true,
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => false,
        }
    }

    /// Whether the template places `slot` anywhere.
    pub fn has_slot(&self, slot: Slot) -> bool {
        match self {
            Node::Object { members, .. } => members.iter().any(|(_, n)| n.has_slot(slot)),
            Node::Array { items, .. } => items.iter().any(|n| n.has_slot(slot)),
            Node::Slot(s) | Node::SlotOrNull(s) => *s == slot,
            Node::Value(_) | Node::ValueOrNull(_) | Node::Param(_) | Node::ParamOrNull(_) => false,
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => false,
        }
    }

    /// Every slot with the member path that leads to it (array elements
    /// appear as `[]`), in template order.
    pub fn slots(&self) -> Vec<(Vec<&str>, Slot)> {
        self.fills()
            .into_iter()
            .filter_map(|(path, fill)| match fill {
                Fill::Slot(slot) => Some((path, slot)),
                Fill::Value(_) | Fill::Param(_) => None,
            })
            .collect()
    }

    /// Every slot and entry value with the member path that leads to it
    /// (array elements appear as `[]`), in template order.
    pub fn fills(&self) -> Vec<(Vec<&str>, Fill<'_>)> {
        fn walk<'a>(
            node: &'a Node,
            path: &mut Vec<&'a str>,
            out: &mut Vec<(Vec<&'a str>, Fill<'a>)>,
        ) {
            match node {
                Node::Object { members, .. } => {
                    for (key, value) in members.iter() {
                        path.push(key);
                        walk(value, path, out);
                        path.pop();
                    }
                }
                Node::Array { items, .. } => {
                    for item in items.iter() {
                        path.push("[]");
                        walk(item, path, out);
                        path.pop();
                    }
                }
                Node::Slot(slot) | Node::SlotOrNull(slot) => {
                    out.push((path.clone(), Fill::Slot(*slot)));
                }
                Node::Value(name) | Node::ValueOrNull(name) => {
                    out.push((path.clone(), Fill::Value(name)));
                }
                Node::Param(name) | Node::ParamOrNull(name) => {
                    out.push((path.clone(), Fill::Param(name)));
                }
                Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {}
            }
        }
        let mut out = Vec::new();
        walk(self, &mut Vec::new(), &mut out);
        out
    }

    /// Whether the node is written for an error whose slots and entry values
    /// have a value where `has_value` says so.
    pub fn present(&self, has_value: &impl Fn(Fill<'_>) -> bool) -> bool {
        // A node makes its container worth writing when it has slots and is present.
        let counts = |node: &Node| node.has_slots() && node.present(has_value);
        match self {
            Node::Object {
                members,
                when,
                has_slots,
            } => {
                if when.is_some_and(|slot| !has_value(Fill::Slot(slot))) {
                    return false;
                }
                !has_slots || members.iter().any(|(_, n)| counts(n))
            }
            Node::Array { items, has_slots } => !has_slots || items.iter().any(counts),
            Node::Slot(slot) => has_value(Fill::Slot(*slot)),
            Node::Value(name) => has_value(Fill::Value(name)),
            Node::Param(name) => has_value(Fill::Param(name)),
            Node::SlotOrNull(_)
            | Node::ValueOrNull(_)
            | Node::ParamOrNull(_)
            | Node::Null
            | Node::Bool(_)
            | Node::Int(_)
            | Node::Str(_) => true,
        }
    }
}

/// What a template fills per error: a slot, or the entry's own value of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fill<'a> {
    /// A slot (`$code`, `$message`, ...).
    Slot(Slot),
    /// The entry's value of this name (`$values.NAME`).
    Value(&'a str),
    /// The error's parameter of this name (`$param.NAME`).
    Param(&'a str),
}

impl Node {
    /// The names of the parameters the template places one by one (`$param.NAME`).
    pub fn placed_params(&self) -> Vec<&str> {
        self.fills()
            .into_iter()
            .filter_map(|(_, fill)| match fill {
                Fill::Param(name) => Some(name),
                Fill::Slot(_) | Fill::Value(_) => None,
            })
            .collect()
    }
}

/// An API's error body format.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WireFormat {
    /// The preset it came from, if any (`flat`, `envelope`, `google`, ...).
    pub preset: Option<Cow<'static, str>>,
    /// The body template; its root is an object.
    pub body: Node,
    /// The `Content-Type` of error responses.
    pub content_type: Cow<'static, str>,
    /// The response header that carries the wire code, for APIs that send it
    /// there rather than in the body (AWS's `x-amzn-ErrorType`). Its value is
    /// the code up to the first `:` (AWS appends a namespace after one).
    pub code_header: Option<Cow<'static, str>>,
    /// Whether the codes are JSON numbers (`"code": 20404`, as Twilio and
    /// JSON-RPC send them) rather than strings: a catalog whose codes are
    /// YAML integers. The code is still the number's decimal text
    /// everywhere else (`code()`, lookups, headers).
    pub numeric_codes: bool,
}

impl WireFormat {
    /// A format from its parts.
    pub const fn new(
        preset: Option<Cow<'static, str>>,
        body: Node,
        content_type: Cow<'static, str>,
        code_header: Option<Cow<'static, str>>,
    ) -> Self {
        WireFormat {
            preset,
            body,
            content_type,
            code_header,
            numeric_codes: false,
        }
    }

    /// The same format, with codes as JSON numbers when `numeric` is true.
    pub const fn with_numeric_codes(mut self, numeric: bool) -> Self {
        self.numeric_codes = numeric;
        self
    }

    /// Whether the body carries `slot` anywhere.
    pub fn has_slot(&self, slot: Slot) -> bool {
        self.body.has_slot(slot)
    }

    /// Whether a response carries the wire code: in the body (`$code`) or
    /// in the code header.
    pub fn carries_code(&self) -> bool {
        self.code_header.is_some() || self.has_slot(Slot::Code)
    }

    /// The wire code a code header's value names: the text before the first
    /// `:`, trimmed; `None` when that is empty.
    pub fn code_in_header(value: &str) -> Option<&str> {
        let code = value.split(':').next().unwrap_or_default().trim();
        (!code.is_empty()).then_some(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(key: &'static str, node: Node) -> (Cow<'static, str>, Node) {
        (Cow::Borrowed(key), node)
    }

    #[test]
    fn objects_without_values_are_left_out() {
        let details = Node::object(
            vec![
                member("field", Node::Slot(Slot::Field)),
                member("kind", Node::Str("x".into())),
            ],
            None,
        );
        let body = Node::object(
            vec![
                member("message", Node::Slot(Slot::Message)),
                member("details", details.clone()),
            ],
            None,
        );
        let none = |f: Fill<'_>| f == Fill::Slot(Slot::Message);
        let field = |f: Fill<'_>| matches!(f, Fill::Slot(Slot::Message | Slot::Field));
        assert!(body.present(&none));
        assert!(!details.present(&none), "only a constant left: not written");
        assert!(details.present(&field));
        let guarded = Node::object(vec![member("a", Node::Int(1))], Some(Slot::Field));
        assert!(!guarded.present(&none));
        assert!(guarded.present(&field));
        assert!(Node::SlotOrNull(Slot::Field).present(&none));
        let doc = Node::object(vec![member("doc", Node::Value("doc_url".into()))], None);
        assert!(
            !doc.present(&none),
            "an entry without the value leaves it out"
        );
        assert!(doc.present(&|f: Fill<'_>| f == Fill::Value("doc_url")));
        assert_eq!(doc.fills(), vec![(vec!["doc"], Fill::Value("doc_url"))]);
        assert!(doc.slots().is_empty());
        assert_eq!(
            body.slots(),
            vec![
                (vec!["message"], Slot::Message),
                (vec!["details", "field"], Slot::Field)
            ]
        );
    }
}
