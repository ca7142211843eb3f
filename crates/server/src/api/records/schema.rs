// SPDX-License-Identifier: EUPL-1.2
//! The OpenAPI schemas of a register kind, derived from its description (`KindSpec`), the same
//! description the engine builds every representation from, so the document says exactly what
//! is served: `{Schema}` (the representation), `{Schema}Invoer` (what a create or update takes)
//! and `{Schema}Lijst` (a page).

use samenhang_domain::spec::{Field, FieldType, KindSpec, RECORD_ID_PATTERN};
use serde_json::{json, Map, Value};

/// A reference to a schema in the components.
pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn nullable(mut schema: Value) -> Value {
    match schema.get("type").cloned() {
        Some(Value::String(t)) => {
            schema["type"] = json!([t, "null"]);
            schema
        }
        _ => json!({ "oneOf": [schema, { "type": "null" }] }),
    }
}

/// The pattern of a region code.
pub const REGION_PATTERN: &str = "^(NL01|LD0[1-4]|PV[0-9]{2}|CR[0-9]{2}|AM[0-9]{2}|GM[0-9]{4})$";
/// The pattern of an organisation id.
pub const ORGANISATION_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$";
/// The pattern of an e-mail address as the server checks it.
const EMAIL_PATTERN: &str = "^[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]$";

/// The schema of a field's value as a create or update takes it.
fn input_type(ty: FieldType) -> Value {
    match ty {
        FieldType::Text { max, .. } => json!({ "type": "string", "maxLength": max, "pattern": "^[^\\u0000]*$" }),
        // As people type it: spaces and dots are left out before the check.
        FieldType::Code { max, .. } => json!({ "type": "string", "maxLength": 2 * max, "pattern": "^[^\\u0000]*$" }),
        FieldType::Link => json!({ "type": "string", "maxLength": 2000, "pattern": "^https?://[^\\s]+$" }),
        FieldType::Email => json!({ "type": "string", "maxLength": 254, "pattern": EMAIL_PATTERN }),
        FieldType::Phone => json!({ "type": "string", "maxLength": 40, "pattern": "^[0-9 +()-]*$" }),
        FieldType::Number { min, max, .. } => {
            let mut s = json!({ "type": "number" });
            if min > f64::MIN {
                s["minimum"] = json!(min);
            }
            if max < f64::MAX {
                s["maximum"] = json!(max);
            }
            s
        }
        FieldType::Year => json!({ "type": "integer", "minimum": 1900, "maximum": 2100 }),
        FieldType::Date => json!({ "type": "string", "format": "date" }),
        FieldType::Time => {
            json!({ "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "14:00" })
        }
        FieldType::Choice(choices) => {
            json!({ "type": "string", "enum": choices.iter().map(|c| c.value).collect::<Vec<_>>() })
        }
        FieldType::Concept | FieldType::Indicator => json!({ "type": "string", "minLength": 1, "maxLength": 200 }),
        FieldType::Concepts => json!({ "type": "array", "items": input_type(FieldType::Concept) }),
        FieldType::Region(samenhang_domain::spec::RegionSet::Municipality) => {
            json!({ "type": "string", "pattern": "^GM[0-9]{4}$" })
        }
        FieldType::Region(_) => json!({ "type": "string", "pattern": REGION_PATTERN }),
        FieldType::Organisation => json!({ "type": "string", "pattern": ORGANISATION_PATTERN }),
        FieldType::Record(_) => json!({ "type": "string", "pattern": RECORD_ID_PATTERN }),
        FieldType::Records(_) => {
            json!({ "type": "array", "items": { "type": "string", "pattern": RECORD_ID_PATTERN } })
        }
        FieldType::Objects(list) => json!({ "type": "array", "items": object(list.fields, false) }),
        FieldType::Object(fields) => object(fields, false),
    }
}

/// The schema of a field's value in a representation: references with their names.
fn output_type(ty: FieldType) -> Value {
    match ty {
        FieldType::Concept => reference("BegripRef"),
        FieldType::Concepts => json!({ "type": "array", "items": reference("BegripRef") }),
        FieldType::Region(_) => reference("GebiedRef"),
        FieldType::Organisation => reference("OrganisatieRef"),
        FieldType::Record(_) => reference("RecordRef"),
        FieldType::Records(_) => json!({ "type": "array", "items": reference("RecordRef") }),
        FieldType::Indicator => reference("IndicatorNaam"),
        FieldType::Objects(list) => json!({ "type": "array", "items": object(list.fields, true) }),
        FieldType::Object(fields) => object(fields, true),
        // What is stored was checked; the representation carries no input limits.
        FieldType::Text { .. } | FieldType::Link | FieldType::Email | FieldType::Phone => json!({ "type": "string" }),
        FieldType::Number { .. } => json!({ "type": "number" }),
        FieldType::Code { pattern, .. } => json!({ "type": "string", "pattern": pattern }),
        other => input_type(other),
    }
}

fn described(mut schema: Value, f: &Field) -> Value {
    let text = if f.confidential {
        format!(
            "{} Alleen voor leden van de organisatie die het record beheert; bij anderen ontbreekt het.",
            f.help
        )
    } else {
        f.help.to_string()
    };
    if schema.get("$ref").is_some() {
        // A $ref has no siblings in OpenAPI 3.0 tools; wrap it.
        schema = json!({ "allOf": [schema] });
    }
    schema["description"] = json!(text);
    schema
}

/// An object of fields: in a representation every property is present (null when empty); in
/// an input only the required ones are, and no others are allowed.
fn object(fields: &[Field], output: bool) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let base = if output { output_type(f.ty) } else { input_type(f.ty) };
        let always = f.ty.is_list() || (f.required && (!output || f.ty.referenced_kind().is_none()));
        let schema = if always { base } else { nullable(base) };
        properties.insert(f.name.into(), described(schema, f));
        if (output && !f.confidential) || f.required {
            required.push(f.name);
        }
    }
    let mut o = json!({ "type": "object", "properties": properties, "required": required });
    if !output {
        o["additionalProperties"] = json!(false);
    }
    o
}

