//! `cargo xtask msrv`: checks that the declared `rust-version` holds for
//! every feature of the published crates, in two steps. First the locked
//! dependency graph: no dependency (normal or build, all features on) may
//! declare a newer `rust-version`, which names the crate to pin. Then a real
//! build: the toolchain of that version is installed with rustup (minimal
//! profile) and checks the published crates with their feature sets, which
//! also catches a newer language feature or std API in our own code.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The crates users depend on.
const PUBLISHED: [&str; 4] = [
    "error-catalog",
    "error-catalog-macros",
    "error-catalog-model",
    "error-catalog-core",
];

pub fn run(root: &Path) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    let packages = metadata["packages"].as_array().ok_or("no packages")?;
    let package = |id: &str| packages.iter().find(|p| p["id"] == id);
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("no resolve graph")?;
    let node = |id: &str| nodes.iter().find(|n| n["id"] == id);

    let runtime = packages
        .iter()
        .find(|p| p["name"] == PUBLISHED[0])
        .ok_or("no runtime crate in the workspace")?;
    let declared = runtime["rust_version"]
        .as_str()
        .ok_or("the runtime crate declares no rust-version")?;
    let features: Vec<&str> = runtime["features"]
        .as_object()
        .into_iter()
        .flat_map(|f| f.keys())
        .map(String::as_str)
        .filter(|f| *f != "default")
        .collect();
    let msrv = version(declared);

    // Every package the published crates reach through normal and build edges.
    let mut stack: Vec<String> = packages
        .iter()
        .filter(|p| PUBLISHED.contains(&p["name"].as_str().unwrap_or_default()))
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for dep in node(&id)
            .and_then(|n| n["deps"].as_array())
            .into_iter()
            .flatten()
        {
            let runtime_edge = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if let (true, Some(pkg)) = (runtime_edge, dep["pkg"].as_str()) {
                stack.push(pkg.to_owned());
            }
        }
    }

    let mut too_new = Vec::new();
    let mut undeclared = Vec::new();
    for id in &seen {
        let Some(p) = package(id) else { continue };
        let name = format!(
            "{} {}",
            p["name"].as_str().unwrap_or("?"),
            p["version"].as_str().unwrap_or("?")
        );
        match p["rust_version"].as_str() {
            Some(v) if version(v) > msrv => too_new.push(format!("{name} needs Rust {v}")),
            Some(_) => {}
            None => undeclared.push(name),
        }
    }
    println!(
        "{} packages reachable from the published crates (all features); rust-version {declared}",
        seen.len()
    );
    if !undeclared.is_empty() {
        println!(
            "declare no rust-version (not checkable): {}",
            undeclared.join(", ")
        );
    }
    if too_new.is_empty() {
        println!("every declared rust-version is at most {declared}");
        build_with(root, declared, &features)
    } else {
        Err(format!(
            "the locked graph breaks rust-version {declared}:\n  {}\nlock an older version (`cargo update -p NAME --precise VERSION`; .cargo/config.toml resolves with incompatible-rust-versions = \"fallback\") or raise rust-version",
            too_new.join("\n  ")
        ))
    }
}

/// Installs Rust `version` with rustup if needed and checks the published
/// crates with it, against the committed lockfile, in `target/msrv`: the
/// runtime with all features, with none and with each `features` alone, the
/// model as the docs renderer uses it, and core.
fn build_with(root: &Path, version: &str, features: &[&str]) -> Result<(), String> {
    let mut builds: Vec<(&str, Vec<&str>)> = vec![
        ("error-catalog", vec!["--all-features"]),
        ("error-catalog", vec!["--no-default-features"]),
    ];
    for feature in features {
        builds.push((
            "error-catalog",
            vec!["--no-default-features", "--features", feature],
        ));
    }
    builds.push(("error-catalog-model", vec![]));
    builds.push(("error-catalog-core", vec![]));
    let rustup = |args: &[&str]| {
        let mut command = Command::new("rustup");
        command.args(args).current_dir(root);
        // The outer cargo's choices must not leak into the old toolchain's run.
        for var in [
            "RUSTUP_TOOLCHAIN",
            "CARGO",
            "RUSTC",
            "RUSTDOC",
            "RUSTC_WRAPPER",
        ] {
            command.env_remove(var);
        }
        command
    };
    let run = |command: &mut Command| {
        command.status().map_err(|e| {
            format!("cannot run rustup, which builds with Rust {version}: {e}; install rustup (https://rustup.rs) and run again")
        })
    };
    // Installing asks the network for the channel even when the toolchain is
    // here; only a missing toolchain needs it.
    let present = run(rustup(&["run", version, "rustc", "--version"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null()))?;
    if !present.success() {
        let installed = run(&mut rustup(&[
            "toolchain",
            "install",
            version,
            "--profile",
            "minimal",
        ]))?;
        if !installed.success() {
            return Err(format!(
                "rustup could not install Rust {version} (see its output above); install it by hand (`rustup toolchain install {version} --profile minimal`) and run again"
            ));
        }
    }
    let target = root.join("target").join("msrv");
    let target = target.to_str().ok_or("the target path is not UTF-8")?;
    for (package, features) in builds {
        let shown = format!("{package} {}", features.join(" "))
            .trim_end()
            .to_owned();
        println!("cargo +{version} check -p {shown}");
        let mut args = vec![
            "run",
            version,
            "cargo",
            "check",
            "--locked",
            "--target-dir",
            target,
            "-p",
            package,
        ];
        args.extend_from_slice(&features);
        if !run(&mut rustup(&args))?.success() {
            return Err(format!(
                "{shown} does not check with Rust {version} (cargo's output above says why): for a newer API or language feature, use an older one or raise rust-version; for `--locked`, commit the lockfile cargo wants"
            ));
        }
    }
    println!("the published crates build with Rust {version}");
    Ok(())
}

/// `1.85` and `1.85.0` as comparable numbers.
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}
