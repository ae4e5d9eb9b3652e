//! Packs a catalog's entries into one string and one byte string, the compact
//! form the derive emits and the runtime unpacks on first use.
//!
//! A struct literal per entry makes rustc type-check, store in the crate metadata
//! and relocate thousands of constants; two literals cost almost nothing. The
//! runtime reader is `error_catalog::__private::PackedEntries`; both follow this layout.
//!
//! `text` holds every distinct string once. `data` is a sequence of unsigned
//! LEB128 integers. A string is `offset, len` (bytes into `text`); an optional
//! string is `0` for none or `offset + 1, len`. Each entry, in file order:
//!
//! ```text
//! key name code? status message
//! segment-count (kind string)*        kind 0 = literal, 1 = placeholder
//! field? field_param? error_type? grpc_status?
//! retryable (0/1) retry_after (0 = none, else seconds + 1)
//! group? description?
//! cause-count string*  solution-count string*
//! param-count (name wire? kind flags)* kind = index in `ParamKind::ALL`;
//!                                     flags bit 0 = in message, bit 1 = sensitive,
//!                                     bit 2 = optional, bit 3 = placed alone;
//!                                     a list is followed by
//!                                     item-count (name kind optional)*
//! value-count (name value)*
//! ```
//!
//! Then the number of entries with a code, and their indices in order of wire
//! code (ties in file order): the runtime's code index.

use crate::model::Catalog;
use crate::text_map::TextMap;
use crate::{ParamKind, Segment};

/// A catalog's entries in packed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// Every distinct string, concatenated.
    pub text: String,
    /// The entries, as LEB128 integers.
    pub data: Vec<u8>,
    /// Indices of the entries with a code, in order of wire code, ties in
    /// file order: the order the code table is laid out in.
    pub code_order: Vec<usize>,
}

/// Packs every entry of `catalog`.
pub fn pack(catalog: &Catalog) -> Packed {
    let mut w = Writer::default();
    // About eight strings an entry: sized once, the map never rehashes.
    w.offsets.reserve(catalog.entries.len() * 8);
    for e in &catalog.entries {
        w.str(&e.key);
        w.str(&e.rust_name);
        w.opt_str(e.code.as_deref());
        w.uint(u64::from(e.status));
        w.str(&e.message.source);
        w.uint(e.message.segments.len() as u64);
        for segment in &e.message.segments {
            match segment {
                Segment::Literal(text) => {
                    w.uint(0);
                    w.str(text);
                }
                Segment::Placeholder(name) => {
                    w.uint(1);
                    w.str(name);
                }
            }
        }
        w.opt_str(e.field.as_deref());
        w.opt_str(e.field_param.as_deref());
        w.opt_str(e.error_type.as_deref());
        w.opt_str(e.grpc_status.as_deref());
        w.uint(u64::from(e.retryable));
        w.uint(e.retry_after.map_or(0, |s| s.saturating_add(1)));
        w.opt_str(e.group.as_deref());
        w.opt_str(e.description.as_deref());
        for list in [&e.causes, &e.solutions] {
            w.uint(list.len() as u64);
            for item in list {
                w.str(item);
            }
        }
        w.uint(e.params.len() as u64);
        for p in &e.params {
            w.str(&p.name);
            w.opt_str(p.wire.as_deref());
            let kind = ParamKind::ALL.iter().position(|(k, _)| *k == p.kind);
            w.uint(kind.unwrap_or(0) as u64);
            w.uint(
                u64::from(p.in_message)
                    | u64::from(p.sensitive) << 1
                    | u64::from(p.optional) << 2
                    | u64::from(p.placed) << 3,
            );
            if p.kind == ParamKind::List {
                w.uint(p.items.len() as u64);
                for item in &p.items {
                    w.str(&item.name);
                    let kind = ParamKind::ALL.iter().position(|(k, _)| *k == item.kind);
                    w.uint(kind.unwrap_or(0) as u64);
                    w.uint(u64::from(item.optional));
                }
            }
        }
        w.uint(e.values.len() as u64);
        for v in &e.values {
            w.str(&v.name);
            w.str(&v.value);
        }
    }
    let mut order: Vec<usize> = (0..catalog.entries.len())
        .filter(|&i| catalog.entries[i].code.is_some())
        .collect();
    order.sort_by(|&a, &b| catalog.entries[a].code.cmp(&catalog.entries[b].code));
    w.uint(order.len() as u64);
    for &i in &order {
        w.uint(i as u64);
    }
    Packed {
        text: w.text,
        data: w.data,
        code_order: order,
    }
}

#[derive(Default)]
struct Writer<'a> {
    text: String,
    data: Vec<u8>,
    offsets: TextMap<&'a str, usize>,
}

impl<'a> Writer<'a> {
    fn uint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.data.push(byte);
                return;
            }
            self.data.push(byte | 0x80);
        }
    }

    fn offset(&mut self, s: &'a str) -> usize {
        let next = self.text.len();
        let offset = *self.offsets.entry(s).or_insert(next);
        if offset == next {
            self.text.push_str(s);
        }
        offset
    }

    fn str(&mut self, s: &'a str) {
        let offset = self.offset(s);
        self.uint(offset as u64);
        self.uint(s.len() as u64);
    }

    fn opt_str(&mut self, s: Option<&'a str>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                let offset = self.offset(s);
                self.uint(offset as u64 + 1);
                self.uint(s.len() as u64);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_stored_once_and_integers_as_leb128() {
        let mut w = Writer::default();
        w.str("quota");
        w.str("quota");
        w.opt_str(None);
        w.opt_str(Some("quota"));
        w.uint(300);
        assert_eq!(w.text, "quota");
        assert_eq!(w.data, [0, 5, 0, 5, 0, 1, 5, 0xac, 0x02]);
    }

    #[test]
    fn codes_are_ordered_with_ties_in_file_order() {
        let yaml = "name: t\ntitle: T\nwire: flat\nerrors:\n  b:\n    status: 400\n    message: B\n  a1:\n    code: a\n    status: 400\n    message: A one\n  a0:\n    code: a\n    status: 401\n    message: A zero\n";
        let catalog = crate::load_str(yaml).expect("valid catalog");
        let packed = pack(&catalog);
        assert_eq!(packed.code_order, [1, 2, 0]);
        // The code order closes the data: entries 1 and 2 (code `a`), then 0.
        assert_eq!(packed.data[packed.data.len() - 3..], [1, 2, 0]);
    }
}
