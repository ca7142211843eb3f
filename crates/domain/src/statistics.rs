// SPDX-License-Identifier: EUPL-1.2
//! Statistics as CBS publishes them: a bron (dataset, a CBS table) has maatstaven (measures),
//! dimension codes, and waarnemingen (observations) per measure, region, period and other
//! dimensions. Also the CBS period code (`2023JJ00`, `2023KW01`, `2023MM06`, …).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::RegionCode;

/// A CBS period: `YYYY` followed by a kind and a two-character number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// `2023JJ00`: a calendar year.
    Year(i32),
    /// `2023HJ01`: a half year (1–2).
    HalfYear(i32, u8),
    /// `2023KW01`: a quarter (1–4).
    Quarter(i32, u8),
    /// `2023MM06`: a month (1–12).
    Month(i32, u8),
    /// Any other CBS period code of the same shape, e.g. `2016X000` (a multi-year period);
    /// `code` holds the four characters after the year.
    Other(i32, String),
}

/// Why a string is not a CBS period code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is geen geldige periode: verwacht jjjj gevolgd door JJ00, HJ01–02, KW01–04 of MM01–12 (bijv. 2023JJ00)")]
pub struct PeriodError(pub String);

/// The Dutch month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Period {
    /// Parses a CBS period code, accepting CBS's space padding.
    pub fn parse(input: &str) -> Result<Period, PeriodError> {
        let err = || PeriodError(input.chars().take(40).collect());
        let s = input.trim_matches(|c| c == ' ' || c == '\t');
        if s.len() != 8 || !s.is_ascii() {
            return Err(err());
        }
        let (year, rest) = s.split_at(4);
        if !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year.parse().map_err(|_| err())?;
        let (kind, num) = rest.split_at(2);
        let n = num
            .parse::<u8>()
            .ok()
            .filter(|_| num.bytes().all(|b| b.is_ascii_digit()));
        match (kind, n) {
            ("JJ", Some(0)) => Ok(Period::Year(year)),
            ("HJ", Some(h @ 1..=2)) => Ok(Period::HalfYear(year, h)),
            ("KW", Some(q @ 1..=4)) => Ok(Period::Quarter(year, q)),
            ("MM", Some(m @ 1..=12)) => Ok(Period::Month(year, m)),
            ("JJ" | "HJ" | "KW" | "MM", _) => Err(err()),
            _ if rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) => {
                Ok(Period::Other(year, rest.to_string()))
            }
            _ => Err(err()),
        }
    }

    /// The period of a Dutch label as StatLine writes it, the inverse of [`Period::label`]:
    /// `2024`, `2020 2e halfjaar`, `2013 1e kwartaal`, `2024 januari`.
    pub fn from_label(label: &str) -> Option<Period> {
        let t = label.trim();
        let (year, rest) = t.split_once(' ').map_or((t, ""), |(y, r)| (y, r.trim()));
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        if rest.is_empty() {
            return Some(Period::Year(year));
        }
        if let Some(m) = MONTH_NAMES.iter().position(|m| *m == rest) {
            return Some(Period::Month(year, m as u8 + 1));
        }
        let (n, word) = rest.split_once("e ")?;
        let n: u8 = n.parse().ok()?;
        match word {
            "kwartaal" if (1..=4).contains(&n) => Some(Period::Quarter(year, n)),
            "halfjaar" if (1..=2).contains(&n) => Some(Period::HalfYear(year, n)),
            _ => None,
        }
    }

    /// The year the period lies in.
    pub fn year(&self) -> i32 {
        match self {
            Period::Year(y) | Period::HalfYear(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => *y,
            Period::Other(y, _) => *y,
        }
    }

    /// A Dutch label: "2023", "2023 1e halfjaar", "2023 1e kwartaal", "2023 juni".
    pub fn label(&self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::HalfYear(y, h) => format!("{y} {h}e halfjaar"),
            Period::Quarter(y, q) => format!("{y} {q}e kwartaal"),
            Period::Month(y, m) => format!("{y} {}", MONTH_NAMES[usize::from(*m).clamp(1, 12) - 1]),
            Period::Other(y, code) => format!("{y} ({code})"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}JJ00"),
            Period::HalfYear(y, h) => write!(f, "{y:04}HJ{h:02}"),
            Period::Quarter(y, q) => write!(f, "{y:04}KW{q:02}"),
            Period::Month(y, m) => write!(f, "{y:04}MM{m:02}"),
            Period::Other(y, code) => write!(f, "{y:04}{code}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The status of a value, as CBS marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueStatus {
    /// An ordinary value.
    Definitief,
    /// Provisional (`*`, or the period's status "Voorlopig").
    Voorlopig,
    /// Revised provisional (`**`, "NaderVoorlopig").
    NaderVoorlopig,
    /// Unknown, unreliable or secret (`.`, v4 "Confidential"/"Unknown"): no value.
    Onbekend,
    /// Secret (v4 "Confidential"): no value.
    Geheim,
    /// Cannot occur on logical grounds (blank, v4 "Impossible"): no value.
    NietVanToepassing,
}

impl ValueStatus {
    /// The name stored in the database and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueStatus::Definitief => "definitief",
            ValueStatus::Voorlopig => "voorlopig",
            ValueStatus::NaderVoorlopig => "naderVoorlopig",
            ValueStatus::Onbekend => "onbekend",
            ValueStatus::Geheim => "geheim",
            ValueStatus::NietVanToepassing => "nietVanToepassing",
        }
    }

    /// Every status, in the order of [`ValueStatus::code`].
    const ALL: [ValueStatus; 6] = [
        ValueStatus::Definitief,
        ValueStatus::Voorlopig,
        ValueStatus::NaderVoorlopig,
        ValueStatus::Onbekend,
        ValueStatus::Geheim,
        ValueStatus::NietVanToepassing,
    ];

    /// Parses the name ([`ValueStatus::as_str`]).
    pub fn parse(s: &str) -> Option<ValueStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The number an observation's status is stored as: 0 definitief, 1 voorlopig, 2 nader
    /// voorlopig, 3 onbekend, 4 geheim, 5 niet van toepassing.
    pub fn code(self) -> i32 {
        Self::ALL.iter().position(|v| *v == self).map_or(0, |i| i as i32)
    }

    /// The status stored as `code`.
    pub fn from_code(code: i32) -> Option<ValueStatus> {
        usize::try_from(code).ok().and_then(|i| Self::ALL.get(i).copied())
    }

    /// The status a CBS period status ("Definitief", "Voorlopig", "NaderVoorlopig", …) gives its values.
    pub fn from_period_status(s: &str) -> ValueStatus {
        match s.trim().to_lowercase().replace([' ', '_'], "").as_str() {
            "voorlopig" => ValueStatus::Voorlopig,
            "nadervoorlopig" => ValueStatus::NaderVoorlopig,
            _ => ValueStatus::Definitief,
        }
    }
}

