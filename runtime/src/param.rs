//! Conversions between variant fields and the parameters of a message or body.
//!
//! A variant field's type implements [`ToParam`] to be written into a body and
//! [`FromParam`] to be read back from one. The common types are covered; implement
//! both for your own newtypes.

use std::borrow::Cow;
use std::fmt;

use serde_json::value::RawValue;

/// A JSON object as JSON text, members in the order the body has them: the
/// Rust type of an `object` parameter, and an item type any `list` parameter
/// can use (`Vec<Object>`). Written back, it gives the same members in the
/// same order (a `serde_json::Map` would sort them). Read from a body, the
/// text is written again from the parsed value: whitespace is dropped, and a
/// number past 64-bit integers comes back as a float.
#[derive(Clone)]
pub struct Object(Box<RawValue>);

impl Object {
    /// The object in `text`; `None` when `text` is not a JSON object.
    pub fn parse(text: &str) -> Option<Object> {
        let raw: Box<RawValue> = serde_json::from_str(text).ok()?;
        Object::from_raw(raw)
    }

    fn from_raw(raw: Box<RawValue>) -> Option<Object> {
        raw.get().starts_with('{').then_some(Object(raw))
    }

    /// The object's JSON text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The object as a `serde_json` value, to read its members.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or_default()
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for Object {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        // A map of JSON values always serializes, to an object.
        Object(serde_json::value::to_raw_value(&map).unwrap_or_default())
    }
}

/// Equal when the members are, in any order: JSON objects are unordered
/// (a body read through a `serde_json::Value` has its members sorted).
impl PartialEq for Object {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.to_value() == other.to_value()
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Object {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Object {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Object::from_raw(raw).ok_or_else(|| serde::de::Error::custom("expected a JSON object"))
    }
}

/// A borrowed parameter value, ready to be written as JSON.
#[derive(Debug, Clone, Copy)]
pub enum ParamValue<'a> {
    /// Text.
    Str(&'a str),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// No value (`None`).
    Null,
    /// An object or a list (`object` and `list` parameters), written through serde.
    Json(&'a dyn JsonParam),
}

/// A parameter written as a JSON object or array: what `object` and `list`
/// parameters hold. Implemented for [`Object`] and for `Vec<T>` of any
/// serde type.
pub trait JsonParam: fmt::Debug {
    /// The value as JSON text, members in the order they are written.
    fn to_json(&self) -> Box<RawValue>;
}

impl JsonParam for Object {
    fn to_json(&self) -> Box<RawValue> {
        self.0.clone()
    }
}

impl<T: serde::Serialize + fmt::Debug> JsonParam for Vec<T> {
    fn to_json(&self) -> Box<RawValue> {
        // A serde type that cannot be JSON (a map with non-string keys) is a
        // programming error of that type; `null` keeps the body well-formed.
        serde_json::value::to_raw_value(self).unwrap_or_default()
    }
}

impl PartialEq for ParamValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        use ParamValue::*;
        match (self, other) {
            (Str(a), Str(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (UInt(a), UInt(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (Null, Null) => true,
            (Json(a), Json(b)) => a.to_json().get() == b.to_json().get(),
            _ => false,
        }
    }
}

impl fmt::Display for ParamValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Str(s) => f.write_str(s),
            ParamValue::Int(i) => fmt::Display::fmt(i, f),
            ParamValue::UInt(u) => fmt::Display::fmt(u, f),
            ParamValue::Float(x) => fmt::Display::fmt(x, f),
            ParamValue::Bool(b) => fmt::Display::fmt(b, f),
            ParamValue::Null => Ok(()),
            ParamValue::Json(value) => f.write_str(value.to_json().get()),
        }
    }
}

impl serde::Serialize for ParamValue<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            ParamValue::Str(s) => serializer.serialize_str(s),
            ParamValue::Int(i) => serializer.serialize_i64(i),
            ParamValue::UInt(u) => serializer.serialize_u64(u),
            ParamValue::Float(x) => serializer.serialize_f64(x),
            ParamValue::Bool(b) => serializer.serialize_bool(b),
            ParamValue::Null => serializer.serialize_unit(),
            ParamValue::Json(value) => value.to_json().serialize(serializer),
        }
    }
}

/// A field type that can be written into an error body.
pub trait ToParam {
    /// The value as a body parameter.
    fn to_param(&self) -> ParamValue<'_>;
}

