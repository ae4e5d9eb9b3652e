//! Rust names from catalog keys: case conversion and keywords.

use heck::ToUpperCamelCase;

pub(super) const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// The length of the longest of [`RUST_KEYWORDS`] (a test keeps it true).
pub(super) const LONGEST_KEYWORD: usize = 8;

/// Whether `name` is a Rust keyword. Names longer than any keyword, most
/// entry names, skip the comparisons, which are slow in the unoptimised
/// proc macro.
pub(super) fn is_keyword(name: &str) -> bool {
    name.len() <= LONGEST_KEYWORD && RUST_KEYWORDS.contains(&name)
}

pub(super) fn keyword_problem(name: &str) -> Option<&'static str> {
    is_keyword(name).then_some("is a Rust keyword and cannot name a field")
}

/// The Rust name of an entry key: UpperCamelCase as heck writes it.
///
/// snake_case and SCREAMING_SNAKE_CASE keys, nearly all of them, take a short
/// path: heck's general word splitting was a tenth of a second of the
/// unoptimised proc macro at 5,000 entries. A test checks both paths agree.
pub(super) fn upper_camel(key: &str) -> String {
    let mut name = Vec::with_capacity(key.len());
    // Whether the next letter starts a word, and the cases seen in this word.
    let (mut start, mut lower, mut upper) = (true, false, false);
    for &b in key.as_bytes() {
        match b {
            b'_' => {
                (start, lower, upper) = (true, false, false);
                continue;
            }
            b'a'..=b'z' => lower = true,
            b'A'..=b'Z' => upper = true,
            b'0'..=b'9' => {}
            _ => return key.to_upper_camel_case(),
        }
        if lower && upper {
            // camelCase inside a word: heck's case-change rules apply.
            return key.to_upper_camel_case();
        }
        name.push(if start {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        });
        start = false;
    }
    String::from_utf8(name).unwrap_or_else(|_| key.to_upper_camel_case())
}

pub(super) fn rust_name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Some("is empty"),
        Some(c) if !c.is_ascii_uppercase() => {
            return Some("does not start with an uppercase ASCII letter")
        }
        _ => {}
    }
    if !chars.all(|c| c.is_ascii_alphanumeric()) {
        return Some("is not a valid identifier (only ASCII letters and digits)");
    }
    if is_keyword(name) {
        return Some("is a Rust keyword");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of up to five characters over letters of both cases, a
    /// digit and `_`, plus real codes: the short path must write what heck does.
    #[test]
    fn the_longest_keyword_is_known() {
        let longest = RUST_KEYWORDS.iter().map(|k| k.len()).max();
        assert_eq!(longest, Some(LONGEST_KEYWORD));
        assert!(is_keyword("override") && is_keyword("Self") && !is_keyword("Selfish"));
    }

    #[test]
    fn upper_camel_agrees_with_heck() {
        let mut keys = crate::every_text(&['a', 'z', 'A', 'Z', '1', '_'], 5);
        keys.extend(
            [
                "quota_not_enough",
                "RATE_LIMIT_EXCEEDED",
                "invalid_api_key",
                "error_code_00042",
                "v2_model_not_found",
                "HTTP2_ERROR",
                "already__double",
                "_leading",
                "trailing_",
                "camelCase_key",
                "mixed_Case",
            ]
            .map(String::from),
        );
        for key in &keys {
            assert_eq!(upper_camel(key), key.to_upper_camel_case(), "{key:?}");
        }
    }
}
