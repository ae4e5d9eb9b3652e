//! Turns the positioned YAML tree into a `Catalog`, collecting every problem on the way.
//!
//! Each rule reports with the position of the key or value at fault and says how
//! to fix it. Per-entry rules run first; the cross-entry rules at the bottom
//! each open with a comment stating the rule.

use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{
    is_value_name, Catalog, Entry, EntryValue, Guide, HeaderDoc, LeadExample, Param, StatusDoc,
};
use crate::node::{Key, Node, Value};
use crate::suggest::quoted_list;
use crate::template::{is_param_name, Template};
use crate::text_map::TextMap;
use crate::wire;
use crate::{ItemMember, ParamKind, RateLimitValue};

mod names;
mod read;
mod rules;

use names::*;
use read::*;
use rules::*;

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
    let guides = member(members, "guides")
        .map(|n| guides(n, d))
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

    // Rule: the lead example names an entry of the catalog.
    if let Some(lead) = &example {
        if !entries.iter().any(|e| e.key == lead.entry) {
            let hint = crate::suggest::closest(&lead.entry, entries.iter().map(|e| e.key.as_str()))
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
fn header_name(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
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

fn entries(node: &Node, d: &mut Diagnostics) -> Vec<Entry> {
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos,
            format!(
                "`errors` must be a mapping from entry name to entry (e.g. `invalid_api_key: {{status: 401, message: ...}}`), found {}",
                node.value.kind()
            ),
        );
        return Vec::new();
    };
    if members.is_empty() {
        d.error(node.pos, "`errors` is empty; add at least one entry");
    }
    // Rule: a catalog has at most `max_entries` entries, so that what is
    // accepted also compiles in reasonable time.
    let max = crate::LIMITS.max_entries;
    if members.len() > max {
        d.error(
            node.pos,
            format!(
                "`errors` has {} entries, more than the {max} one catalog may have (compile time grows faster than the entry count); split the API into several catalogs",
                members.len()
            ),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    let max_params = crate::LIMITS.max_params;
    let mut params = 0;
    let mut seen: TextMap<&str, Option<Pos>> =
        TextMap::with_capacity_and_hasher(members.len(), Default::default());
    for (key, value) in members {
        // Rule: entry keys are unique (YAML forbids repeated keys; we say where the first one is).
        if let Some(first) = seen.get(key.name.as_str()) {
            d.error(
                key.pos,
                format!(
                    "duplicate entry `{}`{}; remove one or rename it",
                    key.name,
                    at(*first)
                ),
            );
            continue;
        }
        seen.insert(&key.name, key.pos);
        if let Some(entry) = entry(key, value, d) {
            // Rule: the entries together have at most `max_params` parameters.
            params += entry.params.len();
            if params > max_params && params - entry.params.len() <= max_params {
                d.error(
                    key.pos,
                    format!(
                        "with entry `{}` the catalog has more than the {max_params} parameters a catalog may have in all (each is a field, and fields cost the compiler more than variants); split the API into several catalogs",
                        key.name
                    ),
                );
            }
            out.push(entry);
        }
    }
    out
}

fn entry(key: &Key, node: &Node, d: &mut Diagnostics) -> Option<Entry> {
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos.or(key.pos),
            format!(
                "entry `{}` must be a mapping with at least `status` and `message`, found {}",
                key.name,
                node.value.kind()
            ),
        );
        return None;
    };
    let what = format!("entry `{}`", key.name);
    check_keys(members, ENTRY_KEYS, &what, d);
    let before = d_len(d);

    if key.name.trim().is_empty() {
        d.error(
            key.pos,
            "an entry key is empty; name the entry after its code",
        );
    }
    let code = match member(members, "code") {
        Some(Node {
            value: Value::Null, ..
        }) => Some(None),
        Some(n) => text(n, "code", d)
            .filter(|c| {
                let ok = !c.trim().is_empty() && c.trim() == c;
                if !ok {
                    d.error(
                        n.pos,
                        "`code` must be non-empty and have no leading or trailing spaces",
                    );
                }
                ok
            })
            .map(Some),
        None => Some(Some(key.name.clone())),
    };
    let (rust_name, rust_name_pos) = match member(members, "name") {
        Some(n) => (text(n, "name", d), n.pos),
        None => (Some(upper_camel(&key.name)), key.pos),
    };
    if let Some(name) = &rust_name {
        if let Some(problem) = rust_name_problem(name) {
            let fix = if member(members, "name").is_some() {
                "write a valid UpperCamelCase identifier".to_owned()
            } else {
                format!(
                    "the entry key `{}` becomes `{name}`; add `name: SomeName` with a valid UpperCamelCase identifier",
                    key.name
                )
            };
            d.error(
                rust_name_pos,
                format!("Rust name `{name}` {problem}; {fix}"),
            );
        }
    }

    let status = required(
        members,
        "status",
        node.pos.or(key.pos),
        &what,
        "`status: 400`",
        d,
    )
    .and_then(|n| status(n, d));
    let message_node = required(
        members,
        "message",
        node.pos.or(key.pos),
        &what,
        "`message: Human-readable text`",
        d,
    );
    let message = message_node.and_then(|n| {
        let raw = text(n, "message", d)?;
        if raw.trim().is_empty() {
            d.error(n.pos, "`message` is empty; write the text the API sends");
            return None;
        }
        match Template::parse(&raw) {
            Ok(t) => Some(t),
            Err(e) => {
                d.error(
                    n.pos,
                    format!(
                        "{} (at character {} of the message)",
                        e.message,
                        e.offset + 1
                    ),
                );
                None
            }
        }
    });
    let mut field_param = None;
    let field = member(members, "field").and_then(|n| {
        let f = text(n, "field", d)?;
        if let Some(name) = f.strip_prefix("$param.") {
            if is_param_name(name) {
                field_param = Some((name.to_owned(), n.pos));
            } else {
                d.error(
                    n.pos,
                    format!(
                        "`field: {f}`: a parameter's name is snake_case (`field: $param.param`)"
                    ),
                );
            }
            return None;
        }
        if f.trim().is_empty() {
            d.error(
                n.pos,
                "`field` is empty; name the request parameter (e.g. `prompt`) or remove the key",
            );
            return None;
        }
        Some(f)
    });
    let error_type = member(members, "type").and_then(|n| text(n, "type", d));
    let grpc_status = member(members, "grpc_status").and_then(|n| {
        let name = text(n, "grpc_status", d)?;
        if error_catalog_core::GRPC_CODES.contains(&name.as_str()) {
            return Some(name);
        }
        let hint =
            match crate::suggest::closest(&name, error_catalog_core::GRPC_CODES.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "use one of {}",
                    quoted_list(&error_catalog_core::GRPC_CODES)
                ),
            };
        d.error(
            n.pos,
            format!("`grpc_status: {name}` is not a google.rpc code; {hint}"),
        );
        None
    });
    let retryable_explicit = member(members, "retryable");
    let retryable = retryable_explicit.and_then(|n| boolean(n, "retryable", d));
    let retry_after = member(members, "retry_after").and_then(|n| seconds(n, d));
    let group = member(members, "group").and_then(|n| text(n, "group", d));
    let subgroup_node = member(members, "subgroup");
    let subgroup = subgroup_node.and_then(|n| text(n, "subgroup", d));
    if subgroup.is_some() && group.is_none() {
        d.error(
            subgroup_node.and_then(|n| n.pos),
            "`subgroup:` is a heading inside a group; add `group:` to this entry",
        );
    }
    let description = member(members, "description").and_then(|n| text(n, "description", d));
    let causes = member(members, "causes")
        .map(|n| strings(n, "causes", d))
        .unwrap_or_default();
    let solutions = member(members, "solutions")
        .map(|n| strings(n, "solutions", d))
        .unwrap_or_default();
    let declared = member(members, "params")
        .map(|n| param_decls(n, d))
        .unwrap_or_default();
    let values = member(members, "values")
        .map(|n| entry_values(n, d))
        .unwrap_or_default();

    let message = message?;
    check_placeholders_separated(&message, message_node, d);
    let params = params(&message, message_node, &declared, d);
    // Rule: a field read from a parameter names a text parameter of the entry.
    if let Some((name, pos)) = &field_param {
        match params.iter().find(|p| p.name == *name) {
            Some(p) if p.kind == ParamKind::String && !p.sensitive => {}
            Some(_) => d.error(
                *pos,
                format!("`field: $param.{name}`: the field is text the client sent back; make `{name}` a `string` parameter that is not sensitive"),
            ),
            None => d.error(
                *pos,
                format!("`field: $param.{name}`: the entry has no parameter `{name}`; declare it under `params:` (`params: {{{name}: string}}`)"),
            ),
        }
    }
    if d_len(d) != before {
        return None;
    }
    let status = status?;
    Some(Entry {
        key: key.name.clone(),
        pos: key.pos,
        code: code?,
        rust_name: rust_name?,
        rust_name_pos,
        status,
        message,
        message_pos: message_node.and_then(|n| n.pos),
        field,
        field_param: field_param.map(|(name, _)| name),
        error_type,
        grpc_status,
        retryable: retryable.unwrap_or_else(|| error_catalog_core::default_retryable(status)),
        retryable_explicit: retryable_explicit.is_some(),
        retry_after,
        group,
        subgroup,
        description,
        causes,
        solutions,
        params,
        values,
    })
}

