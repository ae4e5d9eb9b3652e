//! The per-entry parts of the expansion (match arms, static tables), written
//! as source text and handed to the compiler's lexer in one piece.
//!
//! `quote!` makes one call across the proc-macro bridge per token; for a
//! 5,000-entry catalog that was 0.3 s of the expansion at the opt-level cargo
//! builds proc macros with. Text is appended in a few microseconds per entry
//! and the compiler tokenizes it with its own optimised lexer. Everything here
//! is code the user never reads in an error message (spans are the macro
//! call's either way), so nothing is lost.
//!
//! `proc_macro2`'s `parse` would check the text with its portable lexer first,
//! unoptimised too: the compiler's is called directly instead.

use std::fmt::Write;

use error_catalog_model::template::Segment;
use error_catalog_model::{Catalog, Entry};
use proc_macro2::{Span, TokenStream};

use crate::ast::{Input, Variant};
use crate::check::Plan;

/// Parses generated source text with the compiler's lexer. It is valid Rust
/// by construction; should a bug make it not, the user gets a compile error
/// saying so instead of a panic.
pub fn parse(code: &str) -> TokenStream {
    // `proc_macro2`'s own `parse` first checks the text with its portable
    // lexer, which runs unoptimised here and took most of the time saved;
    // inside a macro the compiler's lexer is called directly.
    let parsed = if proc_macro::is_available() {
        code.parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .map_err(|e| e.to_string())
    } else {
        code.parse::<TokenStream>().map_err(|e| e.to_string())
    };
    parsed.unwrap_or_else(|error| {
        syn::Error::new(
            Span::call_site(),
            format!(
                "error-catalog generated code that does not parse ({error}); this is a bug in error-catalog, please report it with the catalog"
            ),
        )
        .to_compile_error()
    })
}

/// A Rust string literal for `text`.
pub fn string(text: &str) -> String {
    // `Debug` escapes exactly as a Rust literal needs (quotes, backslashes,
    // control and non-printing characters as `\u{..}`).
    format!("{text:?}")
}

/// `None` or `Some("text")`, with the short names the generated block imports.
pub fn opt_str(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("__Some({})", string(t)),
        None => "__None".to_owned(),
    }
}

/// The elements of the status, retryable and field tables, in entry order.
pub fn tables(catalog: &Catalog) -> (TokenStream, TokenStream, TokenStream) {
    let mut statuses = String::new();
    let mut retryables = String::new();
    let mut fields = String::new();
    for entry in &catalog.entries {
        let _ = write!(statuses, "{},", entry.status);
        retryables.push_str(if entry.retryable { "true," } else { "false," });
        fields.push_str(&opt_str(entry.field.as_deref()));
        fields.push(',');
    }
    (parse(&statuses), parse(&retryables), parse(&fields))
}

/// The name of every variant, written once: each `Ident::to_string` is a
/// call across the proc-macro bridge, and every arm kind needs the names.
pub fn variant_names(input: &Input<'_>) -> Vec<String> {
    input.variants.iter().map(|v| v.ident.to_string()).collect()
}

/// `Enum::Variant { .. } => entry index,` for every catalog variant.
pub fn index_arms(input: &Input<'_>, names: &[String], plan: &Plan) -> TokenStream {
    let ident = input.ident.to_string();
    let mut code = String::new();
    for &(vi, ei) in &plan.mapped {
        let _ = write!(code, "{ident}::{} {{ .. }} => {ei},", names[vi]);
    }
    parse(&code)
}

/// The `Display` arms: a literal written out, or one `format_args!`.
pub fn display_arms(names: &[String], catalog: &Catalog, plan: &Plan) -> TokenStream {
    let mut code = String::new();
    for &(vi, ei) in &plan.mapped {
        display_arm(&mut code, &names[vi], &catalog.entries[ei]);
    }
    parse(&code)
}

