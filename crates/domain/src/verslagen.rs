// SPDX-License-Identifier: EUPL-1.2
//! Verslagen: meetings (bijeenkomsten) with their attendees, topics, decisions and report, and
//! the action items (actiepunten) that come out of them, each a register kind like the others.
//! A meeting may belong to a consultation body (overleg); an action item may come from a
//! meeting, with the sentence of the report it was found in.
//!
//! Like every domain module: the checked values, their drafts with a `parse` that reports every
//! fault at its field, and the kinds' descriptions. No I/O; reading a report file is
//! `samenhang_reports`, turning it into drafts the application's.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::coherence::Check;
use crate::ondernemers::FOLLOW_UP_STATUSES;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, ObjectList, RegionSet};

const SHORT: FieldType = FieldType::Text { max: 200, lines: 1 };
const NAME: FieldType = FieldType::Text { max: 120, lines: 1 };

/// The longest report text kept with a meeting, in characters.
pub const REPORT_MAX: usize = 100_000;

/// What an action item is.
pub const ACTION_KINDS: &[Choice] = &[
    Choice {
        value: "actiepunt",
        label: "Actiepunt",
    },
    Choice {
        value: "aanbeveling",
        label: "Aanbeveling",
    },
];

const ATTENDEE_FIELDS: &[Field] = &[
    Field::new(
        "persoon",
        "Persoon",
        "De persoon uit het register, als die erin staat.",
        FieldType::Record("persoon"),
    ),
    Field::new(
        "naam",
        "Naam",
        "De naam zoals in het verslag, als de persoon niet in het register staat.",
        NAME,
    ),
    Field::new(
        "organisatie",
        "Organisatie",
        "De organisatie of gemeente zoals in het verslag (bijvoorbeeld VNG of Enschede).",
        NAME,
    ),
    Field::new(
        "rol",
        "Rol",
        "Bijvoorbeeld wethouder, voorzitter of gast.",
        FieldType::Text { max: 80, lines: 1 },
    ),
];

/// The attendees of a meeting: one CSV line each, recognised by a filled `aanwezige`.
pub const ATTENDEES: ObjectList = ObjectList {
    entry: "aanwezige",
    fields: ATTENDEE_FIELDS,
    marker: "aanwezige",
    columns: &[
        ("naam", "aanwezige"),
        ("persoon", "aanwezigePersoon"),
        ("organisatie", "aanwezigeOrganisatie"),
        ("rol", "aanwezigeRol"),
    ],
};

const TOPIC_FIELDS: &[Field] = &[
    Field::new(
        "titel",
        "Onderwerp",
        "Waar het over ging.",
        FieldType::Text { max: 300, lines: 1 },
    )
    .required(),
    Field::new(
        "presentatoren",
        "Ingeleid door",
        "Wie het onderwerp inleidde, zoals in het verslag.",
        FieldType::Text { max: 300, lines: 1 },
    ),
];

/// The topics of a meeting: one CSV line each, recognised by a filled `onderwerp`.
pub const TOPICS: ObjectList = ObjectList {
    entry: "onderwerp",
    fields: TOPIC_FIELDS,
    marker: "onderwerp",
    columns: &[("titel", "onderwerp"), ("presentatoren", "onderwerpIngeleidDoor")],
};

const DECISION_FIELDS: &[Field] = &[Field::new(
    "tekst",
    "Besluit",
    "Wat is besloten of afgesproken.",
    FieldType::Text { max: 2000, lines: 2 },
)
.required()];

/// The decisions of a meeting: one CSV line each, recognised by a filled `besluit`.
pub const DECISIONS: ObjectList = ObjectList {
    entry: "besluit",
    fields: DECISION_FIELDS,
    marker: "besluit",
    columns: &[("tekst", "besluit")],
};

const MUNICIPALITY_FIELDS: &[Field] = &[Field::new(
    "gebied",
    "Gemeente",
    "Een gemeente waar het verslag over gaat.",
    FieldType::Region(RegionSet::Municipality),
)
.required()];

