//! `cargo xtask <task>`: repository chores that are Rust programs, not scripts.

mod bench_compile;
mod bench_gen;
mod fuzz;
mod gen_docs;
mod msrv;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  gen-docs [--check]   render docs/errors/*.md from catalog/*.yaml;
                       with --check, change nothing and fail if a page is stale
  msrv                 check that the published crates build with rust-version:
                       no locked dependency needs a newer Rust, then a check
                       build with that toolchain (installed with rustup)
  fuzz [SECONDS]       run each fuzz target in fuzz/ for SECONDS (default 60);
                       installs cargo-fuzz if it is missing
  gen-bench [--check]  write the run-time benchmark inputs (catalogs of 1,000
                       and 5,000 codes and their hand-written baselines)
                       into tests/benches/generated/
  bench-compile [--sizes 100,1000,5000] [--runs 3] [--full-stack] [--optimized-macro]
                       time builds of derived enums against hand-written ones
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen-docs"] => gen_docs::run(gen_docs::Mode::Write),
        ["gen-docs", "--check"] => gen_docs::run(gen_docs::Mode::Check),
        ["gen-bench"] => gen_bench(gen_docs::Mode::Write),
        ["gen-bench", "--check"] => gen_bench(gen_docs::Mode::Check),
        ["bench-compile", rest @ ..] => bench_compile_args(rest)
            .and_then(|o| bench_compile::run(&gen_docs::workspace_root(), &o)),
        ["msrv"] => msrv::run(&gen_docs::workspace_root()),
        ["fuzz"] => fuzz::run(&gen_docs::workspace_root(), 60),
        ["fuzz", seconds] => match seconds.parse::<u64>() {
            Ok(s) if s > 0 => fuzz::run(&gen_docs::workspace_root(), s),
            _ => Err(format!("`{seconds}` is not a number of seconds")),
        },
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The run-time benchmark inputs, relative to the workspace root.
fn bench_inputs() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for n in [1000, 5000] {
        files.push((
            format!("tests/benches/generated/bench_{n}.yaml"),
            bench_gen::catalog_yaml(n),
        ));
        files.push((
            format!("tests/benches/generated/baseline_{n}.rs"),
            bench_gen::baseline_rs(n, &format!("Baseline{n}")),
        ));
        files.push((
            format!("tests/benches/generated/derived_{n}.rs"),
            bench_gen::derived_rs(
                &format!("Derived{n}"),
                &format!("benches/generated/bench_{n}.yaml"),
            ),
        ));
    }
    files
}

fn gen_bench(mode: gen_docs::Mode) -> Result<(), String> {
    gen_docs::ensure_files(
        &gen_docs::workspace_root(),
        &bench_inputs(),
        mode,
        "cargo xtask gen-bench",
    )
}

fn bench_compile_args(args: &[&str]) -> Result<bench_compile::Options, String> {
    let mut options = bench_compile::Options {
        sizes: vec![100, 1000, 5000],
        runs: 3,
        full_stack: false,
        optimized_macro: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--sizes" => {
                let list = args.next().ok_or("--sizes needs a list such as 100,1000")?;
                options.sizes = list
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("`{s}` is not a size"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|r| r.parse().ok())
                    .filter(|r| *r > 0)
                    .ok_or("--runs needs a positive number")?;
            }
            "--full-stack" => options.full_stack = true,
            "--optimized-macro" => options.optimized_macro = true,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}
