// SPDX-License-Identifier: EUPL-1.2
//! The region's own figures (eigen cijfers): an indicator an organisation defines itself (its
//! name, unit, direction, how gemeenten add up, theme, concept and source), kept as a register
//! kind with an owner and a visibility like every other record, and the figures uploaded for it
//! (gebied, jaar, waarde, and an optional status). No I/O: the CSV reader is in
//! `samenhang-registers`, the upload use-case in the application layer.

use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::coherence::Check;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec};

/// The choices of `richting`.
pub const DIRECTIONS: &[Choice] = &[
    Choice {
        value: "hogerIsBeter",
        label: "Hoger is beter",
    },
    Choice {
        value: "lagerIsBeter",
        label: "Lager is beter",
    },
    Choice {
        value: "neutraal",
        label: "Geen richting (een aantal of kenmerk)",
    },
];

/// The choices of `aggregatie`: how the figures of gemeenten make those of their regions.
pub const AGGREGATIONS: &[Choice] = &[
    Choice {
        value: "som",
        label: "Optellen: de regio is de som van haar gemeenten (aantallen)",
    },
    Choice {
        value: "gewogen",
        label: "Gemiddelde, gewogen naar het aantal inwoners (percentages, gemiddelden)",
    },
    Choice {
        value: "geen",
        label: "Niet optellen: alleen de waarden uit het bestand",
    },
];

/// The choices of `thema`, the themes of the indicator pages.
pub const THEMES: &[Choice] = &[
    Choice {
        value: "arbeid",
        label: "Arbeid",
    },
    Choice {
        value: "inkomen-en-uitkeringen",
        label: "Inkomen en uitkeringen",
    },
    Choice {
        value: "economie-en-bedrijven",
        label: "Economie en bedrijven",
    },
    Choice {
        value: "bevolking",
        label: "Bevolking",
    },
    Choice {
        value: "wonen",
        label: "Wonen",
    },
    Choice {
        value: "onderwijs",
        label: "Onderwijs",
    },
];

/// Eigen indicatoren: indicators an organisation defines, with figures it uploads.
pub const OWN_INDICATOR_SPEC: KindSpec = KindSpec {
    kind: "eigen-indicator",
    collection: "eigen-indicatoren",
    singular: "eigen indicator",
    plural: "eigen indicatoren",
    article: Article::De,
    schema: "EigenIndicator",
    tag: "Eigen cijfers",
    about: "Indicatoren die uw organisatie zelf bijhoudt, met de cijfers die u als CSV-bestand inleest; ze staan \
            naast de cijfers van het CBS op de pagina's van gemeenten, regio's en indicatoren, voor wie ze mag zien.",
    title_field: "naam",
    fields: &[
        Field::new(
            "naam",
            "Naam",
            "De naam van de indicator, zoals hij boven tabellen en kaarten staat.",
            FieldType::Text { max: 120, lines: 1 },
        )
        .required(),
        Field::new(
            "omschrijving",
            "Definitie",
            "Wat er precies geteld of gemeten wordt, en voor wie.",
            FieldType::Text { max: 2000, lines: 4 },
        )
        .required(),
        Field::new(
            "eenheid",
            "Eenheid",
            "Bijvoorbeeld aantal, % of euro.",
            FieldType::Text { max: 40, lines: 1 },
        )
        .required(),
        Field::new(
            "richting",
            "Richting",
            "Of een hogere of een lagere waarde beter is; alleen dan krijgen gemeenten een plaats in de rangorde.",
            FieldType::Choice(DIRECTIONS),
        )
        .required(),
        Field::new(
            "aggregatie",
            "Optellen naar regio's",
            "Hoe de cijfers van gemeenten die van hun arbeidsmarktregio, provincie en Nederland vormen.",
            FieldType::Choice(AGGREGATIONS),
        )
        .required(),
        Field::new(
            "thema",
            "Thema",
            "Onder welk thema de indicator staat.",
            FieldType::Choice(THEMES),
        )
        .required(),
        Field::new(
            "begrip",
            "Begrip",
            "Het begrip uit het begrippenkader dat de indicator meet.",
            FieldType::Concept,
        ),
        Field::new(
            "bron",
            "Bron",
            "Waar de cijfers vandaan komen, bijvoorbeeld 'Klantvolgsysteem Werkplein, peildatum 1 januari'.",
            FieldType::Text { max: 300, lines: 1 },
        )
        .required(),
    ],
    computed: &[],
};

/// A draft of an own indicator: the fields as text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OwnIndicatorDraft {
    /// naam
    pub naam: String,
    /// omschrijving
    pub omschrijving: String,
    /// eenheid
    pub eenheid: String,
    /// richting
    pub richting: String,
    /// aggregatie
    pub aggregatie: String,
    /// thema
    pub thema: String,
    /// begrip
    pub begrip: String,
    /// bron
    pub bron: String,
}

