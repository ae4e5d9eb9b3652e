//! Editing a catalog file must make `cargo build` rebuild the crate that uses it.
//!
//! Builds a throwaway crate that derives an enum from a catalog, runs it, edits
//! one message in the YAML (no Rust file changes), and runs it again.

use std::path::Path;
use std::process::Command;

fn cargo_run(dir: &Path, target: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("ERROR_CATALOG_MANIFEST_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn editing_the_yaml_rebuilds_the_crate() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-on-edit");
    let krate = scratch.join("app");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"rebuild-app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nerror-catalog = {{ path = {:?} }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    )
    .unwrap();
    // Same dependency versions as the workspace, so no registry is needed.
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    std::fs::write(
        krate.join("src/main.rs"),
        "#[derive(Debug, error_catalog::ApiErrorCatalog)]\n#[catalog(path = \"errors.yaml\")]\nenum AppError { Broken }\n\nfn main() { println!(\"{}\", AppError::Broken); }\n",
    )
    .unwrap();
    let yaml = |message: &str| {
        format!(
            "name: app\nwire: flat\nerrors:\n  broken:\n    status: 500\n    message: {message}\n"
        )
    };
    let target = scratch.join("target");

    std::fs::write(krate.join("errors.yaml"), yaml("first wording")).unwrap();
    assert_eq!(cargo_run(&krate, &target).trim(), "first wording");

    std::fs::write(krate.join("errors.yaml"), yaml("second wording")).unwrap();
    assert_eq!(
        cargo_run(&krate, &target).trim(),
        "second wording",
        "cargo did not rebuild after the catalog changed"
    );
}
