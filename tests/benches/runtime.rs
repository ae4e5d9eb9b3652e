//! Run-time cost of derived enums beside the same errors written by hand
//! (thiserror + serde wire struct + `match`), in the same run.
//!
//! Inputs: `benches/generated/` (`cargo xtask gen-bench`), catalogs of 1,000
//! and 5,000 codes with 30% of the variants carrying a `String` field.
//! Each benchmark processes a batch of 1,024 values (or codes or bodies);
//! divide the reported time by 1,024 for the cost of one call.

use std::collections::HashMap;
use std::hint::black_box;

use divan::Bencher;
use error_catalog::ApiErrorCatalog;

#[path = "generated/baseline_1000.rs"]
mod baseline_1000;
#[path = "generated/baseline_5000.rs"]
mod baseline_5000;
#[path = "generated/derived_1000.rs"]
mod derived_1000;
#[path = "generated/derived_5000.rs"]
mod derived_5000;

use baseline_1000::Baseline1000;
use baseline_5000::Baseline5000;
use derived_1000::Derived1000;
use derived_5000::Derived5000;

const BATCH: usize = 1024;

fn main() {
    divan::main();
}

/// Indices spread over the whole enum, the same for both sides.
fn spread(n: usize) -> Vec<usize> {
    (0..BATCH).map(|i| (i * 7919 + 13) % n).collect()
}

