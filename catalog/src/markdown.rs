//! Making catalog text safe inside Markdown: data (codes, messages) is shown
//! literally; prose (descriptions, causes, solutions) keeps inline Markdown
//! but cannot inject HTML, blocks or links to anything but the web, nor
//! break a table.

use std::collections::HashMap;

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
/// links to http(s) pages) is kept; HTML, block syntax and links to anything
/// else are shown as text; pipes and newlines cannot break a table.
///
/// Pages write prose where a block starts (a paragraph, a list item) as well
/// as in table cells ([`prose_cell`]), so it must not open a heading, quote,
/// list, code block or link definition there. Newlines become spaces, which
/// leaves the start of the text the only line start to guard.
pub fn prose(text: &str) -> String {
    inline(text, false)
}

/// [`prose`] for a table cell: a pipe inside a code span is escaped too,
/// since GFM ends a cell there (and drops the backslash in the cell), where
/// in a paragraph the backslash would show.
pub fn prose_cell(text: &str) -> String {
    inline(text, true)
}

fn inline(text: &str, cell: bool) -> String {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let line: Vec<char> = text
        .trim_matches(blank)
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let block = block_marker(&line);
    let runs = BacktickRuns::of(&line);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        if block == Some(i) {
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            // An escaped character is never markup, so it cannot open a code
            // span or close a link's text; the entities are literal already.
            '\\' if line.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                match line[i + 1] {
                    '&' | '<' | '>' | '|' => push_inline(line[i + 1], &mut out),
                    escaped => {
                        out.push('\\');
                        out.push(escaped);
                    }
                }
                i += 2;
            }
            '`' => {
                let run = run_of(&line, i);
                // A code span shows its content verbatim, so a link inside
                // it is no link and is left alone.
                let end = match runs.next(run, i + run) {
                    Some(close) => close + run,
                    None => i + run,
                };
                // Entities are not decoded inside a code span, so its text
                // is copied as written; in a table cell a pipe is escaped,
                // which GFM reads inside code there too.
                for &c in &line[i..end] {
                    if c == '|' && cell {
                        out.push_str("\\|");
                    } else {
                        out.push(c);
                    }
                }
                i = end;
            }
            // An image would load from wherever it points as the page is
            // read; as a link it loads nothing until followed.
            '!' if line.get(i + 1) == Some(&'[') => {
                out.push_str("\\!");
                i += 1;
            }
            ']' if line.get(i + 1) == Some(&'(') && !is_web_destination(&line[i + 2..]) => {
                // What is left, `[text]`, could only be a reference to a
                // definition, and `block_marker` keeps those from being read.
                out.push_str("]\\(");
                i += 2;
            }
            c => {
                push_inline(c, &mut out);
                i += 1;
            }
        }
    }
    out
}

/// HTML becomes text, and a pipe cannot end a table cell.
fn push_inline(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '|' => out.push_str("\\|"),
        c => out.push(c),
    }
}

/// Where `line`, written at the start of a line, would open a block other than
/// a paragraph: the index of the character whose backslash escape prevents it.
/// Block quotes and HTML blocks need none, as `>` and `<` become entities.
fn block_marker(line: &[char]) -> Option<usize> {
    let first = *line.first()?;
    let blank_at = |at: usize| line.get(at).is_none_or(|&c| c == ' ' || c == '\t');
    match first {
        // Headings, setext underlines and list markers; none of them is
        // inline markup, so escaping them changes nothing else.
        '#' | '=' | '-' | '+' => Some(0),
        // Code fences.
        '`' | '~' if run_of(line, 0) >= 3 => Some(0),
        // A list marker or a thematic break, not emphasis.
        '*' if blank_at(1) || is_thematic_break(line) => Some(0),
        '_' if is_thematic_break(line) => Some(0),
        '0'..='9' => {
            let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
            let ordered = matches!(line.get(digits), Some('.' | ')')) && blank_at(digits + 1);
            ordered.then_some(digits)
        }
        // A link (or footnote) definition, which would hide the text, or a
        // task-list checkbox.
        '[' if is_definition(line) => Some(0),
        '[' if matches!(line.get(1..3), Some([' ' | '\t' | 'x' | 'X', ']'])) && blank_at(3) => {
            Some(0)
        }
        _ => None,
    }
}

/// `***`, `- - -`, `___`: three or more of one of them, nothing else but blanks.
fn is_thematic_break(line: &[char]) -> bool {
    let marks = line.iter().filter(|&&c| c != ' ' && c != '\t');
    let count = marks.clone().count();
    count >= 3 && marks.clone().all(|&c| c == line[0])
}

/// `[label]: ...`: a label without unescaped brackets, then a colon.
fn is_definition(line: &[char]) -> bool {
    let mut i = 1;
    while i < line.len() {
        match line[i] {
            '\\' => i += 2,
            '[' => return false,
            ']' => return i > 1 && line.get(i + 1) == Some(&':'),
            _ => i += 1,
        }
    }
    false
}

/// How many times `line[at]` repeats from `at`.
fn run_of(line: &[char], at: usize) -> usize {
    line.get(at)
        .map_or(0, |&c| line[at..].iter().take_while(|&&x| x == c).count())
}

