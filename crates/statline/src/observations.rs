// SPDX-License-Identifier: EUPL-1.2
//! Turning a row of a CBS table into observations.
//!
//! CBS tables come in two layouts:
//! - **long** (OData v4, v4 beta): one row per value, with `Measure`, `Value` and
//!   `ValueAttribute` fields and one field per dimension;
//! - **wide** (OData v3 `TypedDataSet`/`UntypedDataSet`, StatLine CSV): one row per combination
//!   of dimension codes, with one column per measure ("Topic"). Untyped values are padded
//!   strings: `"   135.5"`, `"."` for unknown, `""` for not applicable.
//!
//! [`Schema`] knows which field is the region, which the period, which are other dimensions and
//! which are measures, and converts a row, naming the record and field of any fault.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use samenhang_domain::codes::RegionCode;
use samenhang_domain::statistics::{Observation, Period, ValueStatus};

use crate::error::ReadError;
use crate::json_stream::{Row, Scalar};

/// How the values are laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// One value per row (`Measure`, `Value`, `ValueAttribute`).
    Long,
    /// One column per measure. `None`: every field that is not a dimension or `ID` is a measure.
    Wide(Option<Vec<String>>),
}

/// How to read the rows of one table.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The region dimension, if the table has one (else every value is for NL01).
    pub region_dimension: Option<String>,
    /// The period dimension.
    pub period_dimension: String,
    /// Other dimensions.
    pub other_dimensions: Vec<String>,
    /// Layout.
    pub layout: Layout,
    /// Status per period code (from the period code list), e.g. `2026MM04` → Voorlopig.
    pub period_status: FxHashMap<String, ValueStatus>,
    /// Region codes CBS uses that mean another code here (KWB's `NL00` for `NL01`).
    pub region_aliases: FxHashMap<String, RegionCode>,
    /// Region labels or codes whose rows are left out (CBS's "Niet in te delen (AM)").
    pub skipped_regions: FxHashSet<String>,
    /// For a table whose region column holds StatLine labels: the labels per year, and the
    /// year of the table's classification (`None`: each row's period year).
    pub labels: Option<(std::sync::Arc<crate::labels::RegionLabels>, Option<i32>)>,
    /// The period of a measure whose figures refer to another date than the row's (a table of
    /// one classification year with figures of several dates).
    pub measure_periods: FxHashMap<String, Period>,
    /// The codes each dimension may take, from the table's own code lists (where it has them):
    /// a period or category that the table does not list is a fault, not a new code.
    pub codes: FxHashMap<String, FxHashSet<String>>,
    /// The measures a long table may name, from its measure list (where it has one).
    pub measures: Option<FxHashSet<String>>,
}

/// Which region codes are acceptable; `None` accepts every well-formed code.
pub type KnownRegions<'a> = Option<&'a HashSet<RegionCode>>;

impl Schema {
    /// A schema for a table with these dimensions, by their CBS names.
    pub fn new(region: Option<&str>, period: &str, others: &[String], layout: Layout) -> Self {
        let mut other_dimensions = others.to_vec();
        other_dimensions.sort();
        Schema {
            region_dimension: region.map(str::to_string),
            period_dimension: period.to_string(),
            other_dimensions,
            layout,
            period_status: Default::default(),
            region_aliases: Default::default(),
            skipped_regions: Default::default(),
            labels: None,
            measure_periods: Default::default(),
            codes: Default::default(),
            measures: None,
        }
    }

    /// Whether `code` is in the code list of `dimension` (true when the table has none).
    fn listed(&self, dimension: &str, code: &str) -> bool {
        self.codes.get(dimension).is_none_or(|c| c.contains(code))
    }

    fn is_dimension(&self, key: &str) -> bool {
        key == self.period_dimension
            || self.region_dimension.as_deref() == Some(key)
            || self.other_dimensions.iter().any(|d| d == key)
    }