/// The gemeenten a report names: one CSV line each, recognised by a filled `gemeente`.
pub const MUNICIPALITIES: ObjectList = ObjectList {
    entry: "gemeente",
    fields: MUNICIPALITY_FIELDS,
    marker: "gemeente",
    columns: &[("gebied", "gemeente")],
};

/// Bijeenkomsten: meetings of a consultation body, or on their own.
pub const MEETING_SPEC: KindSpec = KindSpec {
    kind: "bijeenkomst",
    collection: "bijeenkomsten",
    singular: "bijeenkomst",
    plural: "bijeenkomsten",
    article: Article::De,
    schema: "Bijeenkomst",
    tag: "Verslagen",
    about: "Bijeenkomsten van een overleg, of los: datum, tijd, plaats, aanwezigen, onderwerpen, besluiten en het \
            verslag. Een verslag (tekst, Markdown, PDF of Word) wordt een voorstel dat u controleert voor het wordt \
            opgeslagen.",
    title_field: "titel",
    fields: &[
        Field::new("titel", "Titel", "De naam van de bijeenkomst.", SHORT).required(),
        Field::new(
            "overleg",
            "Overleg",
            "Het overleg waarvan dit een bijeenkomst is.",
            FieldType::Record("overleg"),
        ),
        Field::new("datum", "Datum", "De dag van de bijeenkomst.", FieldType::Date).required(),
        Field::new("begintijd", "Begintijd", "Wanneer het begon.", FieldType::Time),
        Field::new("eindtijd", "Eindtijd", "Wanneer het eindigde.", FieldType::Time),
        Field::new("locatie", "Locatie", "Waar, of hoe (digitaal).", SHORT),
        Field::new(
            "aanwezigen",
            "Aanwezigen",
            "Wie er waren: een persoon uit het register, of een naam met organisatie.",
            FieldType::Objects(&ATTENDEES),
        ),
        Field::new(
            "afwezig",
            "Afwezig",
            "Wie zich had afgemeld.",
            FieldType::Text { max: 1000, lines: 2 },
        ),
        Field::new("notulist", "Notulist", "Wie het verslag maakte.", NAME),
        Field::new(
            "onderwerpen",
            "Onderwerpen",
            "Waar het over ging en wie het inleidde.",
            FieldType::Objects(&TOPICS),
        ),
        Field::new(
            "besluiten",
            "Besluiten",
            "Wat is besloten of afgesproken.",
            FieldType::Objects(&DECISIONS),
        ),
        Field::new(
            "gemeenten",
            "Gemeenten",
            "De gemeenten waar het verslag over gaat.",
            FieldType::Objects(&MUNICIPALITIES),
        ),
        Field::new(
            "verslag",
            "Verslag",
            "De tekst van het verslag.",
            FieldType::Text {
                max: REPORT_MAX,
                lines: 12,
            },
        ),
        Field::new(
            "bronbestand",
            "Bronbestand",
            "Het bestand waaruit het verslag is ingelezen.",
            SHORT,
        ),
        Field::new(
            "themas",
            "Thema's",
            "Waar de bijeenkomst over ging (begrippen).",
            FieldType::Concepts,
        )
        .theme(),
    ],
    computed: &[Field::new(
        "samenvatting",
        "Samenvatting",
        "Een paar zinnen uit het verslag die het meeste van de inhoud dragen, gekozen zonder iets te herschrijven \
         (een suggestie).",
        FieldType::Text { max: 4000, lines: 3 },
    )],
};

const UPDATE_FIELDS: &[Field] = &[
    Field::new("datum", "Datum", "Wanneer.", FieldType::Date).required(),
    Field::new(
        "tekst",
        "Stand van zaken",
        "Wat er is gebeurd.",
        FieldType::Text { max: 1000, lines: 2 },
    )
    .required(),
];

/// The updates of an action item: one CSV line each, recognised by a filled `update`.
pub const UPDATES: ObjectList = ObjectList {
    entry: "update",
    fields: UPDATE_FIELDS,
    marker: "update",
    columns: &[("datum", "updateDatum"), ("tekst", "update")],
};

