//! Turns the positioned YAML tree into a `Catalog`, collecting every problem on the way.
//!
//! Each rule reports with the position of the key or value at fault and says how
//! to fix it. Per-entry rules run first; the cross-entry rules at the bottom
//! each open with a comment stating the rule.

use heck::ToUpperCamelCase;

use crate::code_hash::TextMap;
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{Catalog, Entry, HeaderDoc, Param, ParamKind, RateLimitValue, StatusDoc};
use crate::node::{Key, Node, Value};
use crate::template::{is_param_name, Template};
use crate::wire::{self, quoted_list, Slot, WireFormat};

/// The keys a catalog file may have at the top level.
pub const CATALOG_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "wire",
    "domain",
    "statuses",
    "rate_limit_headers",
    "errors",
];

/// The keys an entry under `errors:` may have.
pub const ENTRY_KEYS: &[&str] = &[
    "code",
    "name",
    "status",
    "message",
    "field",
    "type",
    "retryable",
    "retry_after",
    "group",
    "description",
    "causes",
    "solutions",
    "params",
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
    let entries = required(
        members,
        "errors",
        root.pos,
        "the catalog",
        "`errors:` with one entry per error code",
        d,
    )
    .map(|n| entries(n, d))
    .unwrap_or_default();

    if let Some(wire) = &wire {
        check_rust_names_unique(&entries, d);
        check_entries_distinguishable(&entries, wire, d);
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
        entries,
    })
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
        Some(n) => text(n, "code", d).filter(|c| {
            let ok = !c.trim().is_empty() && c.trim() == c;
            if !ok {
                d.error(
                    n.pos,
                    "`code` must be non-empty and have no leading or trailing spaces",
                );
            }
            ok
        }),
        None => Some(key.name.clone()),
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
    let field = member(members, "field").and_then(|n| {
        let f = text(n, "field", d)?;
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
    let retryable_explicit = member(members, "retryable");
    let retryable = retryable_explicit.and_then(|n| boolean(n, "retryable", d));
    let retry_after = member(members, "retry_after").and_then(|n| seconds(n, d));
    let group = member(members, "group").and_then(|n| text(n, "group", d));
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

    let message = message?;
    check_placeholders_separated(&message, message_node, d);
    let params = params(&message, message_node, &declared, d);
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
        error_type,
        retryable: retryable.unwrap_or_else(|| Entry::default_retryable(status)),
        retryable_explicit: retryable_explicit.is_some(),
        retry_after,
        group,
        description,
        causes,
        solutions,
        params,
    })
}