/// A field type that can be read back from an error body: from a JSON member
/// of the body's data object, or from the text a message placeholder matched.
///
/// Return `None` for a value the type cannot hold: the body is then no value
/// of the entry (even for an `Option` field, which is `None` only when the
/// body lacks the parameter or has `null`), and reads as the unknown fallback,
/// kept whole. The text types read only JSON strings.
pub trait FromParam: Sized {
    /// Reads the value from a JSON member.
    fn from_json(value: &serde_json::Value) -> Option<Self>;
    /// Reads the value from the text of a message placeholder.
    fn from_text(text: &str) -> Option<Self>;
    /// Reads the value from the JSON text of an object or array member, its
    /// members in body order; the default goes through [`FromParam::from_json`].
    fn from_json_text(text: &str) -> Option<Self> {
        Self::from_json(&serde_json::from_str(text).ok()?)
    }
    /// Reads the value from a JSON string member; the default goes through
    /// [`FromParam::from_json`], text types override it to skip that copy.
    fn from_json_str(text: &str) -> Option<Self> {
        Self::from_json(&serde_json::Value::String(text.to_owned()))
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> ParamValue<'_> {
        (**self).to_param()
    }
}

impl<T: ToParam + ?Sized> ToParam for Box<T> {
    fn to_param(&self) -> ParamValue<'_> {
        (**self).to_param()
    }
}

// Text, by reference or owned.
macro_rules! text {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> ParamValue<'_> {
                ParamValue::Str(self)
            }
        }
    )*};
}

text!(str, String, Cow<'_, str>);

/// Text reads only a JSON string: a number in its place is another shape of
/// body, which written back as text would change its JSON type.
impl FromParam for String {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn from_json_str(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromParam for Cow<'static, str> {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        String::from_json(value).map(Cow::Owned)
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(Cow::Owned(text.to_owned()))
    }
    fn from_json_str(text: &str) -> Option<Self> {
        Some(Cow::Owned(text.to_owned()))
    }
}

// Numbers, each written as the widest type of its kind and read back
// from it (a value out of the field's range reads as nothing).
macro_rules! number {
    ($variant:ident, $wide:ty, $read:ident: $($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> ParamValue<'_> {
                ParamValue::$variant(*self as $wide)
            }
        }
        impl FromParam for $t {
            fn from_json(value: &serde_json::Value) -> Option<Self> {
                value.$read().and_then(|n| <$t>::try_from(n).ok())
            }
            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
        }
    )*};
}

number!(Int, i64, as_i64: i8, i16, i32, i64, isize);
number!(UInt, u64, as_u64: u8, u16, u32, u64, usize);

impl ToParam for f64 {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Float(*self)
    }
}

impl ToParam for f32 {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Float(f64::from(*self))
    }
}

impl FromParam for f64 {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_f64()
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl FromParam for f32 {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_f64().map(|x| x as f32)
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl ToParam for bool {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Bool(*self)
    }
}

impl FromParam for bool {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_bool()
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> ParamValue<'_> {
        match self {
            Some(v) => v.to_param(),
            None => ParamValue::Null,
        }
    }
}

impl<T: FromParam> FromParam for Option<T> {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Null => Some(None),
            other => T::from_json(other).map(Some),
        }
    }
    fn from_json_text(text: &str) -> Option<Self> {
        T::from_json_text(text).map(Some)
    }
    fn from_json_str(text: &str) -> Option<Self> {
        T::from_json_str(text).map(Some)
    }
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(Some)
    }
}

impl ToParam for Object {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Json(self)
    }
}

impl FromParam for Object {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_object().cloned().map(Object::from)
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
    fn from_json_text(text: &str) -> Option<Self> {
        Object::parse(text)
    }
}

impl<T: serde::Serialize + fmt::Debug> ToParam for Vec<T> {
    fn to_param(&self) -> ParamValue<'_> {
        ParamValue::Json(self)
    }
}

impl<T: serde::de::DeserializeOwned> FromParam for Vec<T> {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        value.as_array()?;
        Self::from_json_text(&value.to_string())
    }
    fn from_json_text(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_refuse_values_out_of_range() {
        assert_eq!(u8::from_json(&serde_json::json!(300)), None);
        assert_eq!(u64::from_json(&serde_json::json!(-1)), None);
        assert_eq!(u64::from_text("60"), Some(60));
        assert_eq!(i32::from_text("x"), None);
    }

    #[test]
    fn strings_read_only_strings() {
        assert_eq!(
            String::from_json(&serde_json::json!("42")),
            Some("42".into())
        );
        assert_eq!(String::from_json(&serde_json::json!(42)), None);
        assert_eq!(String::from_json(&serde_json::json!({"a": 1})), None);
    }

    #[test]
    fn display_writes_the_bare_value() {
        assert_eq!(ParamValue::Str("gpt").to_string(), "gpt");
        assert_eq!(ParamValue::UInt(60).to_string(), "60");
        assert_eq!(ParamValue::Null.to_string(), "");
    }
}