/// Actiepunten: what someone will do, from a meeting or on their own.
pub const ACTION_ITEM_SPEC: KindSpec = KindSpec {
    kind: "actiepunt",
    collection: "actiepunten",
    singular: "actiepunt",
    plural: "actiepunten",
    article: Article::Het,
    schema: "Actiepunt",
    tag: "Verslagen",
    about: "Actiepunten en aanbevelingen: wat, door wie (een persoon of een organisatie), wanneer, de stand van \
            zaken, en de bijeenkomst en de zin uit het verslag waar het vandaan komt.",
    title_field: "wat",
    fields: &[
        Field::new(
            "wat",
            "Wat",
            "Wat er moet gebeuren.",
            FieldType::Text { max: 1000, lines: 2 },
        )
        .required(),
        Field::new(
            "soort",
            "Soort",
            "Een actiepunt (iemand doet iets) of een aanbeveling (een advies); standaard actiepunt.",
            FieldType::Choice(ACTION_KINDS),
        ),
        Field::new(
            "bijeenkomst",
            "Bijeenkomst",
            "De bijeenkomst waar het is afgesproken.",
            FieldType::Record("bijeenkomst"),
        ),
        Field::new(
            "eigenaar",
            "Eigenaar",
            "De persoon die het oppakt.",
            FieldType::Record("persoon"),
        ),
        Field::new(
            "eigenaarOrganisatie",
            "Organisatie van de eigenaar",
            "De organisatie die het oppakt, als er geen persoon is genoemd.",
            FieldType::Organisation,
        ),
        Field::new("deadline", "Deadline", "Wanneer het klaar moet zijn.", FieldType::Date),
        Field::new(
            "status",
            "Status",
            "Open, in uitvoering, afgedaan of vervallen (standaard open).",
            FieldType::Choice(FOLLOW_UP_STATUSES),
        ),
        Field::new(
            "afgedaanOp",
            "Afgedaan op",
            "De dag waarop het is afgedaan.",
            FieldType::Date,
        ),
        Field::new(
            "bronzin",
            "Uit het verslag",
            "De zin of het punt uit het verslag waar dit actiepunt uit komt.",
            FieldType::Text { max: 2000, lines: 2 },
        ),
        Field::new(
            "updates",
            "Stand van zaken",
            "Wat er sindsdien is gebeurd, met de datum.",
            FieldType::Objects(&UPDATES),
        ),
        Field::new(
            "themas",
            "Thema's",
            "Waar het over gaat (begrippen).",
            FieldType::Concepts,
        )
        .theme(),
    ],
    computed: &[],
};

/// One attendee as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRecord {
    /// A person of the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persoon: Option<String>,
    /// A name, as the report gives it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub naam: String,
    /// An organisation or gemeente, as the report gives it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisatie: String,
    /// A role.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rol: String,
}

/// One topic as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRecord {
    /// Title.
    pub titel: String,
    /// Who introduced it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub presentatoren: String,
}

/// One decision as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// Its text.
    pub tekst: String,
}

/// One gemeente a report names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityRecord {
    /// Its code.
    pub gebied: RegionCode,
}

/// A meeting (bijeenkomst).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Title.
    pub titel: String,
    /// The consultation body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overleg: Option<String>,
    /// The day.
    pub datum: NaiveDate,
    /// Start, `hh:mm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begintijd: Option<String>,
    /// End, `hh:mm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eindtijd: Option<String>,
    /// Where.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locatie: String,
    /// Who were there.
    #[serde(default)]
    pub aanwezigen: Vec<AttendeeRecord>,
    /// Who sent apologies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub afwezig: String,
    /// Who took the minutes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notulist: String,
    /// The topics.
    #[serde(default)]
    pub onderwerpen: Vec<TopicRecord>,
    /// The decisions.
    #[serde(default)]
    pub besluiten: Vec<DecisionRecord>,
    /// The gemeenten it is about.
    #[serde(default)]
    pub gemeenten: Vec<MunicipalityRecord>,
    /// The report's text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verslag: String,
    /// The file it was read from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bronbestand: String,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
}

/// An update of an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateRecord {
    /// When.
    pub datum: NaiveDate,
    /// What happened.
    pub tekst: String,
}