/// `{Schema}Invoer`: what a create or update takes.
pub fn input(spec: &KindSpec) -> Value {
    let mut o = object(spec.fields, false);
    let props = o["properties"].as_object_mut().map(std::mem::take).unwrap_or_default();
    let mut all = Map::new();
    all.insert(
        "organisatie".into(),
        json!({
            "type": ["string", "null"],
            "pattern": ORGANISATION_PATTERN,
            "description": "Id van de organisatie die eigenaar is; mag weg als u bij één organisatie redacteur bent.",
        }),
    );
    all.insert(
        "zichtbaarheid".into(),
        json!({
            "type": ["string", "null"],
            "enum": ["openbaar", "regio", "organisatie", null],
            "description": "Wie het mag lezen: openbaar, regio (de arbeidsmarktregio van de eigenaar) of organisatie (standaard).",
        }),
    );
    all.extend(props);
    o["properties"] = Value::Object(all);
    o["description"] = json!(format!("{} toevoegen of wijzigen. {}", spec.singular, spec.about));
    o
}

/// `{Schema}`: the representation.
pub fn representation(spec: &KindSpec) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "id".into(),
        json!({ "type": "string", "pattern": RECORD_ID_PATTERN, "description": "Id, door de server gemaakt." }),
    );
    properties.insert("organisatie".into(), described(reference("OrganisatieRef"), &OWNER));
    properties.insert(
        "zichtbaarheid".into(),
        json!({ "type": "string", "enum": ["openbaar", "regio", "organisatie"], "description": "Wie het mag lezen." }),
    );
    properties.insert(
        "versie".into(),
        json!({ "type": "integer", "minimum": 1, "description": "De versie; ook de ETag." }),
    );
    properties.insert(
        "gewijzigdOp".into(),
        json!({ "type": "string", "format": "date-time", "description": "Wanneer het laatst gewijzigd is (UTC)." }),
    );
    properties.insert(
        "gewijzigdDoor".into(),
        json!({ "type": "string", "description": "Wie het laatst gewijzigd heeft." }),
    );
    let mut required: Vec<&str> = vec![
        "id",
        "organisatie",
        "zichtbaarheid",
        "versie",
        "gewijzigdOp",
        "gewijzigdDoor",
    ];
    for f in spec.fields.iter().chain(spec.computed) {
        let base = output_type(f.ty);
        // A reference to a record the reader may not see is shown as null, also when required.
        let always = f.ty.is_list() || (f.required && f.ty.referenced_kind().is_none());
        let schema = if always { base } else { nullable(base) };
        properties.insert(f.name.into(), described(schema, f));
        // A confidential field is left out for readers outside the owning organisation.
        if !f.confidential {
            required.push(f.name);
        }
    }
    properties.insert("_links".into(), reference("SelfLinks"));
    required.push("_links");
    json!({
        "type": "object",
        "description": spec.about,
        "properties": properties,
        "required": required,
    })
}

const OWNER: Field = Field::new(
    "organisatie",
    "Organisatie",
    "De organisatie die eigenaar is.",
    FieldType::Organisation,
);

/// `{Schema}Lijst`: a page of records.
pub fn list(spec: &KindSpec) -> Value {
    json!({
        "type": "object",
        "properties": {
            spec.collection: { "type": "array", "items": reference(spec.schema), "description": format!("De {} op deze pagina die u mag zien.", spec.plural) },
            "paginering": reference("Paginering"),
            "_links": reference("PageLinks"),
        },
        "required": [spec.collection, "paginering", "_links"],
    })
}

/// The schemas every kind shares: references with names.
pub fn shared() -> Vec<(&'static str, Value)> {
    vec![
        (
            "OrganisatieRef",
            json!({ "type": "object", "description": "Een organisatie met haar naam.",
                "properties": { "id": { "type": "string" }, "naam": { "type": "string" } }, "required": ["id", "naam"] }),
        ),
        (
            "RecordRef",
            json!({ "type": "object", "description": "Een record met zijn titel.",
                "properties": { "id": { "type": "string" }, "titel": { "type": "string" } }, "required": ["id", "titel"] }),
        ),
        (
            "IndicatorNaam",
            json!({ "type": "object", "description": "Een indicator met haar naam.",
                "properties": { "id": { "type": "string" }, "naam": { "type": "string" } }, "required": ["id", "naam"] }),
        ),
    ]
}
