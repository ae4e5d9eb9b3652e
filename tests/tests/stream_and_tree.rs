//! Property tests: a body read as it streams from the parser (`from_body`, serde's
//! `Deserialize`) gives the same result as the same body read from a parsed
//! `serde_json::Value` (`from_value`), whatever order its members come in,
//! whichever members repeat, go missing or hold the wrong kind of value.
//!
//! The two readers are separate code: the streamed one meets members in body
//! order, the tree one in template order, and a `Value` keeps only the last of
//! repeated members.

use std::fmt::Debug;

use error_catalog::{ApiErrorCatalog, RequestContext};
use error_catalog_tests::{
    AiApiError, AimlApiError, AnthropicError, ErrorCodesError, GatewayError, GeminiError,
    OpenAiError, ProblemError, SecureError,
};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// An object's members, in body order.
type Members = Vec<(String, J)>;

/// A JSON value whose objects may repeat a member, unlike `serde_json::Value`.
#[derive(Debug, Clone)]
enum J {
    Scalar(Value),
    Array(Vec<J>),
    Object(Members),
}

impl J {
    fn from_value(value: &Value) -> J {
        match value {
            Value::Array(items) => J::Array(items.iter().map(J::from_value).collect()),
            Value::Object(map) => J::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
            other => J::Scalar(other.clone()),
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Scalar(v) => out.push_str(&v.to_string()),
            J::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// How many objects the tree holds.
    fn count_objects(&self) -> usize {
        match self {
            J::Scalar(_) => 0,
            J::Array(items) => items.iter().map(J::count_objects).sum(),
            J::Object(members) => {
                1 + members
                    .iter()
                    .map(|(_, v)| v.count_objects())
                    .sum::<usize>()
            }
        }
    }

    /// Runs `f` on the members of the `k`th object (outermost first); whether it was found.
    fn with_object(&mut self, k: &mut usize, f: &mut dyn FnMut(&mut Members)) -> bool {
        match self {
            J::Scalar(_) => false,
            J::Array(items) => items.iter_mut().any(|i| i.with_object(k, f)),
            J::Object(members) => {
                if *k == 0 {
                    f(members);
                    return true;
                }
                *k -= 1;
                members.iter_mut().any(|(_, v)| v.with_object(k, f))
            }
        }
    }
}

/// One change to a body.
#[derive(Debug, Clone)]
enum Change {
    /// Reverse the members of an object, or rotate them by `by`.
    Reorder { object: usize, by: usize },
    /// Put a copy of a member, with another value, before it (the real one wins).
    RepeatBefore {
        object: usize,
        member: usize,
        value: Value,
    },
    /// Put a copy of a member, with another value, after it (the copy wins).
    RepeatAfter {
        object: usize,
        member: usize,
        value: Value,
    },
    /// Drop a member.
    Remove { object: usize, member: usize },
    /// Give a member a value of another kind.
    Replace {
        object: usize,
        member: usize,
        value: Value,
    },
}

fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::from(429)),
        Just(Value::from(-1)),
        Just(Value::from(1.5)),
        Just(Value::from(true)),
        Just(Value::from("60s")),
        Just(Value::from("invalid_api_key")),
        Just(Value::from("Invalid API key provided")),
        Just(Value::from("400")),
        Just(serde_json::json!({"retry_after": 7, "reason": "x"})),
        Just(serde_json::json!([1, {"@type": "type.googleapis.com/google.rpc.RetryInfo"}])),
        "[a-z_ ]{0,8}".prop_map(Value::from),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    let at = (0..8usize, 0..8usize);
    prop_oneof![
        (0..8usize, 0..4usize).prop_map(|(object, by)| Change::Reorder { object, by }),
        (at.clone(), odd_value()).prop_map(|((object, member), value)| Change::RepeatBefore {
            object,
            member,
            value
        }),
        (at.clone(), odd_value()).prop_map(|((object, member), value)| Change::RepeatAfter {
            object,
            member,
            value
        }),
        at.clone()
            .prop_map(|(object, member)| Change::Remove { object, member }),
        (at, odd_value()).prop_map(|((object, member), value)| Change::Replace {
            object,
            member,
            value
        }),
    ]
}

impl Change {
    fn apply(&self, body: &mut J) {
        let n = body.count_objects();
        if n == 0 {
            return;
        }
        let (Change::Reorder { object, .. }
        | Change::RepeatBefore { object, .. }
        | Change::RepeatAfter { object, .. }
        | Change::Remove { object, .. }
        | Change::Replace { object, .. }) = self;
        let mut k = object % n;
        body.with_object(&mut k, &mut |members| self.apply_to(members));
    }

    fn apply_to(&self, members: &mut Members) {
        if members.is_empty() {
            return;
        }
        let len = members.len();
        match self {
            Change::Reorder { by, .. } => {
                if *by == 0 {
                    members.reverse();
                } else {
                    members.rotate_left(by % len);
                }
            }
            Change::RepeatBefore { member, value, .. } => {
                let copy = (members[member % len].0.clone(), J::from_value(value));
                members.insert(member % len, copy);
            }
            Change::RepeatAfter { member, value, .. } => {
                let copy = (members[member % len].0.clone(), J::from_value(value));
                members.insert(member % len + 1, copy);
            }
            Change::Remove { member, .. } => {
                members.remove(member % len);
            }
            Change::Replace { member, value, .. } => members[member % len].1 = J::from_value(value),
        }
    }
}