/// A declared parameter: name, type, sensitivity, where it was declared.
struct ParamDecl {
    name: String,
    kind: ParamKind,
    items: Vec<ItemMember>,
    wire: Option<String>,
    example: Option<String>,
    sensitive: bool,
    optional: bool,
    pos: Option<Pos>,
}

fn param_decls(node: &Node, d: &mut Diagnostics) -> Vec<ParamDecl> {
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos,
            format!(
                "`params` must map parameter names to types (e.g. `params: {{retry_after: integer}}`), found {}",
                node.value.kind()
            ),
        );
        return Vec::new();
    };
    let mut out: Vec<ParamDecl> = Vec::new();
    for (key, value) in members {
        if !is_param_name(&key.name) {
            d.error(
                key.pos,
                format!(
                    "parameter name `{}` is not snake_case; use lowercase letters, digits and `_`, starting with a letter",
                    key.name
                ),
            );
            continue;
        }
        if let Some(problem) = keyword_problem(&key.name) {
            d.error(
                key.pos,
                format!("parameter name `{}` {problem}; rename it", key.name),
            );
            continue;
        }
        if let Some(first) = out.iter().find(|p| p.name == key.name) {
            d.error(
                key.pos,
                format!("duplicate parameter `{}`{}", key.name, at(first.pos)),
            );
            continue;
        }
        let what = format!("parameter `{}`", key.name);
        let (kind_node, sensitive, optional, items_node, wire, example) = match &value.value {
            Value::Map(spec) => {
                check_keys(
                    spec,
                    &["type", "sensitive", "optional", "items", "wire", "example"],
                    &what,
                    d,
                );
                let wire = member(spec, "wire").and_then(|n| text(n, "wire", d));
                // Any scalar: the docs show it as the parameter's value.
                let example = member(spec, "example").and_then(|n| n.as_text());
                let flag = |name: &str, d: &mut Diagnostics| {
                    member(spec, name)
                        .and_then(|n| boolean(n, name, d))
                        .unwrap_or(false)
                };
                let sensitive = flag("sensitive", d);
                let optional = flag("optional", d);
                (
                    member(spec, "type"),
                    sensitive,
                    optional,
                    member(spec, "items"),
                    wire,
                    example,
                )
            }
            _ => (Some(value), false, false, None, None, None),
        };
        let Some(kind) = param_kind(kind_node, d) else {
            continue;
        };
        // Rule: only text can be sensitive, since a 5xx writes `[redacted]` in
        // its place and a client (and the body's schema) must take that text.
        if sensitive && kind != ParamKind::String {
            d.error(
                value.pos,
                format!(
                    "{what} is `sensitive` and of type `{}`; a 5xx body writes the text `[redacted]` in its place, so only `string` parameters can be sensitive: make it `type: string`, or drop `sensitive`",
                    kind.name()
                ),
            );
            continue;
        }
        // Rule: a list declares the members of its items; nothing else has items.
        // Rule: an example is a value of the parameter's type.
        if let Some(example) = &example {
            let fits = match kind {
                ParamKind::String => true,
                ParamKind::Integer => example.parse::<i64>().is_ok(),
                ParamKind::Number => example.parse::<f64>().is_ok(),
                ParamKind::Boolean => matches!(example.as_str(), "true" | "false"),
                ParamKind::Object | ParamKind::List => false,
            };
            if !fits {
                d.error(
                    value.pos,
                    format!(
                        "the `example` of {what} is not a{} `{}` value; give one the docs can show, or remove it",
                        if kind == ParamKind::Integer || kind == ParamKind::Object { "n" } else { "" },
                        kind.name()
                    ),
                );
                continue;
            }
        }
        let items = match (kind, items_node) {
            (ParamKind::List, Some(items)) => match item_members(items, &what, d) {
                Some(items) => items,
                None => continue,
            },
            (ParamKind::List, None) => {
                d.error(
                    value.pos,
                    format!("{what} is a `list` without `items`; say what each item holds, e.g. `{{type: list, items: {{field: string, code: string}}}}`"),
                );
                continue;
            }
            (_, Some(items)) => {
                d.error(
                    items.pos,
                    format!(
                        "{what} has `items` but is not a list; add `type: list` or remove `items`"
                    ),
                );
                continue;
            }
            (_, None) => Vec::new(),
        };
        out.push(ParamDecl {
            name: key.name.clone(),
            kind,
            items,
            wire,
            example,
            sensitive,
            optional,
            pos: key.pos,
        });
    }
    out
}

