//! An optional sensitive parameter is held in `Option<Secret<String>>`, by
//! hand and by `#[catalog_enum]`, and masked in a 5xx body.

use error_catalog::{ApiErrorCatalog, Secret};

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/pass/optional_secret.yaml")]
pub enum ByHand {
    UpstreamFailed { token: Option<Secret<String>>, port: Option<u16> },
}

#[error_catalog::catalog_enum(path = "ui/pass/optional_secret.yaml")]
#[derive(Debug)]
pub enum Generated {}

fn main() {
    let e = ByHand::UpstreamFailed { token: Some(Secret::new("s3cr3t".to_owned())), port: Some(8080) };
    assert_eq!(e.status(), 502);
    assert!(!format!("{e:?}").contains("s3cr3t"));
    assert_eq!(Generated::entries().len(), 1);
}
