//! The rules across entries: names unique, entries a body can tell apart,
//! placeholders a reader can split.

use crate::diagnostic::Diagnostics;
use crate::model::Entry;
use crate::node::{Node, Value};
use crate::template::Template;
use crate::text_map::TextMap;
use crate::wire::{Fill, Slot, WireFormat};
use crate::{ParamKind, Segment};

use super::read::{at, member};

pub(super) fn check_placeholders_separated(
    message: &Template,
    node: Option<&Node>,
    d: &mut Diagnostics,
) {
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
pub(super) fn check_rust_names_unique(entries: &[Entry], d: &mut Diagnostics) {
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

// Rule: a group either has subgroups for all its entries or none, so its
// page section is one table or a run of headed tables, never both. Entries
// without a group are the page's "Other" group.
pub(super) fn check_subgroups_complete(entries: &[Entry], d: &mut Diagnostics) {
    fn group_of(e: &Entry) -> &str {
        e.group.as_deref().unwrap_or("Other")
    }
    // The first entry with a subgroup, per group.
    let mut headed: TextMap<&str, &Entry> = TextMap::default();
    for entry in entries.iter().filter(|e| e.subgroup.is_some()) {
        headed.entry(group_of(entry)).or_insert(entry);
    }
    for entry in entries.iter().filter(|e| e.subgroup.is_none()) {
        let group = group_of(entry);
        if let Some(first) = headed.get(group) {
            d.error(
                entry.pos,
                format!(
                    "entry `{}` has no `subgroup:` while other entries of group `{group}` have one (`{}`{} has `{}`); give it a `subgroup:` too, or remove theirs",
                    entry.key,
                    first.key,
                    first.pos.map(|p| format!(" at {p}")).unwrap_or_default(),
                    first.subgroup.as_deref().unwrap_or_default()
                ),
            );
        }
    }
}

// Rule: a client must be able to tell every entry apart from its body. Entries
// may share a wire code (seed 003's `invalid_request_error`) only with different
// messages; an entry without a code (`code: null`, or a format that carries
// none) is told apart by status, type, entry values and message, so those
// must differ. Only what the template writes counts: a `type:` the body never
// carries tells nothing apart.
///
/// Returns the indices of the entries reported, for the reachability rule
/// not to report them again.
pub(super) fn check_entries_distinguishable(
    entries: &[Entry],
    wire: &WireFormat,
    d: &mut Diagnostics,
) -> Vec<usize> {
    let has_code = wire.carries_code();
    let has_type = wire.body.has_slot(Slot::Type);
    let has_field = wire.body.has_slot(Slot::Field);
    // What tells an entry apart: its code and message (and field), or,
    // without a code, its status, type, entry values and message. Entries
    // alike in those are still told apart by a parameter one has on a
    // member of its own, always written, that the other does not declare
    // at all (a body that carries it is not the other's).
    type Key<'a> = (
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        u16,
        Vec<(&'a str, &'a str)>,
    );
    let telling = telling_params(wire);
    let tells = |a: &Entry, b: &Entry| {
        a.params.iter().any(|p| {
            !p.optional && telling.contains(&p.name.as_str()) && b.param(&p.name).is_none()
        })
    };
    let mut seen: TextMap<Key<'_>, Vec<&Entry>> =
        TextMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut reported = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let message = entry.message.source.as_str();
        let code = entry.code.as_deref().filter(|_| has_code);
        let key: Key<'_> = match code {
            Some(code) => (
                Some(code),
                message,
                entry.field.as_deref().filter(|_| has_field),
                None,
                entry.status,
                Vec::new(),
            ),
            None => (
                None,
                message,
                None,
                entry.error_type.as_deref().filter(|_| has_type),
                entry.status,
                entry
                    .values
                    .iter()
                    .map(|v| (v.name.as_str(), v.value.as_str()))
                    .collect(),
            ),
        };
        let alike = seen.entry(key).or_default();
        let Some(first) = alike
            .iter()
            .copied()
            .find(|a| !tells(a, entry) && !tells(entry, a))
        else {
            alike.push(entry);
            continue;
        };
        reported.push(index);
        let (what, fix) = match code {
            Some(code) => (
                format!("duplicate code `{code}` with the same status and message"),
                "change the code or the message, or remove one".to_owned(),
            ),
            None if has_code => (
                format!(
                    "entries `{}` and `{}` have no code and the same status, type, values and message",
                    first.key, entry.key
                ),
                "give one a code, change the message, or remove one".to_owned(),
            ),
            None => (
                format!(
                    "entries `{}` and `{}` have the same status, {}values and message, and {}",
                    first.key,
                    entry.key,
                    if has_type { "type, " } else { "" },
                    match &wire.preset {
                        Some(preset) => format!("the `{preset}` wire format carries no code"),
                        None => "the body template has no `$code`".to_owned(),
                    }
                ),
                format!(
                    "change the message, {}or remove one",
                    if has_type {
                        "give them different types, "
                    } else {
                        "put `$type` in the template and give them different types, "
                    }
                ),
            ),
        };
        d.error(
            entry.pos,
            format!(
                "{what}{}; a client could not tell them apart: {fix}",
                at(first.pos)
            ),
        );
    }
    reported
}

