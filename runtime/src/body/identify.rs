//! From a body's slots to a value of the enum: pick the entry by code,
//! status, field and message, then read its parameters.

use std::borrow::Cow;

use error_catalog_core::{walk_template, ItemMember, ParamKind, Segment};
use serde_json::value::RawValue;
use serde_json::Value;

use super::json::{Json, Member};
use super::slots::Slots;
use super::{BodyError, CodeHeader, FormatError};
use crate::param::FromParam;
use crate::unknown::UnknownError;
use crate::wire::Slot;
use crate::ApiErrorCatalog;

/// Builds the error from what a body's slots held; `header` is what the
/// response's code header said, and `raw` the whole body, when it was read
/// from bytes, for the unknown fallback to keep.
pub(crate) fn from_slots<E: ApiErrorCatalog>(
    mut found: Slots<'_>,
    status: Option<u16>,
    header: CodeHeader<'_>,
    raw: Option<&[u8]>,
) -> Result<E, BodyError> {
    if let Some(mistake) = found.error.take() {
        return Err(BodyError::Format(mistake));
    }
    let Some(message) = found.message.as_deref() else {
        let template = &E::catalog().wire().body;
        let at = template
            .slots()
            .into_iter()
            .find(|(_, s)| *s == Slot::Message);
        return Err(BodyError::Format(FormatError {
            at: at
                .map(|(path, _)| path.join(".").replace(".[]", "[]"))
                .unwrap_or_default(),
            expected: "the error message",
            found: "nothing",
        }));
    };
    let status = found.status.or(status);
    let data = found.params.as_deref();
    let header_read = matches!(header, CodeHeader::Read(_));
    let code = match header {
        CodeHeader::Read(Some(code)) => found.code.as_deref().or(Some(code)),
        _ => found.code.as_deref(),
    };
    let apart = values_apart::<E>(code, &found.values);
    let body = Body {
        message,
        status,
        field: found.field.as_deref(),
        error_type: found.error_type.as_deref(),
        values: &found.values,
        apart: &apart,
        named: &found.named,
        data,
        metadata: found.metadata.as_deref(),
        retry_after: found.retry_after,
    };
    // A body code of the other JSON type than the catalog's is no entry's.
    let other_type =
        found.code.is_some() && found.code_was_number != E::catalog().wire().numeric_codes;
    if !other_type {
        if let Some(made) = identify::<E>(code, header_read, &body) {
            return Ok(made);
        }
    }
    let unknown = UnknownError {
        code: code.map(str::to_owned),
        status,
        message: message.to_owned(),
        field: body.field.map(str::to_owned),
        data: data.map(Json::object_to_value),
        // The body's wait: its retry slot, else a `retry_after` member the
        // template places or its data holds (fractions round up).
        retry_after: found.retry_after.or_else(|| {
            let named = found.named.iter().rev().find(|(n, _)| n == "retry_after");
            named
                .map(|(_, v)| v)
                .or_else(|| data.and_then(|p| Json::get(p, "retry_after")))
                .and_then(Json::as_secs)
        }),
        error_type: body.error_type.map(str::to_owned),
        // The bytes parsed as JSON already. Members the template does not
        // read are skipped unchecked, so bytes that are not UTF-8 can remain
        // there: they are kept as U+FFFD, as JSON has no other spelling.
        body: raw
            .map(String::from_utf8_lossy)
            .and_then(|text| RawValue::from_string(text.into_owned()).ok()),
        read_in: Some(E::catalog().wire()),
        code_was_number: found.code.is_some().then_some(found.code_was_number),
    };
    E::__from_unknown(unknown).map_err(|u| BodyError::Unknown(Box::new(u)))
}

