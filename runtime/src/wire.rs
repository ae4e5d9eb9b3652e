//! Body templates as generated code stores them: where each value goes in the JSON body.

/// A value filled per error when a body is written, read back when it is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The wire code.
    Code,
    /// The message with parameters filled in.
    Message,
    /// The HTTP status as a number.
    Status,
    /// The HTTP status as a string (`"429"`).
    StatusText,
    /// The HTTP reason phrase (`"Too Many Requests"`).
    Title,
    /// The google.rpc canonical code (`"RESOURCE_EXHAUSTED"`).
    GrpcStatus,
    /// The entry's type or category; left out when there is none.
    Type,
    /// The request parameter at fault; left out when there is none.
    Field,
    /// The entry's description for entries that name a field; left out otherwise.
    Detail,
    /// Object of the parameters that are not in the message; `null` when there are none.
    Params,
    /// Object of every parameter as a string; left out when there are none.
    Metadata,
    /// Retry hint in seconds; left out when there is none.
    RetryAfter,
    /// Retry hint as a protobuf duration (`"60s"`); left out when there is none.
    RetryDelay,
    /// The catalog's error domain; left out when there is none.
    Domain,
    /// Request id from the response context; left out when there is none.
    RequestId,
    /// Request path from the response context; left out when there is none.
    Path,
    /// ISO 8601 timestamp from the response context; left out when there is none.
    Timestamp,
}

/// One node of a body template.
///
/// A slot with no value leaves its member out (or writes `null` for
/// [`Node::SlotOrNull`]); an object or array that contains slots is left out when
/// none of them has a value; an object with a `when` slot is left out when that
/// slot has no value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    /// A JSON object.
    Object {
        /// Members in template order.
        members: &'static [(&'static str, Node)],
        /// Written only when this slot has a value.
        when: Option<Slot>,
        /// Whether any slot is inside (if not, the object is always written).
        has_slots: bool,
    },
    /// A JSON array; each element is matched to the body element with the same constants.
    Array {
        /// The elements.
        items: &'static [Node],
        /// Whether any slot is inside.
        has_slots: bool,
    },
    /// A value filled in per error; left out when it has none.
    Slot(Slot),
    /// A value filled in per error; `null` when it has none.
    SlotOrNull(Slot),
    /// The constant `null`.
    Null,
    /// A constant boolean.
    Bool(bool),
    /// A constant integer.
    Int(i64),
    /// A constant string.
    Str(&'static str),
}

/// An API's error body format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WireFormat {
    /// The preset it came from, if any (`flat`, `envelope`, `aiml`).
    pub preset: Option<&'static str>,
    /// The body template; its root is an object.
    pub body: Node,
    /// The `Content-Type` of error responses.
    pub content_type: &'static str,
}

impl WireFormat {
    /// Whether the body carries `slot` anywhere.
    pub fn has_slot(&self, slot: Slot) -> bool {
        fn walk(node: &Node, slot: Slot) -> bool {
            match node {
                Node::Object { members, .. } => members.iter().any(|(_, n)| walk(n, slot)),
                Node::Array { items, .. } => items.iter().any(|n| walk(n, slot)),
                Node::Slot(s) | Node::SlotOrNull(s) => *s == slot,
                _ => false,
            }
        }
        walk(&self.body, slot)
    }
}