/// The parameters that, placed on a member of their own, are in every body
/// of an entry that requires them: outside `$when` objects, and not a
/// `retry_after` that a retry slot also fills.
fn telling_params(wire: &WireFormat) -> Vec<&str> {
    fn walk<'a>(node: &'a crate::wire::Node, out: &mut Vec<&'a str>) {
        use crate::wire::Node as N;
        match node {
            N::Object { when: Some(_), .. } => {}
            N::Object { members, .. } => members.iter().for_each(|(_, n)| walk(n, out)),
            N::Array { items, .. } => items.iter().for_each(|n| walk(n, out)),
            N::Param(name) | N::ParamOrNull(name) => out.push(name),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&wire.body, &mut out);
    let hint_slot = wire.body.has_slot(Slot::RetryAfter) || wire.body.has_slot(Slot::RetryDelay);
    out.retain(|name| !(hint_slot && *name == "retry_after"));
    out
}

// Rule: every entry can be read back. A reader tries the entries a body may
// be in order (those of its code, or without a code the code-less ones first)
// and takes the first that fits; an entry whose every body an earlier one
// also fits is never the one read (`{message}` before `Rate limit exceeded`,
// or `quota {what} exceeded` before `quota daily exceeded`). Only the plain
// cases are reported: a later entry with a constant message the earlier
// template matches, or any entry after a template that is one placeholder,
// where nothing else in the body (a type, a value, a placed parameter, a
// list's items, a parameter the earlier entry needs) could tell them apart.
pub(super) fn check_entries_reachable(
    entries: &[Entry],
    wire: &WireFormat,
    reported: &[usize],
    d: &mut Diagnostics,
) {
    let has_code = wire.carries_code();
    let has_type = wire.body.has_slot(Slot::Type);
    let has_field = wire.body.has_slot(Slot::Field);
    // Parameters not placed on members of their own travel as text there
    // (but a `$params` object, read first, holds those not in the message).
    let in_metadata = wire.body.has_slot(Slot::Metadata);
    let in_params = wire.body.has_slot(Slot::Params);
    // The order a reader tries entries in, within what it chooses among:
    // without a code in the response, code-less entries come first.
    let order = |i: usize, e: &Entry| (!has_code && e.code.is_some(), i);
    // Groups in order of first appearance, so errors come in file order.
    let mut index: TextMap<(u16, Option<&str>), usize> = TextMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let code = entry.code.as_deref().filter(|_| has_code);
        let at = *index.entry((entry.status, code)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(i);
    }
    for group in groups.iter().filter(|g| g.len() > 1) {
        let mut tried: Vec<usize> = group.clone();
        tried.sort_by_key(|&i| order(i, &entries[i]));
        for (n, &later) in tried.iter().enumerate() {
            if reported.contains(&later) {
                continue;
            }
            let b = &entries[later];
            // Whether every body of `b` also fits `a`.
            let shadows = |a: &Entry, b: &Entry| {
                swallows(a, b, in_metadata, in_params)
                    && !(has_type && b.error_type.is_some() && a.error_type != b.error_type)
                    && !(has_field
                        && a.field.is_some()
                        && (b.field.is_some() || b.field_param.is_some())
                        && a.field != b.field)
                    && b.values.iter().all(|v| {
                        a.values
                            .iter()
                            .any(|av| av.name == v.name && av.value == v.value)
                    })
            };
            let shadow = tried[..n]
                .iter()
                .map(|&i| &entries[i])
                .find(|a| shadows(a, b));
            if let Some(a) = shadow {
                // Without a code in the response, file order decides only
                // among entries that both have a code or both have none.
                let fix = if shadows(b, a) {
                    // Moving one above the other would only swap them.
                    "each fits every body of the other, so order cannot help: change one of the messages, or remove one".to_owned()
                } else if !has_code && a.code.is_none() && b.code.is_some() {
                    format!("entries without a code are tried first: give `{}` a code and move `{}` above it, or change one of the messages", a.key, b.key)
                } else {
                    format!(
                        "move `{}` above `{}`, or change one of the messages",
                        b.key, a.key
                    )
                };
                d.error(
                    b.pos,
                    format!(
                        "entry `{}` can never be read back: every body of it (message \"{}\") also fits entry `{}`{}, which a reader tries first; {fix}",
                        b.key,
                        b.message.source,
                        a.key,
                        a.pos.map(|p| format!(" (at {p})")).unwrap_or_default(),
                    ),
                );
            }
        }
    }
}

