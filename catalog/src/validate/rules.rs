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
// messages; a format that carries no code tells entries apart by status and
// message, so those must differ.
pub(super) fn check_entries_distinguishable(
    entries: &[Entry],
    wire: &WireFormat,
    d: &mut Diagnostics,
) {
    let has_code = wire.body.has_slot(Slot::Code);
    // What tells an entry apart, per format; the first entry with each key wins.
    let mut seen: TextMap<(&str, &str, Option<&str>, u16), &Entry> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in entries {
        let key = if has_code {
            (
                entry.code.as_str(),
                entry.message.source.as_str(),
                entry.field.as_deref(),
                0,
            )
        } else {
            ("", entry.message.source.as_str(), None, entry.status)
        };
        let first = *seen.entry(key).or_insert(entry);
        if !std::ptr::eq(first, entry) {
            let what = if has_code {
                format!("duplicate code `{}` with the same message", entry.code)
            } else {
                format!(
                    "entries `{}` and `{}` have the same status and message, and the `{}` wire format carries no code",
                    first.key,
                    entry.key,
                    wire.preset.as_deref().unwrap_or("custom")
                )
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