/// The type a `type:` node names (`string` when there is none); `None`
/// after reporting an unknown one.
fn param_kind(node: Option<&Node>, d: &mut Diagnostics) -> Option<ParamKind> {
    let Some(node) = node else {
        return Some(ParamKind::String);
    };
    let text = node.as_text();
    let found = ParamKind::ALL
        .iter()
        .find(|(_, name)| Some(*name) == text.as_deref())
        .map(|(k, _)| *k);
    if found.is_none() {
        let names: Vec<&str> = ParamKind::ALL.iter().map(|(_, n)| *n).collect();
        d.error(
            node.pos,
            format!(
                "unknown parameter type{}; use {}",
                text.map(|t| format!(" `{t}`")).unwrap_or_default(),
                quoted_list(&names)
            ),
        );
    }
    found
}

/// The members of a list's items: `{name: type}` or `{name: {type, optional}}`,
/// names spelled as the body spells them.
fn item_members(node: &Node, what: &str, d: &mut Diagnostics) -> Option<Vec<ItemMember>> {
    // Items that are plain values: one member with no name, the item itself.
    if let Value::Str(_) = &node.value {
        return match param_kind(Some(node), d)? {
            ParamKind::List => {
                d.error(node.pos, format!("the items of {what} are lists; items hold text, numbers, booleans and objects, not lists"));
                None
            }
            kind => Some(vec![ItemMember {
                name: "".into(),
                kind,
                optional: false,
            }]),
        };
    }
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos,
            format!(
                "`items` of {what} must be the items' type (`items: string`) or map each item member to its type (`items: {{field: string, code: string}}`), found {}",
                node.value.kind()
            ),
        );
        return None;
    };
    if members.is_empty() {
        d.error(
            node.pos,
            format!("`items` of {what} is empty; list the members each item has"),
        );
        return None;
    }
    let before = d_len(d);
    let mut out = Vec::new();
    for (key, value) in members {
        let (kind_node, optional) = match &value.value {
            Value::Map(spec) => {
                check_keys(
                    spec,
                    &["type", "optional"],
                    &format!("item member `{}`", key.name),
                    d,
                );
                let optional = member(spec, "optional").and_then(|n| boolean(n, "optional", d));
                (member(spec, "type"), optional.unwrap_or(false))
            }
            _ => (Some(value), false),
        };
        match param_kind(kind_node, d) {
            Some(ParamKind::List) => d.error(
                kind_node.and_then(|n| n.pos),
                format!("item member `{}` of {what} is a list; items hold text, numbers, booleans and objects, not lists", key.name),
            ),
            Some(kind) => out.push(ItemMember {
                name: key.name.clone().into(),
                kind,
                optional,
            }),
            None => {}
        }
    }
    (d_len(d) == before).then_some(out)
}

