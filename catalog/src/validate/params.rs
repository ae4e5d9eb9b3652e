//! An entry's `params:`: declared types, list items, and where each parameter is placed.

use super::names::keyword_problem;
use super::read::{at, boolean, check_keys, d_len, member, text};
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::Param;
use crate::node::{Node, Value};
use crate::suggest::quoted_list;
use crate::template::{is_param_name, Template};
use crate::{ItemMember, ParamKind};

/// A declared parameter: name, type, sensitivity, where it was declared.
pub(super) struct ParamDecl {
    name: String,
    kind: ParamKind,
    items: Vec<ItemMember>,
    wire: Option<String>,
    example: Option<String>,
    sensitive: bool,
    optional: bool,
    pos: Option<Pos>,
}

pub(super) fn param_decls(node: &Node, d: &mut Diagnostics) -> Vec<ParamDecl> {
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

pub(super) fn params(
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
    // Rule: `retry_after` is the wait clients honour (`retry_after()`, the
    // retry middleware), read as seconds; as text it would be ignored.
    if let Some(param) = out.iter().find(|p| {
        p.name == "retry_after" && !matches!(p.kind, ParamKind::Integer | ParamKind::Number)
    }) {
        let declared = if param.pos.is_some() {
            format!("is declared `{}`", param.kind.name())
        } else {
            "has no type, so it is text".to_owned()
        };
        d.error(
            param.pos.or(message_node.and_then(|n| n.pos)),
            format!(
                "parameter `retry_after` {declared}, but clients read it as the seconds to wait before retrying; declare `params: {{retry_after: integer}}` (whole seconds) or `number` (fractions, rounded up), or give it another name if it is not a wait in seconds"
            ),
        );
    }
    out
}
