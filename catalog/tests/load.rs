//! Loading catalogs through the public API: values kept as written, positions
//! reported, every problem found in one pass.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use error_catalog_model::{load_bytes, load_str, Diagnostic, ParamKind, Pos};

/// Counts the heap each thread holds, so a test can bound what a load costs
/// without timing it.
struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(change: isize) {
    // A thread's locals are unavailable while it exits; nothing is measured then.
    let _ = HELD.try_with(|held| {
        let now = held.get() + change;
        held.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            track(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

/// The most heap `f` holds at once on this thread, beyond what was held before.
fn peak_heap(f: impl FnOnce()) -> isize {
    let before = HELD.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    f();
    PEAK.with(Cell::get) - before
}

fn errors(yaml: &str) -> Vec<Diagnostic> {
    match load_str(yaml) {
        Ok(c) => panic!("expected errors, loaded {} entries", c.entries.len()),
        Err(d) => d,
    }
}

const HEAD: &str = "name: demo\nwire: flat\nerrors:\n";

#[test]
fn yaml_1_1_words_and_numbers_stay_the_strings_written() {
    let yaml = format!(
        "{HEAD}  NO:\n    status: 400\n    message: yes\n  on:\n    name: OnCode\n    status: 400\n    message: 0x1F\n  e:\n    code: 1e3\n    status: 400\n    message: 1e3\n  f:\n    status: 400\n    message: off\n    code: 0o17\n"
    );
    let c = load_str(&yaml).unwrap();
    let got: Vec<(&str, &str)> = c
        .entries
        .iter()
        .map(|e| (e.code.as_deref().unwrap_or(""), e.message.source.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("NO", "yes"),
            ("on", "0x1F"),
            ("1e3", "1e3"),
            ("0o17", "off")
        ]
    );
}

#[test]
fn a_null_code_is_an_entry_without_one_and_a_quoted_null_is_text() {
    let yaml = format!(
        "{HEAD}  a: {{status: 500, message: x, code: null}}\n  b: {{status: 500, message: y, code: ~}}\n  c: {{status: 500, message: z, code: \"null\"}}\n  d: {{status: 500, message: w}}\n"
    );
    let c = load_str(&yaml).unwrap();
    let codes: Vec<Option<&str>> = c.entries.iter().map(|e| e.code.as_deref()).collect();
    assert_eq!(codes, [None, None, Some("null"), Some("d")]);
}

#[test]
fn defaults_follow_the_status() {
    let yaml = format!(
        "{HEAD}  a: {{status: 429, message: x}}\n  b: {{status: 503, message: y}}\n  c: {{status: 400, message: z}}\n  d: {{status: 500, message: w, retryable: false}}\n"
    );
    let c = load_str(&yaml).unwrap();
    let retry: Vec<bool> = c.entries.iter().map(|e| e.retryable).collect();
    assert_eq!(retry, vec![true, true, false, false]);
    assert!(c.entries[3].retryable_explicit);
    assert_eq!(c.entries[0].rust_name, "A");
    assert_eq!(c.title, "demo", "title defaults to the name");
}

#[test]
fn placeholders_and_declared_params_become_typed_params() {
    let yaml = format!(
        "{HEAD}  rate_limit_exceeded:\n    status: 429\n    message: \"Slow down, {{user}}\"\n    params: {{retry_after: integer, user: {{type: string, sensitive: true}}}}\n"
    );
    let c = load_str(&yaml).unwrap();
    let p = &c.entries[0].params;
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].name.as_str(), p[0].in_message, p[0].sensitive),
        ("user", true, true)
    );
    assert_eq!(
        (p[1].name.as_str(), p[1].kind, p[1].in_message),
        ("retry_after", ParamKind::Integer, false)
    );
}

#[test]
fn every_problem_is_reported_in_one_pass_sorted_by_line() {
    let yaml = format!(
        "{HEAD}  a:\n    status: 99\n    message: x\n    colour: red\n  b:\n    message: \"{{unclosed\"\n    retryable: maybe\n"
    );
    let all = errors(&yaml);
    let lines: Vec<u32> = all.iter().map(|d| d.pos.unwrap().line).collect();
    assert_eq!(all.len(), 5, "{all:#?}");
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    let text: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert!(text[0].starts_with("5:13: status 99"), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.starts_with("7:5: unknown key `colour`")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("missing the required key `status`")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("unclosed `{`")), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.contains("`retryable` must be `true` or `false`")),
        "{text:?}"
    );
}