fn bodies(n: usize) -> Vec<String> {
    spread(n)
        .into_iter()
        .map(|i| {
            if i % 10 < 3 {
                format!(r#"{{"code":"error_code_{i:05}","message":"Resource 'db-{i}' failed check {i}","data":null}}"#)
            } else {
                format!(r#"{{"code":"error_code_{i:05}","message":"Request failed with error number {i}","data":null}}"#)
            }
        })
        .collect()
}

fn derived<E: ApiErrorCatalog + serde::de::DeserializeOwned>(n: usize) -> Vec<E> {
    bodies(n)
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect()
}

fn baseline<E: serde::de::DeserializeOwned>(n: usize) -> Vec<E> {
    bodies(n)
        .iter()
        .map(|b| serde_json::from_str(b).unwrap())
        .collect()
}

fn hit_codes(n: usize) -> Vec<String> {
    spread(n)
        .into_iter()
        .map(|i| format!("error_code_{i:05}"))
        .collect()
}

fn miss_codes(n: usize) -> Vec<String> {
    // Misses that share the prefix, differ in the last byte, or are short.
    spread(n)
        .into_iter()
        .enumerate()
        .map(|(k, i)| match k % 3 {
            0 => format!("error_code_{:05}", i + n),
            1 => format!("error_code_{i:05}x"),
            _ => format!("err_{i}"),
        })
        .collect()
}

macro_rules! accessors {
    ($module:ident, $n:literal, $derived:ty, $baseline:ty) => {
        mod $module {
            use super::*;

            #[divan::bench]
            fn status_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                b.bench(|| {
                    v.iter()
                        .map(|e| u32::from(black_box(e).status_u16()))
                        .sum::<u32>()
                });
            }

            #[divan::bench]
            fn status_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                b.bench(|| {
                    v.iter()
                        .map(|e| u32::from(black_box(e).status()))
                        .sum::<u32>()
                });
            }

            #[divan::bench]
            fn is_retryable_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                b.bench(|| v.iter().filter(|e| black_box(*e).is_retryable()).count());
            }

            #[divan::bench]
            fn is_retryable_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                b.bench(|| v.iter().filter(|e| black_box(*e).is_retryable()).count());
            }

            #[divan::bench]
            fn code_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                b.bench(|| v.iter().map(|e| black_box(e).code().len()).sum::<usize>());
            }

            #[divan::bench]
            fn code_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                b.bench(|| v.iter().map(|e| black_box(e).code().len()).sum::<usize>());
            }

            #[divan::bench]
            fn field_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                b.bench(|| v.iter().filter(|e| black_box(*e).field().is_some()).count());
            }

            #[divan::bench]
            fn field_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                b.bench(|| v.iter().filter(|e| black_box(*e).field().is_some()).count());
            }

            #[divan::bench]
            fn lookup_hit_derived(b: Bencher) {
                let codes = hit_codes($n);
                let catalog = <$derived>::catalog();
                b.bench(|| {
                    codes
                        .iter()
                        .filter_map(|c| catalog.find_code(black_box(c)))
                        .sum::<usize>()
                });
            }

            #[divan::bench]
            fn lookup_hit_baseline_match(b: Bencher) {
                let codes = hit_codes($n);
                b.bench(|| {
                    codes
                        .iter()
                        .filter_map(|c| <$baseline>::from_code(black_box(c)))
                        .sum::<u32>()
                });
            }

            #[divan::bench]
            fn lookup_hit_std_hashmap(b: Bencher) {
                let codes = hit_codes($n);
                let map: HashMap<String, u32> = (0..$n as u32)
                    .map(|i| (format!("error_code_{i:05}"), i))
                    .collect();
                b.bench(|| {
                    codes
                        .iter()
                        .filter_map(|c| map.get(black_box(c.as_str())).copied())
                        .sum::<u32>()
                });
            }

            #[divan::bench]
            fn lookup_miss_derived(b: Bencher) {
                let codes = miss_codes($n);
                let catalog = <$derived>::catalog();
                b.bench(|| {
                    codes
                        .iter()
                        .filter(|c| catalog.find_code(black_box(c)).is_none())
                        .count()
                });
            }

            #[divan::bench]
            fn lookup_miss_baseline_match(b: Bencher) {
                let codes = miss_codes($n);
                b.bench(|| {
                    codes
                        .iter()
                        .filter(|c| <$baseline>::from_code(black_box(c)).is_none())
                        .count()
                });
            }

            #[divan::bench]
            fn display_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                let mut buf = String::with_capacity(256);
                b.bench_local(|| {
                    let mut total = 0;
                    for e in &v {
                        buf.clear();
                        std::fmt::Write::write_fmt(&mut buf, format_args!("{}", black_box(e)))
                            .unwrap();
                        total += buf.len();
                    }
                    total
                });
            }

            #[divan::bench]
            fn display_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                let mut buf = String::with_capacity(256);
                b.bench_local(|| {
                    let mut total = 0;
                    for e in &v {
                        buf.clear();
                        std::fmt::Write::write_fmt(&mut buf, format_args!("{}", black_box(e)))
                            .unwrap();
                        total += buf.len();
                    }
                    total
                });
            }

            #[divan::bench]
            fn serialize_derived(b: Bencher) {
                let v: Vec<$derived> = derived($n);
                let mut buf = Vec::with_capacity(512);
                b.bench_local(|| {
                    let mut total = 0;
                    for e in &v {
                        buf.clear();
                        serde_json::to_writer(&mut buf, black_box(e)).unwrap();
                        total += buf.len();
                    }
                    total
                });
            }

            #[divan::bench]
            fn serialize_baseline(b: Bencher) {
                let v: Vec<$baseline> = baseline($n);
                let mut buf = Vec::with_capacity(512);
                b.bench_local(|| {
                    let mut total = 0;
                    for e in &v {
                        buf.clear();
                        serde_json::to_writer(&mut buf, black_box(e)).unwrap();
                        total += buf.len();
                    }
                    total
                });
            }

            #[divan::bench]
            fn parse_derived(b: Bencher) {
                let bodies = bodies($n);
                b.bench(|| {
                    bodies
                        .iter()
                        .map(|s| serde_json::from_str::<$derived>(black_box(s)).is_ok() as usize)
                        .sum::<usize>()
                });
            }

            #[divan::bench]
            fn parse_baseline(b: Bencher) {
                let bodies = bodies($n);
                b.bench(|| {
                    bodies
                        .iter()
                        .map(|s| serde_json::from_str::<$baseline>(black_box(s)).is_ok() as usize)
                        .sum::<usize>()
                });
            }
        }
    };
}

accessors!(codes_1000, 1000, Derived1000, Baseline1000);
accessors!(codes_5000, 5000, Derived5000, Baseline5000);
