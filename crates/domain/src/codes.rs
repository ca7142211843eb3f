// SPDX-License-Identifier: EUPL-1.2
//! Region codes as CBS writes them: `GM0153`, `AM05`, `CR12`, `PV23`, `LD01`, `NL01`.
//!
//! Each code is a newtype with a parsing constructor (parse, don't validate). The parsers accept
//! the space padding CBS puts around codes (`"GM0153  "`) and reject everything else with a
//! [`CodeError`] whose message (in Dutch, as users see it) names the input and the expected form.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a valid region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is geen geldige {expected_name}: verwacht {expected_form}")]
pub struct CodeError {
    /// The input as given (shortened when very long).
    pub input: String,
    /// Dutch name of the kind of code that was expected, e.g. "gemeentecode".
    pub expected_name: &'static str,
    /// Dutch description of the expected form, e.g. "GM gevolgd door 4 cijfers (bijv. GM0153)".
    pub expected_form: &'static str,
}

impl CodeError {
    fn new(input: &str, expected_name: &'static str, expected_form: &'static str) -> Self {
        let mut shown: String = input.chars().take(40).collect();
        if input.chars().count() > 40 {
            shown.push('…');
        }
        CodeError {
            input: shown,
            expected_name,
            expected_form,
        }
    }
}

/// Strips CBS padding (spaces, and the tabs some exports carry) around a code.
fn unpad(input: &str) -> &str {
    input.trim_matches(|c| c == ' ' || c == '\t')
}

/// Parses `PREFIX` followed by exactly `digits` ASCII digits; returns the number.
fn parse_prefixed(input: &str, prefix: &str, digits: usize) -> Option<u16> {
    let s = unpad(input);
    let rest = s.strip_prefix(prefix)?;
    if rest.len() != digits || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

macro_rules! region_code {
    (
        $(#[$doc:meta])*
        $name:ident, $repr:ty, $prefix:literal, $digits:literal, $what:literal, $form:literal
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($repr);

        impl $name {
            /// The two-letter CBS prefix of this kind of code.
            pub const PREFIX: &'static str = $prefix;

            /// Parses a code, accepting CBS's space padding.
            pub fn parse(input: &str) -> Result<Self, CodeError> {
                parse_prefixed(input, $prefix, $digits)
                    .and_then(|n| <$repr>::try_from(n).ok())
                    .map($name)
                    .ok_or_else(|| CodeError::new(input, $what, $form))
            }

            /// The number after the prefix.
            pub fn number(self) -> $repr {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{:0width$}", $prefix, self.0, width = $digits)
            }
        }

        impl FromStr for $name {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

region_code!(
    /// A gemeente (municipality) code: `GM` and four digits.
    MunicipalityCode, u16, "GM", 4, "gemeentecode", "GM gevolgd door 4 cijfers (bijv. GM0153)"
);
region_code!(
    /// An arbeidsmarktregio (labour-market region) code: `AM` and two digits.
    LabourMarketRegionCode, u8, "AM", 2, "arbeidsmarktregiocode", "AM gevolgd door 2 cijfers (bijv. AM05)"
);
region_code!(
    /// A COROP region code: `CR` and two digits.
    CoropCode, u8, "CR", 2, "COROP-code", "CR gevolgd door 2 cijfers (bijv. CR12)"
);
region_code!(
    /// A provincie (province) code: `PV` and two digits.
    ProvinceCode, u8, "PV", 2, "provinciecode", "PV gevolgd door 2 cijfers (bijv. PV23)"
);
region_code!(
    /// A landsdeel (NUTS-1 part of the country) code: `LD` and two digits.
    LandsdeelCode, u8, "LD", 2, "landsdeelcode", "LD gevolgd door 2 cijfers (bijv. LD02)"
);

/// The kind of a region. Serialised with the Dutch names used in the API (`gemeente`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// Nederland.
    Land,
    /// Landsdeel (LD).
    Landsdeel,
    /// Provincie (PV).
    Provincie,
    /// COROP region (CR).
    Corop,
    /// Arbeidsmarktregio (AM).
    Arbeidsmarktregio,
    /// Gemeente (GM).
    Gemeente,
}

impl RegionKind {
    /// All kinds, from the largest to the smallest.
    pub const ALL: [RegionKind; 6] = [
        RegionKind::Land,
        RegionKind::Landsdeel,
        RegionKind::Provincie,
        RegionKind::Corop,
        RegionKind::Arbeidsmarktregio,
        RegionKind::Gemeente,
    ];

    /// The Dutch name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Land => "land",
            RegionKind::Landsdeel => "landsdeel",
            RegionKind::Provincie => "provincie",
            RegionKind::Corop => "corop",
            RegionKind::Arbeidsmarktregio => "arbeidsmarktregio",
            RegionKind::Gemeente => "gemeente",
        }
    }

    /// The Dutch word for one region of this kind in a sentence: "gemeente", "COROP-gebied".
    pub fn label(self) -> &'static str {
        match self {
            RegionKind::Corop => "COROP-gebied",
            other => other.as_str(),
        }
    }

    /// The Dutch plural in a sentence: "gemeenten", "arbeidsmarktregio's".
    pub fn plural(self) -> &'static str {
        match self {
            RegionKind::Land => "landen",
            RegionKind::Landsdeel => "landsdelen",
            RegionKind::Provincie => "provincies",
            RegionKind::Corop => "COROP-gebieden",
            RegionKind::Arbeidsmarktregio => "arbeidsmarktregio's",
            RegionKind::Gemeente => "gemeenten",
        }
    }

    /// Parses the Dutch name.
    pub fn parse(input: &str) -> Option<RegionKind> {
        RegionKind::ALL.into_iter().find(|k| k.as_str() == input)
    }
}