#[test]
fn duplicate_keys_name_both_positions() {
    let yaml = format!("{HEAD}  a: {{status: 400, message: x, status: 401}}\n");
    let all = errors(&yaml);
    assert_eq!(all.len(), 1);
    assert!(
        all[0].message.contains("duplicate key `status`"),
        "{}",
        all[0]
    );
    assert!(all[0].message.contains("(first at 4:7)"), "{}", all[0]);
}

#[test]
fn non_utf8_bytes_are_located() {
    let mut bytes = format!("{HEAD}  a:\n    status: 400\n    message: ").into_bytes();
    bytes.extend_from_slice(&[0xff, b'\n']);
    let all = load_bytes(&bytes).unwrap_err();
    assert_eq!(all[0].pos, Some(Pos::new(6, 14)));
    assert!(all[0].message.contains("UTF-8"));
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        prev = name;
    }
    let started = std::time::Instant::now();
    let all = errors(&yaml);
    // Not a timing assertion on the happy path: a bomb that expanded would
    // take minutes and gigabytes; this only guards against that.
    assert!(started.elapsed().as_secs() < 30);
    assert!(all[0].message.contains("refused"), "{}", all[0]);
}

#[test]
fn a_flood_of_problems_is_cut_to_the_first_ones_and_a_count() {
    let mut yaml = format!("{HEAD}  a: {{status: 400, message: x}}\n");
    // Within the entry limit, so that each repeat is a problem of its own.
    yaml.push_str(&"  a: x\n".repeat(9_999));
    let all = errors(&yaml);
    let max = error_catalog_model::LIMITS.max_diagnostics;
    assert_eq!(all.len(), max + 1);
    for (i, d) in all[..max].iter().enumerate() {
        assert_eq!(d.pos, Some(Pos::new(5 + i as u32, 3)), "{d}");
        assert!(d.message.contains("duplicate entry `a`"), "{d}");
    }
    let last = &all[max];
    assert_eq!(last.pos, None);
    assert!(
        last.message
            .starts_with("... and 9,899 more problems not shown;"),
        "{last}"
    );
}

#[test]
fn nested_anchors_hold_no_more_heap_than_the_same_lists_without_them() {
    // 27 anchored lists, each inside the last, around 50,000 scalars and no
    // alias: an anchor that kept its own copy of its list held 27 copies.
    let scalars = vec!["x"; 50_000].join(",");
    let catalog = |open: fn(usize) -> String| {
        let opens: String = (0..27).map(open).collect();
        let closes = "]".repeat(27);
        format!(
            "{HEAD}  a:\n    status: 400\n    message: x\n    causes: {opens}{scalars}{closes}\n"
        )
    };
    let anchored = catalog(|i| format!("&n{i} ["));
    let plain = catalog(|_| "[".to_owned());
    let mut found = Vec::new();
    let anchored_peak = peak_heap(|| found = errors(&anchored));
    let plain_peak = peak_heap(|| drop(errors(&plain)));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].message.contains("`causes` must be a string"),
        "{}",
        found[0]
    );
    assert!(
        anchored_peak < plain_peak + plain_peak / 2,
        "with anchors {anchored_peak} bytes at once, without {plain_peak}"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let yaml = format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000));
    let all = errors(&yaml);
    assert!(all[0].message.contains("refused"), "{}", all[0]);
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let yaml = format!(
        "{HEAD}#{}",
        "x".repeat(error_catalog_model::LIMITS.max_bytes)
    );
    let all = errors(&yaml);
    assert!(all[0].message.contains("past the limit"), "{}", all[0]);
}

