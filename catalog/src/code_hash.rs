//! The hash of wire codes used by the generated lookup table, and of the
//! loader's own maps.
//!
//! The macro lays out the table at expansion time with this function and the
//! runtime (`error_catalog`) probes it with an identical copy; a test in
//! `tests/` checks the two agree.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a wire code: 8 bytes at a time, multiply-rotate, so the high bits
/// (which pick the table slot) depend on every byte.
pub fn code_hash(code: &str) -> u64 {
    hash_bytes(code.as_bytes())
}

/// [`code_hash`] of any bytes (the packer hashes its strings with it too).
///
/// Written for the unoptimised builds proc macros get: the slice pattern and
/// the array are built-in operations, where `chunks_exact` and
/// `copy_from_slice` would each be a function call per word.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = bytes.len() as u64;
    let mut rest = bytes;
    while let [a, b, c, d, e, f, g, h, tail @ ..] = rest {
        let word = u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]);
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
        rest = tail;
    }
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    hash
}

/// An open-addressing table from wire code to its position in `sorted_codes`
/// (the first position of each code): slots hold position + 1, 0 is empty.
/// Returns the slots and the shift that turns a hash into a slot.
pub fn code_table(sorted_codes: &[&str]) -> (Vec<u32>, u32) {
    let distinct = sorted_codes.windows(2).filter(|w| w[0] != w[1]).count()
        + usize::from(!sorted_codes.is_empty());
    // At most half full, so probes stay short and a miss always finds an empty slot.
    let capacity = (distinct * 2).next_power_of_two().max(2);
    let bits = capacity.trailing_zeros();
    let shift = 64 - bits;
    let mut slots = vec![0u32; capacity];
    for (position, code) in sorted_codes.iter().enumerate() {
        if position > 0 && sorted_codes[position - 1] == *code {
            continue;
        }
        let mut slot = (code_hash(code) >> shift) as usize;
        while slots[slot] != 0 {
            slot = (slot + 1) & (capacity - 1);
        }
        slots[slot] = position as u32 + 1;
    }
    (slots, shift)
}

/// A map keyed by the catalog's own text (entry keys, Rust names, the packer's
/// strings), hashed with [`hash_bytes`]. Proc macros run unoptimised, where
/// std's SipHash took about 2,200 instructions per string, two thirds of the
/// packing; these maps hold what the macro read from its own catalog, so they
/// need no protection against chosen collisions.
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

    #[test]
    fn table_finds_each_distinct_code_once() {
        let codes = ["a", "b", "b", "c_long_code_name", "d"];
        let (slots, shift) = code_table(&codes);
        assert_eq!(slots.len(), 8);
        assert_eq!(slots.iter().filter(|s| **s != 0).count(), 4);
        for (i, code) in codes.iter().enumerate() {
            let mut slot = (code_hash(code) >> shift) as usize;
            loop {
                let v = slots[slot];
                assert_ne!(v, 0, "{code} missing");
                if codes[(v - 1) as usize] == *code {
                    assert!((v - 1) as usize <= i);
                    break;
                }
                slot = (slot + 1) & (slots.len() - 1);
            }
        }
    }

    #[test]
    fn hash_depends_on_every_byte_and_the_length() {
        assert_ne!(code_hash("abcdefgh1"), code_hash("abcdefgh2"));
        assert_ne!(code_hash("a"), code_hash("a\0"));
        assert_ne!(code_hash(""), code_hash("\0"));
    }

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
