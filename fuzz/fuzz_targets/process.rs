//! Arbitrary bytes through the path a plain-text input file takes: decoded
//! as UTF-8 (lossy), processed, written as JSONL records; offsets checked.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsie::Pipeline;
use newsie::gazetteer::GazetteerSource;

#[path = "../check.rs"]
mod check;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&GazetteerSource::Bundled).expect("bundled gazetteer"));

fuzz_target!(|data: &[u8]| {
    check::process_bytes(&PIPELINE, data);
});
