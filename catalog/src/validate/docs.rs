//! The page-only parts of a catalog: its lead example, guides, status table and headers.

use super::header_name;
use super::read::{at, boolean, check_keys, member, required, strings, text};
use crate::diagnostic::{Diagnostics, Pos};
use crate::markdown::heading_id;
use crate::model::{Guide, HeaderDoc, LeadExample, StatusDoc};
use crate::node::{Key, Node, Value};
use crate::suggest::quoted_list;
use crate::RateLimitValue;

/// `example: {entry, request_id, path, timestamp}`: the page's lead example.
pub(super) fn lead_example(node: &Node, d: &mut Diagnostics) -> Option<LeadExample> {
    let Value::Map(spec) = &node.value else {
        d.error(
            node.pos,
            "`example` must be a mapping: `{entry: free_tier_limit, request_id: ..., path: ..., timestamp: ...}`",
        );
        return None;
    };
    check_keys(
        spec,
        &["entry", "request_id", "path", "timestamp"],
        "`example`",
        d,
    );
    let entry = required(
        spec,
        "entry",
        node.pos,
        "`example`",
        "`entry: free_tier_limit`",
        d,
    )
    .and_then(|n| text(n, "entry", d))?;
    let field = |name: &str, d: &mut Diagnostics| member(spec, name).and_then(|n| text(n, name, d));
    Some(LeadExample {
        entry,
        request_id: field("request_id", d),
        path: field("path", d),
        timestamp: field("timestamp", d),
    })
}

/// `guides: [{title, text, items, numbered}]`: sections of the page, whose
/// other sections are `page_sections`.
pub(super) fn guides(node: &Node, page_sections: &[&str], d: &mut Diagnostics) -> Vec<Guide> {
    let sections = mappings(
        node,
        "`guides` must be a list of sections (`- {title: Best practices, items: [...]}`)",
        "a guide is a mapping with `title` and `text` or `items` (and optionally `numbered: true`)",
        d,
    );
    let mut out: Vec<Guide> = Vec::new();
    for (section, spec) in sections {
        check_keys(spec, &["title", "text", "items", "numbered"], "a guide", d);
        let title = required(
            spec,
            "title",
            section.pos,
            "a guide",
            "`title: Best practices`",
            d,
        )
        .and_then(|n| text(n, "title", d));
        let paragraphs = member(spec, "text")
            .map(|n| match &n.value {
                Value::Seq(_) => strings(n, "text", d),
                _ => text(n, "text", d).into_iter().collect(),
            })
            .unwrap_or_default();
        let items = member(spec, "items")
            .map(|n| strings(n, "items", d))
            .unwrap_or_default();
        let numbered = member(spec, "numbered")
            .and_then(|n| boolean(n, "numbered", d))
            .unwrap_or(false);
        if paragraphs.is_empty() && items.is_empty() {
            d.error(
                section.pos,
                "this guide has neither `text` nor `items`; give it one, or remove it",
            );
        }
        // Its heading's link must lead to it, not to a section of the same id.
        if let Some(title) = &title {
            let id = heading_id(title);
            let section = page_sections.iter().find(|other| heading_id(other) == id);
            let guide = out.iter().find(|g| heading_id(&g.title) == id);
            let other = match (section, guide) {
                (Some(s), _) => Some(format!("the page's `{s}` section")),
                (None, Some(g)) => Some(format!("the guide `{}`", g.title)),
                (None, None) => None,
            };
            if let Some(other) = other {
                let at = member(spec, "title").and_then(|n| n.pos);
                d.error(
                    at,
                    format!("guide title `{title}` has the same heading link (`#{id}`) as {other}; rename it"),
                );
            }
        }
        if let Some(title) = title {
            out.push(Guide {
                title,
                text: paragraphs,
                items,
                numbered,
            });
        }
    }
    out
}

