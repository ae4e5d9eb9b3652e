//! Emits the impls for a checked enum: the static catalog, `ApiErrorCatalog`,
//! `Display`, `Error`, `Serialize` and `Deserialize`.

use error_catalog_model::wire::{Node, Slot};
use error_catalog_model::Catalog;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::{DeriveInput, LitStr};

use crate::arms;
use crate::ast::{Input, Variant};
use crate::catalog_file::{self, Loaded};
use crate::check::{self, Plan};

pub fn derive(input: &DeriveInput) -> TokenStream {
    match try_derive(input) {
        Ok(tokens) => tokens,
        Err(error) => {
            let mut out = error.to_compile_error();
            out.extend(crate::fallback::expand(
                input,
                crate::attr::crate_path(&input.attrs),
            ));
            out
        }
    }
}

fn try_derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let ast = Input::from_syn(input)?;
    let loaded = catalog_file::load(ast.path())?;
    derive_loaded(&ast, loaded)
}

/// The expansion for an enum whose catalog is already loaded: the derive
/// loads it itself, `#[catalog_enum]` passes the one it generated from.
pub fn derive_loaded(ast: &Input<'_>, loaded: Loaded) -> syn::Result<TokenStream> {
    let path = ast.path().clone();
    let Loaded { catalog, absolute } = loaded;
    let plan = check::check(ast, &catalog, &path)?;
    Ok(emit(
        ast,
        &catalog,
        &plan,
        &absolute.display().to_string(),
        &path,
    ))
}

