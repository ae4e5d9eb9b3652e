//! `cargo xtask <task>`: repository chores that are Rust programs, not scripts.

mod gen_docs;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  gen-docs [--check]   render docs/errors/*.md from catalog/*.yaml;
                       with --check, change nothing and fail if a page is stale
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen-docs"] => gen_docs::run(gen_docs::Mode::Write),
        ["gen-docs", "--check"] => gen_docs::run(gen_docs::Mode::Check),
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