fn display_arm(code: &mut String, v: &str, entry: &Entry) {
    let used = entry.message.placeholders();
    if used.is_empty() {
        let text: String = entry
            .message
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(t) => t.as_ref(),
                Segment::Placeholder(_) => "",
            })
            .collect();
        let _ = write!(
            code,
            "Self::{v} {{ .. }} => __f.write_str({}),",
            string(&text)
        );
        return;
    }
    // One `write_fmt` per arm, as a hand-written `write!` would be: smaller
    // code per arm than a call per piece, which matters with thousands of arms.
    let mut format = String::new();
    for segment in &entry.message.segments {
        match segment {
            Segment::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Segment::Placeholder(name) => {
                format.push('{');
                format.push_str(name);
                format.push('}');
            }
        }
    }
    let bindings = used.join(", ");
    let args: Vec<String> = used.iter().map(|n| format!("{n} = {n}")).collect();
    let _ = write!(
        code,
        "Self::{v} {{ {bindings}, .. }} => __f.write_fmt(::core::format_args!({}, {})),",
        string(&format),
        args.join(", ")
    );
}

/// The arms of `visit_params`: each parameter by name, for variants that have any.
pub fn param_arms(names: &[String], catalog: &Catalog, plan: &Plan, p: &str) -> TokenStream {
    let mut code = String::new();
    for &(vi, ei) in &plan.mapped {
        let entry = &catalog.entries[ei];
        if entry.params.is_empty() {
            continue;
        }
        let v = &names[vi];
        let names: Vec<&str> = entry.params.iter().map(|p| p.name.as_str()).collect();
        let _ = write!(code, "Self::{v} {{ {}, .. }} => {{", names.join(", "));
        for name in names {
            let _ = write!(
                code,
                "visitor({}, {p}::ToParam::to_param({name}));",
                string(name)
            );
        }
        code.push('}');
    }
    parse(&code)
}

/// The arms of `__from_parts`: the variant for an entry index, its fields read
/// from the parts of a body.
pub fn from_parts_arms(input: &Input<'_>, names: &[String], plan: &Plan) -> TokenStream {
    let mut code = String::new();
    for &(vi, ei) in &plan.mapped {
        from_parts_arm(&mut code, &input.variants[vi], &names[vi], ei);
    }
    parse(&code)
}

fn from_parts_arm(code: &mut String, variant: &Variant<'_>, v: &str, index: usize) {
    let built = rebuild(variant, v);
    let _ = write!(code, "{index} => {},", built.as_deref().unwrap_or("__None"));
}

/// An expression of type `Option<Self>` building `variant` (Rust name `v`)
/// from `parts` (a `&Parts`), each parameter read by `Parts::get` (by
/// `Parts::get_optional` for an `Option` field); `None` if it cannot be built
/// (it holds an internal cause with no empty value).
fn rebuild(variant: &Variant<'_>, v: &str) -> Option<String> {
    // Each parameter is read into a local first and the variant built from the
    // locals: a struct literal with a `?` in every field makes rustc's code
    // quadratic in the number of fields, `let` bindings do not.
    let mut reads = String::new();
    let mut inits = String::new();
    for (i, field) in variant.fields.iter().enumerate() {
        let Some(ident) = field.ident else { continue };
        if field.source {
            if field.is_option() {
                let _ = write!(inits, "{ident}: __None,");
            } else {
                // The internal cause never travels in a body, and this field has
                // no empty value: such a variant cannot be rebuilt from a body.
                return None;
            }
        } else {
            let name = ident.to_string();
            // An `Option` field takes `None` when the body lacks the parameter;
            // a value of another type makes the body unknown, as for any field.
            let get = if field.is_option() {
                "get_optional"
            } else {
                "get"
            };
            let _ = write!(reads, "let __v{i} = parts.{get}({})?;", string(&name));
            let _ = write!(inits, "{ident}: __v{i},");
        }
    }
    Some(format!("{{ {reads} __Some(Self::{v} {{ {inits} }}) }}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_survive_any_text() {
        for text in [
            "plain",
            "quote \" and \\ backslash",
            "tab\tnew\nline",
            "é ✓ \u{301}",
            "{braces}",
        ] {
            let literal: syn::LitStr = syn::parse_str(&string(text)).unwrap();
            assert_eq!(literal.value(), text);
        }
    }
}
