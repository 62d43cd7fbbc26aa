//! The JSON Schema rules of a distribution table, from [`KINDS`]: the names
//! `dist` may take and, for each kind, the keys its table accepts and
//! requires. The keys' types and descriptions come from the raw table type
//! ([`crate::scenario::raw::RawDist`]); this module adds what depends on the
//! kind, so a new row of [`KINDS`] reaches the schema without an edit here.

use serde_json::{Value, json};

use super::{KINDS, kind_names};

/// The schema of the `dist` key: one of the kinds' names.
pub fn name_schema() -> Value {
    json!({
        "description": format!(
            "The distribution kind: {}.",
            kind_names().collect::<Vec<_>>().join(", ")
        ),
        "type": "string",
        "enum": kind_names().collect::<Vec<_>>(),
    })
}

/// One `if`/`then` rule per kind: a table whose `dist` names the kind takes
/// only that kind's keys and must give its required ones. Draft-07
/// keywords, meant for an `allOf` of the table's schema.
pub fn kind_rules() -> Vec<Value> {
    KINDS
        .iter()
        .map(|k| {
            let mut keys = serde_json::Map::new();
            keys.insert("dist".into(), json!(true));
            for key in k.keys() {
                keys.insert(key.into(), json!(true));
            }
            let takes = k.keys().collect::<Vec<_>>().join(", ");
            let mut then = json!({
                "description": format!(
                    "A {} distribution takes {takes}; its values lie in {}.",
                    k.name, k.support
                ),
                "properties": keys,
                "additionalProperties": false,
            });
            if !k.required.is_empty() {
                then["required"] = json!(k.required);
            }
            json!({
                "if": {
                    "properties": { "dist": { "const": k.name } },
                    "required": ["dist"],
                },
                "then": then,
            })
        })
        .collect()
}
