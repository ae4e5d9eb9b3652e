//! Reading YAML text into the positioned tree, from granit-parser's events.
//!
//! granit-parser is the YAML parser serde-saphyr is built on. Reading its events
//! directly, instead of through serde-saphyr's serde layer, keeps the same
//! scanner and error messages and costs a third of the time in a proc macro,
//! which cargo builds unoptimised (figures in the README's "Design notes").
//!
//! What this module decides itself, as serde-saphyr did with the options the
//! catalog loader used:
//! - scalars are typed by the YAML 1.2 core schema with strict booleans (only
//!   `true`/`false` in three spellings; `yes`, `on`, `NO` stay strings), quoted
//!   and block scalars are always strings, `!!str` keeps a plain scalar a string;
//! - mapping keys are kept as the text written, whatever YAML would type them as;
//! - repeated keys are kept, so validation can report both positions;
//! - `<<` merge keys copy the members the mapping does not set itself;
//! - the [`Limits`] on depth, nodes, aliases and documents are enforced while
//!   reading, so an alias bomb is refused before it is expanded;
//! - an anchored collection is shared, not copied, until the whole document is
//!   read: a copy per anchor would make nested anchors cost their depth times
//!   their size, which no limit counts.

use std::collections::HashMap;
use std::rc::Rc;

use granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::diagnostic::{Diagnostic, Pos};
use crate::limits::Limits;
use crate::node::{Key, Node, Value};

/// Reads one YAML document into a tree; an empty document is `null`.
pub(crate) fn read(text: &str, limits: &Limits) -> Result<Node, Diagnostic> {
    let mut reader = Reader {
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        aliases: 0,
        documents: 0,
        root: None,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| scan_error(&e, text, limits))?;
        reader.event(event, span)?;
    }
    // Dropping the anchor table first leaves a collection no alias repeats
    // with one owner, so expanding moves it instead of copying it.
    let root = reader.root.take();
    drop(reader);
    Ok(root.map_or_else(|| Node::null_at(Pos::new(1, 1)), expand))
}

/// A node whose end has been read. Collections are reference counted so an
/// anchor and its aliases share one instead of each holding a copy.
#[derive(Clone)]
enum Part {
    Scalar(Node),
    Collection { pos: Pos, shared: Rc<Collection> },
}

/// A finished mapping or sequence.
struct Collection {
    /// How deep collections nest in it, itself included.
    depth: usize,
    items: Items,
}

enum Items {
    Seq(Vec<Part>),
    Map(Vec<(Key, Part)>),
}

impl Part {
    fn depth(&self) -> usize {
        match self {
            Part::Scalar(_) => 0,
            Part::Collection { shared, .. } => shared.depth,
        }
    }

    fn pos(&self) -> Option<Pos> {
        match self {
            Part::Scalar(node) => node.pos,
            Part::Collection { pos, .. } => Some(*pos),
        }
    }

    /// The same node, seen where an alias repeats it.
    fn repeated_at(&self, pos: Pos) -> Part {
        match self {
            Part::Scalar(node) => Part::Scalar(Node {
                pos: Some(pos),
                ..node.clone()
            }),
            Part::Collection { shared, .. } => Part::Collection {
                pos,
                shared: Rc::clone(shared),
            },
        }
    }
}

/// The tree of `part`, moving what only it holds and copying what aliases
/// share. Every copy is of nodes an alias repeats, which [`Reader::count`]
/// already counted, so expanding stays within the node limit.
fn expand(part: Part) -> Node {
    let (pos, shared) = match part {
        Part::Scalar(node) => return node,
        Part::Collection { pos, shared } => (pos, shared),
    };
    let value = match Rc::try_unwrap(shared) {
        Ok(owned) => match owned.items {
            Items::Seq(items) => Value::Seq(items.into_iter().map(expand).collect()),
            Items::Map(members) => {
                Value::Map(members.into_iter().map(|(k, v)| (k, expand(v))).collect())
            }
        },
        Err(shared) => copy_items(&shared.items),
    };
    Node {
        pos: Some(pos),
        value,
        source_text: None,
    }
}