/// An action item (actiepunt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    /// What.
    pub wat: String,
    /// `actiepunt` or `aanbeveling`.
    pub soort: String,
    /// The meeting it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bijeenkomst: Option<String>,
    /// The person who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eigenaar: Option<String>,
    /// The organisation that does it.
    #[serde(default, rename = "eigenaarOrganisatie", skip_serializing_if = "Option::is_none")]
    pub eigenaar_organisatie: Option<String>,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// `open`, `in-uitvoering`, `afgedaan` or `vervallen`.
    pub status: String,
    /// When it was done.
    #[serde(default, rename = "afgedaanOp", skip_serializing_if = "Option::is_none")]
    pub afgedaan_op: Option<NaiveDate>,
    /// The report's sentence it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bronzin: String,
    /// What happened since.
    #[serde(default)]
    pub updates: Vec<UpdateRecord>,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
}

impl ActionItem {
    /// Whether it still has to be done.
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "open" | "in-uitvoering")
    }

    /// Whether it is open after its deadline on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.deadline.is_some_and(|d| d < today)
    }
}

/// An attendee as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AttendeeDraft {
    /// persoon
    pub persoon: String,
    /// naam
    pub naam: String,
    /// organisatie
    pub organisatie: String,
    /// rol
    pub rol: String,
}

/// A topic as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TopicDraft {
    /// titel
    pub titel: String,
    /// presentatoren
    pub presentatoren: String,
}

/// A decision as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DecisionDraft {
    /// tekst
    pub tekst: String,
}

/// A gemeente as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MunicipalityDraft {
    /// gebied
    pub gebied: String,
}

/// A meeting as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MeetingDraft {
    /// titel
    pub titel: String,
    /// overleg
    pub overleg: String,
    /// datum
    pub datum: String,
    /// begintijd
    pub begintijd: String,
    /// eindtijd
    pub eindtijd: String,
    /// locatie
    pub locatie: String,
    /// aanwezigen
    pub aanwezigen: Vec<AttendeeDraft>,
    /// afwezig
    pub afwezig: String,
    /// notulist
    pub notulist: String,
    /// onderwerpen
    pub onderwerpen: Vec<TopicDraft>,
    /// besluiten
    pub besluiten: Vec<DecisionDraft>,
    /// gemeenten
    pub gemeenten: Vec<MunicipalityDraft>,
    /// verslag
    pub verslag: String,
    /// bronbestand
    pub bronbestand: String,
    /// themas
    pub themas: Vec<String>,
}

/// A time of day as `hh:mm` from "14:00", "14.00" or "9:30".
pub fn time_of_day(raw: &str) -> Option<String> {
    let (h, m) = raw.trim().split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60 && !raw.trim().ends_with(['.', ':'])).then(|| format!("{h:02}:{m:02}"))
}

