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
fn entry_values_and_entries_without_a_code_are_shown() {
    let catalog = error_catalog_model::load_str(
        "name: demo\nwire:\n  body: {message: $message, code: $code|null, doc: $values.doc_url}\nerrors:\n  a: {status: 500, code: null, message: m, values: {doc_url: \"https://example.com/a\"}}\n  b: {status: 400, message: n}\n",
    )
    .unwrap();
    let page = error_catalog_model::render::render_page(&catalog, "demo.yaml");
    assert!(page.contains("**Values in the body:**"), "{page}");
    assert!(
        page.contains("- <code>doc_url</code>: https://example.com/a"),
        "{page}"
    );
    assert!(
        page.contains("| <code>doc</code> | the entry's <code>doc_url</code>"),
        "{page}"
    );
    assert!(page.contains("<code>a</code> (no code)"), "{page}");
    assert!(page.contains("**Code:** none"), "{page}");
    let body = error_catalog_model::render::example_body(
        &catalog,
        &catalog.entries[0],
        error_catalog_model::render::DOCS_CONTEXT,
    );
    assert_eq!(
        body,
        r#"{"message":"m","code":null,"doc":"https://example.com/a"}"#
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

/// Catalog text that Markdown would read as blocks, HTML or links, with what
/// a reader must still see of it.
const BLOCK_SYNTAX: &[(&str, &str)] = &[
    ("```", "```"),
    ("~~~ tilde fence", "~~~ tilde fence"),
    ("# X heading", "# X heading"),
    ("Title\n===", "Title ==="),
    ("---", "---"),
    ("***", "***"),
    ("___", "___"),
    ("- - -", "- - -"),
    ("> quoted", "> quoted"),
    ("- dash item", "- dash item"),
    ("* star item", "* star item"),
    ("+ plus item", "+ plus item"),
    ("1. dot item", "1. dot item"),
    ("2) paren item", "2) paren item"),
    ("    indented code", "indented code"),
    ("\tindented by a tab", "indented by a tab"),
    ("<div>html block</div>", "<div>html block</div>"),
    ("<!-- comment -->", "<!-- comment -->"),
    ("<script>alert(7)</script>", "<script>alert(7)</script>"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("![img](javascript:alert(2))", "![img](javascript:alert(2))"),
    ("![pixel](https://tracker.example/p.png)", "!pixel"),
    ("[x](<javascript:alert(3)>)", "javascript:alert(3)"),
    ("[x]( JavaScript:alert(4) )", "JavaScript:alert(4)"),
    ("<javascript:alert(5)>", "<javascript:alert(5)>"),
    ("[ref]: javascript:alert(6)", "[ref]: javascript:alert(6)"),
    ("see [ref] and [ref][]", "see [ref] and [ref][]"),
    ("[^note]: a footnote", "[^note]: a footnote"),
    ("[x] done", "[x] done"),
    ("first line\n# second line heading", "second line heading"),
    ("first line\n\n    code on line three", "code on line three"),
    ("first line\n```\nfenced", "fenced"),
    ("| a | b |\n| --- | --- |", "| a | b |"),
    ("a \\| b", "a | b"),
];

/// A web link that stays a link.
const WEB_LINK: &str = "See [the guide](https://example.com/guide) for *details*.";

fn yaml_string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    format!("\"{escaped}\"")
}

/// A catalog whose every free-text field carries one of `texts`.
fn catalog_with_texts(texts: &[&str]) -> String {
    let quoted: Vec<String> = texts.iter().map(|t| yaml_string(t)).collect();
    let mut yaml = format!(
        "name: blocks\ndescription: {}\nwire: envelope\nstatuses:\n",
        quoted[0]
    );
    for (i, t) in quoted.iter().enumerate() {
        yaml.push_str(&format!(
            "  {}: {{meaning: {t}, causes: {t}, solution: {t}}}\n",
            400 + i
        ));
    }
    yaml.push_str("rate_limit_headers:\n");
    for (i, t) in quoted.iter().enumerate() {
        yaml.push_str(&format!("  - {{name: X-Header-{i}, description: {t}}}\n"));
    }
    yaml.push_str("errors:\n");
    for (i, t) in quoted.iter().enumerate() {
        yaml.push_str(&format!(
            "  entry_{i}:\n    status: 400\n    message: message {i}\n    description: {t}\n    causes: [{t}, {t}]\n    solutions: [{t}, {t}]\n"
        ));
    }
    yaml
}

/// What a Markdown reader makes of a page.
#[derive(Default)]
struct Reading {
    /// Blocks and HTML, in order: what the catalog text must not change.
    structure: Vec<String>,
    /// Link and image destinations.
    links: Vec<String>,
    /// How many images: each would load as the page is read.
    images: usize,
    /// The text of every heading.
    headings: Vec<String>,
    /// All text shown.
    text: String,
}

fn read_markdown(page: &str) -> Reading {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut reading = Reading::default();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(page, options) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                reading.images += 1;
                reading.links.push(dest_url.to_string())
            }
            Event::Start(Tag::Link { dest_url, .. }) => reading.links.push(dest_url.to_string()),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            ) => {}
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => reading.headings.extend(heading.take()),
            Event::Start(tag) => reading.structure.push(format!("{tag:?}")),
            Event::End(
                TagEnd::Link
                | TagEnd::Image
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::End(tag) => reading.structure.push(format!("end {tag:?}")),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
                reading.text.push_str(&t);
            }
            Event::SoftBreak => reading.text.push(' '),
            other => reading.structure.push(format!("{other:?}")),
        }
    }
    reading
}

