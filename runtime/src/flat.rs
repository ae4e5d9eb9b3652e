//! Reading bodies whose template is one object of distinct slots (`{code, message, data}`).
//!
//! With each slot in one member only, the rules of [`crate::read`] come down
//! to "a member's last occurrence counts": no template places to rank, no
//! outranked values to keep, so each value goes straight to its field of
//! [`Slots`]. A type mistake is kept with its member's index, forgotten if the
//! member comes again, and the first in template order is the one reported,
//! as the general reader does. `tests/tests/stream_and_tree.rs` checks both
//! readers give the same result on mutated bodies of the flat catalogs.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::json::{Json, JsonVisitor};
use crate::read::{member_index, not_an_object_visits, typed, wrong_kind, Path, Slots};
use crate::wire::{Node, Slot};
use crate::ApiErrorCatalog;

/// Members of a template object.
pub(crate) type Members = &'static [(&'static str, Node)];

/// The most members a flat template may have; wider ones take the general reader.
const MOST: usize = 8;

/// The template's members, if it is an object of at most [`MOST`] members
/// that are each a slot or a constant, no two of them filling the same value
/// of [`Slots`] (`status` and `statusText` both give the status).
///
/// A `const fn`: the derive evaluates it once, at compile time, into
/// [`ApiErrorCatalog::__FLAT_MEMBERS`].
pub const fn members(template: &Node) -> Option<Members> {
    let Node::Object { members, .. } = template else {
        return None;
    };
    if members.len() > MOST {
        return None;
    }
    let mut seen = 0u8;
    let mut i = 0;
    while i < members.len() {
        match &members[i].1 {
            Node::Slot(slot) | Node::SlotOrNull(slot) => {
                if let Some(bit) = Slots::place(*slot) {
                    if seen & bit != 0 {
                        return None;
                    }
                    seen |= bit;
                }
            }
            Node::Null | Node::Bool(_) | Node::Int(_) | Node::Str(_) => {}
            Node::Object { .. } | Node::Array { .. } => return None,
        }
        i += 1;
    }
    Some(members)
}

/// Reads a whole body whose template's members are `members` (see [`members`]) into `slots`.
pub(crate) fn stream<'de, C: ApiErrorCatalog, D: Deserializer<'de>>(
    members: Members,
    deserializer: D,
    slots: &mut Slots<'de>,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(Flat {
        members,
        slots,
        catalog: PhantomData::<fn() -> C>,
    })
}

/// The visitor of the body: an object, or a mistake.
struct Flat<'s, 'de, C> {
    members: Members,
    slots: &'s mut Slots<'de>,
    catalog: PhantomData<fn() -> C>,
}

impl<C> Flat<'_, '_, C> {
    fn not_an_object<E>(self, found: &str) -> Result<(), E> {
        self.slots.error = Some(wrong_kind(&Path::Root, "an object", found));
        Ok(())
    }
}

impl<'de, C: ApiErrorCatalog> Visitor<'de> for Flat<'_, 'de, C> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Flat { members, slots, .. } = self;
        // Members read so far, one bit each, to notice one that repeats.
        let mut seen = 0u8;
        // Mistakes with the index of their member; rare, so usually never allocated.
        let mut mistakes = Mistakes::default();
        while let Some(index) = map.next_key_seed(Key::<C>(members, PhantomData))? {
            // `get`: an index from generated code is trusted to be in range, never relied on.
            let (i, name, slot) = match index.and_then(|i| Some((i, members.get(i)?))) {
                Some((i, (name, Node::Slot(slot) | Node::SlotOrNull(slot)))) => (i, *name, *slot),
                // Unknown members and constants are not checked.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if seen & 1 << i != 0 {
                // A later occurrence replaces what an earlier one gave, `null` included.
                mistakes.forget(slots, i, slot);
            }
            seen |= 1 << i;
            let read = map.next_value_seed(Value { slot, name, slots })?;
            if let Err(mistake) = read {
                mistakes.push(i, mistake);
            }
        }
        if !mistakes.0.is_empty() {
            slots.error = mistakes.first();
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_an_object("null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.not_an_object("null")
    }
    not_an_object_visits!();
}

/// Type mistakes with the index of their member. Kept out of the member loop,
/// so that the loop stays small enough for the compiler to inline the
/// deserializer's calls into it.
#[derive(Default)]
struct Mistakes(Vec<(usize, String)>);