/// A CBS table as loaded: metadata and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Key of this dataset in Samenhang; the CBS table id unless one table is loaded in parts
    /// (e.g. `70072NED-gemeenten-2015`).
    pub id: String,
    /// CBS table id, e.g. `03759ned`.
    pub table: String,
    /// Title.
    pub title: String,
    /// Description (the CBS summary), may be empty.
    pub description: String,
    /// When CBS last modified the table (ISO date-time as CBS gives it), if known.
    pub modified: Option<String>,
    /// Licence URL.
    pub licence: String,
    /// Where the data came from (URL or file path).
    pub source: String,
    /// Format it was read from, e.g. `odata-v4`, `odata-v3`, `statline-csv`.
    pub format: String,
}

/// A measure (maatstaf, v3 "Topic") of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Code within the dataset, e.g. `M000352` or `TotaleBevolking_1`.
    pub code: String,
    /// Title.
    pub title: String,
    /// Unit, e.g. "aantal", "x 1 000", "euro".
    pub unit: String,
    /// Number of decimals CBS publishes.
    pub decimals: Option<u8>,
    /// The CBS definition.
    pub description: String,
    /// The measure group it belongs to (v4 `MeasureGroupId`), if any.
    #[serde(default)]
    pub group: Option<String>,
}

/// A group of codes or measures (v4 `{Dim}Groups`, `MeasureGroups`; v3 `CategoryGroups`):
/// CBS's hierarchy, e.g. "Bijstandsuitkeringen" above its kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeGroup {
    /// The dimension the group belongs to; [`MEASURE_GROUPS`] for measure groups.
    pub dimension: String,
    /// Group id within the dimension.
    pub id: String,
    /// The parent group, if any.
    pub parent: Option<String>,
    /// Title.
    pub title: String,
    /// Description, may be empty.
    pub description: String,
}

