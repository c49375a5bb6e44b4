//! JSON Schemas (draft 2020-12) of the records `newsie extract` writes,
//! generated from the record types themselves, so they cannot drift from
//! the output (`newsie schema`).
//!
//! Each JSONL record schema has the `"record"` tag as a constant
//! (`"record": "mention"`); `provenance` is the schema of a folder's
//! `provenance.json`.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::{Value, json};

use super::record::{
    ArgumentRecord, ArticleRecord, EventRecord, MentionRecord, NoticeRecord, SCHEMA_VERSION,
};
use crate::provenance::Provenance;

/// The record types with a schema, in the order `newsie schema` prints them.
pub const RECORD_TYPES: [&str; 6] = [
    "article",
    "mention",
    "event",
    "error",
    "warning",
    "provenance",
];

fn generate<T: JsonSchema>(tag: Option<&str>) -> Value {
    let mut schema: Schema = SchemaGenerator::default().into_root_schema_for::<T>();
    if let Some(tag) = tag {
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            props.insert(
                "record".into(),
                json!({"const": tag, "description": "The record type tag."}),
            );
        }
        if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
            required.insert(0, json!("record"));
        }
        // Every record of a type has exactly these keys.
        schema.insert("additionalProperties".into(), json!(false));
    }
    // Every record of a type has every key (null where it does not apply).
    let keys: Vec<Value> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(|k| json!(k)).collect())
        .unwrap_or_default();
    if tag.is_some() {
        schema.insert("required".into(), Value::Array(keys));
    }
    let mut value = schema.to_value();
    plain_descriptions(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("x-newsie-schema-version".into(), json!(SCHEMA_VERSION));
    }
    value
}

/// Doc-comment links (`` [`Name`] ``) as plain code spans in every
/// `description`.
fn plain_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    Value::String(s) if k == "description" => {
                        *s = s.replace("[`", "`").replace("`]", "`");
                    }
                    _ => plain_descriptions(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

/// The schema of one record type ([`RECORD_TYPES`]), or `None` for another
/// name.
///
/// A record type's `required` lists every key in the order of its JSONL
/// line (`record` first), which `properties` (a JSON object) cannot keep:
/// tools that build typed tables from the schema (the Spark job's Parquet
/// columns) take their column order from it.
pub fn schema(record: &str) -> Option<Value> {
    Some(match record {
        "article" => tagged::<ArticleRecord>("article"),
        "mention" => tagged::<MentionRecord>("mention"),
        "event" => {
            let mut event = tagged::<EventRecord>("event");
            // Every argument has all its keys too (null where they do not apply).
            let keys = keys_in_order(
                &serde_json::to_string(&ArgumentRecord::default()).expect("serializes"),
            );
            event["$defs"]["ArgumentRecord"]["required"] =
                Value::Array(keys.into_iter().map(Value::String).collect());
            event
        }
        "error" => tagged::<NoticeRecord>("error"),
        "warning" => tagged::<NoticeRecord>("warning"),
        "provenance" => generate::<Provenance>(None),
        _ => return None,
    })
}

/// The schema of a JSONL record type, `required` in line order.
fn tagged<T: JsonSchema + Serialize + Default>(tag: &'static str) -> Value {
    let mut schema = generate::<T>(Some(tag));
    let keys = keys_in_order(&super::json_line(tag, &T::default()));
    schema["required"] = Value::Array(keys.into_iter().map(Value::String).collect());
    schema
}

/// The keys of a JSON object, in the order written.
fn keys_in_order(json: &str) -> Vec<String> {
    struct Keys;
    impl<'de> serde::de::Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<serde::de::IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    serde::Deserializer::deserialize_map(&mut de, Keys).expect("a record serializes to an object")
}

/// Every schema, keyed by record type.
pub fn all() -> Value {
    Value::Object(
        RECORD_TYPES
            .iter()
            .map(|r| (r.to_string(), schema(r).expect("a known record type")))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_lists_every_key_in_line_order() {
        for record in ["article", "mention", "event", "error", "warning"] {
            let s = schema(record).unwrap();
            let required: Vec<&str> = s["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap())
                .collect();
            let mut sorted = required.clone();
            sorted.sort_unstable();
            let props: Vec<&str> = s["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(sorted, props, "{record}");
            assert_eq!(required[0], "record", "{record}");
        }
        let mention = schema("mention").unwrap();
        let order: Vec<&str> = mention["required"]
            .as_array()
            .unwrap()
            .iter()
            .take(4)
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(order, ["record", "article", "id", "type"]);
        let argument = &schema("event").unwrap()["$defs"]["ArgumentRecord"]["required"];
        assert_eq!(
            argument,
            &serde_json::json!([
                "text",
                "normalized",
                "mention",
                "entity_id",
                "value",
                "currency"
            ])
        );
    }
}
