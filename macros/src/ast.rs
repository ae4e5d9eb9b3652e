//! The user's enum, as the checks and the expansion see it.

use error_catalog_model::ParamKind;
use proc_macro2::Span;
use syn::{Data, DeriveInput, Error, Fields, Ident, LitStr, Result, Type};

use crate::attr::{self, EnumAttr, VariantAttr};

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub attr: EnumAttr,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub attr: VariantAttr,
    pub shape: Shape,
    pub fields: Vec<Field<'a>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Unit,
    Named,
    Tuple,
}

pub struct Field<'a> {
    /// `None` for tuple fields.
    pub ident: Option<&'a Ident>,
    pub ty: &'a Type,
    pub source: bool,
    pub span: Span,
}

impl Field<'_> {
    /// Whether the type is written `Option<...>`, so parsing can fill it with `None`.
    pub fn is_option(&self) -> bool {
        type_argument(self.ty, "Option").is_some()
    }

    /// Whether the type is written `Secret<...>` (`error_catalog::Secret`),
    /// or `Option<Secret<...>>` for an optional parameter.
    pub fn is_secret(&self) -> bool {
        let ty = type_argument(self.ty, "Option").unwrap_or(self.ty);
        type_argument(ty, "Secret").is_some()
    }

    /// The parameter kind the written type plainly has, looking through
    /// `Option` and `Secret`: `None` for any other type (a newtype of the
    /// user's own implementing `FromParam`/`ToParam`), which may hold any kind.
    pub fn written_kind(&self) -> Option<ParamKind> {
        plain_kind(self.plain_type())
    }

    /// The kind of a `Vec` field's items by their written type (`Vec<String>`
    /// holds strings), `None` for another field or items of the user's own type.
    pub fn written_item_kind(&self) -> Option<ParamKind> {
        plain_kind(type_argument(self.plain_type(), "Vec")?)
    }

    /// The type inside any `Option` and `Secret` wrappers.
    fn plain_type(&self) -> &Type {
        let mut ty = self.ty;
        while let Some(inner) = type_argument(ty, "Option").or_else(|| type_argument(ty, "Secret"))
        {
            ty = inner;
        }
        ty
    }
}

/// The parameter kind a type plainly has by its name, `None` for other types.
fn plain_kind(ty: &Type) -> Option<ParamKind> {
    Some(match known_name(ty)?.ident.to_string().as_str() {
        "String" | "Cow" => ParamKind::String,
        "i8" | "i16" | "i32" | "i64" | "isize" | "u8" | "u16" | "u32" | "u64" | "usize" => {
            ParamKind::Integer
        }
        "f32" | "f64" => ParamKind::Number,
        "bool" => ParamKind::Boolean,
        "Object" => ParamKind::Object,
        "Vec" => ParamKind::List,
        _ => return None,
    })
}

/// `ty` without the invisible groups a `macro_rules!` `$t:ty` leaves
/// around it, or parentheses.
fn ungrouped(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(g) => ty = &g.elem,
            Type::Paren(p) => ty = &p.elem,
            _ => return ty,
        }
    }
}

/// The last segment of `ty`'s path.
fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ungrouped(ty) {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

/// The last segment of a type path that may name one of the types whose
/// kind the derive knows (`String`, `i64`, `Object`, `Vec`, ...): a bare
/// name, as a derive sees names, or a path through `std`, `alloc`, `core` or
/// `error_catalog`. A path through another crate or module (`my::Object`)
/// may name the user's own type, whose kind the derive does not judge.
fn known_name(ty: &Type) -> Option<&syn::PathSegment> {
    let Type::Path(p) = ungrouped(ty) else {
        return None;
    };
    let first = p.path.segments.first()?;
    let through_known = ["std", "alloc", "core", "error_catalog"]
        .iter()
        .any(|root| first.ident == root);
    (p.path.segments.len() == 1 || through_known)
        .then(|| last_segment(ty))
        .flatten()
}

/// The first type argument of `ty` when it is written `wrapper<...>`, by
/// its last path segment whatever the path (`Option`, `Secret` re-exported
/// under another crate path).
fn type_argument<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let last = last_segment(ty).filter(|s| s.ident == wrapper)?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) => Some(inner),
        _ => None,
    }
}

impl<'a> Input<'a> {
    pub fn from_syn(input: &'a DeriveInput) -> Result<Self> {
        let Data::Enum(data) = &input.data else {
            return Err(Error::new_spanned(
                &input.ident,
                "ApiErrorCatalog can only be derived for an enum whose variants are catalog entries",
            ));
        };
        if !input.generics.params.is_empty() {
            return Err(Error::new_spanned(
                &input.generics,
                "ApiErrorCatalog does not support generic enums; remove the type parameters",
            ));
        }
        let mut errors: Option<Error> = None;
        let mut push = |e: Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        let mut attr_failed = false;
        let attr = attr::enum_attr(&input.attrs).unwrap_or_else(|e| {
            push(e);
            attr_failed = true;
            EnumAttr::default()
        });
        let mut variants = Vec::new();
        for v in &data.variants {
            let vattr = attr::variant_attr(&v.attrs).unwrap_or_else(|e| {
                push(e);
                VariantAttr::default()
            });
            let (shape, raw): (Shape, Vec<&syn::Field>) = match &v.fields {
                Fields::Unit => (Shape::Unit, Vec::new()),
                Fields::Named(n) => (Shape::Named, n.named.iter().collect()),
                Fields::Unnamed(u) => (Shape::Tuple, u.unnamed.iter().collect()),
            };
            let mut fields = Vec::new();
            for f in raw {
                let fattr = attr::field_attr(&f.attrs).unwrap_or_else(|e| {
                    push(e);
                    Default::default()
                });
                fields.push(Field {
                    ident: f.ident.as_ref(),
                    ty: &f.ty,
                    source: fattr.source,
                    span: f
                        .ident
                        .as_ref()
                        .map_or_else(|| syn::spanned::Spanned::span(&f.ty), Ident::span),
                });
            }
            variants.push(Variant {
                ident: &v.ident,
                attr: vattr,
                shape,
                fields,
            });
        }
        if attr.path.is_none() && !attr_failed {
            push(Error::new_spanned(
                &input.ident,
                "missing `#[catalog(path = \"catalog/your_api.yaml\")]` on the enum; the path is relative to the crate's Cargo.toml",
            ));
        }
        match errors {
            Some(e) => Err(e),
            None => Ok(Input {
                ident: &input.ident,
                attr,
                variants,
            }),
        }
    }

    pub fn path(&self) -> &LitStr {
        self.attr
            .path
            .as_ref()
            .expect("from_syn refuses an enum without a path")
    }
}
