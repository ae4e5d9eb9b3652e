//! The rules across entries: names unique, entries a body can tell apart,
//! placeholders a reader can split.

use crate::diagnostic::Diagnostics;
use crate::model::Entry;
use crate::node::Node;
use crate::template::Template;
use crate::text_map::TextMap;
use crate::wire::{Slot, WireFormat};
use crate::Segment;

use super::read::at;

pub(super) fn check_placeholders_separated(
    message: &Template,
    node: Option<&Node>,
    d: &mut Diagnostics,
) {
    for pair in message.segments.windows(2) {
        if let [Segment::Placeholder(a), Segment::Placeholder(b)] = pair {
            d.error(
                node.and_then(|n| n.pos),
                format!(
                    "placeholders `{{{a}}}` and `{{{b}}}` touch; put text between them (e.g. `{{{a}}} {{{b}}}`) so clients can read the values back"
                ),
            );
        }
    }
}

// Rule: two entries may not map to the same Rust name; the second is reported
// with the position of the first, since only one variant can carry the name.
pub(super) fn check_rust_names_unique(entries: &[Entry], d: &mut Diagnostics) {
    let mut seen: TextMap<&str, &Entry> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in entries {
        let first = *seen.entry(&entry.rust_name).or_insert(entry);
        if !std::ptr::eq(first, entry) {
            d.error(
                entry.rust_name_pos,
                format!(
                    "entries `{}` and `{}` both become the Rust name `{}`{}; give one of them `name: OtherName`",
                    first.key,
                    entry.key,
                    entry.rust_name,
                    at(first.pos)
                ),
            );
        }
    }
}

// Rule: a client must be able to tell every entry apart from its body. Entries
// may share a wire code (seed 003's `invalid_request_error`) only with different
// messages; an entry without a code (`code: null`, or a format that carries
// none) is told apart by status, type and message, so those must differ.
pub(super) fn check_entries_distinguishable(
    entries: &[Entry],
    wire: &WireFormat,
    d: &mut Diagnostics,
) {
    let has_code = wire.body.has_slot(Slot::Code);
    // What tells an entry apart; the first entry with each key wins.
    type Key<'a> = (
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        u16,
    );
    let mut seen: TextMap<Key<'_>, &Entry> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in entries {
        let message = entry.message.source.as_str();
        let key = match entry.code.as_deref().filter(|_| has_code) {
            Some(code) => (Some(code), message, entry.field.as_deref(), None, 0),
            None => (
                None,
                message,
                None,
                entry.error_type.as_deref(),
                entry.status,
            ),
        };
        let first = *seen.entry(key).or_insert(entry);
        if !std::ptr::eq(first, entry) {
            let what = match key.0 {
                Some(code) => format!("duplicate code `{code}` with the same message"),
                None if has_code => format!(
                    "entries `{}` and `{}` have no code and the same status, type and message",
                    first.key, entry.key
                ),
                None => format!(
                    "entries `{}` and `{}` have the same status and message, and the `{}` wire format carries no code",
                    first.key,
                    entry.key,
                    wire.preset.as_deref().unwrap_or("custom")
                ),
            };
            d.error(
                entry.pos,
                format!(
                    "{what}{}; a client could not tell them apart: change the code or the message, or remove one",
                    at(first.pos)
                ),
            );
        }
    }
}

// ----- helpers -----