impl fmt::Display for RegionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Any region code the registry knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionCode {
    /// `NL01`, the whole country.
    Nederland,
    /// `LDxx`.
    Landsdeel(LandsdeelCode),
    /// `PVxx`.
    Province(ProvinceCode),
    /// `CRxx`.
    Corop(CoropCode),
    /// `AMxx`.
    LabourMarketRegion(LabourMarketRegionCode),
    /// `GMxxxx`.
    Municipality(MunicipalityCode),
}

/// The code of the whole country as CBS writes it.
pub const NEDERLAND: &str = "NL01";

impl RegionCode {
    /// Parses any region code by its prefix, accepting CBS's space padding.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let s = unpad(input);
        let err = || {
            CodeError::new(
                input,
                "gebiedscode",
                "NL01, of LD, PV, CR of AM gevolgd door 2 cijfers, of GM gevolgd door 4 cijfers (bijv. GM0153)",
            )
        };
        match s.get(..2) {
            Some("NL") if s == NEDERLAND => Ok(RegionCode::Nederland),
            Some("LD") => LandsdeelCode::parse(s).map(RegionCode::Landsdeel).map_err(|_| err()),
            Some("PV") => ProvinceCode::parse(s).map(RegionCode::Province).map_err(|_| err()),
            Some("CR") => CoropCode::parse(s).map(RegionCode::Corop).map_err(|_| err()),
            Some("AM") => LabourMarketRegionCode::parse(s)
                .map(RegionCode::LabourMarketRegion)
                .map_err(|_| err()),
            Some("GM") => MunicipalityCode::parse(s)
                .map(RegionCode::Municipality)
                .map_err(|_| err()),
            _ => Err(err()),
        }
    }

    /// The kind of region this code names.
    pub fn kind(self) -> RegionKind {
        match self {
            RegionCode::Nederland => RegionKind::Land,
            RegionCode::Landsdeel(_) => RegionKind::Landsdeel,
            RegionCode::Province(_) => RegionKind::Provincie,
            RegionCode::Corop(_) => RegionKind::Corop,
            RegionCode::LabourMarketRegion(_) => RegionKind::Arbeidsmarktregio,
            RegionCode::Municipality(_) => RegionKind::Gemeente,
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionCode::Nederland => f.write_str(NEDERLAND),
            RegionCode::Landsdeel(c) => c.fmt(f),
            RegionCode::Province(c) => c.fmt(f),
            RegionCode::Corop(c) => c.fmt(f),
            RegionCode::LabourMarketRegion(c) => c.fmt(f),
            RegionCode::Municipality(c) => c.fmt(f),
        }
    }
}

