use error_catalog::ApiErrorCatalog;

#[derive(Debug, ApiErrorCatalog)]
#[catalog(path = "ui/enum/two_sources.yaml")]
pub enum DemoError {
    A {
        #[catalog(source)]
        first: std::io::Error,
        #[catalog(source)]
        second: std::io::Error,
    },
}

fn main() {}
