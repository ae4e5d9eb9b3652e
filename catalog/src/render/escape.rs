//! Making catalog text safe inside Markdown: data (codes, messages) is shown
//! literally; prose (descriptions, causes, solutions) keeps inline Markdown
//! but cannot inject HTML or break a table.

/// Text shown exactly as written: every character Markdown or HTML could read
/// as markup becomes an entity, and newlines become `<br>` so a table row stays one line.
pub fn literal(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '|' => out.push_str("&#124;"),
            '*' => out.push_str("&#42;"),
            '`' => out.push_str("&#96;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '\\' => out.push_str("&#92;"),
            '~' => out.push_str("&#126;"),
            '#' if i == 0 => out.push_str("&#35;"),
            '!' if chars.get(i + 1) == Some(&'[') => out.push_str("&#33;"),
            // Intraword underscores never emphasise (GFM), so `max_tokens`
            // stays readable; those at a word edge are escaped.
            '_' if !word_char(i.checked_sub(1).map(|j| chars[j]))
                || !word_char(chars.get(i + 1).copied()) =>
            {
                out.push_str("&#95;")
            }
            '\r' => {}
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// A code or name in code style, safe in a table: `<code>` with literal content.
pub fn code(text: &str) -> String {
    format!("<code>{}</code>", literal(text))
}

/// Prose written by the catalog author: inline Markdown (code spans, emphasis,
/// links) is kept, HTML is neutralised, and pipes and newlines cannot break a table.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A fence of backticks longer than any run of backticks in `content`, so the
/// content cannot close the code block early.
pub fn fence(content: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in content.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// An anchor id from an entry key: ASCII letters, digits, `_` and `-` kept,
/// everything else replaced by `-`, so ids are stable and safe in HTML.
pub fn anchor(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_neutralises_markup_and_keeps_rows_whole() {
        let out = literal("a|b `c` <script>*x*\nnext");
        assert!(
            !out.contains('|') && !out.contains('`') && !out.contains('<') || out.contains("<br>")
        );
        assert_eq!(
            out,
            "a&#124;b &#96;c&#96; &lt;script&gt;&#42;x&#42;<br>next"
        );
    }

    #[test]
    fn underscores_inside_words_stay_readable() {
        assert_eq!(literal("max_tokens"), "max_tokens");
        assert_eq!(literal("_x_"), "&#95;x&#95;");
    }

    #[test]
    fn prose_keeps_code_spans_but_not_html_or_pipes() {
        assert_eq!(
            prose("Send `Bearer` <b>now</b> | x"),
            "Send `Bearer` &lt;b&gt;now&lt;/b&gt; \\| x"
        );
    }

    #[test]
    fn fence_outgrows_backtick_runs() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("a ```` b"), "`````");
    }
}
