//! What the fuzz target and its stable smoke test (`tests/fuzz_smoke.rs`)
//! and the offset property tests (`tests/offsets.rs`) check, shared by
//! `#[path]` so that each runs the same body.
#![allow(dead_code)]

use newsie::article::DctSource;
use newsie::{Article, Extraction, Pipeline};

/// Decodes `data` as a plain-text input file is decoded (a leading UTF-8
/// byte-order mark dropped, invalid UTF-8 replaced by U+FFFD), runs the
/// pipeline on it (with a DCT when the first byte is even, so that relative
/// dates resolve), serializes every record as a JSONL line and checks
/// [`assert_offsets`]. Panics on any violation.
pub fn process_bytes(pipeline: &Pipeline, data: &[u8]) {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let text = String::from_utf8_lossy(data).into_owned();
    let mut article = Article::new("fuzz", text);
    if data.first().is_some_and(|b| b % 2 == 0) {
        article = article.with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
    }
    let x = pipeline.process(&article);
    assert_offsets(&article.text, &x);
    for line in x
        .mentions
        .iter()
        .map(|m| serde_json::to_string(m).unwrap())
        .chain(x.events.iter().map(|e| serde_json::to_string(e).unwrap()))
    {
        assert!(!line.contains('\n'), "a JSONL record is one line: {line}");
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert!(back.is_object());
    }
}

/// Checks the offsets of an extraction against its article `text`: every
/// mention's `start..end` and every event's trigger and evidence offsets
/// (character offsets, half-open) are within the text and slice back to the
/// record's own surface; mentions are in text order with ids `m1`, `m2`, …;
/// sentence indexes and argument mention ids point at things that exist.
pub fn assert_offsets(text: &str, x: &Extraction) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize, what: &str| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "{what}: {start}..{end} of {} chars in {text:?}",
            chars.len()
        );
        chars[start..end].iter().collect()
    };
    let mut last = (0, 0);
    for (i, m) in x.mentions.iter().enumerate() {
        assert_eq!(m.id, format!("m{}", i + 1));
        assert_eq!(slice(m.start, m.end, &m.id), m.text, "{m:?} in {text:?}");
        assert!(!m.text.is_empty(), "{m:?}");
        assert!((m.start, m.end) >= last, "{m:?} after {last:?} in {text:?}");
        last = (m.start, m.end);
        assert!(m.sentence < x.sentences.max(1), "{m:?}");
    }
    for (i, e) in x.events.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        let trigger = slice(e.trigger_start, e.trigger_end, &e.id);
        assert_eq!(trigger, e.trigger, "{e:?} in {text:?}");
        let evidence = slice(e.evidence_start, e.evidence_end, &e.id);
        assert_eq!(evidence, e.evidence, "{e:?} in {text:?}");
        assert!(e.sentence < x.sentences, "{e:?}");
        for a in e.arguments.values() {
            if let Some(id) = &a.mention {
                assert!(x.mentions.iter().any(|m| &m.id == id), "{id} in {e:?}");
            }
        }
    }
}