/// The `dimension` of measure groups.
pub const MEASURE_GROUPS: &str = "Maatstaven";

/// A code of one of a dataset's dimensions (including periods and regions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionCode {
    /// The dimension, e.g. `Perioden`, `RegioS`, `Geslacht`.
    pub dimension: String,
    /// The code, without padding.
    pub code: String,
    /// Title.
    pub title: String,
    /// Description, may be empty.
    pub description: String,
    /// Status (for periods: Definitief, Voorlopig, …), may be empty.
    pub status: String,
    /// The group it belongs to (`DimensionGroupId`), if any.
    #[serde(default)]
    pub group: Option<String>,
}

/// One observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// Measure code.
    pub measure: String,
    /// Region; NL01 for tables without a region dimension.
    pub region: RegionCode,
    /// Period.
    pub period: Period,
    /// The other dimensions, as `Dim=Code` joined by `;`, sorted by dimension; empty when none.
    pub dimensions: String,
    /// The value; `None` when CBS gives none.
    pub value: Option<f64>,
    /// Status.
    pub status: ValueStatus,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn statline_labels_are_the_inverse_of_label() {
        for p in [
            Period::Year(2024),
            Period::HalfYear(2020, 2),
            Period::Quarter(2013, 1),
            Period::Month(2024, 1),
            Period::Month(2023, 12),
        ] {
            assert_eq!(Period::from_label(&p.label()), Some(p.clone()), "{p}");
        }
        for bad in [
            "",
            "2024 5e kwartaal",
            "24",
            "2024 juno",
            "2024 1e",
            "abcd",
            "2024 0e halfjaar",
        ] {
            assert_eq!(Period::from_label(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_cbs_periods() {
        assert_eq!(Period::parse("2023JJ00").unwrap(), Period::Year(2023));
        assert_eq!(Period::parse("2023KW01  ").unwrap(), Period::Quarter(2023, 1));
        assert_eq!(Period::parse("2023MM06").unwrap(), Period::Month(2023, 6));
        assert_eq!(Period::parse("2023HJ02").unwrap(), Period::HalfYear(2023, 2));
        assert_eq!(Period::parse("2016X000").unwrap(), Period::Other(2016, "X000".into()));
        for bad in [
            "2023", "2023KW05", "2023MM13", "2023JJ01", "23JJ0000", "2023jj00", "", "2023MM00",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Period::Month(2023, 6).label(), "2023 juni");
    }

    proptest! {
        #[test]
        fn period_round_trips(year in 1900i32..2100, kind in 0u8..4, n in 1u8..13) {
            let p = match kind {
                0 => Period::Year(year),
                1 => Period::HalfYear(year, 1 + n % 2),
                2 => Period::Quarter(year, 1 + n % 4),
                _ => Period::Month(year, n),
            };
            prop_assert_eq!(Period::parse(&format!("{p}   ")).unwrap(), p);
        }

        #[test]
        fn period_parser_never_panics(s in "\\PC{0,12}") {
            let _ = Period::parse(&s);
        }
    }
}