/// A body of entry `entry` with simple parameter values, with the request context.
fn valid_body<E: ApiErrorCatalog + Serialize>(entry: usize) -> Option<(Value, u16)> {
    let entry = &E::entries()[entry];
    let made = E::from_params(entry.key, &error_catalog_tests::sample_params(entry))?;
    let context = RequestContext::new()
        .request_id("req_1")
        .path("/v1/x")
        .timestamp("2025-01-01T00:00:00Z");
    Some((
        serde_json::to_value(made.with_context(&context)).ok()?,
        entry.status,
    ))
}

fn same_reading<E>(entry: usize, changes: &[Change], with_status: bool) -> Result<(), TestCaseError>
where
    E: ApiErrorCatalog + Serialize + serde::de::DeserializeOwned + Debug,
{
    let Some((value, status)) = valid_body::<E>(entry) else {
        return Ok(());
    };
    let mut body = J::from_value(&value);
    for change in changes {
        change.apply(&mut body);
    }
    let mut text = String::new();
    body.write(&mut text);
    let status = with_status.then_some(status);
    let streamed = E::from_body(text.as_bytes(), status);
    let parsed: Value = serde_json::from_str(&text).expect("the test writes valid JSON");
    let from_tree = error_catalog::from_value::<E>(&parsed, status);
    prop_assert_eq!(
        format!("{streamed:?}"),
        format!("{from_tree:?}"),
        "body: {}",
        text
    );
    // serde's `Deserialize` streams too, and agrees where there is no status to
    // give: from borrowed text, from a reader (strings copied), and from a
    // `Value` taken apart (strings moved).
    if !with_status {
        let expected = from_tree.map_err(|e| e.to_string());
        let readings = [
            ("from_str", serde_json::from_str::<E>(&text)),
            (
                "from_reader",
                serde_json::from_reader::<_, E>(text.as_bytes()),
            ),
            ("from_value", serde_json::from_value::<E>(parsed)),
        ];
        for (how, derived) in readings {
            let derived = derived.map_err(|e| e.to_string());
            prop_assert_eq!(
                format!("{:?}", derived.as_ref().ok()),
                format!("{:?}", expected.as_ref().ok()),
                "{} of {}",
                how,
                text
            );
            if let (Err(got), Err(want)) = (&derived, &expected) {
                prop_assert!(got.starts_with(want.as_str()), "{how}: {got} / {want}");
            }
        }
    }
    Ok(())
}

macro_rules! same_readings {
    ($($name:ident: $ty:ty),* $(,)?) => {$(
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn $name(
                entry in 0..<$ty>::entries().len(),
                changes in proptest::collection::vec(change(), 0..6),
                with_status in any::<bool>(),
            ) {
                same_reading::<$ty>(entry, &changes, with_status)?;
            }
        }
    )*};
}

same_readings! {
    aiapi: AiApiError,
    aimlapi: AimlApiError,
    errorcodes: ErrorCodesError,
    gateway: GatewayError,
    openai: OpenAiError,
    anthropic: AnthropicError,
    gemini_google_preset: GeminiError,
    problem_preset: ProblemError,
    secure: SecureError,
}

#[test]
fn a_repeated_member_counts_as_its_last_occurrence_even_null() {
    let body = br#"{"code":"invalid_api_key","message":"Invalid API key provided","code":null,"data":null}"#;
    let streamed = AiApiError::from_body(body, Some(401));
    let tree =
        error_catalog::from_value::<AiApiError>(&serde_json::from_slice(body).unwrap(), Some(401));
    assert_eq!(format!("{streamed:?}"), format!("{tree:?}"));
    assert!(
        matches!(&streamed, Err(error_catalog::BodyError::Format(m)) if m.contains("code is missing")),
        "{streamed:?}"
    );
}

#[test]
fn a_mistake_in_an_earlier_occurrence_of_a_member_does_not_count() {
    let body =
        br#"{"code":5,"message":"Invalid API key provided","code":"invalid_api_key","data":null}"#;
    assert!(matches!(
        AiApiError::from_body(body, Some(401)),
        Ok(AiApiError::InvalidApiKey)
    ));
}

#[test]
fn a_repeated_member_that_drops_a_slot_lets_an_earlier_place_count_again() {
    // `detail` and `invalid-params[].reason` both hold the message; the second
    // `invalid-params` has no reason, so the message comes from `detail`.
    let body = br#"{"detail":"must be a positive integer","invalid-params":[{"name":"age","reason":"other text"}],"invalid-params":[],"status":400,"title":"Bad Request","type":"about:blank","code":"no_such_code"}"#;
    let streamed = ProblemError::from_body(body, None);
    let tree =
        error_catalog::from_value::<ProblemError>(&serde_json::from_slice(body).unwrap(), None);
    assert_eq!(format!("{streamed:?}"), format!("{tree:?}"));
    match streamed {
        Err(error_catalog::BodyError::Unknown(u)) => {
            assert_eq!(u.message, "must be a positive integer")
        }
        Ok(e) => assert_eq!(e.unknown().unwrap().message, "must be a positive integer"),
        other => panic!("{other:?}"),
    }
}
