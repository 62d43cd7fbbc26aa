//! The schemas of the keys whose shape serde alone does not say, named by
//! the `#[schemars(schema_with = ...)]` attributes of [`super`]: a *param*
//! (a number in its [`Domain`] or a distribution table), a lift table, and
//! the words `sampling` and `dist` take.

use schemars::{Schema, SchemaGenerator, json_schema};

use super::RawDist;
use crate::sampling::Sampling;
use crate::scenario::domain::{Domain, ID_PATTERN};

/// The schema of a *param* key whose values lie in `domain`: a number in
/// the domain, or a distribution table.
pub(super) fn param(g: &mut SchemaGenerator, domain: Domain) -> Schema {
    let mut number = domain.number_schema();
    number.insert(
        "description".into(),
        format!("A fixed value, {domain}.").into(),
    );
    json_schema!({
        "anyOf": [number, g.subschema_for::<RawDist>()],
    })
}

/// A *param* in [`Domain::UNIT`].
pub(super) fn unit(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::UNIT)
}

/// A *param* in [`Domain::UNIT_OPEN_TOP`].
pub(super) fn unit_open_top(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::UNIT_OPEN_TOP)
}

/// A *param* in [`Domain::UNIT_OPEN_BOTTOM`].
pub(super) fn unit_open_bottom(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::UNIT_OPEN_BOTTOM)
}

/// A *param* in [`Domain::NON_NEGATIVE`].
pub(super) fn non_negative(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::NON_NEGATIVE)
}

/// A *param* in [`Domain::POSITIVE`].
pub(super) fn positive(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::POSITIVE)
}

/// A *param* in [`Domain::ABOVE_MINUS_ONE`].
pub(super) fn above_minus_one(g: &mut SchemaGenerator) -> Schema {
    param(g, Domain::ABOVE_MINUS_ONE)
}

/// A lift table: axis id to a *param* `>= 0` (as the validation's lifts).
pub(super) fn lifts(g: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "propertyNames": { "pattern": ID_PATTERN },
        "additionalProperties": param(g, Domain::NON_NEGATIVE),
    })
}

/// `simulation.sampling`: one of [`Sampling::ALL`].
pub(super) fn sampling_schema(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = Sampling::ALL.iter().map(|s| s.as_str()).collect();
    json_schema!({ "type": "string", "enum": names })
}

/// `[report] lang`: one of the languages' codes ([`crate::lang::Lang::ALL`]).
pub(super) fn lang_schema(_: &mut SchemaGenerator) -> Schema {
    let codes: Vec<&str> = crate::lang::Lang::ALL.iter().map(|l| l.code()).collect();
    json_schema!({ "type": "string", "enum": codes })
}

/// `dist`: one of the kinds' names ([`crate::dist::KINDS`]).
pub(super) fn dist_name(_: &mut SchemaGenerator) -> Schema {
    Schema::try_from(crate::dist::schema::name_schema()).expect("an object")
}
