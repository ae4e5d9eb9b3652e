//! The mock error server: `cargo run --example server -- [--port PORT]`.
//!
//! Serves on 127.0.0.1 (port 8080 by default; 0 picks a free one) every error
//! of every catalog on demand, and a route that fails N times before it
//! succeeds, so client retry logic can be tested against a real server.

use std::net::SocketAddr;

#[tokio::main]
async fn main() {
    let mut port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(value)) => match value.parse() {
                Ok(p) => port = p,
                Err(_) => exit(&format!("`{value}` is not a port number")),
            },
            _ => exit("usage: cargo run --example server -- [--port PORT]"),
        }
    }
    let listener =
        match tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await {
            Ok(l) => l,
            Err(e) => exit(&format!("cannot listen on 127.0.0.1:{port}: {e}")),
        };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("mock error server listening on http://{address}");
    for (route, what) in error_catalog_tests::mock::ROUTES {
        println!("  {route:<70} {what}");
    }
    let apis: Vec<&str> = error_catalog_tests::mock::APIS
        .iter()
        .map(|a| a.name)
        .collect();
    println!("APIs: {}", apis.join(", "));
    println!("example: curl -i 'http://{address}/aiapi/model_not_found?model=gpt-9'");
    if let Err(e) = axum::serve(listener, error_catalog_tests::mock::router()).await {
        exit(&format!("server stopped: {e}"));
    }
}

fn exit(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(2)
}