/// Whether `a`'s message template matches every message of `b` and `a` can
/// be built from any body of `b`: each parameter of `a` reads whatever `b`'s
/// body holds under its name, it needs no parameter the body may lack, has no
/// list whose items could differ, and `b` places no parameter of its own on a
/// member (which would say it is another error). `in_metadata`: the format
/// writes unplaced parameters as text in a `$metadata` object; `in_params`:
/// and those not in the message as JSON in a `$params` object.
fn swallows(a: &Entry, b: &Entry, in_metadata: bool, in_params: bool) -> bool {
    // Whether `a`'s parameter `p` reads what `b`'s body holds for `bp`, of
    // the same name. Only in `b`'s message, `a` reads it as text from there
    // if `a` has it in its message, else not at all (`None`). In
    // `$metadata` it is text, which text always reads and a number or an
    // integer reads when `bp` is one. As JSON, text reads only a string, a
    // number an integer too, anything else only its own type.
    let reads = |p: &crate::model::Param, bp: &crate::model::Param| {
        if bp.in_message && !bp.placed && !in_metadata {
            return true;
        }
        let numeric = p.kind == ParamKind::Number && bp.kind == ParamKind::Integer;
        let as_text = in_metadata && !bp.placed && (bp.in_message || !in_params);
        match p.kind {
            ParamKind::String => bp.kind == ParamKind::String || as_text,
            kind => bp.kind == kind || numeric,
        }
    };
    let text_only = a.params.iter().all(|p| {
        let same_name = b.param(&p.name);
        if p.in_message {
            p.kind == ParamKind::String && same_name.is_none_or(|bp| !bp.optional && reads(p, bp))
        } else {
            p.optional && p.kind != ParamKind::List && same_name.is_none_or(|bp| reads(p, bp))
        }
    });
    // An optional one is missing from the bodies where it is `None`.
    let own_members = b
        .params
        .iter()
        .any(|p| p.placed && !p.optional && a.param(&p.name).is_none());
    if !text_only || own_members {
        return false;
    }
    let constant = match b.message.segments.as_slice() {
        [] => Some(""),
        [Segment::Literal(text)] => Some(&**text),
        _ => None,
    };
    match (a.message.segments.as_slice(), constant) {
        ([Segment::Placeholder(_)], _) => true,
        (segments, Some(text)) => {
            error_catalog_core::walk_template(segments, text, |_, _| false).is_some()
        }
        _ => false,
    }
}