/// The entries with the body's code (found by hash), or every entry when the
/// body has no code (a format without one, a `null` or missing code), tried
/// in file order (without a code where codes are shown, code-less entries
/// first): the first that [`Body::fits`] and builds is the value.
fn identify<E: ApiErrorCatalog>(
    code: Option<&str>,
    header_read: bool,
    body: &Body<'_>,
) -> Option<E> {
    let catalog = E::catalog();
    let Some(code) = code else {
        let wire = catalog.wire();
        // Whether this response would have shown an entry's code: in the
        // body, or in a code header that was read.
        let shown = wire.has_slot(Slot::Code) || (wire.code_header.is_some() && header_read);
        let entries = catalog.entries().iter().enumerate();
        let (mut without, with): (Vec<_>, Vec<_>) = entries.partition(|(_, e)| e.code.is_none());
        // Each group of entries to try, and whether any second fit in it
        // makes the first a guess (what would tell them apart is missing).
        let tiers = if shown {
            // Entries the API sends without a code first. One with a code
            // would have shown it: only a second choice, and among those
            // the missing code is what tells them apart.
            [(without, false), (with, true)]
        } else {
            // Codes are not on the wire: one order, in which a fit among
            // the coded entries makes a code-less one a guess too; with a
            // code header that was not read, so does any other fit.
            without.extend(with);
            [(without, wire.code_header.is_some()), (Vec::new(), false)]
        };
        for (tier, any_other) in tiers {
            if let Some(found) = first_fit(tier.into_iter(), body, true, any_other) {
                return found.ok();
            }
        }
        return None;
    };
    let candidates = catalog.entries_with_code(code);
    // One entry for the code: the code decides, even if the server reworded the message.
    // Several: the message must say which.
    let require_message = candidates.clone().nth(1).is_some();
    first_fit(candidates, body, require_message, false)?.ok()
}

/// For each entry value the body carries, whether the entries that could be
/// the body (those with its code, or every entry when it has none) do not all
/// have the same one.
fn values_apart<E: ApiErrorCatalog>(
    code: Option<&str>,
    values: &[(Cow<'static, str>, Cow<'_, str>)],
) -> Vec<bool> {
    fn differ<'e>(mut entries: impl Iterator<Item = &'e crate::ErrorEntry>, name: &str) -> bool {
        let first = entries.next().map(|e| e.value(name));
        entries.any(|e| Some(e.value(name)) != first)
    }
    if values.is_empty() {
        return Vec::new();
    }
    let catalog = E::catalog();
    (values.iter())
        .map(|(name, _)| match code {
            Some(code) => differ(catalog.entries_with_code(code).map(|(_, e)| e), name),
            None => differ(catalog.entries().iter(), name),
        })
        .collect()
}

/// The value of the first of `entries` that fits the body and builds, or
/// `Err` when another entry fits too that only what the response lacks would
/// tell apart: its status (when the body has none), or with `any_other` its
/// code. That would be a guess, so the body stays unknown.
fn first_fit<E: ApiErrorCatalog>(
    mut entries: impl Iterator<Item = (usize, &'static crate::ErrorEntry)>,
    body: &Body<'_>,
    require_message: bool,
    any_other: bool,
) -> Option<Result<E, ()>> {
    let build = |(index, entry): (usize, &'static crate::ErrorEntry)| {
        let parts = body.fits(entry, require_message)?;
        E::__from_parts(index, &parts).map(|made| (entry.status, made))
    };
    let (status, made) = entries.find_map(build)?;
    // Only entries that could make it a guess are tried, and only for fit:
    // the scan costs no more than one that finds nothing.
    let guess = |e: &crate::ErrorEntry| any_other || (body.status.is_none() && e.status != status);
    let unsure = any_other || body.status.is_none();
    if unsure && entries.any(|(_, e)| guess(e) && body.fits(e, require_message).is_some()) {
        return Some(Err(()));
    }
    Some(Ok(made))
}

/// What a body says that picks the entry and fills its parameters.
struct Body<'a> {
    message: &'a str,
    status: Option<u16>,
    field: Option<&'a str>,
    error_type: Option<&'a str>,
    values: &'a [(Cow<'static, str>, Cow<'a, str>)],
    /// For each of `values`, whether the entries that could be the body
    /// disagree on it, so that another value than the entry's says the body
    /// is another entry.
    apart: &'a [bool],
    named: &'a [(Cow<'static, str>, Json<'a>)],
    data: Option<&'a [Member<'a>]>,
    metadata: Option<&'a [Member<'a>]>,
    retry_after: Option<u64>,
}