fn params(
    message: &Template,
    message_node: Option<&Node>,
    declared: &[ParamDecl],
    d: &mut Diagnostics,
) -> Vec<Param> {
    // Rule: an entry has at most `max_params_per_entry` parameters; counted
    // before anything else reads the placeholders, whose checks grow with
    // their square.
    let max = crate::LIMITS.max_params_per_entry;
    let mut names = std::collections::HashSet::new();
    for segment in &message.segments {
        if let crate::template::Segment::Placeholder(name) = segment {
            names.insert(name.as_ref());
        }
    }
    names.extend(declared.iter().map(|p| p.name.as_str()));
    if names.len() > max {
        d.error(
            message_node.and_then(|n| n.pos),
            format!(
                "this entry has {} parameters, more than the {max} an entry may have (each becomes a field of the variant); use fewer placeholders, or split the entry in two",
                names.len()
            ),
        );
        return Vec::new();
    }
    let placeholders = message.placeholders();
    let mut out = Vec::new();
    for name in &placeholders {
        if let Some(problem) = keyword_problem(name) {
            d.error(
                message_node.and_then(|n| n.pos),
                format!("placeholder `{{{name}}}` {problem}; rename it"),
            );
        }
        let decl = declared.iter().find(|p| p.name == *name);
        if let Some(decl) = decl.filter(|p| p.optional) {
            d.error(
                decl.pos,
                format!("parameter `{name}` is in the message, so every error has it; remove `optional: true`"),
            );
        }
        // Rule: a message placeholder is text, a number or a boolean.
        if let Some(decl) = decl.filter(|p| matches!(p.kind, ParamKind::List | ParamKind::Object)) {
            d.error(
                decl.pos,
                format!(
                    "parameter `{name}` is a{} `{}` and cannot fill the message placeholder `{{{name}}}`; place it in the body with `$param.{name}` and take `{{{name}}}` out of the message",
                    if decl.kind == ParamKind::Object { "n" } else { "" },
                    decl.kind.name()
                ),
            );
        }
        out.push(Param {
            name: (*name).to_owned(),
            kind: decl.map_or(ParamKind::String, |p| p.kind),
            items: Vec::new(),
            wire: decl.and_then(|p| p.wire.clone()),
            example: decl.and_then(|p| p.example.clone()),
            in_message: true,
            sensitive: decl.is_some_and(|p| p.sensitive),
            optional: false,
            placed: false,
            pos: decl.and_then(|p| p.pos),
        });
    }
    for decl in declared {
        if !placeholders.contains(&decl.name.as_str()) {
            out.push(Param {
                name: decl.name.clone(),
                kind: decl.kind,
                items: decl.items.clone(),
                wire: decl.wire.clone(),
                example: decl.example.clone(),
                in_message: false,
                sensitive: decl.sensitive,
                optional: decl.optional,
                placed: false,
                pos: decl.pos,
            });
        }
    }
    out
}

