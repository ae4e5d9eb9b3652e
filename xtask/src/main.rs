//! `cargo xtask <task>`: repository chores that are Rust programs, not scripts.

mod fuzz;
mod gen_docs;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  gen-docs [--check]   render docs/errors/*.md from catalog/*.yaml;
                       with --check, change nothing and fail if a page is stale
  fuzz [SECONDS]       run each fuzz target in fuzz/ for SECONDS (default 60);
                       installs cargo-fuzz if it is missing
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen-docs"] => gen_docs::run(gen_docs::Mode::Write),
        ["gen-docs", "--check"] => gen_docs::run(gen_docs::Mode::Check),
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
