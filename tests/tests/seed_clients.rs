//! The clients shown in the seeds, unchanged but for the URL, against the mock
//! server: seed 003's Python requests + urllib3 retrying session, and seed 002's
//! JavaScript error handler. Needs python3 with `requests` and node 18+ (CI
//! installs them).

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

async fn start() -> SocketAddr {
    error_catalog_tests::mock::spawn().await
}

fn run(program: &str, script: &str, address: SocketAddr) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("clients")
        .join(script);
    let output = Command::new(program)
        .arg(&path)
        .arg(format!("http://{address}"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}; install it (.ci/run does)"));
    assert!(
        output.status.success(),
        "{program} {script} failed:\n{}\n(python needs `pip install requests`)",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_003_python_retrying_session() {
    let address = start().await;
    let seen =
        tokio::task::spawn_blocking(move || run("python3", "seed003_retry_session.py", address))
            .await
            .unwrap();
    assert_eq!(seen["rate_limited"]["status"], 200, "{seen}");
    assert_eq!(seen["rate_limited"]["body"]["ok"], true);
    assert_eq!(
        seen["attempts_py-429"], 3,
        "two 429s honoured, then success"
    );
    assert_eq!(seen["invalid_key"]["status"], 401);
    assert_eq!(seen["invalid_key"]["code"], "invalid_api_key");
    assert_eq!(seen["invalid_key"]["message"], "Invalid API key provided");
    assert_eq!(seen["attempts_py-401"], 1, "401 is never retried");
    assert_eq!(seen["bad_gateway"]["gave_up"], true);
    assert_eq!(seen["attempts_py-502"], 4, "one try and three retries");
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_002_javascript_error_handler() {
    let address = start().await;
    let seen =
        tokio::task::spawn_blocking(move || run("node", "seed002_handle_error.mjs", address))
            .await
            .unwrap();
    let expected = [
        (
            "MISSING_API_KEY",
            401,
            "Authentication failed: API key is required",
        ),
        (
            "RATE_LIMIT_EXCEEDED",
            429,
            "Rate limited: Rate limit exceeded",
        ),
        (
            "PROMPT_TOO_LONG",
            400,
            "Bad request: Prompt exceeds maximum length",
        ),
        ("INTERNAL_ERROR", 500, "API error: Internal server error"),
        ("MODEL_NOT_FOUND", 404, "API error: Model not found"),
    ];
    let seen = seen.as_array().unwrap();
    assert_eq!(seen.len(), expected.len());
    for (call, (code, status, logged)) in seen.iter().zip(expected) {
        assert_eq!(call["code"], code);
        assert_eq!(call["status"], status, "{call}");
        assert_eq!(call["log"][0], logged, "{call}");
        assert_eq!(call["threw"], logged.split_once(": ").unwrap().1, "{call}");
        assert_eq!(call["requestId"], format!("js-{code}"));
    }
}