// Rule: codes are what the wire says (`codes: string`, the default, or
// `codes: number`). A code written as a YAML number in a catalog of string
// codes is refused rather than turned into text: it is unclear whether the
// API sends `"code": 20404` or `"code": "20404"`, and only the author knows.
pub(super) fn check_code_types(errors: Option<&Node>, wire: &WireFormat, d: &mut Diagnostics) {
    let Some(Value::Map(entries)) = errors.map(|n| &n.value) else {
        return;
    };
    for (key, spec) in entries {
        let Value::Map(spec) = &spec.value else {
            continue;
        };
        let node = member(spec, "code");
        // A number as YAML reads it and as JSON writes it (`0x1F`, `+5`,
        // `007` stay the strings written).
        let number = node.is_some_and(|n| {
            matches!(n.value, Value::Int(_)) && n.as_text().as_deref().is_some_and(is_json_integer)
        });
        if !wire.numeric_codes {
            if number {
                let code = node.and_then(Node::as_text).unwrap_or_default();
                d.error(
                    node.and_then(|n| n.pos),
                    format!("`code: {code}` is a number, but this catalog's codes are strings; write `code: \"{code}\"` if the API sends `\"code\": \"{code}\"`, or add `codes: number` under `wire:` if it sends `\"code\": {code}`"),
                );
            }
            continue;
        }
        let (text, pos) = match node {
            Some(Node {
                value: Value::Null, ..
            }) => continue,
            Some(n) => (n.as_text().unwrap_or_default(), n.pos),
            None => (key.name.clone(), key.pos),
        };
        if is_json_integer(&text) && !in_code_range(&text) {
            d.error(
                pos,
                format!("code `{text}` of entry `{}` is out of range: numeric codes run from -9223372036854775808 to 18446744073709551615, the integers JSON parsers read exactly; write the code the API sends", key.name),
            );
        } else if !is_json_integer(&text) {
            let what = match node {
                Some(_) => format!("code `{text}` of entry `{}` is", key.name),
                None => format!("entry `{text}` has no `code:`, so its code is its key, which is"),
            };
            d.error(
                pos,
                format!("{what} not an integer as JSON writes it (digits, an optional leading `-`, no leading zeros), but this catalog's codes are numbers (`codes: number` under `wire:`); write `code:` with the number the API sends, such as `code: 20404`, or `code: null` for an error it sends without a code"),
            );
        }
    }
}