#[test]
fn custom_body_templates_are_checked() {
    let yaml = "name: demo\nwire:\n  body:\n    error: {code: $code, msg: $mesage}\nerrors:\n  a: {status: 400, message: x}\n";
    let all = errors(yaml);
    assert!(
        all.iter()
            .any(|d| d.message.contains("unknown slot `$mesage`")),
        "{all:#?}"
    );
    assert_eq!(all[0].pos, Some(Pos::new(4, 31)));
    // A misspelt slot with `|null` is suggested with it, and not told to add it.
    let yaml = "name: demo\nwire:\n  body: {message: $message, param: $feild|null}\nerrors:\n  a: {status: 400, message: x}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].message.contains("did you mean `$field|null`?"),
        "{}",
        all[0]
    );
    assert!(!all[0].message.contains("add `|null`"), "{}", all[0]);
    // ... unless the slot always has a value, where `|null` is itself an error.
    let all = errors(&yaml.replace("$feild|null", "$mesage|null"));
    assert!(
        all[0].message.contains("did you mean `$message`?"),
        "{}",
        all[0]
    );
}

#[test]
fn shared_codes_need_distinct_messages_and_codeless_formats_need_distinct_messages() {
    let yaml = format!(
        "{HEAD}  a: {{code: shared, status: 400, message: x}}\n  b: {{code: shared, status: 400, message: y}}\n"
    );
    assert!(load_str(&yaml).is_ok());
    let aiml = "name: demo\nwire: aiml\nerrors:\n  a: {status: 500, message: x}\n  b: {status: 500, message: x}\n  c: {status: 503, message: x}\n";
    let all = errors(aiml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].message.contains("carries no code"), "{}", all[0]);
}

#[test]
fn seed_catalogs_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["aiapi", "aimlapi", "errorcodes", "gateway"] {
        let c = error_catalog_model::load_file(&dir.join(format!("{name}.yaml")))
            .unwrap_or_else(|d| panic!("{name}: {d:#?}"));
        assert_eq!(c.name, name);
    }
}

#[test]
fn an_entry_with_more_parameters_than_the_limit_is_refused_at_its_message() {
    let max = error_catalog_model::LIMITS.max_params_per_entry;
    let message = |n: usize| {
        (0..n)
            .map(|i| format!("a{i}={{p{i}}}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let at_limit = format!(
        "{HEAD}  a:\n    status: 400\n    message: \"{}\"\n",
        message(max)
    );
    assert_eq!(load_str(&at_limit).unwrap().entries[0].params.len(), max);
    let past = format!(
        "{HEAD}  a:\n    status: 400\n    message: \"{}\"\n",
        message(max + 1)
    );
    let all = errors(&past);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].pos, Some(Pos::new(6, 14)));
    assert!(
        all[0]
            .message
            .contains(&format!("{} parameters, more than the {max}", max + 1)),
        "{}",
        all[0]
    );
    // Declared data parameters count too.
    let declared = format!(
        "{HEAD}  a:\n    status: 400\n    message: \"{}\"\n    params: {{extra: integer}}\n",
        message(max)
    );
    assert!(errors(&declared)[0].message.contains("more than the"));
    // Tens of thousands of placeholders are refused by counting, before the
    // checks that compare placeholders with each other.
    let hostile = format!(
        "{HEAD}  a:\n    status: 400\n    message: \"{}\"\n",
        message(50_000)
    );
    assert!(errors(&hostile)[0].message.contains("50000 parameters"));
}

#[test]
fn a_catalog_with_more_entries_than_the_limit_is_refused_at_errors() {
    let max = error_catalog_model::LIMITS.max_entries;
    let catalog = |n: usize| {
        let mut yaml = HEAD.to_owned();
        for i in 0..n {
            yaml.push_str(&format!("  e{i}: {{status: 400, message: m{i}}}\n"));
        }
        yaml
    };
    assert_eq!(load_str(&catalog(max)).unwrap().entries.len(), max);
    let all = errors(&catalog(max + 1));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].pos, Some(Pos::new(4, 3)));
    assert!(
        all[0]
            .message
            .contains(&format!("{} entries, more than the {max}", max + 1)),
        "{}",
        all[0]
    );
}