fn is_web(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

#[test]
fn block_syntax_and_script_links_in_catalog_text_stay_text() {
    let mut texts: Vec<&str> = BLOCK_SYNTAX.iter().map(|(text, _)| *text).collect();
    texts.push(WEB_LINK);
    let hostile = load_str(&catalog_with_texts(&texts)).unwrap();
    let plain_texts: Vec<String> = (0..texts.len()).map(|i| format!("plain {i}")).collect();
    let plain_refs: Vec<&str> = plain_texts.iter().map(String::as_str).collect();
    let plain = load_str(&catalog_with_texts(&plain_refs)).unwrap();

    for (hostile_page, plain_page) in [
        (
            render_page(&hostile, "catalog/blocks.yaml"),
            render_page(&plain, "catalog/blocks.yaml"),
        ),
        (
            render_index(&[(&hostile, "blocks.md".into())]),
            render_index(&[(&plain, "blocks.md".into())]),
        ),
    ] {
        let seen = read_markdown(&hostile_page);
        let expected = read_markdown(&plain_page);
        // The same headings, quotes, lists, code blocks, tables, rules and HTML
        // as with plain words: none of them comes from the catalog's text.
        for (i, (got, want)) in seen.structure.iter().zip(&expected.structure).enumerate() {
            assert_eq!(got, want, "block {i} differs");
        }
        assert_eq!(seen.structure.len(), expected.structure.len());
        let own_links: Vec<&String> = expected.links.iter().filter(|l| !is_web(l)).collect();
        let other_links: Vec<&String> = seen.links.iter().filter(|l| !is_web(l)).collect();
        assert_eq!(other_links, own_links, "a link that is not http(s)");
        assert_eq!(seen.images, 0, "an image loads as the page is read");
        assert_eq!(seen.headings.len(), expected.headings.len());
    }

    let seen = read_markdown(&render_page(&hostile, "catalog/blocks.yaml"));
    for i in 0..texts.len() {
        assert!(
            seen.headings.contains(&format!("entry_{i}")),
            "no heading for entry_{i}: {:?}",
            seen.headings
        );
    }
    for (text, visible) in BLOCK_SYNTAX {
        assert!(seen.text.contains(visible), "{text:?} is not shown");
    }
    assert!(seen.links.contains(&"https://example.com/guide".to_owned()));
    assert!(seen.text.contains("See the guide for details."));
}

/// A page rendered for a user's catalog names no command of this repository.
#[test]
fn pages_name_the_generating_command_only_when_told() {
    let catalog = error_catalog_model::load_str(
        "name: demo\nwire: flat\nerrors:\n  a: {status: 400, message: bad}\n",
    )
    .unwrap();
    let plain = render_page(&catalog, "catalog/demo.yaml");
    assert!(!plain.contains("xtask"), "{}", &plain[..200]);
    assert!(plain.starts_with("<!-- Generated from catalog/demo.yaml."));
    let told = error_catalog_model::render::render_page_made_by(
        &catalog,
        "catalog/demo.yaml",
        Some("cargo xtask gen-docs"),
    );
    assert!(told.starts_with("<!-- Generated by `cargo xtask gen-docs` from catalog/demo.yaml."));
}

/// A catalog's guides appear in order, as escaped prose, after the tables.
#[test]
fn guides_render_in_order_after_the_tables() {
    let catalog = error_catalog_model::load_str(
        "name: demo\nwire: flat\nguides:\n  - title: Flow\n    numbered: true\n    items: [Detect, \"Classify <b>\"]\n  - title: FAQ\n    text: Why?\n    items: [\"| pipe\"]\nerrors:\n  a: {status: 400, message: bad}\n",
    )
    .unwrap();
    let page = render_page(&catalog, "demo.yaml");
    let flow = page
        .find("## Flow\n\n1. Detect\n2. Classify &lt;b&gt;\n")
        .expect(&page);
    let faq = page.find("## FAQ\n\nWhy?\n\n- \\| pipe\n").expect(&page);
    let retry = page.find("## Retry guidance").unwrap();
    let reference = page.find("## Error reference").unwrap();
    assert!(retry < flow && flow < faq && faq < reference);
    assert!(page.contains("[Flow](#flow) · [FAQ](#faq)"));
    assert!(
        !page.contains("Circuit breaker"),
        "advice is catalog data, not renderer text"
    );
    let empty = error_catalog_model::load_str(
        "name: demo\nwire: flat\nguides:\n  - title: Nothing\nerrors:\n  a: {status: 400, message: bad}\n",
    )
    .unwrap_err();
    assert!(
        empty[0].to_string().contains("neither `text` nor `items`"),
        "{}",
        empty[0]
    );
}

/// `example:` picks the entry a page leads with and the context it shows;
/// an entry the catalog lacks is a mistake.
#[test]
fn the_lead_example_is_the_catalogs_choice() {
    let yaml = "name: demo\nwire: aiml\nexample: {entry: b, request_id: 798b860e, timestamp: \"2025-03-11T07:13:27.813Z\"}\nerrors:\n  a: {status: 400, message: bad}\n  b: {status: 429, message: slow down}\n";
    let page = render_page(&error_catalog_model::load_str(yaml).unwrap(), "demo.yaml");
    assert!(page.contains("For example, [b](#b) (status 429)"), "{page}");
    assert!(page.contains("\"requestId\": \"798b860e\""), "{page}");
    let wrong = error_catalog_model::load_str(&yaml.replace("entry: b", "entry: bb")).unwrap_err();
    assert!(
        wrong[0].to_string().contains("did you mean `b`"),
        "{}",
        wrong[0]
    );
}

/// Subgroups are headed tables inside their group, in catalog order; a group
/// without them stays one table.
#[test]
fn subgroups_head_their_own_tables_inside_the_group() {
    let yaml = "name: demo\nwire: envelope\nerrors:\n  A: {status: 401, message: a, group: Auth, subgroup: 401 - Unauthorized}\n  B: {status: 403, message: b, group: Auth, subgroup: \"403 - <Forbidden>\"}\n  C: {status: 401, message: c, group: Auth, subgroup: 401 - Unauthorized}\n  D: {status: 500, message: d, group: Server}\n";
    let page = render_page(&error_catalog_model::load_str(yaml).unwrap(), "demo.yaml");
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in\n{page}"))
    };
    let auth = at("### Auth\n\n#### 401 - Unauthorized\n\n| Code |");
    let a = at("| [<code>A</code>](#A) | 401 |");
    let c = at("| [<code>C</code>](#C) | 401 |");
    let forbidden = at("#### 403 - &lt;Forbidden&gt;\n\n| Code |");
    let b = at("| [<code>B</code>](#B) | 403 |");
    let server = at("### Server\n\n| Code |");
    assert!(auth < a && a < c && c < forbidden && forbidden < b && b < server);
    assert_eq!(page.matches("#### ").count(), 2, "{page}");
}

