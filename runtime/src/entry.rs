//! The `'static` metadata of a catalog and its entries, as generated code stores it.

use crate::packed::PackedEntries;
use crate::wire::WireFormat;

/// The type of a parameter, as the catalog declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
}

/// A parameter of an entry: a message placeholder or a data member of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParamInfo {
    /// The name, also the variant's field name.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Whether the message uses it; if not it travels in the body's data object.
    pub in_message: bool,
    /// Whether the value is sensitive and kept out of 5xx bodies.
    pub sensitive: bool,
}

/// One piece of a message template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text copied as it is.
    Literal(&'static str),
    /// Filled from the parameter of that name.
    Placeholder(&'static str),
}

/// Everything the catalog says about one error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorEntry {
    /// The entry's key in the catalog file.
    pub key: &'static str,
    /// The Rust variant name.
    pub name: &'static str,
    /// The wire code, exactly as the API sends it.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The message template, e.g. `model '{model}' not found`.
    pub message: &'static str,
    /// The message template split into text and placeholders.
    pub segments: &'static [Segment],
    /// The request parameter at fault, if any.
    pub field: Option<&'static str>,
    /// The error's type or category (OpenAI's `type`), if the catalog gives one.
    pub error_type: Option<&'static str>,
    /// The HTTP reason phrase of the status.
    pub title: &'static str,
    /// The google.rpc canonical code of the status.
    pub grpc_status: &'static str,
    /// Whether a client may retry.
    pub retryable: bool,
    /// Suggested wait before retrying, in seconds.
    pub retry_after: Option<u64>,
    /// The reference section (Authentication, Rate limiting, ...).
    pub group: Option<&'static str>,
    /// What the error means.
    pub description: Option<&'static str>,
    /// Why it happens.
    pub causes: &'static [&'static str],
    /// What to do about it.
    pub solutions: &'static [&'static str],
    /// Its parameters: placeholders first, then data members.
    pub params: &'static [ParamInfo],
}

impl ErrorEntry {
    /// The status as an [`http::StatusCode`].
    pub fn status_code(&self) -> http::StatusCode {
        // Every catalog status is validated to lie in 400..=599 at compile time.
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The parameter named `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamInfo> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// The figure a rate-limit header carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateLimitValue {
    /// Requests allowed in the window.
    Limit,
    /// Requests left in the window.
    Remaining,
    /// When the window resets (Unix time).
    Reset,
    /// Seconds to wait before retrying.
    RetryAfter,
}

/// A rate-limit header the API sends, and the figure it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimitHeader {
    /// The header name as the API spells it.
    pub name: &'static str,
    /// What it carries.
    pub value: RateLimitValue,
}

/// A whole catalog: the API it describes, its body format and every entry.
#[derive(Debug)]
pub struct Catalog {
    /// Short machine name of the API.
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// What the API is.
    pub description: Option<&'static str>,
    /// The error body format.
    pub wire: WireFormat,
    /// The error domain (google.rpc `ErrorInfo.domain`), if any.
    pub domain: Option<&'static str>,
    /// Rate-limit headers the API documents, with the figure each carries.
    pub rate_limit_headers: &'static [RateLimitHeader],
    /// The entries, packed by the derive and unpacked on first use; read them
    /// with [`Catalog::entries`].
    #[doc(hidden)]
    pub packed: PackedEntries,
    /// Open-addressing table from a code's hash to its first position in
    /// [`Catalog::code_index`] (+1; 0 is empty), laid out at compile time.
    #[doc(hidden)]
    pub code_table: &'static [u32],
    /// Right shift that turns a code's hash into a slot of `code_table`.
    #[doc(hidden)]
    pub code_shift: u32,
}

impl Catalog {
    /// Every entry, in file order; a variant's index is its position here.
    ///
    /// The first call unpacks the catalog (once per process); later calls
    /// cost one atomic load.
    #[inline]
    pub fn entries(&'static self) -> &'static [ErrorEntry] {
        self.packed.entries()
    }

    /// `(code, entry index)` sorted by code (ties in file order), for lookups by wire code.
    #[inline]
    pub fn code_index(&'static self) -> &'static [(&'static str, u32)] {
        self.packed.code_index()
    }

    /// The position in [`Catalog::code_index`] of the first entry with wire code `code`:
    /// one hash and usually one string comparison, whatever the catalog's size.
    #[inline]
    pub fn find_code(&'static self, code: &str) -> Option<usize> {
        let table = self.code_table;
        if table.is_empty() {
            return None;
        }
        let mask = table.len() - 1;
        let mut slot = (code_hash(code) >> self.code_shift) as usize & mask;
        let code_index = self.code_index();
        loop {
            let v = table[slot];
            if v == 0 {
                return None;
            }
            let position = (v - 1) as usize;
            if code_index.get(position).is_some_and(|(c, _)| *c == code) {
                return Some(position);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The first entry (in file order of those sharing it) with wire code `code`,
    /// and its index.
    #[inline]
    pub fn entry_by_code(&'static self, code: &str) -> Option<(usize, &'static ErrorEntry)> {
        let position = self.find_code(code)?;
        let (entries, code_index) = (self.entries(), self.code_index());
        let (_, index) = *code_index.get(position)?;
        Some((index as usize, &entries[index as usize]))
    }

    /// The entries whose wire code is `code` (several when entries share a code).
    pub fn entries_with_code<'a>(
        &'static self,
        code: &'a str,
    ) -> impl Iterator<Item = (usize, &'static ErrorEntry)> + 'a {
        let (entries, index) = (self.entries(), self.code_index());
        let start = self.find_code(code).unwrap_or(index.len());
        index[start..]
            .iter()
            .take_while(move |(c, _)| *c == code)
            .map(move |(_, i)| (*i as usize, &entries[*i as usize]))
    }
}

/// The hash the generated code table is laid out with; must stay identical to
/// `error_catalog_model::code_hash::code_hash` (a test checks).
#[doc(hidden)]
#[inline]
pub fn code_hash(code: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = code.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    hash
}
