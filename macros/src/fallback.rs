//! What the derive emits when the catalog or the enum has errors: stub impls,
//! so the user sees the real problems and not a cascade of "trait not implemented".

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, krate: TokenStream) -> TokenStream {
    if !matches!(input.data, syn::Data::Enum(_)) || !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let p = quote!(#krate::__private);
    quote! {
        #[allow(unreachable_code, unused_variables, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #p::ApiErrorCatalog for #ident {
                fn catalog() -> &'static #p::Catalog { ::core::unreachable!() }
                fn entry(&self) -> ::core::option::Option<&'static #p::ErrorEntry> { ::core::unreachable!() }
                fn unknown(&self) -> ::core::option::Option<&#p::UnknownError> { ::core::unreachable!() }
                fn code(&self) -> &str { ::core::unreachable!() }
                fn status_u16(&self) -> u16 { ::core::unreachable!() }
                fn is_retryable(&self) -> bool { ::core::unreachable!() }
                fn field(&self) -> ::core::option::Option<&str> { ::core::unreachable!() }
                fn visit_params<'__a>(&'__a self, visitor: &mut dyn ::core::ops::FnMut(&'static str, #p::ParamValue<'__a>)) { ::core::unreachable!() }
                fn __from_parts(index: usize, parts: &#p::Parts<'_>) -> ::core::option::Option<Self> { ::core::unreachable!() }
                fn __from_unknown(unknown: #p::UnknownError) -> ::core::result::Result<Self, #p::UnknownError> { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl ::std::error::Error for #ident {}
            #[automatically_derived]
            impl #p::serde::Serialize for #ident {
                fn serialize<__S: #p::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl<'de> #p::serde::Deserialize<'de> for #ident {
                fn deserialize<__D: #p::serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> { ::core::unreachable!() }
            }
        };
    }
}