impl FromStr for RegionCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl From<MunicipalityCode> for RegionCode {
    fn from(c: MunicipalityCode) -> Self {
        RegionCode::Municipality(c)
    }
}
impl From<LabourMarketRegionCode> for RegionCode {
    fn from(c: LabourMarketRegionCode) -> Self {
        RegionCode::LabourMarketRegion(c)
    }
}
impl From<CoropCode> for RegionCode {
    fn from(c: CoropCode) -> Self {
        RegionCode::Corop(c)
    }
}
impl From<ProvinceCode> for RegionCode {
    fn from(c: ProvinceCode) -> Self {
        RegionCode::Province(c)
    }
}

impl MunicipalityCode {
    /// Builds a code from its number; numbers above 9999 are clamped (only used for ranges).
    pub(crate) const fn from_number(n: u16) -> Self {
        MunicipalityCode(if n > 9999 { 9999 } else { n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_cbs_padding() {
        assert_eq!(MunicipalityCode::parse("GM0153  ").unwrap().to_string(), "GM0153");
        assert_eq!(RegionCode::parse("NL01  ").unwrap(), RegionCode::Nederland);
        assert_eq!(
            RegionCode::parse("  AM05").unwrap().kind(),
            RegionKind::Arbeidsmarktregio
        );
    }

    #[test]
    fn rejects_malformed_codes_with_a_clear_message() {
        for bad in [
            "XX12", "GM153", "GM01534", "gm0153", "AM5", "PV2X", "NL02", "", "GM 0153", "G",
        ] {
            let err = RegionCode::parse(bad).unwrap_err();
            assert!(err.to_string().contains("geen geldige gebiedscode"), "{bad}: {err}");
        }
        let err = MunicipalityCode::parse("AM05").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'AM05' is geen geldige gemeentecode: verwacht GM gevolgd door 4 cijfers (bijv. GM0153)"
        );
    }

    proptest! {
        #[test]
        fn municipality_round_trips_with_any_padding(n in 0u16..10000, left in 0usize..4, right in 0usize..6) {
            let text = format!("{}GM{:04}{}", " ".repeat(left), n, " ".repeat(right));
            let code = MunicipalityCode::parse(&text).unwrap();
            prop_assert_eq!(code.number(), n);
            prop_assert_eq!(MunicipalityCode::parse(&code.to_string()).unwrap(), code);
            prop_assert_eq!(RegionCode::parse(&text).unwrap(), RegionCode::Municipality(code));
        }

        #[test]
        fn two_digit_codes_round_trip(n in 0u8..100, prefix in prop::sample::select(vec!["AM", "CR", "PV", "LD"])) {
            let text = format!("{prefix}{n:02}   ");
            let code = RegionCode::parse(&text).unwrap();
            prop_assert_eq!(code.to_string(), format!("{prefix}{n:02}"));
            prop_assert_eq!(RegionCode::parse(&code.to_string()).unwrap(), code);
        }

        #[test]
        fn arbitrary_input_never_panics_and_valid_results_round_trip(s in "\\PC{0,12}") {
            if let Ok(code) = RegionCode::parse(&s) {
                // A valid code is the input without its padding.
                prop_assert_eq!(code.to_string(), s.trim_matches(|c| c == ' ' || c == '\t'));
            }
        }

        #[test]
        fn wrong_digit_counts_are_rejected(n in 0u32..1_000_000, digits in 1usize..7) {
            prop_assume!(digits != 4);
            let text = format!("GM{:0width$}", n % 10u32.pow(digits as u32), width = digits);
            prop_assert!(MunicipalityCode::parse(&text).is_err());
        }
    }
}