/// A declared parameter: name, type, sensitivity, where it was declared.
struct ParamDecl {
    name: String,
    kind: ParamKind,
    sensitive: bool,
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
        let (kind_node, sensitive) = match &value.value {
            Value::Map(spec) => {
                check_keys(
                    spec,
                    &["type", "sensitive"],
                    &format!("parameter `{}`", key.name),
                    d,
                );
                let sensitive = member(spec, "sensitive")
                    .and_then(|n| boolean(n, "sensitive", d))
                    .unwrap_or(false);
                (member(spec, "type"), sensitive)
            }
            _ => (Some(value), false),
        };
        let kind = match kind_node {
            None => ParamKind::String,
            Some(n) => match n.as_text().as_deref().and_then(|t| {
                ParamKind::ALL
                    .iter()
                    .find(|(_, name)| *name == t)
                    .map(|(k, _)| *k)
            }) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = ParamKind::ALL.iter().map(|(_, n)| *n).collect();
                    d.error(
                        n.pos,
                        format!(
                            "unknown parameter type{}; use {}",
                            n.as_text().map(|t| format!(" `{t}`")).unwrap_or_default(),
                            quoted_list(&names)
                        ),
                    );
                    continue;
                }
            },
        };
        out.push(ParamDecl {
            name: key.name.clone(),
            kind,
            sensitive,
            pos: key.pos,
        });
    }
    out
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
            names.insert(name.as_str());
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
        out.push(Param {
            name: (*name).to_owned(),
            kind: decl.map_or(ParamKind::String, |p| p.kind),
            in_message: true,
            sensitive: decl.is_some_and(|p| p.sensitive),
        });
    }
    for decl in declared {
        if !placeholders.contains(&decl.name.as_str()) {
            out.push(Param {
                name: decl.name.clone(),
                kind: decl.kind,
                in_message: false,
                sensitive: decl.sensitive,
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

fn headers(node: &Node, d: &mut Diagnostics) -> Vec<HeaderDoc> {
    let Value::Seq(items) = &node.value else {
        d.error(
            node.pos,
            "`rate_limit_headers` must be a list of `{name, description, example, value}`",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Value::Map(members) = &item.value else {
            d.error(
                item.pos,
                "each rate-limit header must be a mapping with `name` and `description`",
            );
            continue;
        };
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
fn check_placeholders_separated(message: &Template, node: Option<&Node>, d: &mut Diagnostics) {
    use crate::template::Segment;
    for pair in message.segments.windows(2) {
        if let [Segment::Placeholder(a), Segment::Placeholder(b)] = pair {
            d.error(
                node.and_then(|n| n.pos),
                format!(
                    "placeholders `{{{a}}}` and `{{{b}}}` touch; put text between them (e.g. `{{{a}}} {{{b}}}`) so clients can read the values back"
                ),
            );
        }
    }
}

// Rule: two entries may not map to the same Rust name; the second is reported
// with the position of the first, since only one variant can carry the name.
fn check_rust_names_unique(entries: &[Entry], d: &mut Diagnostics) {
    let mut seen: TextMap<&str, &Entry> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in entries {
        let first = *seen.entry(&entry.rust_name).or_insert(entry);
        if !std::ptr::eq(first, entry) {
            d.error(
                entry.rust_name_pos,
                format!(
                    "entries `{}` and `{}` both become the Rust name `{}`{}; give one of them `name: OtherName`",
                    first.key,
                    entry.key,
                    entry.rust_name,
                    at(first.pos)
                ),
            );
        }
    }
}

// Rule: a client must be able to tell every entry apart from its body. Entries
// may share a wire code (seed 003's `invalid_request_error`) only with different
// messages; a format that carries no code tells entries apart by status and
// message, so those must differ.
fn check_entries_distinguishable(entries: &[Entry], wire: &WireFormat, d: &mut Diagnostics) {
    let has_code = wire.body.has_slot(Slot::Code);
    // What tells an entry apart, per format; the first entry with each key wins.
    let mut seen: TextMap<(&str, &str, Option<&str>, u16), &Entry> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in entries {
        let key = if has_code {
            (
                entry.code.as_str(),
                entry.message.source.as_str(),
                entry.field.as_deref(),
                0,
            )
        } else {
            ("", entry.message.source.as_str(), None, entry.status)
        };
        let first = *seen.entry(key).or_insert(entry);
        if !std::ptr::eq(first, entry) {
            let what = if has_code {
                format!("duplicate code `{}` with the same message", entry.code)
            } else {
                format!(
                    "entries `{}` and `{}` have the same status and message, and the `{}` wire format carries no code",
                    first.key,
                    entry.key,
                    wire.preset.as_deref().unwrap_or("custom")
                )
            };
            d.error(
                entry.pos,
                format!(
                    "{what}{}; a client could not tell them apart: change the code or the message, or remove one",
                    at(first.pos)
                ),
            );
        }
    }
}

// ----- helpers -----

fn d_len(d: &Diagnostics) -> usize {
    // Earlier entries may already have failed, so an entry checks whether the
    // count grew while it was read rather than whether the list is empty.
    d.len()
}

fn at(pos: Option<Pos>) -> String {
    pos.map(|p| format!(" (first at {p})")).unwrap_or_default()
}

fn member<'a>(members: &'a [(Key, Node)], name: &str) -> Option<&'a Node> {
    members.iter().find(|(k, _)| k.name == name).map(|(_, v)| v)
}

fn required<'a>(
    members: &'a [(Key, Node)],
    name: &str,
    pos: Option<Pos>,
    what: &str,
    example: &str,
    d: &mut Diagnostics,
) -> Option<&'a Node> {
    let found = member(members, name);
    if found.is_none() {
        d.error(
            pos,
            format!("{what} is missing the required key `{name}`; add {example}"),
        );
    }
    found
}

fn check_keys(members: &[(Key, Node)], allowed: &[&str], what: &str, d: &mut Diagnostics) {
    // A map, not a list: a hostile mapping can have hundreds of thousands of keys.
    let mut seen: TextMap<&str, Option<Pos>> =
        TextMap::with_capacity_and_hasher(members.len(), Default::default());
    for (key, _) in members {
        if let Some(first) = seen.get(key.name.as_str()) {
            d.error(
                key.pos,
                format!(
                    "duplicate key `{}` in {what}{}; remove one",
                    key.name,
                    at(*first)
                ),
            );
        }
        seen.entry(&key.name).or_insert(key.pos);
        if !allowed.contains(&key.name.as_str()) {
            let hint = match crate::suggest::closest(&key.name, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys are {}", quoted_list(allowed)),
            };
            d.error(
                key.pos,
                format!("unknown key `{}` in {what}; {hint}", key.name),
            );
        }
    }
}

fn text(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
    let found = node.as_text();
    if found.is_none() {
        d.error(
            node.pos,
            format!(
                "`{key}` must be a string, found {}; write text (quote it if needed)",
                node.value.kind()
            ),
        );
    }
    found
}

fn identifier_string(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
    let s = text(node, key, d)?;
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok {
        d.error(
            node.pos,
            format!("`{key}` must be a short name of letters, digits, `_` or `-` (it names files), found `{s}`"),
        );
        return None;
    }
    Some(s)
}

fn boolean(node: &Node, key: &str, d: &mut Diagnostics) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        other => {
            let shown = node
                .as_text()
                .map(|t| format!(" `{t}`"))
                .unwrap_or_default();
            d.error(
                node.pos,
                format!(
                    "`{key}` must be `true` or `false`, found {}{shown}; YAML 1.1 words like yes/no/on/off are not booleans here",
                    other.kind()
                ),
            );
            None
        }
    }
}

fn status(node: &Node, d: &mut Diagnostics) -> Option<u16> {
    match &node.value {
        Value::Int(i) if (400..=599).contains(i) => u16::try_from(*i).ok(),
        Value::Int(i) => {
            d.error(
                node.pos,
                format!("status {i} is not an error status; use an HTTP status from 400 to 599"),
            );
            None
        }
        other => {
            d.error(
                node.pos,
                format!(
                    "`status` must be an HTTP status number from 400 to 599, found {}{}",
                    other.kind(),
                    node.as_text()
                        .map(|t| format!(" `{t}`"))
                        .unwrap_or_default()
                ),
            );
            None
        }
    }
}

fn seconds(node: &Node, d: &mut Diagnostics) -> Option<u64> {
    match &node.value {
        Value::Int(i) if *i >= 0 && *i <= 86_400 * 366 => u64::try_from(*i).ok(),
        _ => {
            d.error(
                node.pos,
                "`retry_after` must be a whole number of seconds between 0 and 31622400",
            );
            None
        }
    }
}

fn strings(node: &Node, key: &str, d: &mut Diagnostics) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|i| text(i, key, d)).collect(),
        other => {
            d.error(
                node.pos,
                format!(
                    "`{key}` must be a list of strings (`- ...` lines or `[a, b]`), found {}",
                    other.kind()
                ),
            );
            Vec::new()
        }
    }
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// The length of the longest of [`RUST_KEYWORDS`] (a test keeps it true).
const LONGEST_KEYWORD: usize = 8;