/// `example: {entry, request_id, path, timestamp}`: the page's lead example.
fn lead_example(node: &Node, d: &mut Diagnostics) -> Option<LeadExample> {
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

/// `guides: [{title, text, items, numbered}]`: sections of the page.
fn guides(node: &Node, d: &mut Diagnostics) -> Vec<Guide> {
    let sections = mappings(
        node,
        "`guides` must be a list of sections (`- {title: Best practices, items: [...]}`)",
        "a guide is a mapping with `title` and `text` or `items` (and optionally `numbered: true`)",
        d,
    );
    let mut out = Vec::new();
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

fn statuses(node: &Node, d: &mut Diagnostics) -> Vec<StatusDoc> {
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

fn headers(node: &Node, d: &mut Diagnostics) -> Vec<HeaderDoc> {
    let items = mappings(
        node,
        "`rate_limit_headers` must be a list of `{name, description, example, value}`",
        "each rate-limit header must be a mapping with `name` and `description`",
        d,
    );
    let mut out = Vec::new();
    for (item, members) in items {
        check_keys(
            members,
            &["name", "description", "example", "value"],
            "a rate-limit header",
            d,
        );
        let name = required(
            members,
            "name",
            item.pos,
            "a rate-limit header",
            "`name: Retry-After`",
            d,
        )
        .and_then(|n| text(n, "name", d));
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

// Rule: two placeholders need text between them, or a client reading the
// message back could not tell where one value ends and the next begins.

/// An entry's `values:`: names (`$values.NAME` places them) to text.
fn entry_values(node: &Node, d: &mut Diagnostics) -> Vec<EntryValue> {
    let Value::Map(members) = &node.value else {
        d.error(
            node.pos,
            format!(
                "`values` must be a mapping of names to text (`values: {{doc_url: https://...}}`), found {}",
                node.value.kind()
            ),
        );
        return Vec::new();
    };
    let mut values = Vec::new();
    for (key, value) in members {
        if !is_value_name(&key.name) {
            d.error(
                key.pos,
                format!(
                    "value name `{}` is not letters, digits and `_` starting with a letter; the template refers to it as `$values.NAME`",
                    key.name
                ),
            );
            continue;
        }
        if let Some(text) = text(value, &key.name, d) {
            values.push(EntryValue {
                name: key.name.clone(),
                value: text,
                pos: key.pos,
            });
        }
    }
    values
}
