//! Reading one YAML value as the type a key needs, with a diagnostic saying
//! what was expected when it is not.

use crate::diagnostic::{Diagnostics, Pos};
use crate::node::{Key, Node, Value};
use crate::suggest::quoted_list;
use crate::text_map::TextMap;

pub(super) fn d_len(d: &Diagnostics) -> usize {
    // Earlier entries may already have failed, so an entry checks whether the
    // count grew while it was read rather than whether the list is empty.
    d.len()
}

pub(super) fn at(pos: Option<Pos>) -> String {
    pos.map(|p| format!(" (first at {p})")).unwrap_or_default()
}

pub(super) fn member<'a>(members: &'a [(Key, Node)], name: &str) -> Option<&'a Node> {
    members.iter().find(|(k, _)| k.name == name).map(|(_, v)| v)
}

pub(super) fn required<'a>(
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

pub(super) fn check_keys(
    members: &[(Key, Node)],
    allowed: &[&str],
    what: &str,
    d: &mut Diagnostics,
) {
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

pub(super) fn text(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
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

pub(super) fn identifier_string(node: &Node, key: &str, d: &mut Diagnostics) -> Option<String> {
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

pub(super) fn boolean(node: &Node, key: &str, d: &mut Diagnostics) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        other => {
            let text = node.as_text();
            let shown = text.as_ref().map(|t| format!(" `{t}`")).unwrap_or_default();
            // A quoted `"true"` is text; the fix is to drop the quotes.
            let fix = match text.as_deref() {
                Some(t) if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") => {
                    "write it without quotes"
                }
                _ => "YAML 1.1 words like yes/no/on/off are not booleans here",
            };
            d.error(
                node.pos,
                format!(
                    "`{key}` must be `true` or `false`, found {}{shown}; {fix}",
                    other.kind()
                ),
            );
            None
        }
    }
}

pub(super) fn status(node: &Node, d: &mut Diagnostics) -> Option<u16> {
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

pub(super) fn seconds(node: &Node, d: &mut Diagnostics) -> Option<u64> {
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

pub(super) fn strings(node: &Node, key: &str, d: &mut Diagnostics) -> Vec<String> {
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