#[test]
fn many_unknown_keys_in_one_entry_are_reported_and_capped() {
    // 100,000 distinct unknown keys in one entry: each is a problem, and the
    // output is capped. (Before the keys were kept in a map, checking them
    // compared every key with every other.)
    let mut yaml = format!("{HEAD}  a:\n    status: 400\n    message: m\n");
    for i in 0..100_000 {
        yaml.push_str(&format!("    k{i}: x\n"));
    }
    let all = errors(&yaml);
    assert_eq!(all.len(), error_catalog_model::LIMITS.max_diagnostics + 1);
    assert!(all[0].message.contains("unknown key `k0`"), "{}", all[0]);
}

#[test]
fn body_templates_wider_than_the_readers_can_place_are_refused() {
    let max = error_catalog_model::wire::MAX_TEMPLATE_MEMBERS;
    let template = |n: usize| {
        let members: Vec<String> = (0..n).map(|i| format!("m{i}: $message")).collect();
        format!(
            "name: demo\nwire:\n  body: {{code: $code, {}}}\nerrors:\n  a: {{status: 400, message: x}}\n",
            members.join(", ")
        )
    };
    assert!(load_str(&template(max - 1)).is_ok(), "{max} members in all");
    let all = errors(&template(max));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].pos, Some(Pos::new(3, 9)));
    assert!(
        all[0]
            .message
            .contains(&format!("has {} members, more than the {max}", max + 1)),
        "{}",
        all[0]
    );
    let list: Vec<&str> = vec!["$message"; max + 1];
    let yaml = format!(
        "name: demo\nwire:\n  body: {{code: $code, all: [{}]}}\nerrors:\n  a: {{status: 400, message: x}}\n",
        list.join(", ")
    );
    assert!(errors(&yaml)[0].message.contains("elements, more than"));
}

#[test]
fn a_catalog_with_more_parameters_in_all_than_the_limit_is_refused_at_the_entry_past_it() {
    let limits = error_catalog_model::LIMITS;
    let per_entry = limits.max_params_per_entry;
    let entries = limits.max_params / per_entry;
    let catalog = |extra: bool| {
        let message: Vec<String> = (0..per_entry).map(|i| format!("a{i}={{p{i}}}")).collect();
        let mut yaml = HEAD.to_owned();
        for e in 0..entries {
            yaml.push_str(&format!(
                "  e{e}: {{status: 400, message: \"{} {e}\"}}\n",
                message.join(" ")
            ));
        }
        if extra {
            yaml.push_str("  last: {status: 400, message: \"one {more}\"}\n");
        }
        yaml
    };
    let at_limit = load_str(&catalog(false)).unwrap();
    let total: usize = at_limit.entries.iter().map(|e| e.params.len()).sum();
    assert_eq!(total, limits.max_params);
    let all = errors(&catalog(true));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].pos, Some(Pos::new(4 + entries as u32, 3)));
    assert!(
        all[0]
            .message
            .contains("with entry `last` the catalog has more than the 5000 parameters"),
        "{}",
        all[0]
    );
}

/// Entries without a group are the page's "Other" group, so a subgroup there
/// needs one on them too.
#[test]
fn entries_without_a_group_count_as_other_for_subgroups() {
    let yaml = "name: demo\nwire: flat\nerrors:\n  a: {status: 400, message: a, group: Other, subgroup: X}\n  b: {status: 400, message: b}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].message.contains("entry `b` has no `subgroup:`")
            && all[0].message.contains("group `Other`"),
        "{}",
        all[0].message
    );
}

#[test]
fn a_code_header_tells_entries_apart_and_its_codes_hold_no_colon() {
    let catalog = |wire: &str, code: &str| {
        format!(
            "name: demo\nwire: {wire}\nerrors:\n  a: {{code: A, status: 400, message: \"{{message}}\"}}\n  b: {{code: {code}, status: 400, message: \"{{message}}\"}}\n"
        )
    };
    let in_header = "{code_header: x-amzn-ErrorType, body: {message: $message}}";
    let loaded = load_str(&catalog(in_header, "B")).unwrap();
    assert_eq!(loaded.wire.code_header.as_deref(), Some("x-amzn-ErrorType"));
    // Without the header, nothing in the response tells `a` from `b`.
    let all = errors(&catalog("{body: {message: $message}}", "B"));
    assert!(
        all[0].message.contains("could not tell them apart"),
        "{}",
        all[0]
    );
    let all = errors(&catalog(in_header, "\"B:x\""));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0]
            .message
            .contains("code `B:x` of entry `b` cannot travel in the `x-amzn-ErrorType` header"),
        "{}",
        all[0]
    );
    let all = errors(&catalog(
        "{code_header: \"x amzn\", body: {message: $message}}",
        "B",
    ));
    assert!(
        all[0]
            .message
            .contains("`code_header` must be the HTTP header name"),
        "{}",
        all[0]
    );
    assert_eq!(all[0].pos, Some(Pos::new(2, 21)));
}

