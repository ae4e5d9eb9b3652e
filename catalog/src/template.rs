//! Message templates: `model '{model}' not found` split into text and placeholders.
//!
//! `{name}` is a placeholder (a snake_case name); `{{` and `}}` stand for literal braces.

use std::fmt;

pub use error_catalog_core::Segment;

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The template as written in the catalog.
    pub source: String,
    /// Its pieces in order; adjacent literals are merged, so literals and
    /// placeholders alternate only where text separates them.
    pub segments: Vec<Segment>,
}

/// Why a template could not be parsed; `offset` is the character index in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Character offset of the problem inside the template.
    pub offset: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Template {
    /// Parses `source`, reporting the first malformed brace.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        // Most messages have no braces at all: one literal, found without the
        // loop below, which is slow per character in the unoptimised proc macro.
        if !source.contains('{') && !source.contains('}') {
            let segments = if source.is_empty() {
                Vec::new()
            } else {
                vec![Segment::Literal(source.to_owned().into())]
            };
            return Ok(Template {
                source: source.to_owned(),
                segments,
            });
        }
        // Braces are ASCII, so the text is walked by bytes; errors give the
        // character offset, counted only when there is one to report.
        let error = |at: usize, message: String| TemplateError {
            offset: source[..at].chars().count(),
            message,
        };
        let bytes = source.as_bytes();
        let mut segments = Vec::new();
        let mut literal = String::new();
        // `from`: where the text not yet copied into `literal` starts.
        let (mut i, mut from) = (0, 0);
        while i < bytes.len() {
            match bytes[i] {
                b'{' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                    // A doubled brace is one literal brace.
                    literal.push_str(&source[from..=i]);
                    i += 2;
                    from = i;
                }
                b'}' => {
                    return Err(error(
                        i,
                        "unmatched `}` in message; write `}}` for a literal brace".to_owned(),
                    ))
                }
                b'{' => {
                    literal.push_str(&source[from..i]);
                    let Some(len) = source[i + 1..].find('}') else {
                        return Err(error(i, "unclosed `{` in message; close the placeholder with `}` or write `{{` for a literal brace".to_owned()));
                    };
                    let name = &source[i + 1..i + 1 + len];
                    if !is_param_name(name) {
                        return Err(error(i, format!(
                            "placeholder `{{{name}}}` is not a snake_case name; use letters, digits and `_`, starting with a letter (e.g. `{{model}}`), or write `{{{{` for a literal brace"
                        )));
                    }
                    if !literal.is_empty() {
                        segments.push(Segment::Literal(std::mem::take(&mut literal).into()));
                    }
                    segments.push(Segment::Placeholder(name.to_owned().into()));
                    i += len + 2;
                    from = i;
                }
                _ => i += 1,
            }
        }
        literal.push_str(&source[from..]);
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal.into()));
        }
        Ok(Template {
            source: source.to_owned(),
            segments,
        })
    }

    /// The placeholder names in order of first appearance, without repeats.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for segment in &self.segments {
            if let Segment::Placeholder(name) = segment {
                if !names.contains(&name.as_ref()) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// Whether the template has no placeholders.
    pub fn is_constant(&self) -> bool {
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Literal(_)))
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Whether `name` is a valid parameter name: ASCII snake_case starting with a letter.
pub fn is_param_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_placeholders() {
        let t = Template::parse("model '{model}' not found").unwrap();
        assert_eq!(
            t.segments,
            vec![
                Segment::Literal("model '".into()),
                Segment::Placeholder("model".into()),
                Segment::Literal("' not found".into()),
            ]
        );
        assert_eq!(t.placeholders(), vec!["model"]);
    }

    #[test]
    fn brace_free_messages_are_one_literal() {
        assert_eq!(Template::parse("").unwrap().segments, []);
        for text in ["plain text", "ünïcode ✓ 'quoted'"] {
            let t = Template::parse(text).unwrap();
            assert_eq!(t.segments, [Segment::Literal(text.into())]);
            assert_eq!(t.source, text);
        }
    }

    #[test]
    fn doubled_braces_are_literal() {
        let t = Template::parse("use {{json}} for {kind}").unwrap();
        assert_eq!(t.segments[0], Segment::Literal("use {json} for ".into()));
        assert!(!t.is_constant());
        assert!(Template::parse("a }} b").unwrap().is_constant());
    }

    #[test]
    fn reports_malformed_braces_with_offsets() {
        assert_eq!(Template::parse("ab {x").unwrap_err().offset, 3);
        assert_eq!(Template::parse("ab } x").unwrap_err().offset, 3);
        let bad = Template::parse("x {Model} y").unwrap_err();
        assert_eq!(bad.offset, 2);
        assert!(bad.message.contains("snake_case"), "{}", bad.message);
    }

    /// The character-by-character reading the byte walk replaced, kept as the
    /// specification: every text of up to five characters over braces, letters
    /// (one of them two bytes long), `_` and a space must split the same way
    /// and fail at the same character offset.
    fn by_chars(source: &str) -> Result<Vec<Segment>, usize> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = source.chars().enumerate().peekable();
        while let Some((index, c)) = chars.next() {
            match c {
                '{' | '}' if chars.peek().map(|&(_, n)| n) == Some(c) => {
                    chars.next();
                    literal.push(c);
                }
                '}' => return Err(index),
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed || !is_param_name(&name) {
                        return Err(index);
                    }
                    if !literal.is_empty() {
                        segments.push(Segment::Literal(std::mem::take(&mut literal).into()));
                    }
                    segments.push(Segment::Placeholder(name.into()));
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal.into()));
        }
        Ok(segments)
    }

    #[test]
    fn the_byte_walk_reads_like_the_character_walk() {
        let texts = crate::every_text(&['{', '}', 'a', 'é', '_', 'B', ' '], 5);
        let mut placeholders = 0;
        for text in &texts {
            let got = Template::parse(text)
                .map(|t| t.segments)
                .map_err(|e| e.offset);
            assert_eq!(got, by_chars(text), "{text:?}");
            placeholders += usize::from(text.contains("{a}"));
        }
        assert!(placeholders > 100, "the texts include placeholders");
    }

    #[test]
    fn repeated_placeholder_is_listed_once() {
        let t = Template::parse("{a} and {b} and {a}").unwrap();
        assert_eq!(t.placeholders(), vec!["a", "b"]);
    }
}
