//! The generated reference pages: complete, linked, and showing the bodies the
//! runtime really sends.

use std::path::{Path, PathBuf};

use error_catalog::{ApiErrorCatalog, RequestContext};
use error_catalog_model::render::{example_body, example_context};
use error_catalog_model::Catalog;
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, BedrockError, ErrorCodesError, GatewayError,
    GeminiApiError, GitHubError, GoogleError, OpenAiError, Rfc9457Error, StripeError,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn catalog(name: &str) -> Catalog {
    error_catalog_model::load_file(&root().join(format!("catalog/{name}.yaml"))).unwrap()
}

fn page(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("docs/errors/{name}.md"))).unwrap()
}

/// Checks the bodies on one catalog's page.
type PageCheck = fn(&str);

/// Every catalog of `catalog/`, with the enum that checks its page's bodies.
const CATALOGS: [(&str, PageCheck); 12] = [
    (
        "aiapi",
        documented_bodies_are_what_the_runtime_sends::<AiApiError>,
    ),
    (
        "aimlapi",
        documented_bodies_are_what_the_runtime_sends::<AimlApiError>,
    ),
    (
        "anthropic",
        documented_bodies_are_what_the_runtime_sends::<AnthropicError>,
    ),
    (
        "bedrock",
        documented_bodies_are_what_the_runtime_sends::<BedrockError>,
    ),
    (
        "errorcodes",
        documented_bodies_are_what_the_runtime_sends::<ErrorCodesError>,
    ),
    (
        "gateway",
        documented_bodies_are_what_the_runtime_sends::<GatewayError>,
    ),
    (
        "gemini",
        documented_bodies_are_what_the_runtime_sends::<GeminiApiError>,
    ),
    (
        "github",
        documented_bodies_are_what_the_runtime_sends::<GitHubError>,
    ),
    (
        "google",
        documented_bodies_are_what_the_runtime_sends::<GoogleError>,
    ),
    (
        "openai",
        documented_bodies_are_what_the_runtime_sends::<OpenAiError>,
    ),
    (
        "rfc9457",
        documented_bodies_are_what_the_runtime_sends::<Rfc9457Error>,
    ),
    (
        "stripe",
        documented_bodies_are_what_the_runtime_sends::<StripeError>,
    ),
];

/// Parses each documented body with the runtime and writes it back: the docs
/// must show exactly what a server built on the derive sends.
fn documented_bodies_are_what_the_runtime_sends<E: ApiErrorCatalog + serde::Serialize>(name: &str) {
    let catalog = catalog(name);
    let context = RequestContext {
        request_id: example_context(&catalog).request_id.map(str::to_owned),
        path: example_context(&catalog).path.map(str::to_owned),
        timestamp: example_context(&catalog).timestamp.map(str::to_owned),
    };
    let page = page(name);
    for entry in &catalog.entries {
        let documented = example_body(&catalog, entry, example_context(&catalog));
        assert!(
            page.contains(&format!("\n{documented}\n")),
            "{name}: page lacks the body of {}",
            entry.key
        );
        // With the response's code header, where the catalog has one.
        let mut headers = error_catalog::http::HeaderMap::new();
        if let (Some(header), Some(code)) = (&catalog.wire.code_header, &entry.code) {
            let header = error_catalog::http::HeaderName::from_bytes(header.as_bytes()).unwrap();
            headers.insert(header, code.parse().unwrap());
        }
        let status = error_catalog::http::StatusCode::from_u16(entry.status).unwrap();
        let parsed = E::from_http(status, &headers, documented.as_bytes())
            .unwrap_or_else(|e| panic!("{name}/{}: {e}", entry.key));
        assert_eq!(
            parsed.entry().map(|e| e.key),
            Some(entry.key.as_str()),
            "{name}: {documented}"
        );
        let sent = serde_json::to_string(&parsed.with_context(&context)).unwrap();
        assert_eq!(sent, documented, "{name}/{}", entry.key);
    }
}

/// The docs writer and the runtime write the same bytes for every entry of
/// a test fixture (the pages of `catalog/` are checked above).
fn fixture_bodies_are_what_the_runtime_sends<E: ApiErrorCatalog + serde::Serialize>(
    file: &str,
) -> Catalog {
    let catalog = error_catalog_model::load_file(&root().join(file)).unwrap();
    for entry in &catalog.entries {
        let documented = example_body(&catalog, entry, example_context(&catalog));
        let parsed = E::from_body(documented.as_bytes(), Some(entry.status))
            .unwrap_or_else(|e| panic!("{file}/{}: {e}", entry.key));
        assert_eq!(parsed.entry().map(|e| e.key), Some(entry.key.as_str()));
        assert_eq!(serde_json::to_string(&parsed).unwrap(), documented);
    }
    catalog
}