/// Where the runs of backticks of each length start. A code span ends at the
/// next run as long as the one that opened it; looking it up here instead of
/// scanning on keeps text with many unmatched runs linear.
struct BacktickRuns(HashMap<usize, Vec<usize>>);

impl BacktickRuns {
    fn of(line: &[char]) -> Self {
        let mut runs: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut i = 0;
        while i < line.len() {
            let run = if line[i] == '`' { run_of(line, i) } else { 0 };
            if run > 0 {
                runs.entry(run).or_default().push(i);
            }
            i += run.max(1);
        }
        BacktickRuns(runs)
    }

    /// The start of the first run of exactly `len` backticks at or after `from`.
    fn next(&self, len: usize, from: usize) -> Option<usize> {
        let starts = self.0.get(&len)?;
        starts.get(starts.partition_point(|&s| s < from)).copied()
    }
}

/// Whether a link destination (what follows `](`) is an http or https URL.
/// `<` becomes an entity, so a destination in angle brackets is not one here.
fn is_web_destination(rest: &[char]) -> bool {
    let start = rest.iter().take_while(|&&c| c == ' ' || c == '\t').count();
    let rest = &rest[start..];
    ["http://", "https://"].iter().any(|scheme| {
        rest.len() >= scheme.len()
            && rest
                .iter()
                .zip(scheme.chars())
                .all(|(&c, s)| c.to_ascii_lowercase() == s)
    })
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

/// The sections every rendered page has, by their headings.
pub const PAGE_SECTIONS: &[&str] = &[
    "Error body",
    "HTTP status codes",
    "Errors by group",
    "Retry guidance",
    "Rate-limit headers",
    "Error reference",
];

/// The id GitHub gives a heading: lowercase, spaces to `-`, other
/// punctuation dropped.
pub fn heading_id(title: &str) -> String {
    title
        .chars()
        .filter(|&c| c == ' ' || c == '-' || c == '_' || c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// An anchor id from an entry key: letters (any script), digits, `_` and `-`
/// kept, everything else replaced by `-`, so ids are stable and safe in HTML.
/// A page adds `-error` to it where one of its headings has the same id.
pub fn anchor(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
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
        // Entities would show as written inside code: its text is kept.
        assert_eq!(
            prose_cell("A `Vec<u8>` & `a && b | c`"),
            r"A `Vec<u8>` &amp; `a && b \| c`"
        );
        // An unclosed backtick is no code span: what follows is escaped.
        assert_eq!(prose("a ` <b>"), "a ` &lt;b&gt;");
    }

    #[test]
    fn prose_keeps_inline_markdown_and_web_links() {
        for kept in [
            "**Bold** and *emphasis* stay",
            "See [the guide](https://example.com/a_(b)) or [this](HTTP://x.org)",
            "`[x](javascript:y)` is code, not a link",
            "Use `-` or `#`, 2. and 3) in the middle of a line",
            "_note_ at the start",
        ] {
            assert_eq!(prose(kept), kept);
        }
    }

    #[test]
    fn prose_shows_block_syntax_and_other_links_as_text() {
        let cases = [
            ("# Title", "\\# Title"),
            ("  ## indented", "\\## indented"),
            ("    code", "code"),
            ("\n\t- item", "\\- item"),
            ("* item", "\\* item"),
            ("***", "\\***"),
            ("_ _ _", "\\_ _ _"),
            ("12. item", "12\\. item"),
            ("```rust", "\\```rust"),
            ("~~~", "\\~~~"),
            ("> quote", "&gt; quote"),
            ("[x] done", "\\[x] done"),
            ("[\t] tab", "\\[\t] tab"),
            ("[a]: https://x.org", "\\[a]: https://x.org"),
            ("a [x](javascript:alert(1))", "a [x]\\(javascript:alert(1))"),
            ("![i]( data:image/png)", "\\![i]\\( data:image/png)"),
            ("[x](<https://x.org>)", "[x]\\(&lt;https://x.org&gt;)"),
        ];
        for (text, shown) in cases {
            assert_eq!(prose(text), shown, "{text:?}");
        }
    }

    #[test]
    fn a_pipe_in_code_is_escaped_only_in_a_table_cell() {
        assert_eq!(prose("use `a|b` here"), "use `a|b` here");
        assert_eq!(prose_cell("use `a|b` here"), r"use `a\|b` here");
        assert_eq!(prose("a | b"), r"a \| b");
    }

    #[test]
    fn prose_images_become_links() {
        assert_eq!(
            prose("![pixel](https://tracker.example/p.png)"),
            "\\![pixel](https://tracker.example/p.png)"
        );
    }

    #[test]
    fn anchors_keep_letters_of_any_script() {
        assert_eq!(anchor("配额不足"), "配额不足");
        assert_ne!(anchor("配额不足"), anchor("余额不足"));
        assert_eq!(anchor("rate limit"), "rate-limit");
    }

    #[test]
    fn prose_reads_the_authors_backslash_escapes() {
        assert_eq!(prose("a \\| b \\< c"), "a \\| b &lt; c");
        // An escaped backtick opens no code span, so the link is checked.
        assert_eq!(prose("\\`[x](javascript:y)`"), "\\`[x]\\(javascript:y)`");
    }

    #[test]
    fn fence_outgrows_backtick_runs() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("a ```` b"), "`````");
    }
}