impl<'a> Body<'a> {
    /// The parameters to build `entry` from, if the body can be it: a status
    /// the response has must be the entry's, a field the body names must be
    /// the entry's (when it has one), a type the body gives must be the
    /// entry's, and the body must carry no parameter member or entry value
    /// the entry lacks, whatever other entries share its code. An entry
    /// value the body carries must be the entry's where the candidates
    /// differ on it. With `require_message` (the code does not decide:
    /// several entries share it, or the body has none) the message must
    /// match the template.
    fn fits(&self, entry: &'static crate::ErrorEntry, require_message: bool) -> Option<Parts<'a>> {
        if self.status.is_some_and(|s| s != entry.status) {
            return None;
        }
        // A field the body names is the entry's, or the entry's field
        // parameter holds it; an entry with neither would lose it.
        match (self.field, entry.field, entry.field_param) {
            (Some(found), Some(field), _) if found != field => return None,
            (Some(_), None, None) => return None,
            _ => {}
        }
        // A type the body gives is the entry's: an entry without one would
        // have written none.
        if self
            .error_type
            .is_some_and(|found| entry.error_type != Some(found))
        {
            return None;
        }
        // A parameter the body carries that the entry does not have says it
        // is another error (GitHub's `errors` list on a plain 404).
        let foreign = self
            .named
            .iter()
            .any(|(name, value)| !value.is_null() && entry.param(name).is_none());
        if foreign {
            return None;
        }
        // An entry value the body carries (an RFC 9457 `type` URI) that the
        // entry lacks says it is another error; one that differs from the
        // entry's says so where it tells the candidates apart. Elsewhere it
        // is a link that moved (Stripe's `doc_url` host), written back as the
        // catalog has it. One the body leaves out says nothing (older Stripe
        // bodies have no `doc_url`).
        for (i, (name, found)) in self.values.iter().enumerate() {
            let apart = self.apart.get(i).copied().unwrap_or(true);
            match entry.value(name) {
                None => return None,
                Some(own) if apart && own != &**found => return None,
                Some(_) => {}
            }
        }
        // The message must fit where the code does not decide; otherwise it
        // is walked only if a parameter is read from it.
        let segments = entry.segments;
        if require_message {
            walk_template(segments, self.message, |_, _| false)?;
        }
        // A list must have the items the catalog declares: an item of another
        // shape makes the body unknown, never a different entry.
        // (On a member of its own, or in the `$params` object.)
        for param in entry.params.iter().filter(|p| p.kind == ParamKind::List) {
            let placed = self.named.iter().rev().find(|(n, _)| n == param.name);
            let found = placed
                .map(|(_, v)| v)
                .or_else(|| self.data.and_then(|d| Json::get(d, param.wire)));
            if let Some(list) = found.filter(|v| !v.is_null()) {
                if !items_fit(list, param.items) {
                    return None;
                }
            }
        }
        Some(Parts {
            entry: Some(entry),
            texts: Some((segments, self.message)),
            field: entry.field_param.zip(self.field),
            named: self.named,
            data: self.data,
            metadata: self.metadata,
            retry_after: self.retry_after,
        })
    }
}

/// Whether `list` is an array whose every item is an object with the
/// `members` the catalog declares, each of its type (or absent or `null`
/// where optional). Members the catalog does not declare are allowed: APIs
/// add members to items.
fn items_fit(list: &Json<'_>, members: &[ItemMember]) -> bool {
    let Json::Array(items) = list else {
        return false;
    };
    let is = |kind: ParamKind, value: &Json<'_>| {
        matches!(
            (kind, value),
            (ParamKind::String, Json::Str(_))
                | (ParamKind::Integer, Json::Int(_) | Json::UInt(_))
                | (
                    ParamKind::Number,
                    Json::Int(_) | Json::UInt(_) | Json::Float(_)
                )
                | (ParamKind::Boolean, Json::Bool(_))
                | (ParamKind::Object, Json::Object(_))
        )
    };
    items.iter().all(|item| match (members, item) {
        // Items that are plain values (`items: string`).
        ([only], _) if only.name.is_empty() => is(only.kind, item),
        (_, Json::Object(item)) => members.iter().all(|m| match Json::get(item, &m.name) {
            None | Some(Json::Null) => m.optional,
            Some(value) => is(m.kind, value),
        }),
        _ => false,
    })
}

/// Builds the variant of entry `index` from named parameter values, read as
/// metadata is (strings also as numbers): what `ApiErrorCatalog::from_params` does.
pub(crate) fn from_params<E: ApiErrorCatalog>(
    index: usize,
    params: &serde_json::Map<String, Value>,
) -> Option<E> {
    use serde::Deserialize;
    let params = Value::Object(params.clone());
    let Ok(Json::Object(members)) = Json::deserialize(&params) else {
        return None;
    };
    let parts = Parts {
        entry: None,
        texts: None,
        field: None,
        named: &[],
        data: None,
        metadata: Some(&members),
        retry_after: None,
    };
    E::__from_parts(index, &parts)
}