/// Whether `name` is a Rust keyword. Names longer than any keyword, most
/// entry names, skip the comparisons (about 5,000 instructions a name in the
/// unoptimised proc macro).
fn is_keyword(name: &str) -> bool {
    name.len() <= LONGEST_KEYWORD && RUST_KEYWORDS.contains(&name)
}

fn keyword_problem(name: &str) -> Option<&'static str> {
    is_keyword(name).then_some("is a Rust keyword and cannot name a field")
}

/// The Rust name of an entry key: UpperCamelCase as heck writes it.
///
/// snake_case and SCREAMING_SNAKE_CASE keys, nearly all of them, take a short
/// path: heck's general word splitting costs about 30,000 instructions per
/// key in the unoptimised proc macro, a tenth of a second at 5,000 entries.
/// A test checks both paths agree.
fn upper_camel(key: &str) -> String {
    let mut name = Vec::with_capacity(key.len());
    // Whether the next letter starts a word, and the cases seen in this word.
    let (mut start, mut lower, mut upper) = (true, false, false);
    for &b in key.as_bytes() {
        match b {
            b'_' => {
                (start, lower, upper) = (true, false, false);
                continue;
            }
            b'a'..=b'z' => lower = true,
            b'A'..=b'Z' => upper = true,
            b'0'..=b'9' => {}
            _ => return key.to_upper_camel_case(),
        }
        if lower && upper {
            // camelCase inside a word: heck's case-change rules apply.
            return key.to_upper_camel_case();
        }
        name.push(if start {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        });
        start = false;
    }
    String::from_utf8(name).unwrap_or_else(|_| key.to_upper_camel_case())
}

fn rust_name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Some("is empty"),
        Some(c) if !c.is_ascii_uppercase() => {
            return Some("does not start with an uppercase ASCII letter")
        }
        _ => {}
    }
    if !chars.all(|c| c.is_ascii_alphanumeric()) {
        return Some("is not a valid identifier (only ASCII letters and digits)");
    }
    if is_keyword(name) {
        return Some("is a Rust keyword");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of up to five characters over letters of both cases, a
    /// digit and `_`, plus real codes: the short path must write what heck does.
    #[test]
    fn the_longest_keyword_is_known() {
        let longest = RUST_KEYWORDS.iter().map(|k| k.len()).max();
        assert_eq!(longest, Some(LONGEST_KEYWORD));
        assert!(is_keyword("override") && is_keyword("Self") && !is_keyword("Selfish"));
    }

    #[test]
    fn upper_camel_agrees_with_heck() {
        let mut keys = crate::every_text(&['a', 'z', 'A', 'Z', '1', '_'], 5);
        keys.extend(
            [
                "quota_not_enough",
                "RATE_LIMIT_EXCEEDED",
                "invalid_api_key",
                "error_code_00042",
                "v2_model_not_found",
                "HTTP2_ERROR",
                "already__double",
                "_leading",
                "trailing_",
                "camelCase_key",
                "mixed_Case",
            ]
            .map(String::from),
        );
        for key in &keys {
            assert_eq!(upper_camel(key), key.to_upper_camel_case(), "{key:?}");
        }
    }
}