pub(super) fn statuses(node: &Node, d: &mut Diagnostics) -> Vec<StatusDoc> {
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos,
            "`statuses` must map HTTP statuses to `{meaning, causes, solution}` (e.g. `429: {meaning: Too Many Requests}`)",
        );
        return Vec::new();
    };
    let mut out: Vec<StatusDoc> = Vec::new();
    for (key, value) in members {
        let status = match key.name.parse::<u16>() {
            Ok(s) if (100..=599).contains(&s) => s,
            _ => {
                d.error(
                    key.pos,
                    format!(
                        "`{}` is not an HTTP status; use a number from 100 to 599",
                        key.name
                    ),
                );
                continue;
            }
        };
        if out.iter().any(|s| s.status == status) {
            d.error(
                key.pos,
                format!("status {status} is listed twice in `statuses`; remove one"),
            );
            continue;
        }
        let what = format!("status {status}");
        let Value::Map(spec) = &value.value else {
            d.error(
                value.pos,
                format!(
                    "{what} must be a mapping with `meaning` (and optionally `causes`, `solution`)"
                ),
            );
            continue;
        };
        check_keys(spec, &["meaning", "causes", "solution"], &what, d);
        let meaning = required(
            spec,
            "meaning",
            value.pos,
            &what,
            "`meaning: Too Many Requests`",
            d,
        )
        .and_then(|n| text(n, "meaning", d));
        let causes = member(spec, "causes").and_then(|n| text(n, "causes", d));
        let solution = member(spec, "solution").and_then(|n| text(n, "solution", d));
        if let Some(meaning) = meaning {
            out.push(StatusDoc {
                status,
                meaning,
                causes,
                solution,
            });
        }
    }
    out
}

/// The mappings of a list, each with its node; `list` reports a value that
/// is not a list, `item` an element that is not a mapping.
fn mappings<'a>(
    node: &'a Node,
    list: &str,
    item: &str,
    d: &mut Diagnostics,
) -> Vec<(&'a Node, &'a [(Key, Node)])> {
    let Value::Seq(items) = &node.value else {
        d.error(node.pos, list);
        return Vec::new();
    };
    let mut out = Vec::new();
    for element in items {
        match &element.value {
            Value::Map(members) => out.push((element, members.as_slice())),
            _ => d.error(element.pos, item),
        }
    }
    out
}

pub(super) fn headers(node: &Node, d: &mut Diagnostics) -> Vec<HeaderDoc> {
    let items = mappings(
        node,
        "`rate_limit_headers` must be a list of `{name, description, example, value}`",
        "each rate-limit header must be a mapping with `name` and `description`",
        d,
    );
    let mut out = Vec::new();
    // Header names ignore case: each as first spelled, with where.
    let mut seen: Vec<(String, Option<Pos>)> = Vec::new();
    for (item, members) in items {
        check_keys(
            members,
            &["name", "description", "example", "value"],
            "a rate-limit header",
            d,
        );
        let name_node = required(
            members,
            "name",
            item.pos,
            "a rate-limit header",
            "`name: Retry-After`",
            d,
        );
        let name = name_node.and_then(|n| header_name(n, "name", d));
        if let (Some(name), Some(node)) = (&name, name_node) {
            match seen.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                Some((first, pos)) => d.error(
                    node.pos,
                    format!(
                        "rate-limit header `{name}` repeats `{first}`{}; header names ignore case, so remove one",
                        at(*pos)
                    ),
                ),
                None => seen.push((name.clone(), node.pos)),
            }
        }
        let description = required(
            members,
            "description",
            item.pos,
            "a rate-limit header",
            "`description: ...`",
            d,
        )
        .and_then(|n| text(n, "description", d));
        let example = member(members, "example").and_then(|n| text(n, "example", d));
        let value = member(members, "value").and_then(|n| {
            let t = text(n, "value", d)?;
            let found = RateLimitValue::ALL
                .iter()
                .find(|(_, name)| *name == t)
                .map(|(v, _)| *v);
            if found.is_none() {
                let names: Vec<&str> = RateLimitValue::ALL.iter().map(|(_, n)| *n).collect();
                d.error(
                    n.pos,
                    format!("unknown header value `{t}`; use {}", quoted_list(&names)),
                );
            }
            found
        });
        // A server writes `Retry-After` from the error's retry hint: another
        // figure there would tell clients to wait that many seconds.
        if let (Some(name), Some(value)) = (&name, value) {
            if name.eq_ignore_ascii_case("retry-after") && value != RateLimitValue::RetryAfter {
                let at_value = member(members, "value").and_then(|n| n.pos);
                d.error(
                    at_value,
                    format!("`{name}` carries the seconds to wait before retrying, found `value: {}`; give it `value: retry_after`, or put this figure in a header of its own", RateLimitValue::ALL.iter().find(|(v, _)| *v == value).map_or("?", |(_, n)| *n)),
                );
            }
        }
        if let (Some(name), Some(description)) = (name, description) {
            out.push(HeaderDoc {
                name,
                description,
                example,
                value,
            });
        }
    }
    out
}