    /// Converts one row (record number `record`, from 1) into observations, handing each to `out`.
    pub fn convert(
        &self,
        row: &Row,
        file: &str,
        record: u64,
        known: KnownRegions<'_>,
        out: &mut dyn FnMut(Observation) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        let fault = |field: &str, msg: String| ReadError::file(file, msg).in_record(record.to_string()).in_field(field);
        let text = |field: &str| field_text(row, field, &fault);
        let period_raw = text(&self.period_dimension)?;
        let period = Period::parse(&period_raw).map_err(|e| fault(&self.period_dimension, e.to_string()))?;
        if !self.listed(&self.period_dimension, &period_raw) {
            return Err(fault(
                &self.period_dimension,
                format!("onbekende periode '{period_raw}': niet in de codelijst van de tabel"),
            ));
        }
        let region = match &self.region_dimension {
            None => RegionCode::Nederland,
            Some(dim) => {
                let raw = text(dim)?;
                if self.skipped_regions.contains(raw.as_ref()) {
                    return Ok(());
                }
                let code = match (self.region_aliases.get(raw.as_ref()), &self.labels) {
                    (Some(c), _) => *c,
                    (None, Some((labels, year))) => labels
                        .lookup(&raw, year.unwrap_or_else(|| period.year()))
                        .map_err(|m| fault(dim, m))?,
                    (None, None) => RegionCode::parse(&raw).map_err(|e| fault(dim, e.to_string()))?,
                };
                if known.is_some_and(|k| !k.contains(&code)) {
                    return Err(fault(
                        dim,
                        format!("onbekende gebiedscode {code}: niet in de gebiedsindeling"),
                    ));
                }
                code
            }
        };
        let base_status = self
            .period_status
            .get(period_raw.as_ref())
            .copied()
            .unwrap_or(ValueStatus::Definitief);
        // Sized for codes of up to 15 characters, so that the text is seldom moved as it grows.
        let mut dimensions = String::with_capacity(self.other_dimensions.iter().map(|d| d.len() + 17).sum());
        for dim in &self.other_dimensions {
            if !dimensions.is_empty() {
                dimensions.push(';');
            }
            let code = text(dim)?;
            if !self.listed(dim, &code) {
                return Err(fault(
                    dim,
                    format!("onbekende code '{code}': niet in de codelijst van de tabel"),
                ));
            }
            dimensions.push_str(dim);
            dimensions.push('=');
            dimensions.push_str(&code);
        }

        match &self.layout {
            Layout::Long => {
                let measure = text("Measure")?.into_owned();
                if measure.is_empty() {
                    return Err(fault("Measure", "de maatstaf is leeg".into()));
                }
                if self.measures.as_ref().is_some_and(|m| !m.contains(&measure)) {
                    return Err(fault(
                        "Measure",
                        format!("onbekende maatstaf '{measure}': niet in de maatstaven van de tabel"),
                    ));
                }
                let attribute = match row.get("ValueAttribute") {
                    Some(Scalar::Text(s)) => s.trim(),
                    Some(Scalar::Null) | None => "None",
                    Some(other) => {
                        return Err(fault(
                            "ValueAttribute",
                            format!("verwacht tekst, gevonden {}", other.type_name()),
                        ))
                    }
                };
                let value = match row.get("Value") {
                    Some(Scalar::Number(n)) => Some(*n),
                    Some(Scalar::Null) => None,
                    None => return Err(fault("Value", "het veld ontbreekt".into())),
                    // A long table exported to CSV: the value is text.
                    Some(Scalar::Text(t)) if t.trim().is_empty() => None,
                    Some(Scalar::Text(t)) if t.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                        untyped_value(t).map_err(|m| fault("Value", m))?.0
                    }
                    Some(other) => {
                        return Err(fault(
                            "Value",
                            format!("verwacht een getal, gevonden {}", other.type_name()),
                        ))
                    }
                };
                let status = match attribute {
                    "None" | "" => {
                        if value.is_some() {
                            base_status
                        } else {
                            ValueStatus::Onbekend
                        }
                    }
                    "Impossible" => ValueStatus::NietVanToepassing,
                    "Confidential" => ValueStatus::Geheim,
                    _ => ValueStatus::Onbekend,
                };
                // A marked value carries no number, whatever the field holds.
                let value = if matches!(status, ValueStatus::NietVanToepassing | ValueStatus::Geheim) {
                    None
                } else {
                    value
                };
                out(Observation {
                    measure,
                    region,
                    period,
                    dimensions,
                    value,
                    status,
                })
            }
            Layout::Wide(topics) => {
                let mut emit = |key: &str, scalar: &Scalar| -> Result<(), ReadError> {
                    let (value, status) = wide_value(scalar).map_err(|m| fault(key, m))?;
                    let status = if value.is_some() { base_status } else { status };
                    out(Observation {
                        measure: key.to_string(),
                        region,
                        period: self.measure_periods.get(key).unwrap_or(&period).clone(),
                        dimensions: dimensions.clone(),
                        value,
                        status,
                    })
                };
                match topics {
                    Some(topics) => {
                        for t in topics {
                            match row.get(t) {
                                Some(v) => emit(t, v)?,
                                None => return Err(fault(t, "het veld ontbreekt".into())),
                            }
                        }
                    }
                    None => {
                        for (key, v) in &row.fields {
                            if key != "ID" && key != "Id" && !self.is_dimension(key) {
                                emit(key, v)?;
                            }
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// The text of a field, trimmed; a whole number is accepted as text (some tables give codes as
/// numbers).
fn field_text<'r>(
    row: &'r Row,
    field: &str,
    fault: &dyn Fn(&str, String) -> ReadError,
) -> Result<std::borrow::Cow<'r, str>, ReadError> {
    match row.get(field) {
        Some(Scalar::Text(s)) => Ok(std::borrow::Cow::Borrowed(s.trim())),
        Some(Scalar::Number(n)) if n.fract() == 0.0 => Ok(std::borrow::Cow::Owned(format!("{n}"))),
        Some(other) => Err(fault(field, format!("verwacht tekst, gevonden {}", other.type_name()))),
        None => Err(fault(field, "het veld ontbreekt".into())),
    }
}

/// A value of a wide table: typed (number or null) or untyped (padded text).
pub fn wide_value(scalar: &Scalar) -> Result<(Option<f64>, ValueStatus), String> {
    match scalar {
        Scalar::Number(n) => Ok((Some(*n), ValueStatus::Definitief)),
        Scalar::Null => Ok((None, ValueStatus::Onbekend)),
        Scalar::Text(s) => untyped_value(s),
        Scalar::Bool(_) => Err("verwacht een getal, gevonden een waarheidswaarde".into()),
    }
}

/// An untyped CBS value: `"   135.5"`, `"."` (unknown), `""` (not applicable), `"-"` (nil).
pub fn untyped_value(s: &str) -> Result<(Option<f64>, ValueStatus), String> {
    let t = s.trim();
    match t {
        "" => Ok((None, ValueStatus::NietVanToepassing)),
        "." | "x" => Ok((None, ValueStatus::Onbekend)),
        "-" => Ok((Some(0.0), ValueStatus::Definitief)),
        _ => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| (Some(v), ValueStatus::Definitief))
            .ok_or_else(|| format!("'{}' is geen getal", t.chars().take(40).collect::<String>())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(fields: &[(&str, Scalar)]) -> Row {
        Row {
            fields: fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    fn collect(schema: &Schema, r: &Row) -> Result<Vec<Observation>, ReadError> {
        let mut out = vec![];
        schema.convert(r, "f", 1, None, &mut |o| {
            out.push(o);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn long_rows_keep_the_value_attribute() {
        let s = Schema::new(Some("RegioS"), "Perioden", &["Geslacht".into()], Layout::Long);
        let r = row(&[
            ("Measure", Scalar::Text("M1".into())),
            ("ValueAttribute", Scalar::Text("Impossible".into())),
            ("Value", Scalar::Null),
            ("RegioS", Scalar::Text("GM0153".into())),
            ("Perioden", Scalar::Text("2020JJ00".into())),
            ("Geslacht", Scalar::Text("T001038".into())),
        ]);
        let o = &collect(&s, &r).unwrap()[0];
        assert_eq!(o.status, ValueStatus::NietVanToepassing);
        assert_eq!(o.dimensions, "Geslacht=T001038");
    }

    #[test]
    fn wide_untyped_rows_parse_padding_and_markers() {
        let s = Schema::new(Some("RegioS"), "Perioden", &[], Layout::Wide(None));
        let r = row(&[
            ("ID", Scalar::Number(0.0)),
            ("RegioS", Scalar::Text("NL01  ".into())),
            ("Perioden", Scalar::Text("2011KW01".into())),
            ("A_1", Scalar::Text("   135.5".into())),
            ("B_2", Scalar::Text("       .".into())),
        ]);
        let obs = collect(&s, &r).unwrap();
        assert_eq!(obs.len(), 2);
        assert_eq!(obs[0].value, Some(135.5));
        assert_eq!(obs[0].region, RegionCode::Nederland);
        assert_eq!(obs[1].status, ValueStatus::Onbekend);
    }

    #[test]
    fn wrong_types_and_missing_fields_name_the_field() {
        let s = Schema::new(Some("RegioS"), "Perioden", &[], Layout::Long);
        let r = row(&[
            ("Measure", Scalar::Text("M1".into())),
            ("Value", Scalar::Text("abc".into())),
            ("RegioS", Scalar::Text("GM0153".into())),
            ("Perioden", Scalar::Text("2020JJ00".into())),
        ]);
        assert_eq!(collect(&s, &r).unwrap_err().field.as_deref(), Some("Value"));
        let r = row(&[
            ("Measure", Scalar::Text("M1".into())),
            ("RegioS", Scalar::Text("GM0153".into())),
        ]);
        let e = collect(&s, &r).unwrap_err();
        assert_eq!(e.to_string(), "f, record 1, veld 'Perioden': het veld ontbreekt");
    }

    #[test]
    fn codes_the_table_does_not_list_are_refused() {
        let mut s = Schema::new(Some("RegioS"), "Perioden", &[], Layout::Long);
        s.codes
            .insert("Perioden".into(), ["2015JJ00".to_string()].into_iter().collect());
        s.measures = Some(["M1".to_string()].into_iter().collect());
        let r = |period: &str, measure: &str| {
            row(&[
                ("Measure", Scalar::Text(measure.into())),
                ("Value", Scalar::Number(1.0)),
                ("RegioS", Scalar::Text("GM0153".into())),
                ("Perioden", Scalar::Text(period.into())),
            ])
        };
        assert!(collect(&s, &r("2015JJ00", "M1")).is_ok());
        let e = collect(&s, &r("2015XX99", "M1")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Perioden"));
        let e = collect(&s, &r("2015JJ00", "M9")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Measure"));
        let without_value = row(&[
            ("Measure", Scalar::Text("M1".into())),
            ("RegioS", Scalar::Text("GM0153".into())),
            ("Perioden", Scalar::Text("2015JJ00".into())),
        ]);
        assert_eq!(collect(&s, &without_value).unwrap_err().field.as_deref(), Some("Value"));
    }

    #[test]
    fn unknown_regions_are_refused() {
        let s = Schema::new(Some("RegioS"), "Perioden", &[], Layout::Wide(None));
        let known: HashSet<RegionCode> = [RegionCode::parse("GM0153").unwrap()].into();
        let r = row(&[
            ("RegioS", Scalar::Text("GM9999".into())),
            ("Perioden", Scalar::Text("2020JJ00".into())),
            ("A", Scalar::Number(1.0)),
        ]);
        let err = s.convert(&r, "f", 7, Some(&known), &mut |_| Ok(())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f, record 7, veld 'RegioS': onbekende gebiedscode GM9999: niet in de gebiedsindeling"
        );
    }

    proptest! {
        #[test]
        fn untyped_values_never_panic(s in "\\PC{0,20}") {
            let _ = untyped_value(&s);
        }

        #[test]
        fn padded_numbers_parse(v in -1.0e9f64..1.0e9, pad in 0usize..8) {
            let text = format!("{}{v}", " ".repeat(pad));
            prop_assert_eq!(untyped_value(&text).unwrap().0, Some(v));
        }
    }
}
