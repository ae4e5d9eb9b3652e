//! Rendering is deterministic and safe against hostile catalog text.

use error_catalog_model::load_str;
use error_catalog_model::render::{render_index, render_page};

const HOSTILE: &str = r#"name: hostile
title: "Hostile <b>API</b>"
description: "Pipes | and <script>alert(1)</script> and `code`"
wire: envelope
errors:
  pipe_code:
    status: 400
    field: "a|b"
    message: "a | b `tick` <script>alert(1)</script> *bold* _em_ [link](x)\nsecond line"
    group: "G|roup"
    causes: ["cause | with pipe\nand newline"]
    solutions: ["<img src=x onerror=alert(1)>"]
  fence_breaker:
    status: 500
    message: "```\n# not a heading"
"#;

/// The page without its fenced code blocks, whose contents are shown verbatim
/// and never interpreted as Markdown or HTML.
fn outside_code_blocks(page: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in page.lines() {
        let ticks: String = line.chars().take_while(|c| *c == '`').collect();
        match &fence {
            Some(f) if line == f.as_str() => fence = None,
            Some(_) => {}
            None if ticks.len() >= 3 => fence = Some(ticks),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn table_rows(page: &str) -> Vec<&str> {
    page.lines().filter(|l| l.starts_with("| ")).collect()
}

fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn hostile_text_cannot_break_tables_or_inject_markup() {
    let catalog = load_str(HOSTILE).unwrap();
    let full = render_page(&catalog, "catalog/hostile.yaml");
    let page = outside_code_blocks(&full);
    assert!(!page.contains("<script"), "script tag leaked");
    assert!(!page.contains("<img"), "img tag leaked");
    assert!(!page.contains("<b>API"), "html in title leaked");
    assert!(
        !page.contains("\n# not a heading"),
        "newline in a message made a heading"
    );
    // Every row of a table has as many cell borders as the table's header.
    let mut header: Option<usize> = None;
    for line in page.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let pipes = unescaped_pipes(line);
        match header {
            None => header = Some(pipes),
            Some(h) => assert_eq!(pipes, h, "row split by a pipe: {line}"),
        }
    }
    assert!(table_rows(&page).len() > 10);
    let group_row = page
        .lines()
        .find(|l| l.starts_with("| [<code>pipe_code"))
        .unwrap();
    assert_eq!(unescaped_pipes(group_row), 6, "{group_row}");
    assert!(
        group_row.contains("a &#124; b &#96;tick&#96; &lt;script&gt;"),
        "{group_row}"
    );
    assert!(group_row.contains("<br>second line"), "{group_row}");
    // The body block of the fence breaker stays one code block.
    assert!(
        full.contains("````json\n{\"success\":false,\"error\":{\"code\":\"fence_breaker\""),
        "fence not lengthened"
    );
    assert!(
        full.contains("\"message\":\"a | b `tick` <script>"),
        "bodies are shown exactly as sent"
    );
}

#[test]
fn output_is_deterministic() {
    let a = load_str(HOSTILE).unwrap();
    let b = load_str(HOSTILE).unwrap();
    assert_eq!(render_page(&a, "x"), render_page(&b, "x"));
    assert_eq!(
        render_index(&[(&a, "a.md".into())]),
        render_index(&[(&b, "a.md".into())])
    );
}

#[test]
fn index_escapes_titles() {
    let catalog = load_str(HOSTILE).unwrap();
    let index = render_index(&[(&catalog, "hostile.md".into())]);
    assert!(
        index.contains("[Hostile &lt;b&gt;API&lt;/b&gt;](hostile.md)"),
        "{index}"
    );
}
