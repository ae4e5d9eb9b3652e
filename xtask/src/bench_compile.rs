//! `bench-compile`: compile-time cost of a derived enum against the same errors
//! written by hand, measured in one run on this machine.
//!
//! For each size it generates two crates under `target/bench-compile/` (the
//! derive over a catalog, and the hand-written baseline of `bench_gen`), builds
//! their dependencies once, then times: a release and a debug build of the enum
//! crate alone (after `cargo clean -p`), an incremental debug rebuild after one
//! message changes (in the YAML for the derive, in the source for the
//! baseline), the macro expansion of the crate (`-Z time-passes`), and the
//! rlib size. Prints medians and ratios (derived / baseline) as Markdown.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::bench_gen;

pub struct Options {
    pub sizes: Vec<usize>,
    pub runs: usize,
    pub full_stack: bool,
    /// Build proc macros (and their dependencies) at opt-level 3, as a user
    /// gets with `[profile.dev.build-override] opt-level = 3`.
    pub optimized_macro: bool,
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    if options.optimized_macro {
        for profile in ["DEV", "RELEASE"] {
            // Read by every cargo this task starts.
            std::env::set_var(
                format!("CARGO_PROFILE_{profile}_BUILD_OVERRIDE_OPT_LEVEL"),
                "3",
            );
        }
    }
    let dir = root.join(if options.optimized_macro {
        "target/bench-compile-optimized-macro"
    } else {
        "target/bench-compile"
    });
    write_workspace(root, &dir, &options.sizes)?;
    let mut report = String::new();
    let _ = writeln!(
        report,
        "| codes | measure | derived (median) | baseline (median) | ratio |\n|---|---|---|---|---|"
    );
    for &n in &options.sizes {
        let derived = format!("derived-{n}");
        let baseline = format!("baseline-{n}");
        for profile in [Profile::Release, Profile::Debug] {
            cargo(
                &dir,
                &["build", "-p", &derived, "-p", &baseline],
                profile,
                &[],
            )?;
            let (d, b) = paired_medians(
                options.runs,
                || clean_build(&dir, &derived, profile),
                || clean_build(&dir, &baseline, profile),
            )?;
            row(
                &mut report,
                n,
                &format!("{} build of the enum crate", profile.name()),
                d,
                b,
                "s",
            );
        }
        let (d, b) = paired_medians(
            options.runs,
            || edit_and_rebuild(&dir, &derived, n, true),
            || edit_and_rebuild(&dir, &baseline, n, false),
        )?;
        row(
            &mut report,
            n,
            "debug rebuild after one message edit",
            d,
            b,
            "s",
        );
        let (d, b) = paired_medians(
            options.runs,
            || expansion_seconds(&dir, &derived),
            || expansion_seconds(&dir, &baseline),
        )?;
        row(
            &mut report,
            n,
            "macro expansion (`-Z time-passes` expand_crate)",
            d,
            b,
            "s",
        );
        let d = rlib_size(&dir, &derived)?;
        let b = rlib_size(&dir, &baseline)?;
        row(&mut report, n, "release rlib size", d / 1e6, b / 1e6, "MB");
    }
    if options.full_stack {
        let n = options.sizes.iter().copied().min().unwrap_or(100);
        let d = full_stack(&dir, &format!("derived-{n}"))?;
        let b = full_stack(&dir, &format!("baseline-{n}"))?;
        row(
            &mut report,
            n,
            "clean release build, all dependencies",
            d,
            b,
            "s",
        );
    }
    let deps = proc_macro_dependencies(root)?;
    let _ = writeln!(report, "\nThe proc macro's dependency graph has {deps} crates (`cargo tree -p error-catalog-macros -e normal`).");
    println!("\n{report}");
    Ok(())
}

#[derive(Clone, Copy)]
enum Profile {
    Release,
    Debug,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Debug => "debug",
        }
    }
}

fn row(report: &mut String, n: usize, what: &str, derived: f64, baseline: f64, unit: &str) {
    let ratio = if baseline > 0.0 {
        derived / baseline
    } else {
        f64::NAN
    };
    let _ = writeln!(
        report,
        "| {n} | {what} | {derived:.3} {unit} | {baseline:.3} {unit} | {ratio:.2}x |"
    );
    println!("{n:>5} codes, {what}: derived {derived:.3} {unit}, baseline {baseline:.3} {unit}, ratio {ratio:.2}x");
}

/// Medians of `runs` measurements of each side, taken alternately (derived,
/// baseline, derived, ...) so a noisy stretch of a shared machine hits both.
fn paired_medians(
    runs: usize,
    mut derived: impl FnMut() -> Result<f64, String>,
    mut baseline: impl FnMut() -> Result<f64, String>,
) -> Result<(f64, f64), String> {
    let (mut d, mut b) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        d.push(derived()?);
        b.push(baseline()?);
    }
    Ok((median(d), median(b)))
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn cargo(dir: &Path, args: &[&str], profile: Profile, env: &[(&str, &str)]) -> Result<f64, String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .arg("--quiet");
    if matches!(profile, Profile::Release) {
        command.arg("--release");
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command
        .env_remove("RUSTFLAGS")
        .env_remove("ERROR_CATALOG_MANIFEST_DIR");
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(seconds)
}

fn clean_build(dir: &Path, package: &str, profile: Profile) -> Result<f64, String> {
    let mut clean = vec!["clean", "-p", package];
    if matches!(profile, Profile::Release) {
        clean.push("--release");
    }
    Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(&clean)
        .arg("--offline")
        .arg("--quiet")
        .status()
        .map_err(|e| format!("cannot run cargo clean: {e}"))?;
    cargo(dir, &["build", "-p", package], profile, &[])
}