impl MeetingDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Meeting, Vec<Fault>> {
        let mut c = Check::new(known);
        let titel = c.text("titel", &self.titel, true, 200);
        let overleg = c.record("overleg", "overleg", "overleg", &self.overleg, false);
        let datum = c.required_date("datum", &self.datum);
        let time = |c: &mut Check, field: &str, raw: &str| {
            if raw.trim().is_empty() {
                return None;
            }
            let t = time_of_day(raw);
            if t.is_none() {
                c.fault(
                    field,
                    "format",
                    format!("'{}' is geen tijd; schrijf bijvoorbeeld 14:00.", raw.trim()),
                );
            }
            t
        };
        let begintijd = time(&mut c, "begintijd", &self.begintijd);
        let eindtijd = time(&mut c, "eindtijd", &self.eindtijd);
        if let (Some(b), Some(e)) = (&begintijd, &eindtijd) {
            if e < b {
                c.fault("eindtijd", "range", "De eindtijd ligt voor de begintijd.");
            }
        }
        let locatie = c.text("locatie", &self.locatie, false, 200);
        let mut aanwezigen = Vec::new();
        for (i, a) in self.aanwezigen.iter().enumerate() {
            let at = |f: &str| format!("aanwezigen[{i}].{f}");
            let persoon = c.record(&at("persoon"), "persoon", "persoon", &a.persoon, false);
            let naam = c.text(&at("naam"), &a.naam, false, 120);
            let organisatie = c.text(&at("organisatie"), &a.organisatie, false, 120);
            let rol = c.text(&at("rol"), &a.rol, false, 80);
            if a.persoon.trim().is_empty() && naam.is_empty() && organisatie.is_empty() {
                c.fault(
                    &at("naam"),
                    "required",
                    "Kies een persoon uit het register, of vul een naam of organisatie in.",
                );
                continue;
            }
            aanwezigen.push(AttendeeRecord {
                persoon,
                naam,
                organisatie,
                rol,
            });
        }
        let afwezig = c.text("afwezig", &self.afwezig, false, 1000);
        let notulist = c.text("notulist", &self.notulist, false, 120);
        let mut onderwerpen = Vec::new();
        for (i, t) in self.onderwerpen.iter().enumerate() {
            let titel = c.text(&format!("onderwerpen[{i}].titel"), &t.titel, true, 300);
            let presentatoren = c.text(&format!("onderwerpen[{i}].presentatoren"), &t.presentatoren, false, 300);
            if !titel.is_empty() {
                onderwerpen.push(TopicRecord { titel, presentatoren });
            }
        }
        let mut besluiten = Vec::new();
        for (i, d) in self.besluiten.iter().enumerate() {
            let tekst = c.text(&format!("besluiten[{i}].tekst"), &d.tekst, true, 2000);
            if !tekst.is_empty() {
                besluiten.push(DecisionRecord { tekst });
            }
        }
        let mut gemeenten: Vec<MunicipalityRecord> = Vec::new();
        for (i, g) in self.gemeenten.iter().enumerate() {
            let field = format!("gemeenten[{i}].gebied");
            match RegionCode::parse(g.gebied.trim()) {
                Ok(code @ RegionCode::Municipality(_)) if known.region(code) => {
                    if !gemeenten.iter().any(|x| x.gebied == code) {
                        gemeenten.push(MunicipalityRecord { gebied: code });
                    }
                }
                _ => c.fault(
                    &field,
                    "unknown",
                    format!("'{}' is geen gemeente; gebruik een code als GM0153.", g.gebied.trim()),
                ),
            }
        }
        let verslag = c.text("verslag", &self.verslag, false, REPORT_MAX);
        let bronbestand = c.text("bronbestand", &self.bronbestand, false, 200);
        let themas = c.concepts("themas", &self.themas, false);
        let value = datum.map(|datum| Meeting {
            titel,
            overleg,
            datum,
            begintijd,
            eindtijd,
            locatie,
            aanwezigen,
            afwezig,
            notulist,
            onderwerpen,
            besluiten,
            gemeenten,
            verslag,
            bronbestand,
            themas,
        });
        c.done(value)
    }
}

/// An update as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct UpdateDraft {
    /// datum
    pub datum: String,
    /// tekst
    pub tekst: String,
}

/// An action item as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ActionItemDraft {
    /// wat
    pub wat: String,
    /// soort
    pub soort: String,
    /// bijeenkomst
    pub bijeenkomst: String,
    /// eigenaar
    pub eigenaar: String,
    /// eigenaarOrganisatie
    #[serde(rename = "eigenaarOrganisatie")]
    pub eigenaar_organisatie: String,
    /// deadline
    pub deadline: String,
    /// status
    pub status: String,
    /// afgedaanOp
    #[serde(rename = "afgedaanOp")]
    pub afgedaan_op: String,
    /// bronzin
    pub bronzin: String,
    /// updates
    pub updates: Vec<UpdateDraft>,
    /// themas
    pub themas: Vec<String>,
}

