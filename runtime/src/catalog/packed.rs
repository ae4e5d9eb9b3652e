//! Unpacks a catalog's entries from the compact form generated code stores them in.
//!
//! The layout is written by `error_catalog_model::pack` (one string holding every
//! distinct string, one byte string of LEB128 integers). The entries are unpacked
//! once, on first use, into `'static` [`ErrorEntry`] values; a crate with thousands
//! of codes then keeps two literals in its rlib instead of thousands of constants.

use std::sync::OnceLock;

use std::borrow::Cow;

use error_catalog_core::{ItemMember, ParamKind, Segment};

use super::entry::{ErrorEntry, ParamInfo};

/// A catalog's entries as the derive emits them, unpacked on first use.
#[derive(Debug)]
pub(crate) struct PackedEntries {
    text: &'static str,
    data: &'static [u8],
    len: usize,
    unpacked: OnceLock<Unpacked>,
}

#[derive(Debug)]
struct Unpacked {
    entries: Box<[ErrorEntry]>,
    code_index: Box<[(&'static str, u32)]>,
    // A compact copy of the string field accessors read most: 16 bytes per
    // entry stay in cache where a whole `ErrorEntry` per value would not.
    codes: Box<[&'static str]>,
}

impl PackedEntries {
    /// `len` entries packed into `text` and `data`.
    pub(crate) const fn new(text: &'static str, data: &'static [u8], len: usize) -> Self {
        Self {
            text,
            data,
            len,
            unpacked: OnceLock::new(),
        }
    }

    /// Every entry, in file order.
    #[inline]
    pub(crate) fn entries(&'static self) -> &'static [ErrorEntry] {
        &self.get().entries
    }

    /// `(code, entry index)` of the entries with a code, sorted by code, ties
    /// in file order.
    #[inline]
    pub(crate) fn code_index(&'static self) -> &'static [(&'static str, u32)] {
        &self.get().code_index
    }

    /// Each entry's wire code by entry index, empty for an entry without one.
    #[inline]
    pub(crate) fn codes(&'static self) -> &'static [&'static str] {
        &self.get().codes
    }

    #[inline]
    fn get(&'static self) -> &'static Unpacked {
        match self.unpacked.get() {
            Some(unpacked) => unpacked,
            None => self.init(),
        }
    }

    // Out of line and not generic, so the once-only path is compiled in this
    // crate, not again in every crate that derives a catalog.
    #[cold]
    #[inline(never)]
    fn init(&'static self) -> &'static Unpacked {
        self.unpacked.get_or_init(|| self.unpack())
    }

    fn unpack(&'static self) -> Unpacked {
        let mut reader = Reader {
            text: self.text,
            data: self.data,
            at: 0,
        };
        match reader.unpack(self.len) {
            Some(unpacked) if reader.at == self.data.len() => unpacked,
            // The data comes from the derive of the same release (the runtime
            // pins the macro crate's version), never from a user or the network.
            _ => panic!(
                "error-catalog: packed catalog data does not match this runtime; \
                 error-catalog and error-catalog-macros must be the same version"
            ),
        }
    }
}

/// Where each entry's slices start in the shared arrays, until those are final.
struct Ranges {
    segments: (usize, usize),
    causes: (usize, usize),
    solutions: (usize, usize),
    params: (usize, usize),
    values: (usize, usize),
}

struct Reader {
    text: &'static str,
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn uint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let byte = *self.data.get(self.at)?;
            self.at += 1;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
        }
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    fn text_at(&self, offset: usize, len: usize) -> Option<&'static str> {
        self.text.get(offset..offset.checked_add(len)?)
    }

    fn str(&mut self) -> Option<&'static str> {
        let offset = self.usize()?;
        let len = self.usize()?;
        self.text_at(offset, len)
    }

    fn opt_str(&mut self) -> Option<Option<&'static str>> {
        match self.usize()? {
            0 => Some(None),
            offset => {
                let len = self.usize()?;
                self.text_at(offset - 1, len).map(Some)
            }
        }
    }

    fn strs(&mut self, into: &mut Vec<&'static str>) -> Option<(usize, usize)> {
        let start = into.len();
        for _ in 0..self.usize()? {
            into.push(self.str()?);
        }
        Some((start, into.len()))
    }

    fn unpack(&mut self, len: usize) -> Option<Unpacked> {
        let mut entries = Vec::with_capacity(len);
        let mut ranges = Vec::with_capacity(len);
        let mut segments = Vec::new();
        let mut lists = Vec::new();
        let mut params = Vec::new();
        let mut values = Vec::new();
        let mut items = Vec::new();
        let mut item_ranges = Vec::new();
        for _ in 0..len {
            let key = self.str()?;
            let name = self.str()?;
            let code = self.opt_str()?;
            let status = u16::try_from(self.uint()?).ok()?;
            let message = self.str()?;
            let start = segments.len();
            for _ in 0..self.usize()? {
                segments.push(match self.uint()? {
                    0 => Segment::Literal(Cow::Borrowed(self.str()?)),
                    1 => Segment::Placeholder(Cow::Borrowed(self.str()?)),
                    _ => return None,
                });
            }
            let segment_range = (start, segments.len());
            let field = self.opt_str()?;
            let field_param = self.opt_str()?;
            let error_type = self.opt_str()?;
            let grpc = self.opt_str()?;
            let retryable = self.uint()? != 0;
            let retry_after = self.uint()?.checked_sub(1);
            let group = self.opt_str()?;
            let description = self.opt_str()?;
            let causes = self.strs(&mut lists)?;
            let solutions = self.strs(&mut lists)?;
            let start = params.len();
            for _ in 0..self.usize()? {
                let name = self.str()?;
                let wire = self.opt_str()?.unwrap_or(name);
                let (kind, _) = *ParamKind::ALL.get(self.usize()?)?;
                let flags = self.uint()?;
                let start = items.len();
                if kind == ParamKind::List {
                    for _ in 0..self.usize()? {
                        let name = Cow::Borrowed(self.str()?);
                        let (kind, _) = *ParamKind::ALL.get(self.usize()?)?;
                        let optional = self.uint()? != 0;
                        items.push(ItemMember {
                            name,
                            kind,
                            optional,
                        });
                    }
                }
                item_ranges.push((start, items.len()));
                params.push(ParamInfo {
                    name,
                    wire,
                    kind,
                    in_message: flags & 1 != 0,
                    sensitive: flags & 2 != 0,
                    optional: flags & 4 != 0,
                    placed: flags & 8 != 0,
                    items: &[],
                });
            }
            let params_range = (start, params.len());
            let start = values.len();
            for _ in 0..self.usize()? {
                values.push((self.str()?, self.str()?));
            }
            ranges.push(Ranges {
                segments: segment_range,
                causes,
                solutions,
                params: params_range,
                values: (start, values.len()),
            });
            entries.push(ErrorEntry {
                key,
                name,
                code,
                status,
                message,
                segments: &[],
                field,
                field_param,
                error_type,
                grpc,
                retryable,
                retry_after,
                group,
                description,
                causes: &[],
                solutions: &[],
                params: &[],
                values: &[],
            });
        }
        // The shared arrays live as long as the catalog, a `static`: leaking them
        // once is what lets every entry borrow from them for `'static`.
        let segments: &'static [Segment] = segments.leak();
        let lists: &'static [&'static str] = lists.leak();
        let items: &'static [ItemMember] = items.leak();
        for (param, (start, end)) in params.iter_mut().zip(item_ranges) {
            param.items = items.get(start..end)?;
        }
        let params: &'static [ParamInfo] = params.leak();
        let values: &'static [(&'static str, &'static str)] = values.leak();
        for (entry, r) in entries.iter_mut().zip(&ranges) {
            entry.segments = segments.get(r.segments.0..r.segments.1)?;
            entry.causes = lists.get(r.causes.0..r.causes.1)?;
            entry.solutions = lists.get(r.solutions.0..r.solutions.1)?;
            entry.params = params.get(r.params.0..r.params.1)?;
            entry.values = values.get(r.values.0..r.values.1)?;
        }
        let with_code = self.usize()?;
        let mut code_index = Vec::with_capacity(with_code.min(len));
        for _ in 0..with_code {
            let index = self.usize()?;
            let entry: &ErrorEntry = entries.get(index)?;
            code_index.push((entry.code?, u32::try_from(index).ok()?));
        }
        Some(Unpacked {
            codes: entries.iter().map(|e| e.code.unwrap_or("")).collect(),
            entries: entries.into_boxed_slice(),
            code_index: code_index.into_boxed_slice(),
        })
    }
}