fn copy(part: &Part) -> Node {
    match part {
        Part::Scalar(node) => node.clone(),
        Part::Collection { pos, shared } => Node {
            pos: Some(*pos),
            value: copy_items(&shared.items),
            source_text: None,
        },
    }
}

fn copy_items(items: &Items) -> Value {
    match items {
        Items::Seq(items) => Value::Seq(items.iter().map(copy).collect()),
        Items::Map(members) => {
            Value::Map(members.iter().map(|(k, v)| (k.clone(), copy(v))).collect())
        }
    }
}

/// A mapping or sequence whose end has not been read yet.
enum Open {
    Seq {
        items: Vec<Part>,
        start: Start,
    },
    Map {
        members: Vec<(Key, Part)>,
        key: Option<Key>,
        start: Start,
    },
}

/// Where a collection started, its anchor, and the node count before it.
struct Start {
    pos: Pos,
    anchor: usize,
    nodes_before: usize,
}

/// A node an alias can repeat, with the node count it adds.
struct Anchored {
    part: Part,
    nodes: usize,
}

struct Reader<'l> {
    limits: &'l Limits,
    stack: Vec<Open>,
    anchors: HashMap<usize, Anchored>,
    /// Nodes read so far, aliases counted as the nodes they repeat.
    nodes: usize,
    aliases: usize,
    documents: usize,
    root: Option<Part>,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Diagnostic> {
        let pos = pos_of(&span.start);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(refused(
                        pos,
                        "the file holds more than one YAML document (`---`); keep one catalog per file",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(pos, 1)?;
                let value = scalar(&text, style, tag.as_deref());
                let source_text = match value {
                    Value::Bool(_) | Value::Int(_) | Value::Float(_) => Some((*text).to_owned()),
                    _ => None,
                };
                let part = Part::Scalar(Node {
                    pos: Some(pos),
                    value,
                    source_text,
                });
                if anchor != 0 {
                    self.anchor(anchor, &part, 1)?;
                }
                self.push(part, style, &text)?;
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                self.count(pos, 1)?;
                if self.stack.len() >= self.limits.max_depth {
                    return Err(too_deep(pos, self.limits));
                }
                let start = Start {
                    pos,
                    anchor,
                    nodes_before: self.nodes - 1,
                };
                self.stack.push(match event {
                    Event::SequenceStart(..) => Open::Seq {
                        items: Vec::new(),
                        start,
                    },
                    _ => Open::Map {
                        members: Vec::new(),
                        key: None,
                        start,
                    },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (items, start) = match self.stack.pop() {
                    Some(Open::Seq { items, start }) => (Items::Seq(items), start),
                    Some(Open::Map { members, start, .. }) => (Items::Map(merge(members)), start),
                    None => return Err(Diagnostic::at(Some(pos), "invalid YAML: a collection ends that never started; fix the YAML syntax here")),
                };
                let deepest_child = match &items {
                    Items::Seq(items) => items.iter().map(Part::depth).max(),
                    Items::Map(members) => members.iter().map(|(_, v)| v.depth()).max(),
                };
                let part = Part::Collection {
                    pos: start.pos,
                    shared: Rc::new(Collection {
                        depth: 1 + deepest_child.unwrap_or(0),
                        items,
                    }),
                };
                if start.anchor != 0 {
                    self.anchor(start.anchor, &part, self.nodes - start.nodes_before)?;
                }
                self.push(part, ScalarStyle::Plain, "")?;
            }
            Event::Alias(id) => {
                self.aliases += 1;
                if self.aliases > self.limits.max_aliases {
                    return Err(refused(
                        pos,
                        format!(
                            "the catalog uses more than {} aliases; write the values out",
                            self.limits.max_aliases
                        ),
                    ));
                }
                // The parser reports an alias to an unknown anchor itself.
                let Some(anchored) = self.anchors.get(&id) else {
                    return Err(Diagnostic::at(
                        Some(pos),
                        "invalid YAML: this alias names no anchor defined before it; define `&name` first",
                    ));
                };
                let (nodes, depth) = (anchored.nodes, anchored.part.depth());
                let part = anchored.part.repeated_at(pos);
                if self.stack.len() + depth > self.limits.max_depth {
                    return Err(too_deep(pos, self.limits));
                }
                self.count(pos, nodes)?;
                self.push(part, ScalarStyle::Plain, "")?;
            }
            // Stream and document ends carry nothing; anchor names, unresolved
            // aliases and comments come only with options this reader does not set.
            _ => {}
        }
        Ok(())
    }

    /// Counts `n` more nodes, refusing past the limit.
    fn count(&mut self, pos: Pos, n: usize) -> Result<(), Diagnostic> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            return Err(refused(
                pos,
                format!(
                    "the catalog expands to more than {} YAML nodes (aliases repeated inside aliases?); write it out or split it",
                    self.limits.max_nodes
                ),
            ));
        }
        Ok(())
    }

    fn anchor(&mut self, id: usize, part: &Part, nodes: usize) -> Result<(), Diagnostic> {
        if self.anchors.len() >= self.limits.max_aliases {
            return Err(refused(
                part.pos().unwrap_or(Pos::new(1, 1)),
                format!(
                    "the catalog defines more than {} anchors; write the values out",
                    self.limits.max_aliases
                ),
            ));
        }
        let anchored = Anchored {
            part: part.clone(),
            nodes,
        };
        self.anchors.insert(id, anchored);
        Ok(())
    }

    /// Puts a finished node in its parent: an item, a mapping key, or a value.
    fn push(&mut self, part: Part, style: ScalarStyle, raw: &str) -> Result<(), Diagnostic> {
        match self.stack.last_mut() {
            None => self.root = Some(part),
            Some(Open::Seq { items, .. }) => items.push(part),
            Some(Open::Map { members, key, .. }) => match key.take() {
                Some(key) => members.push((key, part)),
                None => *key = Some(key_of(part, style, raw)?),
            },
        }
        Ok(())
    }
}