/// Changes the first entry's message (alternating two wordings) and times the
/// debug rebuild.
fn edit_and_rebuild(dir: &Path, package: &str, n: usize, yaml: bool) -> Result<f64, String> {
    cargo(dir, &["build", "-p", package], Profile::Debug, &[])?;
    let file = if yaml {
        dir.join(package).join("errors.yaml")
    } else {
        dir.join(package).join("src/lib.rs")
    };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (from, to) = if text.contains("error number 3\"") {
        ("error number 3\"", "error number three\"")
    } else {
        ("error number three\"", "error number 3\"")
    };
    if !text.contains(from) {
        return Err(format!(
            "{}: no message to edit for {n} codes",
            file.display()
        ));
    }
    std::fs::write(&file, text.replacen(from, to, 1))
        .map_err(|e| format!("{}: {e}", file.display()))?;
    cargo(dir, &["build", "-p", package], Profile::Debug, &[])
}

/// Seconds rustc spends expanding macros in the crate, from `-Z time-passes`.
fn expansion_seconds(dir: &Path, package: &str) -> Result<f64, String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .args([
            "rustc",
            "--offline",
            "-p",
            package,
            "--",
            "-Z",
            "time-passes",
        ])
        .env("RUSTC_BOOTSTRAP", "1")
        // RUSTC_BOOTSTRAP is part of cargo's fingerprints: build in a target
        // directory of its own so the timed builds never rebuild dependencies.
        .env("CARGO_TARGET_DIR", dir.join("target-time-passes"))
        .env_remove("RUSTFLAGS")
        .env_remove("ERROR_CATALOG_MANIFEST_DIR");
    // A newer source file makes cargo run rustc for this crate again.
    touch(&dir.join(package).join("src/lib.rs"))
        .map_err(|e| format!("cannot touch {package}: {e}"))?;
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo rustc: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in stderr.lines() {
        if line.trim_end().ends_with("expand_crate") {
            if let Some(value) = line.split_whitespace().nth(1) {
                return value
                    .trim_end_matches(';')
                    .parse::<f64>()
                    .map_err(|e| format!("cannot read `{line}`: {e}"));
            }
        }
    }
    Err(format!(
        "no expand_crate line in rustc's -Z time-passes output:\n{stderr}"
    ))
}

fn touch(path: &Path) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().append(true).open(path)?;
    file.set_modified(std::time::SystemTime::now())
}

fn rlib_size(dir: &Path, package: &str) -> Result<f64, String> {
    let deps = dir.join("target/release/deps");
    let prefix = format!("lib{}-", package.replace('-', "_"));
    let mut newest: Option<(std::time::SystemTime, u64)> = None;
    for entry in std::fs::read_dir(&deps).map_err(|e| format!("{}: {e}", deps.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".rlib") {
            let meta = entry.metadata().map_err(|e| e.to_string())?;
            let modified = meta.modified().map_err(|e| e.to_string())?;
            if newest.is_none_or(|(t, _)| modified > t) {
                newest = Some((modified, meta.len()));
            }
        }
    }
    newest
        .map(|(_, len)| len as f64)
        .ok_or_else(|| format!("no rlib for {package} in {}", deps.display()))
}

/// A release build from an empty target directory: every dependency included.
fn full_stack(dir: &Path, package: &str) -> Result<f64, String> {
    let target = dir.join(format!("target-fresh-{package}"));
    let _ = std::fs::remove_dir_all(&target);
    let target_str = target.display().to_string();
    let seconds = cargo(
        dir,
        &["build", "-p", package],
        Profile::Release,
        &[("CARGO_TARGET_DIR", &target_str)],
    )?;
    let _ = std::fs::remove_dir_all(&target);
    Ok(seconds)
}

fn proc_macro_dependencies(root: &Path) -> Result<usize, String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "tree",
            "-p",
            "error-catalog-macros",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut crates: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    crates.sort_unstable();
    crates.dedup();
    Ok(crates.len())
}

fn write_workspace(root: &Path, dir: &Path, sizes: &[usize]) -> Result<(), String> {
    let write = |path: PathBuf, text: String| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    };
    let mut members = Vec::new();
    let runtime = root.join("runtime").display().to_string();
    for &n in sizes {
        let derived = format!("derived-{n}");
        let baseline = format!("baseline-{n}");
        write(
            dir.join(&derived).join("Cargo.toml"),
            format!("[package]\nname = \"{derived}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nerror-catalog = {{ path = {runtime:?} }}\nserde = \"1\"\nserde_json = \"1\"\n"),
        )?;
        write(
            dir.join(&derived).join("errors.yaml"),
            bench_gen::catalog_yaml(n),
        )?;
        write(
            dir.join(&derived).join("src/lib.rs"),
            bench_gen::derived_rs(&format!("Derived{n}"), "errors.yaml"),
        )?;
        write(
            dir.join(&baseline).join("Cargo.toml"),
            format!("[package]\nname = \"{baseline}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nthiserror = \"2\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"),
        )?;
        write(
            dir.join(&baseline).join("src/lib.rs"),
            bench_gen::baseline_rs(n, &format!("Baseline{n}")),
        )?;
        members.push(format!("{derived:?}"));
        members.push(format!("{baseline:?}"));
    }
    write(
        dir.join("Cargo.toml"),
        format!("# Generated by `cargo xtask bench-compile`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )?;
    // The same dependency versions as the main workspace, without a registry.
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write(dir.join("Cargo.lock"), lock)?;
    Ok(())
}
