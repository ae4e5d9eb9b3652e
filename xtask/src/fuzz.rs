//! `fuzz`: run every libFuzzer target in `fuzz/` for a bounded time.
//!
//! cargo-fuzz normally wants a nightly toolchain for `-Z` flags; this machine
//! has one stable toolchain, so the task builds without a sanitizer (`-s none`)
//! and sets `RUSTC_BOOTSTRAP=1` for the fuzz build only. Crash inputs are left
//! in `fuzz/artifacts/<target>/`; the task fails and says where to keep them.

use std::path::Path;
use std::process::Command;

pub const TARGETS: &[&str] = &["catalog_load", "body_parse"];

pub fn run(root: &Path, seconds: u64) -> Result<(), String> {
    ensure_cargo_fuzz()?;
    let fuzz = root.join("fuzz");
    let mut crashed = Vec::new();
    for target in TARGETS {
        let work = fuzz.join("corpus").join(target);
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        println!("fuzzing {target} for {seconds} s");
        let status = Command::new(env!("CARGO"))
            .current_dir(&fuzz)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", target, "--sanitizer", "none", "--release"])
            .arg(&work)
            .arg(fuzz.join("seeds").join(target))
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg("-print_final_stats=1")
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        if !status.success() {
            crashed.push(*target);
        }
    }
    if crashed.is_empty() {
        println!("no crash in {} targets", TARGETS.len());
        Ok(())
    } else {
        Err(format!(
            "fuzz targets failed: {}. If the output above shows a build error, fix the target; if it shows a crash, its input is in fuzz/artifacts/<target>/: fix the bug, then move the input to fuzz/regressions/<target>/ with a name saying what it broke, so tests/tests/fuzz_regressions.rs replays it",
            crashed.join(", ")
        ))
    }
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = Command::new(env!("CARGO"))
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    println!("installing cargo-fuzz (cargo install cargo-fuzz --locked)");
    let status = Command::new(env!("CARGO"))
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "cargo install cargo-fuzz failed".to_owned())
}
