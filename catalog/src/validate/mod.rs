//! Turns the positioned YAML tree into a `Catalog`, collecting every problem on the way.
//!
//! Each rule reports with the position of the key or value at fault and says how
//! to fix it. This file reads the top level; `entry` and `params` read one
//! entry and its parameters, `docs` the page-only parts, `read` typed scalars,
//! `names` Rust names; the cross-entry rules in `rules` run last, each opening
//! with a comment stating the rule.

use crate::diagnostic::{Diagnostics, Pos};
use crate::model::Catalog;
use crate::node::{Node, Value};
use crate::wire;

mod docs;
mod entry;
mod names;
mod params;
mod read;
mod rules;

use docs::{guides, headers, lead_example, statuses};
use entry::entries;
use read::{check_keys, identifier_string, member, required, text};
use rules::{
    check_code_types, check_codes_fit_header, check_entries_distinguishable,
    check_entries_reachable, check_params_placed, check_rust_names_unique,
    check_subgroups_complete, check_values_placed,
};

/// The keys a catalog file may have at the top level.
pub const CATALOG_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "wire",
    "domain",
    "statuses",
    "rate_limit_headers",
    "request_id_header",
    "should_retry_header",
    "errors",
    "guides",
    "example",
];

/// The keys an entry under `errors:` may have.
pub const ENTRY_KEYS: &[&str] = &[
    "code",
    "name",
    "status",
    "message",
    "field",
    "type",
    "grpc_status",
    "retryable",
    "retry_after",
    "group",
    "subgroup",
    "description",
    "causes",
    "solutions",
    "params",
    "values",
];

