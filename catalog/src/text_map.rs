//! A fast map for the catalog's own text (entry keys, Rust names, the
//! packer's strings).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use error_catalog_core::hash_bytes;

/// A map keyed by the catalog's own text, hashed with [`hash_bytes`]. Proc
/// macros run unoptimised, where std's SipHash was most of the packing time;
/// these maps hold what the macro read from its own catalog, so they need no
/// protection against chosen collisions.
pub(crate) type TextMap<K, V> = HashMap<K, V, BuildHasherDefault<TextHasher>>;

/// The [`Hasher`] of [`TextMap`].
#[derive(Default)]
pub(crate) struct TextHasher(u64);

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ hash_bytes(bytes);
    }

    /// `str`'s `Hash` ends each string with a 0xff byte.
    fn write_u8(&mut self, byte: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(byte);
    }

    /// A multiply carries differences only upwards, so [`hash_bytes`] mixes
    /// its high bits well and its low bits poorly; the map takes the bucket
    /// from the low bits and a tag from the top 7. Fold, multiply, fold again
    /// so both depend on every byte.
    fn finish(&self) -> u64 {
        let h = (self.0 ^ self.0 >> 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ h >> 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys that differ only near their end (the benchmark catalog's
    /// `error_code_00001` ...) must still spread over a map's buckets (low
    /// bits) and tags (top 7 bits). Without the finishing mix they all fell
    /// into a few buckets.
    #[test]
    fn text_keys_spread_over_buckets_and_tags() {
        use std::collections::HashSet;
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<TextHasher>::default();
        let hashes: Vec<u64> = (0..5000)
            .map(|n| build.hash_one(format!("error_code_{n:05}").as_str()))
            .collect();
        let buckets: HashSet<u64> = hashes.iter().map(|h| h & 0x1fff).collect();
        let tags: HashSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        // 5,000 keys over 8,192 buckets fill about 3,750 at random.
        assert!(buckets.len() > 3_400, "{} buckets", buckets.len());
        assert!(tags.len() > 120, "{} tags", tags.len());
    }
}
