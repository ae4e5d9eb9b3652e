//! The wire-code lookup table: laid out by the derive at compile time,
//! probed by the runtime when a body is read.
//!
//! The table is open addressing over the catalog's codes sorted by code:
//! each slot holds a position in that order plus one (0 is empty), for the
//! first position of each distinct code.

/// Hashes a wire code: 8 bytes at a time, multiply-rotate, so the high bits
/// (which pick the table slot) depend on every byte.
pub fn code_hash(code: &str) -> u64 {
    hash_bytes(code.as_bytes())
}

/// [`code_hash`] of any bytes (the model's maps of catalog text use it too).
///
/// Written for the unoptimised builds proc macros get: the slice pattern and
/// the array are built-in operations, where `chunks_exact` and
/// `copy_from_slice` would each be a function call per word.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
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

/// Lays out the table for `sorted_codes` (sorted, duplicates allowed).
/// Returns the slots and the right shift that turns a hash into a slot.
pub fn code_table(sorted_codes: &[&str]) -> (Vec<u32>, u32) {
    let distinct = sorted_codes.windows(2).filter(|w| w[0] != w[1]).count()
        + usize::from(!sorted_codes.is_empty());
    // At most half full, so probes stay short and a miss always finds an empty slot.
    let capacity = (distinct * 2).next_power_of_two().max(2);
    let shift = 64 - capacity.trailing_zeros();
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

/// The first position of `code` in the sorted codes a table was laid out
/// for; `code_at` gives the code at a position. One hash and usually one
/// string comparison, whatever the catalog's size.
pub fn probe<'c>(
    table: &[u32],
    shift: u32,
    code: &str,
    code_at: impl Fn(usize) -> Option<&'c str>,
) -> Option<usize> {
    if table.is_empty() {
        return None;
    }
    let mask = table.len() - 1;
    let mut slot = (code_hash(code) >> shift) as usize & mask;
    // A table from `code_table` is at most half full, so an empty slot ends
    // every miss; the bound only keeps a hand-made full table from looping.
    for _ in 0..table.len() {
        let position = table[slot].checked_sub(1)? as usize;
        if code_at(position) == Some(code) {
            return Some(position);
        }
        slot = (slot + 1) & mask;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_finds_each_distinct_code_at_its_first_position() {
        let codes = ["a", "b", "b", "c_long_code_name", "d"];
        let (slots, shift) = code_table(&codes);
        assert_eq!(slots.len(), 8);
        assert_eq!(slots.iter().filter(|s| **s != 0).count(), 4);
        let at = |i: usize| codes.get(i).copied();
        assert_eq!(probe(&slots, shift, "a", at), Some(0));
        assert_eq!(probe(&slots, shift, "b", at), Some(1));
        assert_eq!(probe(&slots, shift, "c_long_code_name", at), Some(3));
        assert_eq!(probe(&slots, shift, "e", at), None);
        assert_eq!(probe(&[], 0, "a", at), None);
    }

    #[test]
    fn hash_depends_on_every_byte_and_the_length() {
        assert_ne!(code_hash("abcdefgh1"), code_hash("abcdefgh2"));
        assert_ne!(code_hash("a"), code_hash("a\0"));
        assert_ne!(code_hash(""), code_hash("\0"));
    }
}