fn emit(
    input: &Input<'_>,
    catalog: &Catalog,
    plan: &Plan,
    absolute: &str,
    path: &LitStr,
) -> TokenStream {
    let ident = input.ident;
    let krate = input.attr.krate();
    let p = quote!(#krate::__private);
    let n = catalog.entries.len();
    let include = LitStr::new(absolute, path.span());

    // Two literals for every entry (see `error_catalog_model::pack`): a struct
    // literal per entry would cost rustc type-checking, crate metadata and
    // relocations for each of thousands of constants.
    let packed = error_catalog_model::pack::pack(catalog);
    let sorted_codes: Vec<&str> = packed
        .code_order
        .iter()
        .filter_map(|&i| catalog.entries[i].code.as_deref())
        .collect();
    let (code_table, code_shift) = error_catalog_model::code_table(&sorted_codes);
    let packed_text = proc_macro2::Literal::string(&packed.text);
    let packed_data = proc_macro2::Literal::byte_string(&packed.data);
    let wire_body = wire_tokens(&catalog.wire.body, &p);
    let preset = match catalog.wire.preset.as_deref() {
        Some(s) => quote!(::core::option::Option::Some(#p::Cow::Borrowed(#s))),
        None => quote!(::core::option::Option::None),
    };
    let content_type = catalog.wire.content_type.as_ref();
    // Only catalogs of numeric codes say so: the others expand as before.
    let numeric_codes = catalog
        .wire
        .numeric_codes
        .then(|| quote!(.with_numeric_codes(true)));
    let code_header = match catalog.wire.code_header.as_deref() {
        Some(s) => quote!(::core::option::Option::Some(#p::Cow::Borrowed(#s))),
        None => quote!(::core::option::Option::None),
    };
    let name = &catalog.name;
    let title = &catalog.title;
    let description = opt_str(catalog.description.as_deref());
    let domain = opt_str(catalog.domain.as_deref());
    let request_id_header = opt_str(catalog.request_id_header.as_deref());
    let should_retry_header = opt_str(catalog.should_retry_header.as_deref());
    let rate_limit_headers = catalog.rate_limit_headers.iter().filter_map(|h| {
        use error_catalog_model::RateLimitValue as V;
        let name = &h.name;
        let value = format_ident!(
            "{}",
            match h.value? {
                V::Limit => "Limit",
                V::Remaining => "Remaining",
                V::Reset => "Reset",
                V::RetryAfter => "RetryAfter",
            }
        );
        Some(quote!(#p::RateLimitHeader::new(#name, #p::RateLimitValue::#value)))
    });

    // Entries a `subset` enum has no variant for, ascending.
    let mut covered = vec![false; n];
    for &(_, ei) in &plan.mapped {
        covered[ei] = true;
    }
    let left_out = (0..n).filter(|&ei| !covered[ei]).map(|ei| ei as u32);
    let variant = |vi: usize| &input.variants[vi];
    let unknown_ident = plan.unknown.map(|vi| variant(vi).ident);
    // Entry order, so `__index` can read the compact tables below.
    let names = arms::variant_names(input);
    let index_arms = arms::index_arms(input, &names, plan);
    let unknown_index_arm = unknown_ident.map(|u| quote!(#ident::#u(..) => #n,));
    let (statuses, retryables, fields) = arms::tables(catalog);
    // The unknown variant may hold `UnknownError` or `Box<UnknownError>`.
    let unknown_arm = unknown_ident.map(|u| {
        quote!(Self::#u(__unknown) => ::core::option::Option::Some(<_ as ::core::borrow::Borrow<#p::UnknownError>>::borrow(__unknown)),)
    });
    let from_unknown = match unknown_ident {
        Some(u) => {
            quote!(::core::result::Result::Ok(Self::#u(::core::convert::From::from(unknown))))
        }
        None => quote!(::core::result::Result::Err(unknown)),
    };

    let param_arms = arms::param_arms(&names, catalog, plan, &p.to_string());
    // Entries whose field at fault is one of their parameters.
    let field_param_arms: Vec<TokenStream> = plan
        .mapped
        .iter()
        .filter_map(|&(vi, ei)| {
            let name = catalog.entries[ei].field_param.as_deref()?;
            let v = variant(vi).ident;
            let field = format_ident!("{}", name);
            Some(quote!(Self::#v { #field, .. } => return #p::field_text(#field),))
        })
        .collect();
    let field_param_match = (!field_param_arms.is_empty()).then(|| {
        quote! {
            #[allow(unreachable_patterns)]
            match self {
                #(#field_param_arms)*
                _ => {}
            }
        }
    });
    let from_parts_arms = arms::from_parts_arms(input, &names, plan);
    let display_arms = arms::display_arms(&names, catalog, plan);
    let unknown_display = unknown_ident
        .map(|u| quote!(Self::#u(__unknown) => ::core::fmt::Display::fmt(__unknown, __f),));
    let source_arms = plan
        .mapped
        .iter()
        .filter_map(|(vi, _)| source_arm(variant(*vi)));
    let source_wildcard = quote!(#[allow(unreachable_patterns)] _ => ::core::option::Option::None,);
    let empty_enum = plan.mapped.is_empty() && plan.unknown.is_none();
    let display_body = if empty_enum {
        quote!(match *self {})
    } else {
        quote!(match self { #display_arms #unknown_display })
    };
    let index_body = if empty_enum {
        quote!(match *error {})
    } else {
        quote!(match error { #index_arms #unknown_index_arm })
    };

    quote! {
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            // Makes cargo rebuild this crate when the catalog file changes. In a
            // function that is never called, so the file's bytes stay out of the
            // rlib (a `const` would keep them in the crate metadata).
            #[allow(dead_code)]
            #[inline(never)]
            fn __track_catalog_file() {
                let _ = ::core::include_bytes!(#include);
            }

            // Compact copies of the hottest fields: a few bytes per entry, so
            // accessors stay in cache however large the catalog.
            #[allow(unused_imports)]
            use ::core::option::Option::{None as __None, Some as __Some};

            static __STATUS: [u16; #n] = [#statuses];
            static __RETRYABLE: [bool; #n] = [#retryables];
            static __FIELDS: [::core::option::Option<&str>; #n] = [#fields];

            /// The entry index of a value; the number of entries for the unknown fallback.
            #[inline]
            fn __index(error: &#ident) -> usize {
                #index_body
            }
            static __CATALOG: #p::Catalog = #p::catalog(#p::CatalogParts {
                name: #name,
                title: #title,
                description: #description,
                domain: #domain,
                rate_limit_headers: &[#(#rate_limit_headers),*],
                request_id_header: #request_id_header,
                should_retry_header: #should_retry_header,
                packed_text: #packed_text,
                packed_data: #packed_data,
                len: #n,
                code_table: &[#(#code_table),*],
                code_shift: #code_shift,
                left_out: &[#(#left_out),*],
            }, #p::WireFormat::new(#preset, #wire_body, #p::Cow::Borrowed(#content_type), #code_header)#numeric_codes);

            #[automatically_derived]
            impl #p::ApiErrorCatalog for #ident {
                fn catalog() -> &'static #p::Catalog {
                    &__CATALOG
                }

                #[inline]
                fn entry(&self) -> ::core::option::Option<&'static #p::ErrorEntry> {
                    __CATALOG.entries().get(__index(self))
                }

                #[inline]
                fn status_u16(&self) -> u16 {
                    match __STATUS.get(__index(self)) {
                        ::core::option::Option::Some(status) => *status,
                        ::core::option::Option::None => self.unknown().and_then(|u| u.status).unwrap_or(500),
                    }
                }

                #[inline]
                fn is_retryable(&self) -> bool {
                    match __RETRYABLE.get(__index(self)) {
                        ::core::option::Option::Some(retryable) => *retryable,
                        ::core::option::Option::None => self.unknown().is_some_and(|u| u.is_retryable()),
                    }
                }

                #[inline]
                fn code(&self) -> &str {
                    match #p::codes(&__CATALOG).get(__index(self)) {
                        ::core::option::Option::Some(code) => code,
                        ::core::option::Option::None => self.unknown().and_then(|u| u.code.as_deref()).unwrap_or(""),
                    }
                }

                #[inline]
                fn field(&self) -> ::core::option::Option<&str> {
                    #field_param_match
                    match __FIELDS.get(__index(self)) {
                        ::core::option::Option::Some(field) => *field,
                        ::core::option::Option::None => self.unknown().and_then(|u| u.field.as_deref()),
                    }
                }

                fn unknown(&self) -> ::core::option::Option<&#p::UnknownError> {
                    #[allow(unreachable_patterns)]
                    match self {
                        #unknown_arm
                        _ => ::core::option::Option::None,
                    }
                }

                fn visit_params<'__a>(&'__a self, visitor: &mut dyn ::core::ops::FnMut(&'static str, #p::ParamValue<'__a>)) {
                    let _ = &visitor;
                    #[allow(unreachable_patterns, unused_variables)]
                    match self {
                        #param_arms
                        _ => {}
                    }
                }

                fn __from_parts(index: usize, parts: &#p::Parts<'_>) -> ::core::option::Option<Self> {
                    let _ = parts;
                    match index {
                        #from_parts_arms
                        _ => ::core::option::Option::None,
                    }
                }

                fn __from_unknown(unknown: #p::UnknownError) -> ::core::result::Result<Self, #p::UnknownError> {
                    #from_unknown
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #display_body
                }
            }

            #[automatically_derived]
            impl ::std::error::Error for #ident {
                fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                    #[allow(unused_imports)]
                    use #p::AsDynError as _;
                    match self {
                        #(#source_arms)*
                        #source_wildcard
                    }
                }
            }

            #krate::__impl_into_response!(#ident);
            #krate::__impl_utoipa!(#ident);
            #krate::__impl_aide!(#ident);

            #[automatically_derived]
            impl #p::serde::Serialize for #ident {
                fn serialize<__S: #p::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    #p::serialize(self, serializer)
                }
            }

            #[automatically_derived]
            impl<'de> #p::serde::Deserialize<'de> for #ident {
                fn deserialize<__D: #p::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    #p::deserialize(deserializer)
                }
            }
        };
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn wire_tokens(node: &Node, p: &TokenStream) -> TokenStream {
    let slot = |slot: &Slot| format_ident!("{slot:?}");
    match node {
        Node::Object {
            members,
            when,
            has_slots,
        } => {
            let when = match when {
                Some(s) => {
                    let v = slot(s);
                    quote!(::core::option::Option::Some(#p::Slot::#v))
                }
                None => quote!(::core::option::Option::None),
            };
            let members = members.iter().map(|(k, v)| {
                let (k, v) = (k.as_ref(), wire_tokens(v, p));
                quote!((#p::Cow::Borrowed(#k), #v))
            });
            quote!(#p::Node::Object { members: #p::Cow::Borrowed(&[#(#members),*]), when: #when, has_slots: #has_slots })
        }
        Node::Array { items, has_slots } => {
            let items = items.iter().map(|v| wire_tokens(v, p));
            quote!(#p::Node::Array { items: #p::Cow::Borrowed(&[#(#items),*]), has_slots: #has_slots })
        }
        Node::Slot(s) => {
            let v = slot(s);
            quote!(#p::Node::Slot(#p::Slot::#v))
        }
        Node::SlotOrNull(s) => {
            let v = slot(s);
            quote!(#p::Node::SlotOrNull(#p::Slot::#v))
        }
        Node::Value(name) => {
            let name = name.as_ref();
            quote!(#p::Node::Value(#p::Cow::Borrowed(#name)))
        }
        Node::ValueOrNull(name) => {
            let name = name.as_ref();
            quote!(#p::Node::ValueOrNull(#p::Cow::Borrowed(#name)))
        }
        Node::Param(name) => {
            let name = name.as_ref();
            quote!(#p::Node::Param(#p::Cow::Borrowed(#name)))
        }
        Node::ParamOrNull(name) => {
            let name = name.as_ref();
            quote!(#p::Node::ParamOrNull(#p::Cow::Borrowed(#name)))
        }
        Node::Null => quote!(#p::Node::Null),
        Node::Bool(b) => quote!(#p::Node::Bool(#b)),
        Node::Int(i) => quote!(#p::Node::Int(#i)),
        Node::Str(s) => {
            let s = s.as_ref();
            quote!(#p::Node::Str(#p::Cow::Borrowed(#s)))
        }
    }
}

fn source_arm(variant: &Variant<'_>) -> Option<TokenStream> {
    let field = variant.fields.iter().find(|f| f.source)?;
    let ident = field.ident?;
    let v = variant.ident;
    let span = field.span;
    Some(if field.is_option() {
        quote_spanned!(span=> Self::#v { #ident, .. } => #ident.as_ref().map(|__c| __c.as_dyn_error()),)
    } else {
        quote_spanned!(span=> Self::#v { #ident, .. } => ::core::option::Option::Some(#ident.as_dyn_error()),)
    })
}
