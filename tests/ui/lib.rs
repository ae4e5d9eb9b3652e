//! Nothing to link: this crate exists for its `ui` test, whose cases are the
//! `<rule>/<mistake>.rs` files beside it (see `ui.rs`).