/// A mapping key as text: a scalar's text as written (`429:` is the key "429").
fn key_of(part: Part, style: ScalarStyle, raw: &str) -> Result<Key, Diagnostic> {
    let node = match part {
        Part::Scalar(node) => node,
        Part::Collection { pos, shared } => {
            let kind = match shared.items {
                Items::Seq(_) => Value::Seq(Vec::new()).kind(),
                Items::Map(_) => Value::Map(Vec::new()).kind(),
            };
            return Err(Diagnostic::at(
                Some(pos),
                format!(
                    "invalid YAML: a mapping key must be text, found {kind}; write the key as a plain word"
                ),
            ));
        }
    };
    let name = match node.value {
        Value::Str(s) => s,
        Value::Null if style == ScalarStyle::Plain => raw.to_owned(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => node.source_text.unwrap_or_default(),
        // A quoted empty key; collections are never scalar parts.
        Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
    };
    Ok(Key {
        name,
        pos: node.pos,
    })
}

/// Applies `<<` merge keys: members of the merged mappings that the mapping
/// does not set itself are added after its own, earlier mappings first.
fn merge(members: Vec<(Key, Part)>) -> Vec<(Key, Part)> {
    let is_merge = |(k, v): &(Key, Part)| k.name == "<<" && matches!(v, Part::Collection { .. });
    if !members.iter().any(is_merge) {
        return members;
    }
    let (sources, mut own): (Vec<_>, Vec<_>) = members.into_iter().partition(is_merge);
    for (_, source) in &sources {
        let Part::Collection { shared, .. } = source else {
            continue;
        };
        let maps: Vec<&[(Key, Part)]> = match &shared.items {
            Items::Map(m) => vec![m],
            Items::Seq(items) => items
                .iter()
                .filter_map(|p| match p {
                    Part::Collection { shared, .. } => match &shared.items {
                        Items::Map(m) => Some(m.as_slice()),
                        Items::Seq(_) => None,
                    },
                    Part::Scalar(_) => None,
                })
                .collect(),
        };
        for (key, value) in maps.into_iter().flatten() {
            if !own.iter().any(|(k, _)| k.name == key.name) {
                own.push((key.clone(), value.clone()));
            }
        }
    }
    own
}

/// Types a scalar by the YAML 1.2 core schema, with strict booleans.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let forced_string = tag.is_some_and(|t| t.is_yaml_core_schema_tag("str"));
    if style != ScalarStyle::Plain || forced_string {
        return Value::Str(text.to_owned());
    }
    // Plain scalars come without surrounding blanks. Most are words; only
    // these first bytes can start anything else
    // (checked first: the proc macro runs unoptimised, on thousands of messages).
    match text.as_bytes().first() {
        None => Value::Null,
        Some(b'0'..=b'9' | b'-' | b'+' | b'.') => match integer(text) {
            Some(i) => Value::Int(i),
            None => float(text).map_or_else(|| Value::Str(text.to_owned()), Value::Float),
        },
        Some(b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F') => match text {
            "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => Value::Str(text.to_owned()),
        },
        Some(_) => Value::Str(text.to_owned()),
    }
}