/// Whether `text` is an integer as JSON writes it: digits, an optional
/// leading `-`, no leading zeros, not `-0`.
fn is_json_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match digits.as_bytes() {
        [b'0'] => digits.len() == text.len(),
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Whether an integer code fits what a body can carry and be read back:
/// from `i64::MIN` to `u64::MAX`.
fn in_code_range(text: &str) -> bool {
    text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok()
}

// Rule: a code sent in a header is read up to its first `:` and trimmed
// (AWS appends a namespace), so the code itself can hold neither, and is
// visible ASCII, as header values are.
pub(super) fn check_codes_fit_header(entries: &[Entry], wire: &WireFormat, d: &mut Diagnostics) {
    let Some(header) = &wire.code_header else {
        return;
    };
    for entry in entries {
        let Some(code) = entry.code.as_deref() else {
            continue;
        };
        // A header value is visible ASCII (and spaces).
        let visible = code.chars().all(|c| c == ' ' || c.is_ascii_graphic());
        if !visible || WireFormat::code_in_header(code) != Some(code) {
            d.error(
                entry.pos,
                format!(
                    "code `{code}` of entry `{}` cannot travel in the `{header}` header, whose value is visible ASCII read up to its first `:` and trimmed; use ASCII letters, digits and punctuation other than `:`, without spaces at either end",
                    entry.key
                ),
            );
        }
    }
}

// Rule: every entry value is placed by the template and every value the
// template places is defined by some entry; otherwise a value would be
// dropped silently, or a member never written.
pub(super) fn check_values_placed(
    entries: &[Entry],
    wire: &WireFormat,
    wire_pos: Option<crate::diagnostic::Pos>,
    d: &mut Diagnostics,
) {
    let placed: Vec<&str> = wire
        .body
        .fills()
        .into_iter()
        .filter_map(|(_, fill)| match fill {
            Fill::Value(name) => Some(name),
            Fill::Slot(_) | Fill::Param(_) => None,
        })
        .collect();
    for entry in entries {
        for value in &entry.values {
            if !placed.contains(&value.name.as_str()) {
                d.error(
                    value.pos,
                    format!(
                        "value `{}` of entry `{}` is not placed by the wire body; put `$values.{}` where the API sends it, or remove the value",
                        value.name, entry.key, value.name
                    ),
                );
            }
        }
    }
    for name in placed.into_iter().filter(|_| wire.preset.is_none()) {
        if !entries.iter().any(|e| e.value(name).is_some()) {
            d.error(
                wire_pos,
                format!(
                    "the wire body places `$values.{name}`, but no entry has a value `{name}`; add `values: {{{name}: ...}}` to the entries that send one"
                ),
            );
        }
    }
}
// Rule: every parameter has a place in the body: the message, the `$params`
// or `$metadata` object, or a member of its own (`$param.NAME`), which also
// marks it placed so `$params` leaves it out. Every `$param.NAME` names a
// parameter of some entry.
pub(super) fn check_params_placed(
    entries: &mut [Entry],
    wire: &WireFormat,
    wire_pos: Option<crate::diagnostic::Pos>,
    d: &mut Diagnostics,
) {
    let alone = wire.body.placed_params();
    let in_object = wire.body.has_slot(Slot::Params) || wire.body.has_slot(Slot::Metadata);
    let field_slot = wire.body.has_slot(Slot::Field);
    // A numeric `retry_after` parameter is written to, and read from, the
    // `$retry_after` or `$retry_delay` slot when it has no other place.
    let hint_slot = wire.body.has_slot(Slot::RetryAfter) || wire.body.has_slot(Slot::RetryDelay);
    // `$param.NAME`s no entry declares: a misspelling's likely home.
    let undeclared: Vec<&str> = (alone.iter().copied())
        .filter(|name| {
            !entries
                .iter()
                .any(|e| e.param(name).is_some_and(|p| p.pos.is_some()))
        })
        .collect();
    for entry in entries.iter_mut() {
        let field_param = entry.field_param.clone().filter(|_| field_slot);
        // Placeholders not declared under `params:`: a misspelling's likely home.
        let in_message: Vec<String> = (entry.params.iter())
            .filter(|p| p.in_message && p.pos.is_none())
            .map(|p| p.name.clone())
            .collect();
        for param in &mut entry.params {
            // The field at fault travels in `$field`.
            param.placed = alone.contains(&param.name.as_str())
                || field_param.as_deref() == Some(param.name.as_str());
            // Whole seconds only: the slot cannot carry a fraction.
            let hint = hint_slot && param.name == "retry_after";
            let in_hint = hint && param.kind == ParamKind::Integer;
            if hint && !param.in_message && !param.placed && !in_object && !in_hint {
                d.error(
                    param.pos.or(entry.pos),
                    format!(
                        "parameter `retry_after` of entry `{}` is a {}, but the wire body's retry slot carries whole seconds; declare it `integer`, or place it on a member of its own with `$param.retry_after` to keep fractions (Discord's `64.57`)",
                        entry.key,
                        param.kind.name()
                    ),
                );
                continue;
            }
            // `None` would be written as the entry's figure and read back as it.
            let slot_only = in_hint && !param.in_message && !param.placed && !in_object;
            if slot_only && param.optional && entry.retry_after.is_some() {
                d.error(
                    param.pos.or(entry.pos),
                    format!(
                        "optional parameter `retry_after` of entry `{}` lives in the wire body's retry slot, which writes the entry's `retry_after` figure when the parameter is `None`, so `None` would read back as that figure; drop `optional: true` or the entry's figure",
                        entry.key
                    ),
                );
            }
            if !param.in_message && !param.placed && !in_object && !in_hint {
                // A misspelt placeholder or `$param.NAME` is the likelier mistake.
                let in_text =
                    crate::suggest::closest(&param.name, in_message.iter().map(String::as_str));
                let in_body = crate::suggest::closest(&param.name, undeclared.iter().copied());
                let message = match (in_text, in_body) {
                    (Some(near), _) => format!(
                        "parameter `{}` of entry `{}` has no place in the body: the message has `{{{near}}}`, not `{{{}}}`; correct the spelling of one of them",
                        param.name, entry.key, param.name
                    ),
                    (None, Some(near)) => format!(
                        "parameter `{}` of entry `{}` has no place in the body: the wire body places `$param.{near}`, not `$param.{}`; correct the spelling of one of them",
                        param.name, entry.key, param.name
                    ),
                    (None, None) => format!(
                        "parameter `{}` of entry `{}` has no place in the body: the wire body has no `$params` object and no `$param.{}`; put `$param.{}` where the API sends it",
                        param.name, entry.key, param.name, param.name
                    ),
                };
                d.error(param.pos.or(entry.pos), message);
            }
        }
    }
    // A preset places the parameters of every detail it knows; a catalog
    // declares those its errors send. After another mistake, a declaration
    // that failed would be reported again here: wait for the fix.
    let other_mistakes = !d.is_empty();
    for name in alone
        .into_iter()
        .filter(|_| wire.preset.is_none() && !other_mistakes)
    {
        if !entries.iter().any(|e| e.param(name).is_some()) {
            d.error(
                wire_pos,
                format!(
                    "the wire body places `$param.{name}`, but no entry has a parameter `{name}`; declare it under `params:` in the entries that send it"
                ),
            );
        }
    }
}

// ----- helpers -----
