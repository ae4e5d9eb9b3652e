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
    /// The request parameter at fault; left out when there is none.
    Field,
    /// The entry's description for entries that name a field; left out otherwise.
    Detail,
    /// Object of the parameters that are not in the message; `null` when there are none.
    Params,
    /// Retry hint in seconds; left out when there is none.
    RetryAfter,
    /// Request id from the response context; left out when there is none.
    RequestId,
    /// Request path from the response context; left out when there is none.
    Path,
    /// ISO 8601 timestamp from the response context; left out when there is none.
    Timestamp,
}

/// One node of a body template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    /// A JSON object. An object whose members are all left out is left out too.
    Object(&'static [(&'static str, Node)]),
    /// A value filled in per error.
    Slot(Slot),
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
                Node::Object(members) => members.iter().any(|(_, n)| walk(n, slot)),
                Node::Slot(s) => *s == slot,
                _ => false,
            }
        }
        walk(&self.body, slot)
    }
}