/// Codes as JSON numbers (`codes: number`) and an empty list as a constant,
/// which no page of `catalog/` has yet.
#[test]
fn the_docs_writer_writes_numeric_codes_and_empty_lists_as_the_runtime_does() {
    use error_catalog_tests::{EnvelopeListError, NumericCodeError};
    let catalog = fixture_bodies_are_what_the_runtime_sends::<NumericCodeError>(
        "tests/fixtures/numeric_codes.yaml",
    );
    let not_found = catalog
        .entries
        .iter()
        .find(|e| e.key == "not_found")
        .unwrap();
    let documented = example_body(&catalog, not_found, example_context(&catalog));
    assert!(documented.starts_with(r#"{"code":20404,"#), "{documented}");
    let page = error_catalog_model::render::render_page(&catalog, "numeric_codes.yaml");
    assert!(page.contains("the error code, as a number"), "{page}");
    assert!(
        page.contains("the body's retry member, in whole seconds"),
        "{page}"
    );

    let catalog = fixture_bodies_are_what_the_runtime_sends::<EnvelopeListError>(
        "tests/fixtures/envelope_lists.yaml",
    );
    let page = error_catalog_model::render::render_page(&catalog, "envelope_lists.yaml");
    assert!(
        page.contains("| <code>messages</code> | always <code>&#91;&#93;</code> |"),
        "{page}"
    );
    assert!(page.contains(r#""messages":[]"#), "{page}");
}

#[test]
fn every_page_shows_the_bodies_the_runtime_sends() {
    for (name, check) in CATALOGS {
        check(name);
    }
}

#[test]
fn every_catalog_file_has_a_page_and_is_tested_here() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("catalog"))
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let tested: Vec<&str> = CATALOGS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names, tested,
        "add the new catalog to CATALOGS and give it a docs-body test"
    );
}

#[test]
fn index_links_every_page() {
    let index = std::fs::read_to_string(root().join("docs/errors/README.md")).unwrap();
    for (name, _) in CATALOGS {
        let c = catalog(name);
        assert!(
            index.contains(&format!("]({name}.md)")),
            "index lacks {name}"
        );
        assert!(
            index.contains(&format!("| {} |", c.entries.len())),
            "index lacks the count of {name}"
        );
        assert!(root().join(format!("docs/errors/{name}.md")).is_file());
    }
}

#[test]
fn every_entry_appears_with_its_status_anchor_and_table_row() {
    for (name, _) in CATALOGS {
        let c = catalog(name);
        let page = page(name);
        for e in &c.entries {
            // The key, or the key with `-error` where a section heading
            // has the key's id (`no_heading_comes_before_an_entrys_anchor`).
            let id = [e.key.clone(), format!("{}-error", e.key)]
                .into_iter()
                .find(|id| page.contains(&format!("<a id=\"{id}\"></a>")))
                .unwrap_or_else(|| panic!("{name}: no anchor for {}", e.key));
            let row = format!("](#{id}) | {} |", e.status);
            assert!(page.contains(&row), "{name}: no table row `{row}`");
            assert!(
                page.contains(&format!("**Status:** {} ", e.status)),
                "{name}: {}",
                e.key
            );
            for cause in &e.causes {
                assert!(
                    page.contains(&error_catalog_model::render::prose(cause)),
                    "{name}: cause of {}",
                    e.key
                );
            }
        }
        for s in &c.statuses {
            assert!(
                page.contains(&format!("\n| {} | ", s.status)),
                "{name}: status {}",
                s.status
            );
        }
    }
}

#[test]
fn shared_codes_link_by_code_too() {
    assert!(page("aiapi").contains("<a id=\"invalid_request_error\"></a>"));
}

/// A link to an entry reaches its anchor, not a heading GitHub gave the same
/// id earlier in the page (Bedrock's group "Throttling" and entry
/// `throttling`), and every in-page link has a target.
#[test]
fn no_heading_comes_before_an_entrys_anchor() {
    use error_catalog_model::markdown::heading_id;
    for (name, _) in CATALOGS {
        let page = page(name);
        let mut headings: Vec<String> = Vec::new();
        let mut anchors: Vec<String> = Vec::new();
        for line in page.lines() {
            if line.starts_with('#') {
                let text = line.trim_start_matches('#').trim();
                let text = text.replace("<code>", "").replace("</code>", "");
                headings.push(heading_id(&text));
            } else if let Some(id) = line
                .strip_prefix("<a id=\"")
                .and_then(|rest| rest.split('"').next())
            {
                assert!(
                    !headings.contains(&id.to_lowercase()),
                    "{name}: a heading before it has the id of entry anchor `{id}`"
                );
                anchors.push(id.to_owned());
            }
        }
        // The Contents line links to section headings; every other link
        // goes to an entry or code anchor, never to a heading.
        for line in page.lines() {
            let contents = line.contains(" errors. Contents: ");
            for link in line.split("](#").skip(1) {
                let target = link.split(')').next().unwrap_or_default();
                let found = anchors.iter().any(|a| a == target)
                    || (contents && headings.iter().any(|h| h == target));
                assert!(found, "{name}: the link to `#{target}` has no target");
            }
        }
    }
}