#[test]
fn entries_a_member_of_their_own_or_a_field_tells_apart_are_reachable() {
    // `b` always writes `errors`, which `a` does not have: a reader never
    // takes `a` for it, though `{message}` matches its message.
    let placed = "name: demo\nwire:\n  body: {message: $message, errors: $param.errors}\nerrors:\n  a: {status: 422, message: \"{message}\"}\n  b: {status: 422, message: Validation Failed, params: {errors: {type: list, items: string}}}\n";
    load_str(placed).unwrap();
    // `b`'s field varies per error; `a`'s is fixed, so a body naming another
    // field is not `a`'s.
    let field = "name: demo\nwire:\n  body: {message: $message, param: $field}\nerrors:\n  a: {status: 400, field: top_p, message: \"{reason}\"}\n  b: {status: 400, field: $param.param, message: Invalid value, params: {param: string}}\n";
    load_str(field).unwrap();
}

#[test]
fn an_entry_without_a_type_after_one_with_the_same_message_is_unreachable() {
    // `b`'s body has no type, which `a` (tried first) accepts.
    let yaml = "name: demo\nwire:\n  body: {message: $message, type: $type|null}\nerrors:\n  a: {status: 400, type: t, message: Bad}\n  b: {status: 400, message: Bad}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].message.contains("entry `b` can never be read back"),
        "{}",
        all[0]
    );
    // Types on both tell them apart.
    load_str(&yaml.replace(
        "{status: 400, message: Bad}",
        "{status: 400, type: u, message: Bad}",
    ))
    .unwrap();
}

#[test]
fn code_less_entries_are_tried_first_and_the_fix_says_so() {
    let yaml = "name: demo\nwire:\n  body: {message: $message}\nerrors:\n  b: {code: B, status: 500, message: Overloaded}\n  a: {code: null, status: 500, message: \"{message}\"}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].message.contains(
            "entries without a code are tried first: give `a` a code and move `b` above it"
        ),
        "{}",
        all[0]
    );
}

#[test]
fn a_code_header_refuses_codes_no_header_can_hold_and_names_taken_by_other_headers() {
    let yaml = "name: demo\nwire: {code_header: x-amzn-ErrorType, body: {message: $message}}\nerrors:\n  a: {code: ValidaciónException, status: 400, message: m}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].message.contains("visible ASCII"), "{}", all[0]);
    for (top, header, other) in [
        (
            "",
            "Content-Type",
            "`content-type` header that carries the content type",
        ),
        (
            "",
            "x-request-id",
            "`x-request-id` header that carries the request id (`request_id_header`",
        ),
        (
            "request_id_header: request-id\n",
            "Request-Id",
            "`request-id` header that carries the request id (`request_id_header`",
        ),
    ] {
        let yaml = format!("name: demo\n{top}wire: {{code_header: {header}, body: {{message: $message}}}}\nerrors:\n  a: {{code: A, status: 400, message: m}}\n");
        let all = errors(&yaml);
        assert!(
            all[0].message.contains(&format!("is also the {other}")),
            "{}",
            all[0]
        );
    }
}

