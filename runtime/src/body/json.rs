//! A JSON tree that borrows strings from the body where it can, and keeps
//! objects as small member lists: what parsing an error body needs, without
//! the allocations of `serde_json::Value` (a map and a `String` per member).

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::wire::Node;

/// An object member of a parsed body.
pub(crate) type Member<'a> = (Cow<'a, str>, Json<'a>);

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Json<'a> {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<Member<'a>>),
}

impl<'a> Json<'a> {
    /// The member `key` of an object; the last one when a key repeats, as
    /// JavaScript and `serde_json::Value` read duplicates.
    pub(crate) fn get<'m>(members: &'m [Member<'a>], key: &str) -> Option<&'m Json<'a>> {
        members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        match *self {
            Json::UInt(u) => Some(u),
            Json::Int(i) => u64::try_from(i).ok(),
            _ => None,
        }
    }

    /// A wait in seconds: a whole number, or a fraction rounded up.
    pub(crate) fn as_secs(&self) -> Option<u64> {
        match *self {
            Json::Float(x) if x >= 0.0 => Some(x.ceil() as u64),
            _ => self.as_u64(),
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// What a user would call this kind of value, for error messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) | Json::UInt(_) | Json::Float(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The same value as a `serde_json::Value`, for the public types that hold one.
    pub(crate) fn to_value(&self) -> serde_json::Value {
        // A tree read from JSON always converts (its floats are finite).
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The value as compact JSON text, members in body order.
    pub(crate) fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An object's members as a `serde_json::Value` object.
    pub(crate) fn object_to_value(members: &[Member<'a>]) -> serde_json::Value {
        let map = members.iter().map(|(k, v)| (k.to_string(), v.to_value()));
        serde_json::Value::Object(map.collect())
    }
}

impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Int(i) => serializer.serialize_i64(*i),
            Json::UInt(u) => serializer.serialize_u64(*u),
            Json::Float(x) => serializer.serialize_f64(*x),
            Json::Str(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor(None))
    }
}

/// Parses a body into a [`Json`] tree, keeping of each object the template
/// describes only the members it names: members it does not name are
/// skipped without being built, and without recursion, however deep they nest.
#[derive(Clone, Copy)]
pub(crate) struct Pruned<'t>(pub(crate) &'t Node);

impl<'de> DeserializeSeed<'de> for Pruned<'_> {
    type Value = Json<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        match self.0 {
            Node::Object { members, .. } => {
                deserializer.deserialize_any(JsonVisitor(Some(members)))
            }
            _ => Json::deserialize(deserializer),
        }
    }
}

/// Builds a [`Json`] from whatever the deserializer holds; with a template
/// object's members, an object keeps only those members (and an array where
/// the template has an object is kept empty: reading it reports the mistake).
struct JsonVisitor<'t>(Option<&'t [(Cow<'static, str>, Node)]>);

impl<'de> Visitor<'de> for JsonVisitor<'_> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        if self.0.is_some() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Json::Array(Vec::new()));
        }
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4).min(64));
        while let Some(Key(key)) = map.next_key()? {
            let Some(template) = self.0 else {
                members.push((key, map.next_value()?));
                continue;
            };
            match template.iter().find(|(name, _)| *name == key) {
                // Objects and arrays of constants only are not read.
                Some((_, node @ (Node::Object { .. } | Node::Array { .. })))
                    if node.has_slots() =>
                {
                    members.push((key, map.next_value_seed(Pruned(node))?));
                }
                Some((
                    _,
                    Node::Slot(_)
                    | Node::SlotOrNull(_)
                    | Node::Value(_)
                    | Node::ValueOrNull(_)
                    | Node::Param(_)
                    | Node::ParamOrNull(_),
                )) => {
                    members.push((key, map.next_value()?));
                }
                // Constants and unknown members say nothing about the error.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Json::Object(members))
    }
}

/// An object key, borrowed when the input allows.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_owns_escaped_ones() {
        let text = r#"{"a":"plain","b":"esc\"aped","a":2}"#;
        let json: Json<'_> = serde_json::from_str(text).unwrap();
        let Json::Object(members) = &json else {
            panic!()
        };
        assert!(matches!(&members[0].1, Json::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&members[1].1, Json::Str(Cow::Owned(_))));
        assert_eq!(
            Json::get(members, "a"),
            Some(&Json::UInt(2)),
            "last duplicate wins"
        );
    }

    #[test]
    fn converts_to_serde_json_values() {
        let text = r#"{"a":[1,-2,1.5,null,true,"x"],"b":{}}"#;
        let json: Json<'_> = serde_json::from_str(text).unwrap();
        assert_eq!(
            json.to_value(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
    }
}