/// A checked own indicator, as it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnIndicator {
    /// naam
    pub naam: String,
    /// omschrijving
    pub omschrijving: String,
    /// eenheid
    pub eenheid: String,
    /// One of [`DIRECTIONS`].
    pub richting: String,
    /// One of [`AGGREGATIONS`].
    pub aggregatie: String,
    /// One of [`THEMES`].
    pub thema: String,
    /// A concept id, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begrip: Option<String>,
    /// bron
    pub bron: String,
}

fn pick(c: &mut Check<'_>, field: &str, raw: &str, choices: &[Choice]) -> String {
    let raw = raw.trim();
    let found = choices.iter().find(|ch| ch.value == raw).map(|ch| ch.value.to_string());
    let all: Vec<&str> = choices.iter().map(|ch| ch.value).collect();
    c.choice(field, raw, found, format!("Kies uit {}.", all.join(", ")))
        .unwrap_or_default()
}

impl OwnIndicatorDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<OwnIndicator, Vec<Fault>> {
        let mut c = Check::new(known);
        let naam = c.text("naam", &self.naam, true, 120);
        let omschrijving = c.text("omschrijving", &self.omschrijving, true, 2000);
        let eenheid = c.text("eenheid", &self.eenheid, true, 40);
        let richting = pick(&mut c, "richting", &self.richting, DIRECTIONS);
        let aggregatie = pick(&mut c, "aggregatie", &self.aggregatie, AGGREGATIONS);
        let thema = pick(&mut c, "thema", &self.thema, THEMES);
        let begrip = self.begrip.trim();
        let begrip = (!begrip.is_empty() && c.concept("begrip", begrip)).then(|| begrip.to_string());
        let bron = c.text("bron", &self.bron, true, 300);
        c.done(Some(OwnIndicator {
            naam,
            omschrijving,
            eenheid,
            richting,
            aggregatie,
            thema,
            begrip,
            bron,
        }))
    }
}

/// The status of an uploaded figure, when the file gives one.
pub const FIGURE_STATUSES: &[&str] = &["definitief", "voorlopig", "nader voorlopig", "geschat"];

/// One uploaded figure.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnFigure {
    /// The area.
    pub region: RegionCode,
    /// The year.
    pub year: i32,
    /// The value.
    pub value: f64,
    /// One of [`FIGURE_STATUSES`], when given.
    pub status: Option<String>,
}

/// The first and last year a figure may have.
pub const FIGURE_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Reads a period cell: `2024`, or CBS's `2024JJ00`. The reason in Dutch when it is neither.
pub fn parse_year(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    let digits = t.strip_suffix("JJ00").unwrap_or(t);
    match digits.parse::<i32>() {
        Ok(y) if t.len() >= 4 && FIGURE_YEARS.contains(&y) => Ok(y),
        Ok(_) | Err(_) if t.is_empty() => Err("Vul het jaar in, bijvoorbeeld 2024.".into()),
        _ => Err(format!(
            "'{t}' is geen jaar tussen {} en {}; schrijf bijvoorbeeld 2024.",
            FIGURE_YEARS.start(),
            FIGURE_YEARS.end()
        )),
    }
}

/// Reads a status cell: empty, or one of [`FIGURE_STATUSES`] (any case).
pub fn parse_status(raw: &str) -> Result<Option<String>, String> {
    let t = raw.trim().to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    FIGURE_STATUSES
        .iter()
        .find(|s| **s == t)
        .map(|s| Some((*s).to_string()))
        .ok_or_else(|| {
            format!(
                "'{}' is geen status; kies uit {}.",
                raw.trim(),
                FIGURE_STATUSES.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_statuses_are_read_strictly() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert_eq!(parse_year(" 2023JJ00 "), Ok(2023));
        assert!(parse_year("24").is_err());
        assert!(parse_year("2024KW01").is_err());
        assert!(parse_year("").unwrap_err().contains("Vul het jaar in"));
        assert!(parse_year("3000").is_err());
        assert_eq!(parse_status("Voorlopig"), Ok(Some("voorlopig".into())));
        assert_eq!(parse_status(""), Ok(None));
        assert!(parse_status("ongeveer").unwrap_err().contains("definitief"));
    }

    #[test]
    fn the_theme_choices_are_the_pages_themes() {
        let values: Vec<&str> = THEMES.iter().map(|c| c.value).collect();
        assert_eq!(
            values,
            [
                "arbeid",
                "inkomen-en-uitkeringen",
                "economie-en-bedrijven",
                "bevolking",
                "wonen",
                "onderwijs"
            ]
        );
    }
}