#[test]
fn a_placeholder_read_from_elsewhere_still_swallows_when_that_reads_as_text() {
    // `b`'s body has no `reason` member, so `a` reads it from the message.
    let placed = "name: demo\nwire:\n  body: {message: $message, reason: $param.reason}\nerrors:\n  a: {status: 400, message: \"{reason}\"}\n  b: {status: 400, message: Bad}\n";
    let all = errors(placed);
    assert!(
        all[0].message.contains("entry `b` can never be read back"),
        "{}",
        all[0]
    );
    // So does `b`'s `reason` text in its data object.
    let text = "name: demo\nwire:\n  body: {message: $message, details: $params}\nerrors:\n  a: {status: 400, message: \"{reason}\"}\n  b: {status: 400, message: Bad, params: {reason: string}}\n";
    let all = errors(text);
    assert!(
        all[0].message.contains("entry `b` can never be read back"),
        "{}",
        all[0]
    );
    // A number or an object there does not: text reads only a JSON string,
    // so `a` cannot be built from `b`'s body.
    load_str(&text.replace("reason: string", "reason: integer")).unwrap();
    load_str(&text.replace("reason: string", "reason: object")).unwrap();
    // In `$metadata` every value is text: an integer there reads as text.
    let metadata = "name: demo\nwire: google\nerrors:\n  a: {code: QUOTA, status: 429, message: \"Quota {limit} exceeded.\"}\n  b: {code: QUOTA, status: 429, message: Quota 100 exceeded., params: {limit: integer}}\n";
    let all = errors(metadata);
    assert!(
        all[0].message.contains("entry `b` can never be read back"),
        "{}",
        all[0]
    );
    // An optional number reads an integer.
    let number = "name: demo\nwire:\n  body: {message: $message, details: $params}\nerrors:\n  a: {status: 400, message: \"{message}\", params: {limit: {type: number, optional: true}}}\n  b: {status: 400, message: Bad, params: {limit: integer}}\n";
    let all = errors(number);
    assert!(
        all[0].message.contains("entry `b` can never be read back"),
        "{}",
        all[0]
    );
    load_str(&number.replace("limit: integer", "limit: boolean")).unwrap();
    // With a `$params` object too, read before `$metadata`, `b`'s integer
    // there is JSON, which `a`'s text does not read: `b` is reachable.
    let both = "name: demo\nwire:\n  body: {code: $code, message: $message, details: $params, meta: $metadata}\nerrors:\n  a: {code: QUOTA, status: 429, message: \"Quota {limit} exceeded.\"}\n  b: {code: QUOTA, status: 429, message: Quota 100 exceeded., params: {limit: integer}}\n";
    load_str(both).unwrap();
}

#[test]
fn two_templates_that_match_each_other_are_told_to_change_not_to_move() {
    let yaml = "name: demo\nwire:\n  body: {message: $message}\nerrors:\n  bad_one: {code: null, status: 400, message: \"{message}\"}\n  bad_two: {code: null, status: 400, message: \"{detail}\"}\n";
    let all = errors(yaml);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0]
            .message
            .contains("order cannot help: change one of the messages"),
        "{}",
        all[0]
    );
    assert!(!all[0].message.contains("move `"), "{}", all[0]);
}

/// A guide whose heading has the id of a section of the page (or of an
/// earlier guide) would have its Contents link lead elsewhere.
#[test]
fn a_guide_title_must_give_a_heading_link_of_its_own() {
    let yaml = "name: demo\nwire: flat\nerrors:\n  a: {status: 400, message: x}\nguides:\n  - {title: Retry guidance, text: Again}\n  - {title: Überblick, text: One}\n  - {title: ÜBERBLICK, text: Two}\n";
    let all = errors(yaml);
    let text: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(all.len(), 2, "{text:?}");
    assert!(text[0].starts_with("6:13:"), "{text:?}");
    assert!(
        text[0].contains("as the page's `Retry guidance` section"),
        "{text:?}"
    );
    assert!(
        text[1].contains("`#überblick`) as the guide `Überblick`"),
        "{text:?}"
    );
}

/// A parameter the template places under a misspelt name is named with the
/// spelling the template has.
#[test]
fn a_misspelt_placed_parameter_is_named() {
    let yaml = "name: demo\nwire:\n  body: {message: $message, failed: $param.failed_generaton}\nerrors:\n  a:\n    status: 400\n    message: x\n    params: {failed_generation: string}\n";
    let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
    assert!(
        text[0].contains("places `$param.failed_generaton`, not `$param.failed_generation`"),
        "{text:?}"
    );
}

