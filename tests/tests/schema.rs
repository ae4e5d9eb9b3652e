//! `catalog/schema.json` describes the same format the model accepts: the same
//! keys, slots, presets and types, and it accepts every seed catalog.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use error_catalog_model::{wire, Node, ParamKind, Value, CATALOG_KEYS, ENTRY_KEYS};
use serde_json::{json, Value as Json};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn schema() -> Json {
    let text = std::fs::read_to_string(workspace().join("catalog/schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn keys(object: &Json) -> BTreeSet<String> {
    object.as_object().unwrap().keys().cloned().collect()
}

fn strings(array: &Json) -> BTreeSet<String> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(*i as i64),
        Value::Float(x) => json!(x),
        Value::Str(s) => json!(s),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

fn yaml_as_json(text: &str) -> Json {
    to_json(&error_catalog_model::parse_tree(text).unwrap())
}

#[test]
fn schema_keys_match_the_model() {
    let s = schema();
    let top: BTreeSet<String> = CATALOG_KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys(&s["properties"]), top);
    let entry: BTreeSet<String> = ENTRY_KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys(&s["$defs"]["entry"]["properties"]), entry);
}

#[test]
fn schema_slots_presets_and_types_match_the_model() {
    let s = schema();
    let slots: BTreeSet<String> = wire::Slot::ALL
        .iter()
        .map(|(_, n)| format!("${n}"))
        .collect();
    assert_eq!(
        strings(&s["$defs"]["body_value"]["oneOf"][1]["enum"]),
        slots
    );
    let nullable: BTreeSet<String> = wire::Slot::ALL
        .iter()
        .filter(|(slot, _)| !slot.always_present())
        .map(|(_, n)| format!("${n}|null"))
        .collect();
    assert_eq!(
        strings(&s["$defs"]["body_value"]["oneOf"][2]["enum"]),
        nullable
    );
    let presets: BTreeSet<String> = wire::PRESETS.iter().map(|p| p.name.to_owned()).collect();
    assert_eq!(strings(&s["$defs"]["wire"]["oneOf"][0]["enum"]), presets);
    let kinds: BTreeSet<String> = ParamKind::ALL.iter().map(|(_, n)| n.to_string()).collect();
    assert_eq!(strings(&s["$defs"]["param_type"]["enum"]), kinds);
}

#[test]
fn schema_accepts_every_catalog_and_fixture() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    // The seeds, the other shipped catalogs, and the test fixtures.
    let mut paths = Vec::new();
    for dir in ["catalog", "tests/fixtures"] {
        for file in std::fs::read_dir(workspace().join(dir)).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                paths.push(path);
            }
        }
    }
    assert!(paths.len() >= 10, "{paths:?}");
    for path in &paths {
        let name = path.display();
        let text = std::fs::read_to_string(path).unwrap();
        let instance = yaml_as_json(&text);
        let problems: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn schema_and_model_reject_the_same_mistakes() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let head = "name: demo\nwire: flat\nerrors:\n";
    let mistakes = [
        format!("{head}  a: {{status: 600, message: x}}\n"),
        format!("{head}  a: {{status: 400, message: x, retryable: yes}}\n"),
        format!("{head}  a: {{status: 400, message: x, colour: red}}\n"),
        format!("{head}  a: {{status: 400}}\n"),
        format!("{head}  a: {{status: 400, message: x, params: {{n: float}}}}\n"),
        "name: demo\nwire: flatt\nerrors:\n  a: {status: 400, message: x}\n".to_owned(),
        "name: demo\nwire: {body: {code: $kode, message: $message}}\nerrors:\n  a: {status: 400, message: x}\n".to_owned(),
        "name: demo\nerrors:\n  a: {status: 400, message: x}\n".to_owned(),
        format!("{head}  a: {{status: 400, message: x, subgroup: s}}\n"),
        format!("{head}  a: {{status: 502, message: x, params: {{n: {{type: integer, sensitive: true}}}}}}\n"),
    ];
    for yaml in &mistakes {
        assert!(
            error_catalog_model::load_str(yaml).is_err(),
            "model accepted:\n{yaml}"
        );
        assert!(
            !validator.is_valid(&yaml_as_json(yaml)),
            "schema accepted:\n{yaml}"
        );
    }
}

#[test]
fn schema_accepts_every_preset_written_as_a_custom_body() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for preset in wire::PRESETS {
        let body: String = preset
            .template
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect();
        // A custom body must have an entry for each parameter and value it
        // places (a preset need not).
        let format = wire::preset(preset.name).unwrap();
        let mut parts = vec![String::new()];
        for (_, fill) in format.body.fills() {
            match fill {
                wire::Fill::Param(name) => parts.push(format!(
                    ", params: {{{name}: {{type: string, optional: true}}}}"
                )),
                wire::Fill::Value(name) => parts.push(format!(", values: {{{name}: x}}")),
                wire::Fill::Slot(_) => {}
            }
        }
        let entries: String = parts
            .iter()
            .enumerate()
            .map(|(i, part)| format!("  e{i}: {{status: 400, message: m{i}{part}}}\n"))
            .collect();
        let yaml = format!("name: demo\nwire:\n  body:\n{body}errors:\n{entries}");
        if let Err(e) = error_catalog_model::load_str(&yaml) {
            panic!("{}: model refused: {e:?}\n{yaml}", preset.name);
        }
        let problems: Vec<String> = validator
            .iter_errors(&yaml_as_json(&yaml))
            .map(|e| e.to_string())
            .collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", preset.name);
    }
}
