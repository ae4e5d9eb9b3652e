//! Codes and messages that YAML 1.1 would read as booleans or numbers stay the strings written.

use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/pass/yaml11_traps.yaml")]
pub enum Traps {
    No,
    On,
    E,
}

fn main() {
    assert_eq!(Traps::No.code(), "NO");
    assert_eq!(Traps::No.to_string(), "yes");
    assert_eq!(Traps::On.code(), "on");
    assert_eq!(Traps::On.to_string(), "0x1F");
    assert_eq!(Traps::E.code(), "1e3");
    assert_eq!(Traps::E.to_string(), "1e3");
}
