//! A catalog as generated code stores it: the API's name, its body format
//! and every entry, read by code and by wire code.

mod entry;
mod packed;

pub(crate) use entry::reason;
pub use entry::{ErrorEntry, ParamInfo, RateLimitHeader};
pub(crate) use packed::PackedEntries;

use crate::wire::WireFormat;

/// What the derive knows of a catalog at compile time, besides its body format.
#[derive(Clone, Copy)]
pub struct CatalogParts {
    /// Short machine name of the API.
    pub name: &'static str,
    /// Human title.
    pub title: &'static str,
    /// What the API is.
    pub description: Option<&'static str>,
    /// The error domain.
    pub domain: Option<&'static str>,
    /// Documented rate-limit headers.
    pub rate_limit_headers: &'static [RateLimitHeader],
    /// The request-id header, if the API names its own.
    pub request_id_header: Option<&'static str>,
    /// The should-retry header, if the API sends one.
    pub should_retry_header: Option<&'static str>,
    /// The entries' strings (see `error_catalog_model::pack`).
    pub packed_text: &'static str,
    /// The entries' integers.
    pub packed_data: &'static [u8],
    /// How many entries there are.
    pub len: usize,
    /// The wire-code table.
    pub code_table: &'static [u32],
    /// The shift that turns a code's hash into a table slot.
    pub code_shift: u32,
    /// The indexes, ascending, of the entries the enum has no variant for
    /// (a `subset` enum); empty otherwise.
    pub left_out: &'static [u32],
}

/// A whole catalog: the API it describes, its body format and every entry.
///
/// Each derived enum has one, built at compile time; read it with
/// [`ApiErrorCatalog::catalog`](crate::ApiErrorCatalog::catalog).
pub struct Catalog {
    /// What the derive wrote: names, headers, the packed entries, the code table.
    pub(crate) parts: CatalogParts,
    pub(crate) wire: WireFormat,
    pub(crate) packed: PackedEntries,
}

/// The API's names, body format and entry count: the packed entries would
/// be megabytes for a large catalog.
impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("name", &self.parts.name)
            .field("title", &self.parts.title)
            .field("wire", &self.wire)
            .field("entries", &self.parts.len)
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Short machine name of the API (`aiapi`).
    pub fn name(&self) -> &'static str {
        self.parts.name
    }

    /// Human title of the API.
    pub fn title(&self) -> &'static str {
        self.parts.title
    }

    /// What the API is, if the catalog says.
    pub fn description(&self) -> Option<&'static str> {
        self.parts.description
    }

    /// The error body format.
    pub fn wire(&self) -> &WireFormat {
        &self.wire
    }

    /// The error domain (google.rpc `ErrorInfo.domain`), if any.
    pub fn domain(&self) -> Option<&'static str> {
        self.parts.domain
    }

    /// Rate-limit headers the API documents, with the figure each carries.
    pub fn rate_limit_headers(&self) -> &'static [RateLimitHeader] {
        self.parts.rate_limit_headers
    }

    /// The header that carries the request id, when the API names its own
    /// (`request-id`); responses use `x-request-id` otherwise.
    pub fn request_id_header(&self) -> Option<&'static str> {
        self.parts.request_id_header
    }

    /// The header by which the server says whether to retry
    /// (`x-should-retry: true|false`), if the API sends one.
    pub fn should_retry_header(&self) -> Option<&'static str> {
        self.parts.should_retry_header
    }

    /// Every entry, in file order; a variant's index is its position here.
    ///
    /// The first call unpacks the catalog (once per process); later calls
    /// cost one atomic load.
    #[inline]
    pub fn entries(&'static self) -> &'static [ErrorEntry] {
        self.packed.entries()
    }

    /// Whether the enum has a variant for entry `index`: false for the
    /// entries a `subset` enum leaves out (and past the last entry). A server
    /// of such an enum never sends them, so its OpenAPI responses leave them
    /// out too.
    pub fn has_variant(&'static self, index: usize) -> bool {
        index < self.entries().len()
            && u32::try_from(index).is_ok_and(|i| self.parts.left_out.binary_search(&i).is_err())
    }

    /// The entries whose wire code is `code`, with their index, in file
    /// order (several when entries share a code). One hash and usually one
    /// string comparison, whatever the catalog's size.
    pub fn entries_with_code<'a>(
        &'static self,
        code: &'a str,
    ) -> impl Iterator<Item = (usize, &'static ErrorEntry)> + Clone + 'a {
        let (entries, index) = (self.packed.entries(), self.packed.code_index());
        let start =
            error_catalog_core::probe(self.parts.code_table, self.parts.code_shift, code, |at| {
                index.get(at).map(|(code, _)| *code)
            });
        index[start.unwrap_or(index.len())..]
            .iter()
            .take_while(move |(c, _)| *c == code)
            .map(move |&(_, i)| (i as usize, &entries[i as usize]))
    }

    /// The first entry (in file order) with wire code `code`, and its index.
    #[inline]
    pub fn entry_by_code(&'static self, code: &str) -> Option<(usize, &'static ErrorEntry)> {
        self.entries_with_code(code).next()
    }
}