/// An entry's status is named as the API's own status table names it, and by
/// its standard reason phrase when the table does not list it.
#[test]
fn the_reference_names_statuses_as_the_api_does() {
    let yaml = "name: demo\nwire: flat\nstatuses:\n  429: {meaning: Rate Limited}\nerrors:\n  a: {status: 429, message: slow}\n  b: {status: 500, message: down}\n";
    let page = render_page(&error_catalog_model::load_str(yaml).unwrap(), "demo.yaml");
    assert!(page.contains("**Status:** 429 Rate Limited ·"), "{page}");
    assert!(
        page.contains("**Status:** 500 Internal Server Error ·"),
        "{page}"
    );
}

/// A 5xx example body shows what the server sends: `[redacted]` for a
/// sensitive parameter, in the message and in the data; a 4xx shows a value.
#[test]
fn examples_of_5xx_bodies_mask_sensitive_parameters() {
    let yaml = "name: demo\nwire: flat\nerrors:\n  down:\n    status: 503\n    message: \"database {host} unavailable\"\n    params: {host: {type: string, sensitive: true}, token: {type: string, sensitive: true}}\n  bad:\n    status: 400\n    message: \"bad key {key}\"\n    params: {key: {type: string, sensitive: true}}\n";
    let page = render_page(&error_catalog_model::load_str(yaml).unwrap(), "demo.yaml");
    assert!(
        page.contains(r#"{"code":"down","message":"database [redacted] unavailable","data":{"token":"[redacted]"}}"#),
        "{page}"
    );
    assert!(page.contains(r#""message":"bad key <key>""#), "{page}");
}

#[test]
fn a_code_header_is_named_on_the_page() {
    let catalog = error_catalog_model::load_str(
        "name: demo\nwire: {code_header: x-amzn-ErrorType, body: {message: $message}}\nerrors:\n  a: {code: A, status: 400, message: m}\n",
    )
    .unwrap();
    let page = error_catalog_model::render::render_page(&catalog, "demo.yaml");
    assert!(
        page.contains("the error code in the <code>x-amzn-ErrorType</code> header"),
        "{page}"
    );
}

/// A message shows literal braces as the server writes them (one `{` for the
/// template's `{{`), and its parameters as `{name}`.
#[test]
fn messages_show_braces_as_sent() {
    let catalog = load_str(
        "name: demo\nwire: flat\nerrors:\n  bad_json:\n    status: 400\n    message: \"expected {{ or [ at {pos}\"\n",
    )
    .unwrap();
    let page = render_page(&catalog, "demo.yaml");
    assert!(
        page.contains("**Message:** expected { or &#91; at {pos}"),
        "{page}"
    );
    assert!(!page.contains("{{"), "{page}");
}

/// The ids of a page's `<a id>` anchors, in page order.
fn anchor_ids(page: &str) -> Vec<&str> {
    page.lines()
        .filter_map(|l| l.strip_prefix("<a id=\"")?.strip_suffix("\"></a>"))
        .collect()
}

#[test]
fn keys_and_codes_that_make_the_same_anchor_get_their_own() {
    // `a.b` and `a-b` both make the anchor `a-b`; a code `a b` too; `other`
    // is also the `-error` form that the group heading `Other` gives `other`.
    let catalog = load_str(
        "name: demo\nwire: flat\nerrors:\n  a.b: {name: Dot, status: 400, message: m}\n  a-b: {name: Dash, status: 401, message: n}\n  x: {code: \"a b\", status: 402, message: o}\n  other: {status: 403, message: p}\n  other-error: {name: OtherError, status: 404, message: q}\n",
    )
    .unwrap();
    let page = render_page(&catalog, "demo.yaml");
    let ids = anchor_ids(&page);
    // Keys keep the plain ids before codes that make the same one.
    assert_eq!(
        ids,
        ["a-b", "a-b-2", "a-b-3", "x", "other-error", "other-error-2"],
        "{page}"
    );
    let position = |id: &str| page.find(&format!("<a id=\"{id}\">")).unwrap();
    assert!(
        position("a-b-3") < position("x"),
        "the code's anchor is on its entry"
    );
    // A number added is no heading's id either.
    let catalog = load_str(
        "name: demo\nwire: flat\nerrors:\n  a.b: {name: Dot, status: 400, message: m, group: A}\n  a-b: {name: Dash, status: 401, message: n, group: A-b 2}\n",
    )
    .unwrap();
    let grouped = render_page(&catalog, "demo.yaml");
    assert!(
        grouped.contains("<a id=\"a-b\">") && grouped.contains("<a id=\"a-b-3\">"),
        "{grouped}"
    );
    assert!(!grouped.contains("<a id=\"a-b-2\">"), "{grouped}");
    // Nor another key's plain id, in any case.
    let catalog = load_str(
        "name: demo\nwire: flat\nerrors:\n  A-B-2: {name: Upper, status: 400, message: m}\n  a.b: {name: Dot, status: 401, message: n}\n  a-b: {name: Dash, status: 402, message: o}\n",
    )
    .unwrap();
    let cased = render_page(&catalog, "demo.yaml");
    let ids = anchor_ids(&cased);
    assert_eq!(ids, ["A-B-2", "a-b", "a-b-3"], "{cased}");
    // Each entry's links go to its own anchor.
    assert!(
        page.contains("(#a-b-2)") && page.contains("(#other-error-2)"),
        "{page}"
    );
}