/// `12`, `-3`, `+4`, `0x1F`, `0o17`; `None` for anything else or past `i128`.
fn integer(t: &str) -> Option<i128> {
    let (digits, radix) = if let Some(hex) = t.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(octal) = t.strip_prefix("0o") {
        (octal, 8)
    } else {
        let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return t.parse().ok();
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    i128::from_str_radix(digits, radix).ok()
}

/// `1.5`, `-.5`, `1e3`, `2.`, `.inf`, `-.Inf`, `.nan`; `None` for anything else.
fn float(t: &str) -> Option<f64> {
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    let negative = t.starts_with('-');
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == t.len() => return Some(f64::NAN),
        _ => {}
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(whole)
        && fraction.is_none_or(all_digits)
        && !(whole.is_empty() && fraction.is_none_or(str::is_empty));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    // Plain digits are integers, read before this.
    let is_float = fraction.is_some() || exponent.is_some();
    (mantissa_ok && exponent_ok && is_float)
        .then(|| t.parse().ok())
        .flatten()
}

fn pos_of(marker: &Marker) -> Pos {
    Pos::new(
        u32::try_from(marker.line()).unwrap_or(u32::MAX).max(1),
        u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
    )
}

fn refused(pos: Pos, what: impl Into<String>) -> Diagnostic {
    Diagnostic::at(Some(pos), format!("refused: {}", what.into()))
}

fn too_deep(pos: Pos, limits: &Limits) -> Diagnostic {
    refused(
        pos,
        format!(
            "the catalog nests deeper than {} levels; flatten it",
            limits.max_depth
        ),
    )
}

/// A syntax error, with a hint at the usual fix.
fn scan_error(error: &ScanError, text: &str, limits: &Limits) -> Diagnostic {
    let pos = pos_of(error.marker());
    // The scanner looks ahead through flow collections and stops at its own
    // nesting limit before this reader sees the level past ours.
    if matches!(error.kind(), ErrorKind::RecursionLimitExceeded) {
        return too_deep(pos, limits);
    }
    let message = error.info();
    let message = message.trim().trim_end_matches('.');
    let tab_line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .is_some_and(|line| line.trim_start_matches(' ').starts_with('\t'));
    let hint = if tab_line {
        "; this line is indented with a tab: YAML indents with spaces only"
    } else if message.to_lowercase().contains("tab") {
        "; YAML indents with spaces only: replace the tab with spaces"
    } else {
        "; fix the YAML syntax here"
    };
    Diagnostic::at(Some(pos), format!("invalid YAML: {message}{hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LIMITS;

    fn value(yaml: &str) -> Value {
        read(yaml, &LIMITS).unwrap().value
    }

    fn scalar_of(yaml: &str) -> Value {
        match value(&format!("k: {yaml}")) {
            Value::Map(mut m) => m.remove(0).1.value,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn plain_scalars_are_typed_by_the_core_schema() {
        assert_eq!(scalar_of("429"), Value::Int(429));
        assert_eq!(scalar_of("-3"), Value::Int(-3));
        assert_eq!(scalar_of("0x1F"), Value::Int(31));
        assert_eq!(scalar_of("0o17"), Value::Int(15));
        assert_eq!(scalar_of("1.5"), Value::Float(1.5));
        assert_eq!(scalar_of("1e3"), Value::Float(1000.0));
        assert_eq!(scalar_of("-.inf"), Value::Float(f64::NEG_INFINITY));
        assert_eq!(scalar_of("true"), Value::Bool(true));
        assert_eq!(scalar_of("FALSE"), Value::Bool(false));
        assert_eq!(scalar_of("~"), Value::Null);
        assert_eq!(scalar_of(""), Value::Null);
        for word in [
            "yes", "no", "on", "off", "NO", "1_000", "0x", "1e", ".", "1.2.3", "12abc",
        ] {
            assert_eq!(scalar_of(word), Value::Str(word.into()), "{word}");
        }
    }

    #[test]
    fn quoted_and_tagged_scalars_stay_strings() {
        assert_eq!(scalar_of("\"429\""), Value::Str("429".into()));
        assert_eq!(scalar_of("'true'"), Value::Str("true".into()));
        assert_eq!(scalar_of("!!str 12"), Value::Str("12".into()));
        assert_eq!(scalar_of("!!str null"), Value::Str("null".into()));
    }

    #[test]
    fn keys_keep_the_text_written_and_their_positions() {
        let Value::Map(m) = value("429: a\n0x1F: b\n~: c\n'q': d\n") else {
            panic!()
        };
        let names: Vec<&str> = m.iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(names, ["429", "0x1F", "~", "q"]);
        assert_eq!(m[1].0.pos, Some(Pos::new(2, 1)));
        assert_eq!(m[1].1.pos, Some(Pos::new(2, 7)));
    }

    #[test]
    fn merge_keys_add_what_the_mapping_does_not_set() {
        let yaml = "base: &b {status: 400, message: x}\nerr:\n  <<: *b\n  message: y\n";
        let Value::Map(m) = value(yaml) else { panic!() };
        let Value::Map(err) = &m[1].1.value else {
            panic!()
        };
        let got: Vec<(&str, &Value)> = err
            .iter()
            .map(|(k, v)| (k.name.as_str(), &v.value))
            .collect();
        assert_eq!(
            got,
            [
                ("message", &Value::Str("y".into())),
                ("status", &Value::Int(400))
            ]
        );
    }

    #[test]
    fn aliases_repeat_the_anchored_node_where_they_stand() {
        let yaml = "a: &x [1, {b: &y two}]\nc: *x\nd: *y\n*y : e\n";
        let Value::Map(m) = value(yaml) else { panic!() };
        let (a, c, d) = (&m[0].1, &m[1].1, &m[2].1);
        // Members keep the positions they were written at.
        assert_eq!(c.value, a.value);
        assert_eq!(c.pos, Some(Pos::new(2, 4)));
        assert_eq!(d.value, Value::Str("two".into()));
        assert_eq!(d.pos, Some(Pos::new(3, 4)));
        assert_eq!(m[3].0.name, "two");
        assert_eq!(m[3].0.pos, Some(Pos::new(4, 1)));
    }

    #[test]
    fn aliases_count_the_nodes_and_depth_they_repeat() {
        let limits = Limits {
            max_nodes: 12,
            max_depth: 3,
            ..LIMITS
        };
        // 7 nodes, then 6 for `b` and the 5 its alias repeats.
        let error = read("a: &x [1, 2, 3, 4]\nb: *x\n", &limits).unwrap_err();
        assert!(error.message.contains("more than 12 YAML nodes"), "{error}");
        assert_eq!(error.pos, Some(Pos::new(2, 4)));
        let error = read("a: &x [[1]]\nb: [*x]\n", &limits).unwrap_err();
        assert!(error.message.contains("deeper than 3 levels"), "{error}");
        assert_eq!(error.pos, Some(Pos::new(2, 5)));
    }

    #[test]
    fn collection_keys_are_an_error_with_a_position() {
        let error = read("? [a, b]\n: c\n", &LIMITS).unwrap_err();
        assert!(
            error.message.contains("mapping key must be text"),
            "{error}"
        );
        assert_eq!(error.pos, Some(Pos::new(1, 3)));
    }
}