/// A declared parameter the message misspells is named with both spellings.
#[test]
fn a_misspelt_placeholder_is_named() {
    let yaml = "name: demo\nwire:\n  body: {message: $message}\nerrors:\n  a:\n    status: 404\n    message: \"model {modle} not found\"\n    params: {model: string}\n";
    let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("the message has `{modle}`, not `{model}`")),
        "{text:?}"
    );
}

/// An entry with a mistake of its own is still an entry the lead example
/// may name: one mistake, one error.
#[test]
fn the_lead_example_may_name_an_entry_with_a_mistake() {
    let yaml = "name: demo\nwire: flat\nexample: {entry: a}\nerrors:\n  a:\n    status: 429\n    message: slow down\n    params: {limit: {type: integer, example: \"6,000\"}}\n";
    let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(!text[0].contains("does not have"), "{text:?}");
    assert!(text[0].contains("is not an `integer` value"), "{text:?}");
}

/// A quoted `"true"` is text: the fix named is dropping the quotes.
#[test]
fn a_quoted_boolean_is_told_to_lose_its_quotes() {
    let yaml =
        "name: demo\nwire: flat\nerrors:\n  a: {status: 400, message: x, retryable: \"true\"}\n";
    let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
    assert!(
        text[0].contains("found a string `true`; write it without quotes"),
        "{text:?}"
    );
}

/// A guide named as a group would have its link lead to the group's table.
#[test]
fn a_guide_title_must_not_be_a_group_heading() {
    let yaml = "name: demo\nwire: flat\nerrors:\n  a: {status: 429, message: x, group: Rate limits}\nguides:\n  - {title: Rate Limits, text: Slow down}\n  - {title: Other, text: \"Fine, as every entry has a group\"}\n";
    let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].contains("as the group heading `Rate limits`"),
        "{text:?}"
    );
}

/// The rate-limit section is on a page only when the catalog lists headers,
/// so only then may no guide take its title.
#[test]
fn a_guide_may_take_the_title_of_a_section_the_page_does_not_have() {
    let guide = "guides:\n  - {title: Rate-limit headers, text: Ours}\n";
    let without =
        format!("name: demo\nwire: flat\nerrors:\n  a: {{status: 429, message: x}}\n{guide}");
    load_str(&without).unwrap();
    let with = format!(
        "{without}rate_limit_headers:\n  - {{name: X-Limit, value: limit, description: d}}\n"
    );
    let text: Vec<String> = errors(&with).iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].contains("as the page's `Rate-limit headers` section"),
        "{text:?}"
    );
}

/// Entries sharing code, status and message are told apart by a required
/// parameter on a member of its own that only one has; an optional one does
/// not (a body of the entry whose value is `None` would read as the other).
#[test]
fn a_required_parameter_on_its_own_member_tells_entries_apart() {
    let catalog = |optional: bool| {
        format!("name: demo\nwire:\n  body: {{code: $code, message: $message, details: $param.details}}\nerrors:\n  limit: {{code: limit, status: 429, message: \"{{message}}\"}}\n  cap: {{code: limit, status: 429, message: \"{{message}}\", retryable: false, params: {{details: {{type: object, optional: {optional}}}}}}}\n")
    };
    load_str(&catalog(false)).unwrap();
    let text: Vec<String> = errors(&catalog(true))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(text[0].contains("duplicate code `limit`"), "{text:?}");
    let refused = |yaml: &str| {
        let text: Vec<String> = errors(yaml).iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|t| t.contains("duplicate code `limit`")),
            "{text:?}"
        );
    };
    // Both declare it (one optional): a body that carries it fits both.
    refused("name: demo\nwire:\n  body: {code: $code, message: $message, details: $param.details}\nerrors:\n  cap: {code: limit, status: 429, message: \"{message}\", params: {details: object}}\n  limit: {code: limit, status: 429, message: \"{message}\", params: {details: {type: object, optional: true}}}\n");
    // Inside a `$when` object it may not be written at all.
    refused("name: demo\nwire:\n  body: {code: $code, message: $message, more: {$when: $field, details: $param.details}}\nerrors:\n  limit: {code: limit, status: 429, message: \"{message}\"}\n  cap: {code: limit, status: 429, message: \"{message}\", params: {details: object}}\n");
}