impl ActionItemDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<ActionItem, Vec<Fault>> {
        let mut c = Check::new(known);
        let wat = c.text("wat", &self.wat, true, 1000);
        let soort = if self.soort.trim().is_empty() {
            Some("actiepunt".to_string())
        } else {
            c.optional_choice("soort", &self.soort, ACTION_KINDS)
        };
        let bijeenkomst = c.record("bijeenkomst", "bijeenkomst", "bijeenkomst", &self.bijeenkomst, false);
        let eigenaar = c.record("eigenaar", "persoon", "persoon", &self.eigenaar, false);
        let eigenaar_organisatie = match self.eigenaar_organisatie.trim() {
            "" => None,
            id => Some(c.organisation("eigenaarOrganisatie", id)),
        };
        let deadline = c.date("deadline", &self.deadline);
        let status = if self.status.trim().is_empty() {
            Some("open".to_string())
        } else {
            c.optional_choice("status", &self.status, FOLLOW_UP_STATUSES)
        };
        let afgedaan_op = c.date("afgedaanOp", &self.afgedaan_op);
        if afgedaan_op.is_some_and(|d| d > known.today()) {
            c.fault("afgedaanOp", "range", "Afgedaan op ligt niet in de toekomst.");
        }
        let bronzin = c.text("bronzin", &self.bronzin, false, 2000);
        let mut updates = Vec::new();
        for (i, u) in self.updates.iter().enumerate() {
            let datum = c.required_date(&format!("updates[{i}].datum"), &u.datum);
            let tekst = c.text(&format!("updates[{i}].tekst"), &u.tekst, true, 1000);
            if let Some(datum) = datum.filter(|_| !tekst.is_empty()) {
                if datum > known.today() {
                    c.fault(
                        &format!("updates[{i}].datum"),
                        "range",
                        "Een update ligt niet in de toekomst.",
                    );
                }
                updates.push(UpdateRecord { datum, tekst });
            }
        }
        updates.sort_by_key(|u| u.datum);
        let themas = c.concepts("themas", &self.themas, false);
        let value = match (soort, status) {
            (Some(soort), Some(status)) => Some(ActionItem {
                wat,
                soort,
                bijeenkomst,
                eigenaar,
                eigenaar_organisatie,
                deadline,
                // Marked done without a date: done today.
                afgedaan_op: afgedaan_op.or_else(|| (status == "afgedaan").then(|| known.today())),
                status,
                bronzin,
                updates,
                themas,
            }),
            _ => None,
        };
        c.done(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registers::testing::Everything;

    #[test]
    fn times_and_a_meeting_with_every_fault_at_once() {
        assert_eq!(time_of_day("14.00").as_deref(), Some("14:00"));
        assert_eq!(time_of_day("9:30").as_deref(), Some("09:30"));
        assert_eq!(time_of_day("25:00"), None);
        assert_eq!(time_of_day("14"), None);
        let draft = MeetingDraft {
            titel: String::new(),
            datum: "16-04-2025".into(),
            begintijd: "15.30".into(),
            eindtijd: "14.00".into(),
            aanwezigen: vec![AttendeeDraft::default()],
            gemeenten: vec![MunicipalityDraft { gebied: "AM05".into() }],
            ..MeetingDraft::default()
        };
        let faults = draft.parse(&Everything).unwrap_err();
        let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "titel",
                "datum",
                "eindtijd",
                "aanwezigen[0].naam",
                "gemeenten[0].gebied"
            ]
        );
    }

    #[test]
    fn an_action_item_defaults_and_its_overdue_state() {
        let a = ActionItemDraft {
            wat: "Cijfers aanleveren".into(),
            deadline: "2026-03-01".into(),
            ..ActionItemDraft::default()
        }
        .parse(&Everything)
        .unwrap();
        assert_eq!((a.soort.as_str(), a.status.as_str()), ("actiepunt", "open"));
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(a.overdue(day("2026-03-02")) && !a.overdue(day("2026-03-01")));
        let done = ActionItemDraft {
            wat: "x".into(),
            status: "afgedaan".into(),
            updates: vec![UpdateDraft {
                datum: "2026-01-05".into(),
                tekst: "Geleverd".into(),
            }],
            ..ActionItemDraft::default()
        }
        .parse(&Everything)
        .unwrap();
        assert!(done.afgedaan_op.is_some() && !done.overdue(day("2030-01-01")));
    }
}
