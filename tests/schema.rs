//! `newsie schema` describes what `newsie extract` writes: every record of
//! the fixtures, the reference article and a slice of Reuters-21578
//! validates against its type's schema, and a record with a wrong type or
//! an unknown key does not.

mod common;

use common::{newsie, records, shared};
use serde_json::{Value, json};

fn schemas() -> Value {
    let out = newsie(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("newsie schema prints JSON")
}

fn validate_all(schemas: &Value, recs: &[Value]) -> usize {
    let validators: std::collections::HashMap<&str, jsonschema::Validator> = schemas
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, s)| {
            (
                k.as_str(),
                jsonschema::validator_for(s).expect("a valid schema"),
            )
        })
        .collect();
    for r in recs {
        let tag = r["record"].as_str().expect("a record tag");
        let errors: Vec<String> = validators[tag]
            .iter_errors(r)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{tag} record {r}: {errors:?}");
    }
    recs.len()
}

#[test]
fn extract_output_validates_against_the_schemas() {
    let schemas = schemas();
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(names.len(), 6, "{names:?}");
    let out = newsie(&["extract", "-q", "fixtures/articles", "fixtures/stories"]);
    let recs = records(&out);
    assert!(recs.iter().any(|r| r["record"] == "warning"));
    assert!(validate_all(&schemas, &recs) > 100);

    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().to_str().unwrap();
    assert_eq!(
        newsie(&["extract", "-q", "-o", o, "fixtures/articles"])
            .status
            .code(),
        Some(0)
    );
    let provenance: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("provenance.json")).unwrap())
            .unwrap();
    let v = jsonschema::validator_for(&schemas["provenance"]).unwrap();
    assert!(v.is_valid(&provenance), "{provenance}");

    // What does not fit is rejected.
    let mention = recs
        .iter()
        .find(|r| r["record"] == "mention")
        .unwrap()
        .clone();
    let m = jsonschema::validator_for(&schemas["mention"]).unwrap();
    let mut wrong = mention.clone();
    wrong["start"] = json!("0");
    assert!(!m.is_valid(&wrong));
    let mut extra = mention.clone();
    extra["salience"] = json!(1);
    assert!(!m.is_valid(&extra));
    let mut untagged = mention;
    untagged.as_object_mut().unwrap().remove("record");
    assert!(!m.is_valid(&untagged));

    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/qwen-2.5-max.txt");
    let out = newsie(&[
        "extract",
        "-q",
        "--published",
        "2025-01-29",
        seed.to_str().unwrap(),
    ]);
    validate_all(&schemas, &records(&out));
    // Reuters-21578: the first 300 records, every kind of odd wire text.
    let reuters = common::read_jsonl_gz(&shared.join("corpora/reuters21578/reuters21578.jsonl.gz"));
    let slice: String = reuters
        .iter()
        .take(300)
        .map(|r| r.to_string() + "\n")
        .collect();
    let file = dir.path().join("reuters-300.jsonl");
    std::fs::write(&file, slice).unwrap();
    let out = newsie(&["extract", "-q", file.to_str().unwrap()]);
    let recs = records(&out);
    assert!(recs.iter().filter(|r| r["record"] == "event").count() > 10);
    validate_all(&schemas, &recs);
}