/// Validates a whole catalog tree. Returns the catalog only when no problem was found.
pub(crate) fn catalog(root: &Node, d: &mut Diagnostics) -> Option<Catalog> {
    let members = match &root.value {
        Value::Map(members) => members,
        Value::Null => {
            d.error(
                root.pos.or(Some(Pos::new(1, 1))),
                "the catalog is empty; start with `name:`, `wire:` and `errors:` (see catalog/schema.json)",
            );
            return None;
        }
        other => {
            d.error(
                root.pos,
                format!(
                    "a catalog must be a mapping with `name`, `wire` and `errors`, found {}",
                    other.kind()
                ),
            );
            return None;
        }
    };
    check_keys(members, CATALOG_KEYS, "the catalog", d);

    let name = required(members, "name", root.pos, "the catalog", "`name: aiapi`", d)
        .and_then(|n| identifier_string(n, "name", d));
    let title = member(members, "title").and_then(|n| text(n, "title", d));
    let description = member(members, "description").and_then(|n| text(n, "description", d));
    let wire = required(
        members,
        "wire",
        root.pos,
        "the catalog",
        "`wire: flat` (or `envelope`, `aiml`, or a body template)",
        d,
    )
    .and_then(|n| wire::parse_wire(n, d));
    let domain = member(members, "domain").and_then(|n| text(n, "domain", d));
    let statuses = member(members, "statuses")
        .map(|n| statuses(n, d))
        .unwrap_or_default();
    let rate_limit_headers = member(members, "rate_limit_headers")
        .map(|n| headers(n, d))
        .unwrap_or_default();
    let request_id_header =
        member(members, "request_id_header").and_then(|n| header_name(n, "request_id_header", d));
    let should_retry_header = member(members, "should_retry_header")
        .and_then(|n| header_name(n, "should_retry_header", d));
    // The page has a rate-limit section only for a catalog that lists headers.
    let sections: Vec<&str> = (crate::markdown::PAGE_SECTIONS.iter().copied())
        .filter(|s| *s != "Rate-limit headers" || !rate_limit_headers.is_empty())
        .collect();
    let guides = member(members, "guides")
        .map(|n| guides(n, &sections, d))
        .unwrap_or_default();
    let example = member(members, "example").and_then(|n| lead_example(n, d));
    let mut entries = required(
        members,
        "errors",
        root.pos,
        "the catalog",
        "`errors:` with one entry per error code",
        d,
    )
    .map(|n| entries(n, d))
    .unwrap_or_default();

    // Rule: a guide's heading link leads to it, not to a group or subgroup
    // heading of the same id that comes before it on the page.
    for guide in &guides {
        let id = crate::markdown::heading_id(&guide.title);
        let groups = entries.iter().filter_map(|e| e.group.as_deref());
        let subgroups = entries.iter().filter_map(|e| e.subgroup.as_deref());
        let other_group = entries.iter().any(|e| e.group.is_none()).then_some("Other");
        let mut headings = groups.chain(subgroups).chain(other_group);
        if let Some(other) = headings.find(|h| crate::markdown::heading_id(h) == id) {
            d.error(
                member(members, "guides").and_then(|n| n.pos),
                format!(
                    "guide title `{}` has the same heading link (`#{id}`) as the group heading `{other}`; rename the guide",
                    guide.title
                ),
            );
        }
    }

    // Rule: the lead example names an entry of the catalog (as written: an
    // entry with a mistake of its own is reported once, for that).
    if let Some(lead) = &example {
        let keys: Vec<&str> = match member(members, "errors").map(|n| &n.value) {
            Some(Value::Map(written)) => written.iter().map(|(k, _)| k.name.as_str()).collect(),
            _ => Vec::new(),
        };
        if !keys.contains(&lead.entry.as_str()) {
            let hint = crate::suggest::closest(&lead.entry, keys.iter().copied())
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            d.error(
                member(members, "example").and_then(|n| n.pos),
                format!(
                    "`example` names entry `{}`, which the catalog does not have{hint}",
                    lead.entry
                ),
            );
        }
    }
    if let Some(wire) = &wire {
        check_rust_names_unique(&entries, d);
        check_subgroups_complete(&entries, d);
        let reported = check_entries_distinguishable(&entries, wire, d);
        check_codes_fit_header(&entries, wire, d);
        check_code_types(member(members, "errors"), wire, d);
        // Rule: the code header is a header of its own: a server writing the
        // code must not overwrite the content type or another header.
        if let Some(code_header) = wire.code_header.as_deref() {
            // Each other header, with what sets it.
            let others = [
                (Some("content-type"), "the content type"),
                (Some("retry-after"), "the retry wait"),
                (
                    Some(request_id_header.as_deref().unwrap_or("x-request-id")),
                    "the request id (`request_id_header`, `x-request-id` when not set)",
                ),
                (should_retry_header.as_deref(), "`should_retry_header`"),
            ];
            let clash = others
                .into_iter()
                .filter_map(|(name, what)| Some((name?, what)))
                .chain(
                    rate_limit_headers
                        .iter()
                        .map(|h| (h.name.as_str(), "a `rate_limit_headers` entry")),
                )
                .find(|(other, _)| other.eq_ignore_ascii_case(code_header));
            if let Some((other, what)) = clash {
                d.error(
                    member(members, "wire").and_then(|n| n.pos),
                    format!(
                        "`code_header` `{code_header}` is also the `{other}` header that carries {what}; a response cannot hold both in one header: name the header the API sends its error code in, or change the other"
                    ),
                );
            }
        }
        let wire_pos = member(members, "wire").and_then(|n| n.pos);
        check_values_placed(&entries, wire, wire_pos, d);
        check_params_placed(&mut entries, wire, wire_pos, d);
        // After the parameters know whether they are placed on members of their own.
        check_entries_reachable(&entries, wire, &reported, d);
    }

    let name = name?;
    let wire = wire?;
    if !d.is_empty() {
        return None;
    }
    Some(Catalog {
        title: title.unwrap_or_else(|| name.clone()),
        name,
        description,
        wire,
        domain,
        statuses,
        rate_limit_headers,
        request_id_header,
        should_retry_header,
        entries,
        guides,
        example,
    })
}

/// A response header's name, checked.
pub(super) fn header_name(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
    let name = text(node, key, d)?;
    if !crate::wire::is_header_name(&name) {
        d.error(
            node.pos,
            format!("`{key}` must be an HTTP header name such as `request-id`, found `{name}`"),
        );
        return None;
    }
    Some(name)
}