impl Mistakes {
    /// Forgets what member `i` (holding `slot`) gave: it came again.
    #[cold]
    #[inline(never)]
    fn forget(&mut self, slots: &mut Slots<'_>, i: usize, slot: Slot) {
        slots.clear(slot);
        self.0.retain(|(at, _)| *at != i);
    }

    #[cold]
    #[inline(never)]
    fn push(&mut self, i: usize, mistake: String) {
        self.0.push((i, mistake));
    }

    /// The mistake first in template order.
    #[cold]
    #[inline(never)]
    fn first(&mut self) -> Option<String> {
        let first = (0..self.0.len()).min_by_key(|&k| self.0[k].0)?;
        Some(self.0.swap_remove(first).1)
    }
}

/// Reads one member's value into its slot: strings for the code, message and
/// field straight from the input, anything else checked by [`typed`]. The
/// mistake, if the value has the wrong type.
struct Value<'s, 'de> {
    slot: Slot,
    name: &'static str,
    slots: &'s mut Slots<'de>,
}

impl<'de> Value<'_, 'de> {
    #[inline]
    fn text<E>(self, text: Cow<'de, str>) -> Result<Result<(), String>, E> {
        match self.slot {
            Slot::Code => self.slots.code = Some(text),
            Slot::Message => self.slots.message = Some(text),
            Slot::Field => self.slots.field = Some(text),
            _ => return self.other(Json::Str(text)),
        }
        Ok(Ok(()))
    }

    fn other<E>(self, value: Json<'de>) -> Result<Result<(), String>, E> {
        Ok(
            match typed(self.slot, value, &Path::Key(&Path::Root, self.name)) {
                Ok(Some(value)) => {
                    self.slots.set(value);
                    Ok(())
                }
                Ok(None) => Ok(()),
                Err(mistake) => Err(mistake),
            },
        )
    }
}

impl<'de> DeserializeSeed<'de> for Value<'_, 'de> {
    type Value = Result<(), String>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value<'_, 'de> {
    type Value = Result<(), String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.text(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.text(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.text(Cow::Owned(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(()))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.other(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.other(Json::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.other(Json::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.other(Json::Float(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = JsonVisitor.visit_map(map)?;
        self.other(value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = JsonVisitor.visit_seq(seq)?;
        self.other(value)
    }
}

/// Reads an object key as the index of the template member it names (`None`
/// for one the template does not have): by the derive's `match` where it
/// wrote one, else by searching the template.
struct Key<C>(Members, PhantomData<fn() -> C>);

impl<'de, C: ApiErrorCatalog> DeserializeSeed<'de> for Key<C> {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, C: ApiErrorCatalog> Visitor<'de> for Key<C> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(if C::__MATCHED_LOOKUPS {
            C::__member_index(key)
        } else {
            member_index(self.0, key)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_objects_of_distinct_slots_are_flat() {
        static FLAT: [(&str, Node); 3] = [
            ("code", Node::Slot(Slot::Code)),
            ("message", Node::Slot(Slot::Message)),
            ("data", Node::SlotOrNull(Slot::Params)),
        ];
        static TWICE: [(&str, Node); 2] = [
            ("code", Node::Slot(Slot::Code)),
            ("error_code", Node::Slot(Slot::Code)),
        ];
        static BOTH_STATUSES: [(&str, Node); 2] = [
            ("status", Node::Slot(Slot::Status)),
            ("statusText", Node::Slot(Slot::StatusText)),
        ];
        static IGNORED_TWICE: [(&str, Node); 3] = [
            ("message", Node::Slot(Slot::Message)),
            ("title", Node::Slot(Slot::Title)),
            ("reason", Node::Slot(Slot::Title)),
        ];
        static NESTED: [(&str, Node); 1] = [(
            "error",
            Node::Object {
                members: &FLAT,
                when: None,
                has_slots: true,
            },
        )];
        let object = |members: &'static [(&'static str, Node)]| Node::Object {
            members,
            when: None,
            has_slots: true,
        };
        let flat: &'static Node = Box::leak(Box::new(object(&FLAT)));
        assert_eq!(members(flat).map(<[_]>::len), Some(3));
        assert!(members(Box::leak(Box::new(object(&TWICE)))).is_none());
        assert!(members(Box::leak(Box::new(object(&BOTH_STATUSES)))).is_none());
        assert!(members(Box::leak(Box::new(object(&IGNORED_TWICE)))).is_some());
        assert!(members(Box::leak(Box::new(object(&NESTED)))).is_none());
        assert!(members(&Node::Slot(Slot::Code)).is_none());
    }
}