/// The text placeholder `name` covers in `text`, if `text` matches the whole template.
#[inline(always)]
fn placeholder_text<'t>(
    segments: &'static [Segment],
    text: &'t str,
    name: &str,
) -> Option<&'t str> {
    let mut hit = None;
    walk_template(segments, text, |n, covered| {
        if n == name && hit.is_none() {
            hit = Some(covered);
        }
        false
    })?;
    hit
}

/// The parameter values found in a body, for generated code to build a variant from.
#[doc(hidden)]
#[derive(Debug)]
pub struct Parts<'a> {
    /// The entry being built, for the body's spelling of each parameter;
    /// `None` when the values are keyed by parameter name.
    entry: Option<&'static crate::ErrorEntry>,
    /// The entry's message template and the body's message; parameters are read
    /// from the message only where it matches the whole template.
    texts: Option<(&'static [Segment], &'a str)>,
    /// The parameter that holds the field at fault, and the body's field.
    field: Option<(&'static str, &'a str)>,
    /// Parameters the template places one by one (`$param.NAME`).
    named: &'a [(Cow<'static, str>, Json<'a>)],
    data: Option<&'a [Member<'a>]>,
    metadata: Option<&'a [Member<'a>]>,
    retry_after: Option<u64>,
}

impl<'a> Parts<'a> {
    /// The parameter `name`: the field at fault when it is that parameter,
    /// else a member of its own, the data or metadata object, the message,
    /// or the retry slot; `None` when the body lacks it or its type cannot
    /// read it.
    pub fn get<T: FromParam>(&self, name: &str) -> Option<T> {
        read(self.raw(name)?)
    }

    /// The optional parameter `name`: `Some(None)` when the body lacks it,
    /// `None` when the body has a value the type cannot read (a string where
    /// the catalog has an object), so that the body is unknown rather than
    /// losing that value.
    pub fn get_optional<T: FromParam>(&self, name: &str) -> Option<Option<T>> {
        match self.raw(name) {
            None => Some(None),
            // `null` reads as `None` too.
            Some(raw) => read::<Option<T>>(raw),
        }
    }

    fn raw(&self, name: &str) -> Option<Raw<'_>> {
        if let Some((_, field)) = self.field.filter(|(param, _)| *param == name) {
            return Some(Raw::Text(field));
        }
        let named = self.named.iter().rev().find(|(n, _)| n == name);
        if let Some((_, v)) = named {
            return Some(Raw::of(v));
        }
        let key = self
            .entry
            .and_then(|e| e.param(name))
            .map_or(name, |p| p.wire);
        if let Some(v) = self.data.and_then(|d| Json::get(d, key)) {
            return Some(Raw::of(v));
        }
        // Metadata carries every value as a string.
        if let Some(v) = self.metadata.and_then(|d| Json::get(d, key)) {
            return Some(match v {
                Json::Str(s) => Raw::Text(s),
                other => Raw::Json(other.to_value()),
            });
        }
        if let Some(text) = self
            .texts
            .and_then(|(segments, message)| placeholder_text(segments, message, name))
        {
            return Some(Raw::Text(text));
        }
        match (name, self.retry_after) {
            ("retry_after", Some(secs)) => Some(Raw::Json(Value::from(secs))),
            _ => None,
        }
    }
}

/// Reads a parameter's value into its Rust type. The search for the value
/// (`Parts::raw`) is not generic, so deriving crates compile only this match.
fn read<T: FromParam>(raw: Raw<'_>) -> Option<T> {
    match raw {
        Raw::Text(text) => T::from_text(text),
        Raw::Json(value) => T::from_json(&value),
        Raw::JsonStr(text) => T::from_json_str(text),
        Raw::JsonText(text) => T::from_json_text(&text),
    }
}

/// A parameter's value as the body holds it, before its Rust type reads it.
enum Raw<'p> {
    /// Text: a message placeholder or a metadata string.
    Text(&'p str),
    /// A JSON value.
    Json(Value),
    /// A JSON string, read without building a `serde_json::Value` for it.
    JsonStr(&'p str),
    /// An object or array as JSON text, members in body order.
    JsonText(String),
}

impl<'p> Raw<'p> {
    fn of(value: &'p Json<'_>) -> Raw<'p> {
        match value {
            Json::Str(s) => Raw::JsonStr(s),
            Json::Object(_) | Json::Array(_) => Raw::JsonText(value.to_text()),
            other => Raw::Json(other.to_value()),
        }
    }
}
