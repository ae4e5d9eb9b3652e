//! One entry under `errors:`: its keys, message, field, retry rule, docs and values.

use super::names::{rust_name_problem, upper_camel};
use super::read::{
    at, boolean, check_keys, d_len, member, required, seconds, status, strings, text,
};
use super::rules::check_placeholders_separated;
use super::ENTRY_KEYS;
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{is_value_name, Entry, EntryValue};
use crate::node::{Key, Node, Value};
use crate::suggest::quoted_list;
use crate::template::{is_param_name, Template};
use crate::text_map::TextMap;
use crate::ParamKind;

use super::params::{param_decls, params};

pub(super) fn entries(node: &Node, d: &mut Diagnostics) -> Vec<Entry> {
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
        key.pos.or(node.pos),
        &what,
        "`status: 400`",
        d,
    )
    .and_then(|n| status(n, d));
    let message_node = required(
        members,
        "message",
        key.pos.or(node.pos),
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
