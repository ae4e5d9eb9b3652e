//! Reading a message back against its template: which text each placeholder
//! covered. The runtime reads parameters this way; the model uses it to find
//! entries an earlier one would always be read as.

use crate::Segment;

/// Walks `text` along the template, telling `each` what every placeholder
/// covered until it returns `true`. `None` when `text` does not match (as far
/// as the walk went).
///
/// Leading and trailing text must match exactly; a placeholder before the
/// final text takes everything up to it, any other the text up to the first
/// occurrence of the literal that follows it (placeholders are always
/// separated by text), so the walk is linear.
pub fn walk_template<'s, 't>(
    segments: &'s [Segment],
    text: &'t str,
    mut each: impl FnMut(&'s str, &'t str) -> bool,
) -> Option<()> {
    let mut rest = text;
    // The last literal must be a suffix: strip it first so a placeholder before
    // it takes everything up to it, including repeats of the literal.
    let (body, suffix) = match segments.last() {
        Some(Segment::Literal(lit)) if segments.len() > 1 => {
            (&segments[..segments.len() - 1], Some(&**lit))
        }
        _ => (segments, None),
    };
    if let Some(suffix) = suffix {
        rest = rest.strip_suffix(suffix)?;
    }
    for (i, segment) in body.iter().enumerate() {
        match segment {
            Segment::Literal(lit) => rest = rest.strip_prefix(&**lit)?,
            Segment::Placeholder(name) => {
                let covered = match body.get(i + 1) {
                    Some(Segment::Literal(next)) => {
                        let at = rest.find(&**next)?;
                        let (covered, after) = rest.split_at(at);
                        rest = after;
                        covered
                    }
                    Some(Segment::Placeholder(_)) => return None,
                    None => std::mem::take(&mut rest),
                };
                if each(name, covered) {
                    return Some(());
                }
            }
        }
    }
    rest.is_empty().then_some(())
}

/// Matches `text` against a template and returns what each placeholder covered.
#[cfg(test)]
fn match_template<'s, 't>(
    segments: &'s [Segment],
    text: &'t str,
) -> Option<Vec<(&'s str, &'t str)>> {
    let mut out = Vec::new();
    walk_template(segments, text, |name, covered| {
        out.push((name, covered));
        false
    })?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    const MODEL: &[Segment] = &[
        Segment::Literal(Cow::Borrowed("model '")),
        Segment::Placeholder(Cow::Borrowed("model")),
        Segment::Literal(Cow::Borrowed("' not found")),
    ];

    #[test]
    fn placeholder_takes_text_between_literals() {
        assert_eq!(
            match_template(MODEL, "model 'gpt-9' not found"),
            Some(vec![("model", "gpt-9")])
        );
        assert_eq!(
            match_template(MODEL, "model '' not found"),
            Some(vec![("model", "")])
        );
        assert_eq!(
            match_template(MODEL, "model 'a' not found' not found"),
            Some(vec![("model", "a' not found")])
        );
        assert_eq!(match_template(MODEL, "model 'x' missing"), None);
        assert_eq!(match_template(MODEL, "Model 'x' not found"), None);
    }

    #[test]
    fn constant_template_matches_only_itself() {
        const T: &[Segment] = &[Segment::Literal(Cow::Borrowed("Internal server error"))];
        let t = T;
        assert_eq!(match_template(t, "Internal server error"), Some(vec![]));
        assert_eq!(match_template(t, "Internal server error "), None);
    }

    #[test]
    fn trailing_placeholder_takes_the_rest() {
        const T: &[Segment] = &[
            Segment::Literal(Cow::Borrowed("id: ")),
            Segment::Placeholder(Cow::Borrowed("id")),
        ];
        let t = T;
        assert_eq!(match_template(t, "id: 1. 2"), Some(vec![("id", "1. 2")]));
    }
}
