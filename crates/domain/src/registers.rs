// SPDX-License-Identifier: EUPL-1.2
//! The records of the Afspraken area that issue 6 adds: people with their function, portfolio
//! and themes; goals (doelen) tied to an indicator with a baseline and a target; agendas that
//! group goals. Each is parsed from a draft of plain strings (from JSON or a CSV row) into a
//! checked value, reporting every fault with its field at once. Whether a concept, region,
//! indicator or organisation exists is asked of a [`Known`], so this module stays free of I/O.
//!
//! [`progress`] computes a goal's progress from an indicator series.

use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, RegionSet};

const TITLE: FieldType = FieldType::Text { max: 200, lines: 1 };
const DESCRIPTION: FieldType = FieldType::Text {
    max: MAX_TEXT,
    lines: 4,
};
const THEMES: Field = Field::new(
    "themas",
    "Thema's",
    "Begrippen uit het begrippenkader waar dit over gaat; de themapagina van elk begrip toont het.",
    FieldType::Concepts,
)
.theme();

/// The choices of [`Function`].
pub const FUNCTIONS: &[Choice] = &[
    Choice {
        value: "wethouder",
        label: "Wethouder",
    },
    Choice {
        value: "gedeputeerde",
        label: "Gedeputeerde",
    },
    Choice {
        value: "bestuurder",
        label: "Bestuurder van een partner",
    },
    Choice {
        value: "accountmanager",
        label: "Accountmanager",
    },
    Choice {
        value: "beleidsadviseur",
        label: "Beleidsadviseur",
    },
    Choice {
        value: "overig",
        label: "Anders",
    },
];

/// Personen: aldermen, accountmanagers and other people, with only what work needs.
pub const PERSON_SPEC: KindSpec = KindSpec {
    kind: "persoon",
    collection: "personen",
    singular: "persoon",
    plural: "personen",
    article: Article::De,
    schema: "Persoon",
    tag: "Personen",
    about: "Wethouders, accountmanagers en anderen, met hun functie, portefeuille en thema's. Van een persoon staat \
            alleen wat het werk vraagt: naam, functie en werkcontact.",
    title_field: "naam",
    fields: &[
        Field::new("naam", "Naam", "Voor- en achternaam.", TITLE).required(),
        Field::new(
            "functie",
            "Functie",
            "Wat deze persoon doet.",
            FieldType::Choice(FUNCTIONS),
        )
        .required(),
        Field::new(
            "portefeuille",
            "Portefeuille",
            "De portefeuille in woorden, bijvoorbeeld 'Economie, werk en inkomen'.",
            FieldType::Text { max: 500, lines: 1 },
        ),
        THEMES,
        Field::new(
            "email",
            "E-mailadres (werk)",
            "Het e-mailadres op het werk.",
            FieldType::Email,
        ),
        Field::new(
            "telefoon",
            "Telefoon (werk)",
            "Het telefoonnummer op het werk.",
            FieldType::Phone,
        ),
    ],
    computed: &[],
};

/// Doelen: a target on an indicator for a region, whose progress follows from the figures.
pub const GOAL_SPEC: KindSpec = KindSpec {
    kind: "doel",
    collection: "doelen",
    singular: "doel",
    plural: "doelen",
    article: Article::Het,
    schema: "Doel",
    tag: "Doelen",
    about: "Doelen met thema's, eigenaar, gebied en een indicator met basis- en streefwaarde; de voortgang volgt \
            uit de cijfers.",
    title_field: "titel",
    fields: &[
        Field::new("titel", "Titel", "Een korte titel.", TITLE).required(),
        Field::new("omschrijving", "Omschrijving", "Wat en waarom.", DESCRIPTION),
        THEMES,
        Field::new(
            "eigenaar",
            "Eigenaar",
            "De persoon die verantwoordelijk is, bijvoorbeeld de wethouder.",
            FieldType::Record("persoon"),
        ),
        Field::new(
            "gebied",
            "Gebied",
            "De gemeente of arbeidsmarktregio waar het doel over gaat.",
            FieldType::Region(RegionSet::Any),
        )
        .required(),
        Field::new(
            "indicator",
            "Indicator",
            "De indicator waarop de voortgang wordt gemeten.",
            FieldType::Indicator,
        )
        .required(),
        Field::new(
            "basisjaar",
            "Basisjaar",
            "Het jaar van de beginwaarde.",
            FieldType::Year,
        )
        .required(),
        Field::new(
            "basiswaarde",
            "Basiswaarde",
            "De waarde van de indicator in het basisjaar. Laat u dit leeg, dan wordt het cijfer van het basisjaar voor het gebied ingevuld.",
            FieldType::Number {
                unit: "",
                min: f64::MIN,
                max: f64::MAX,
                decimals: 1,
            },
        ),
        Field::new(
            "streefjaar",
            "Streefjaar",
            "Het jaar waarin het doel bereikt moet zijn.",
            FieldType::Year,
        )
        .required(),
        Field::new(
            "streefwaarde",
            "Streefwaarde",
            "De waarde die de indicator in het streefjaar moet hebben.",
            FieldType::Number {
                unit: "",
                min: f64::MIN,
                max: f64::MAX,
                decimals: 1,
            },
        )
        .required(),
    ],
    computed: &[GOAL_PROGRESS],
};

/// The choices of [`ProgressStatus`].
pub const PROGRESS_STATUSES: &[Choice] = &[
    Choice {
        value: "behaald",
        label: "behaald",
    },
    Choice {
        value: "opKoers",
        label: "op koers",
    },
    Choice {
        value: "achter",
        label: "achter op schema",
    },
    Choice {
        value: "geenGegevens",
        label: "nog geen cijfers na het basisjaar",
    },
    Choice {
        value: "nietBehaald",
        label: "niet behaald",
    },
    Choice {
        value: "streefjaarVoorbij",
        label: "streefjaar voorbij, cijfers van het streefjaar ontbreken",
    },
];

const VALUE: FieldType = FieldType::Number {
    unit: "",
    min: f64::MIN,
    max: f64::MAX,
    decimals: 1,
};

/// A goal's progress as the representation shows it.
pub const GOAL_PROGRESS: Field = Field::new(
    "voortgang",
    "Voortgang",
    "De voortgang, berekend uit de cijfers van de indicator voor het gebied van het doel.",
    FieldType::Object(&[
        Field::new(
            "status",
            "Status",
            "Waar het doel staat.",
            FieldType::Choice(PROGRESS_STATUSES),
        )
        .required(),
        Field::new("omschrijving", "Omschrijving", "De status in woorden.", TITLE).required(),
        Field::new(
            "laatsteJaar",
            "Laatste jaar",
            "Het jaar van het laatste cijfer na het basisjaar.",
            FieldType::Year,
        ),
        Field::new(
            "laatsteWaarde",
            "Laatste waarde",
            "Het laatste cijfer na het basisjaar.",
            VALUE,
        ),
        Field::new(
            "verwachteWaarde",
            "Verwachte waarde",
            "Waar de rechte lijn van basis- naar streefwaarde in dat jaar is.",
            VALUE,
        ),
        Field::new(
            "trendPerJaar",
            "Trend per jaar",
            "De verandering per jaar sinds het basisjaar.",
            VALUE,
        ),
        Field::new(
            "nodigPerJaar",
            "Nodig per jaar",
            "De verandering per jaar die nog nodig is om het streefjaar te halen.",
            VALUE,
        ),
        Field::new(
            "aandeelGerealiseerd",
            "Aandeel gerealiseerd",
            "Het deel van de weg van basis- naar streefwaarde dat is afgelegd (1 = bereikt).",
            VALUE,
        ),
        Field::new("eenheid", "Eenheid", "De eenheid van de indicator.", TITLE).required(),
        Field::new("bron", "Bron", "De bron van de cijfers.", TITLE).required(),
    ]),
);

/// Agenda's: goals grouped, for example the multi-year agenda of a Regionaal Werkcentrum.
pub const AGENDA_SPEC: KindSpec = KindSpec {
    kind: "agenda",
    collection: "agendas",
    singular: "agenda",
    plural: "agenda's",
    article: Article::De,
    schema: "Agenda",
    tag: "Agendas",
    about: "Agenda's die doelen bundelen, zoals de meerjarenagenda van een Regionaal Werkcentrum.",
    title_field: "titel",
    fields: &[
        Field::new("titel", "Titel", "De naam van de agenda.", TITLE).required(),
        Field::new("omschrijving", "Omschrijving", "Waar de agenda voor is.", DESCRIPTION),
        Field::new(
            "gebied",
            "Gebied",
            "Het gebied van de agenda, als die er een heeft.",
            FieldType::Region(RegionSet::Any),
        ),
        Field::new("vanaf", "Vanaf", "Het eerste jaar.", FieldType::Year),
        Field::new("tot", "Tot en met", "Het laatste jaar.", FieldType::Year),
        Field::new(
            "doelen",
            "Doelen",
            "De doelen van de agenda, in volgorde.",
            FieldType::Records("doel"),
        ),
    ],
    computed: &[],
};

/// One fault in a draft: the field (the Dutch property name) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Dutch property name.
    pub field: String,
    /// Machine-readable code (`required`, `enum`, `unknown`, `range`, `format`).
    pub code: &'static str,
    /// What is wrong, in Dutch.
    pub reason: String,
}

impl Fault {
    fn new(field: &str, code: &'static str, reason: impl Into<String>) -> Fault {
        Fault {
            field: field.into(),
            code,
            reason: reason.into(),
        }
    }
}

/// What exists, for checking references.
pub trait Known {
    /// A concept id in the begrippenkader.
    fn concept(&self, id: &str) -> bool;
    /// A region code in the registry.
    fn region(&self, code: RegionCode) -> bool;
    /// An indicator id.
    fn indicator(&self, id: &str) -> bool;
    /// An organisation id.
    fn organisation(&self, id: &str) -> bool;
    /// A record of `kind` the caller may see (or, on a change, one it referred to before that
    /// the caller cannot see, which the change keeps).
    fn record(&self, kind: &str, id: &str) -> bool;
    /// The period (`begindatum`, `einddatum`) of a record of `kind` the caller may see and that
    /// the draft refers to, for a check that depends on it (a contribution within its
    /// obligation's period); `None` when it is not known.
    fn record_period(&self, _kind: &str, _id: &str) -> Option<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> {
        None
    }
    /// The valuation tables (shipped and registered) other than the one the draft changes, for
    /// a new version's check against the versions that exist.
    fn valuation_tables(&self) -> Vec<crate::sroi::ValuationTable> {
        Vec::new()
    }
    /// Whether concept `id` lies under `ancestor` (through broader concepts).
    fn within(&self, id: &str, ancestor: &str) -> bool;
    /// Whether the SBI 2008 list holds this section (A–U).
    fn sbi_section(&self, section: char) -> bool;
    /// Today, for dates that may not lie in the future.
    fn today(&self) -> chrono::NaiveDate;
    /// The published figure of an indicator for a region in a year, where there is one (a
    /// goal's base value left empty is taken from it).
    fn figure(&self, _indicator: &str, _region: RegionCode, _year: i32) -> Option<f64> {
        None
    }
}

/// What a person does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Function {
    /// wethouder (alderman)
    #[serde(rename = "wethouder")]
    Alderman,
    /// gedeputeerde (provincial executive)
    #[serde(rename = "gedeputeerde")]
    ProvincialExecutive,
    /// bestuurder of a partner body
    #[serde(rename = "bestuurder")]
    Director,
    /// accountmanager (werkgeversdienstverlening)
    #[serde(rename = "accountmanager")]
    AccountManager,
    /// beleidsadviseur
    #[serde(rename = "beleidsadviseur")]
    PolicyAdviser,
    /// anything else
    #[serde(rename = "overig")]
    Other,
}

impl Function {
    /// Every function.
    pub const ALL: [Function; 6] = [
        Function::Alderman,
        Function::ProvincialExecutive,
        Function::Director,
        Function::AccountManager,
        Function::PolicyAdviser,
        Function::Other,
    ];

    /// The Dutch code.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::Alderman => "wethouder",
            Function::ProvincialExecutive => "gedeputeerde",
            Function::Director => "bestuurder",
            Function::AccountManager => "accountmanager",
            Function::PolicyAdviser => "beleidsadviseur",
            Function::Other => "overig",
        }
    }

    /// Parses the Dutch code.
    pub fn parse(s: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.as_str() == s.trim())
    }

    /// Whether this is an administrator (wethouder, gedeputeerde, bestuurder): the people the
    /// DUO view couples to themes.
    pub fn is_administrator(self) -> bool {
        matches!(
            self,
            Function::Alderman | Function::ProvincialExecutive | Function::Director
        )
    }
}

/// A person: only what work needs (name, function, portfolio, themes, work contact).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Full name.
    pub naam: String,
    /// What the person does.
    pub functie: Function,
    /// Portfolio (portefeuille), in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portefeuille: Option<String>,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
    /// Work e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Work telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
}

/// A person as entered: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PersonDraft {
    /// naam
    pub naam: String,
    /// functie
    pub functie: String,
    /// portefeuille
    pub portefeuille: String,
    /// themas (concept ids)
    pub themas: Vec<String>,
    /// email
    pub email: String,
    /// telefoon
    pub telefoon: String,
}

/// A goal: a target on an indicator for a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    /// Short title.
    pub titel: String,
    /// What and why.
    #[serde(default)]
    pub omschrijving: String,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
    /// Owner: a person id (for example the alderman).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eigenaar: Option<String>,
    /// The region the goal is about.
    pub gebied: RegionCode,
    /// The indicator id.
    pub indicator: String,
    /// Year of the baseline.
    pub basisjaar: i32,
    /// Value in the baseline year.
    pub basiswaarde: f64,
    /// Year by which the target should be met.
    pub streefjaar: i32,
    /// The target value.
    pub streefwaarde: f64,
}

/// A goal as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GoalDraft {
    /// titel
    pub titel: String,
    /// omschrijving
    pub omschrijving: String,
    /// themas
    pub themas: Vec<String>,
    /// eigenaar (person id)
    pub eigenaar: String,
    /// gebied (region code)
    pub gebied: String,
    /// indicator id
    pub indicator: String,
    /// basisjaar
    pub basisjaar: Option<f64>,
    /// basiswaarde
    pub basiswaarde: Option<f64>,
    /// streefjaar
    pub streefjaar: Option<f64>,
    /// streefwaarde
    pub streefwaarde: Option<f64>,
}

/// An agenda: goals grouped, for example a Regionaal Werkcentrum's multi-year agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    /// Title.
    pub titel: String,
    /// What the agenda is for.
    #[serde(default)]
    pub omschrijving: String,
    /// The region it covers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gebied: Option<RegionCode>,
    /// First year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanaf: Option<i32>,
    /// Last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tot: Option<i32>,
    /// Goal ids, in the agenda's order.
    #[serde(default)]
    pub doelen: Vec<String>,
}

/// An agenda as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AgendaDraft {
    /// titel
    pub titel: String,
    /// omschrijving
    pub omschrijving: String,
    /// gebied
    pub gebied: String,
    /// vanaf
    pub vanaf: Option<f64>,
    /// tot
    pub tot: Option<f64>,
    /// doelen
    pub doelen: Vec<String>,
}

const MAX_TEXT: usize = 2000;

fn required(faults: &mut Vec<Fault>, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        faults.push(Fault::new(field, "required", "Vul dit veld in."));
    } else if v.chars().count() > max {
        faults.push(Fault::new(field, "range", format!("Gebruik hoogstens {max} tekens.")));
    }
    v.to_string()
}

fn optional(faults: &mut Vec<Fault>, field: &str, value: &str, max: usize) -> Option<String> {
    let v = value.trim();
    if v.chars().count() > max {
        faults.push(Fault::new(field, "range", format!("Gebruik hoogstens {max} tekens.")));
    }
    (!v.is_empty()).then(|| v.to_string())
}

fn themes(faults: &mut Vec<Fault>, known: &dyn Known, themes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in themes.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !known.concept(t) {
            faults.push(Fault::new(
                "themas",
                "unknown",
                format!("Het begrip '{t}' staat niet in het begrippenkader."),
            ));
        } else if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

fn region(faults: &mut Vec<Fault>, known: &dyn Known, field: &str, raw: &str) -> Option<RegionCode> {
    match RegionCode::parse(raw.trim()) {
        Ok(code) if known.region(code) => Some(code),
        Ok(code) => {
            faults.push(Fault::new(field, "unknown", format!("Het gebied {code} bestaat niet.")));
            None
        }
        Err(e) => {
            faults.push(Fault::new(field, "format", format!("{e}.")));
            None
        }
    }
}

fn year(faults: &mut Vec<Fault>, field: &str, v: Option<f64>, needed: bool) -> Option<i32> {
    match v {
        None if needed => {
            faults.push(Fault::new(field, "required", "Vul een jaartal in."));
            None
        }
        None => None,
        Some(y) if y.fract() == 0.0 && (1900.0..=2100.0).contains(&y) => Some(y as i32),
        Some(_) => {
            faults.push(Fault::new(
                field,
                "range",
                "Een jaartal is een geheel getal tussen 1900 en 2100.",
            ));
            None
        }
    }
}

fn number(faults: &mut Vec<Fault>, field: &str, v: Option<f64>) -> Option<f64> {
    match v {
        Some(x) if x.is_finite() => Some(x),
        Some(_) => {
            faults.push(Fault::new(field, "format", "Vul een eindig getal in."));
            None
        }
        None => {
            faults.push(Fault::new(field, "required", "Vul een getal in."));
            None
        }
    }
}

fn email(faults: &mut Vec<Fault>, raw: &str) -> Option<String> {
    let v = optional(faults, "email", raw, 254)?;
    if !crate::access::valid_email(&v) {
        faults.push(Fault::new(
            "email",
            "format",
            "Dit is geen e-mailadres (naam@organisatie.nl).",
        ));
    }
    Some(v)
}

impl PersonDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Person, Vec<Fault>> {
        let mut faults = Vec::new();
        let naam = required(&mut faults, "naam", &self.naam, 200);
        let functie = Function::parse(&self.functie);
        if self.functie.trim().is_empty() {
            faults.push(Fault::new("functie", "required", crate::coherence::EMPTY_CHOICE));
        } else if functie.is_none() {
            let options: Vec<&str> = Function::ALL.iter().map(|f| f.as_str()).collect();
            faults.push(Fault::new(
                "functie",
                "enum",
                format!("Kies uit {}.", options.join(", ")),
            ));
        }
        let portefeuille = optional(&mut faults, "portefeuille", &self.portefeuille, 500);
        let themas = themes(&mut faults, known, &self.themas);
        let email = email(&mut faults, &self.email);
        let telefoon = optional(&mut faults, "telefoon", &self.telefoon, 40);
        if let Some(t) = &telefoon {
            if !t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
                faults.push(Fault::new(
                    "telefoon",
                    "format",
                    "Gebruik alleen cijfers, spaties, +, - en haakjes.",
                ));
            }
        }
        match (faults.is_empty(), functie) {
            (true, Some(functie)) => Ok(Person {
                naam,
                functie,
                portefeuille,
                themas,
                email,
                telefoon,
            }),
            _ => Err(faults),
        }
    }
}

impl GoalDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Goal, Vec<Fault>> {
        let mut faults = Vec::new();
        let titel = required(&mut faults, "titel", &self.titel, 200);
        let omschrijving = optional(&mut faults, "omschrijving", &self.omschrijving, MAX_TEXT).unwrap_or_default();
        let themas = themes(&mut faults, known, &self.themas);
        let eigenaar = optional(&mut faults, "eigenaar", &self.eigenaar, 100);
        if let Some(e) = &eigenaar {
            if !known.record("persoon", e) {
                faults.push(Fault::new(
                    "eigenaar",
                    "unknown",
                    format!("Er is geen persoon met id '{e}'."),
                ));
            }
        }
        let gebied = if self.gebied.trim().is_empty() {
            faults.push(Fault::new(
                "gebied",
                "required",
                "Vul een gebiedscode in (bijv. GM0153).",
            ));
            None
        } else {
            region(&mut faults, known, "gebied", &self.gebied)
        };
        let indicator = required(&mut faults, "indicator", &self.indicator, 100);
        if !indicator.is_empty() && !known.indicator(&indicator) {
            faults.push(Fault::new(
                "indicator",
                "unknown",
                format!("Er is geen indicator '{indicator}'."),
            ));
        }
        let basisjaar = year(&mut faults, "basisjaar", self.basisjaar, true);
        let streefjaar = year(&mut faults, "streefjaar", self.streefjaar, true);
        if let (Some(b), Some(s)) = (basisjaar, streefjaar) {
            if s <= b {
                faults.push(Fault::new(
                    "streefjaar",
                    "range",
                    "Het streefjaar moet na het basisjaar liggen.",
                ));
            }
        }
        let basiswaarde = match (self.basiswaarde, gebied, basisjaar) {
            (None, Some(g), Some(b)) if known.indicator(&indicator) => {
                let found = known.figure(&indicator, g, b);
                if found.is_none() {
                    faults.push(Fault::new(
                        "basiswaarde",
                        "required",
                        format!("Er is geen cijfer van deze indicator voor dit gebied in {b}: vul de basiswaarde in."),
                    ));
                }
                found
            }
            (v, _, _) => number(&mut faults, "basiswaarde", v),
        };
        let streefwaarde = number(&mut faults, "streefwaarde", self.streefwaarde);
        if let (Some(b), Some(s)) = (basiswaarde, streefwaarde) {
            if b == s {
                faults.push(Fault::new(
                    "streefwaarde",
                    "range",
                    "De streefwaarde moet verschillen van de basiswaarde.",
                ));
            }
        }
        match (gebied, basisjaar, streefjaar, basiswaarde, streefwaarde) {
            (Some(gebied), Some(basisjaar), Some(streefjaar), Some(basiswaarde), Some(streefwaarde))
                if faults.is_empty() =>
            {
                Ok(Goal {
                    titel,
                    omschrijving,
                    themas,
                    eigenaar,
                    gebied,
                    indicator,
                    basisjaar,
                    basiswaarde,
                    streefjaar,
                    streefwaarde,
                })
            }
            _ => Err(faults),
        }
    }
}

impl AgendaDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Agenda, Vec<Fault>> {
        let mut faults = Vec::new();
        let titel = required(&mut faults, "titel", &self.titel, 200);
        let omschrijving = optional(&mut faults, "omschrijving", &self.omschrijving, MAX_TEXT).unwrap_or_default();
        let gebied = if self.gebied.trim().is_empty() {
            None
        } else {
            region(&mut faults, known, "gebied", &self.gebied)
        };
        let vanaf = year(&mut faults, "vanaf", self.vanaf, false);
        let tot = year(&mut faults, "tot", self.tot, false);
        if let (Some(v), Some(t)) = (vanaf, tot) {
            if t < v {
                faults.push(Fault::new(
                    "tot",
                    "range",
                    "Het laatste jaar mag niet voor het eerste liggen.",
                ));
            }
        }
        let mut doelen: Vec<String> = Vec::new();
        for d in self.doelen.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
            if !known.record("doel", d) {
                faults.push(Fault::new(
                    "doelen",
                    "unknown",
                    format!("Er is geen doel met id '{d}'."),
                ));
            } else if !doelen.iter().any(|x| x == d) {
                doelen.push(d.to_string());
            }
        }
        if faults.is_empty() {
            Ok(Agenda {
                titel,
                omschrijving,
                gebied,
                vanaf,
                tot,
                doelen,
            })
        } else {
            Err(faults)
        }
    }
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProgressStatus {
    /// behaald: the target is reached.
    #[serde(rename = "behaald")]
    Achieved,
    /// opKoers: at or ahead of the straight line from baseline to target.
    #[serde(rename = "opKoers")]
    OnTrack,
    /// achter: behind that line.
    #[serde(rename = "achter")]
    Behind,
    /// geenGegevens: no figure after the baseline year yet.
    #[serde(rename = "geenGegevens")]
    NoData,
    /// nietBehaald: the target year is over, its figure is in, and the target was not reached.
    #[serde(rename = "nietBehaald")]
    NotAchieved,
    /// streefjaarVoorbij: the target year is over but its figure is not in yet, so whether the
    /// goal was reached cannot be told (the line to the target says nothing any more).
    #[serde(rename = "streefjaarVoorbij")]
    TargetYearPassed,
}

impl ProgressStatus {
    /// Dutch words for the UI.
    pub fn label(self) -> &'static str {
        match self {
            ProgressStatus::Achieved => "behaald",
            ProgressStatus::OnTrack => "op koers",
            ProgressStatus::Behind => "achter op schema",
            ProgressStatus::NoData => "nog geen cijfers na het basisjaar",
            ProgressStatus::NotAchieved => "niet behaald",
            ProgressStatus::TargetYearPassed => "streefjaar voorbij, cijfers van het streefjaar ontbreken",
        }
    }
}

/// A goal's progress, computed from the indicator's series for the goal's region.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// On track, behind, achieved or no data.
    pub status: ProgressStatus,
    /// The latest figure after the baseline year: (year, value).
    pub latest: Option<(i32, f64)>,
    /// Where the straight line from baseline to target is in the latest year.
    pub expected: Option<f64>,
    /// The change per year the data showed from baseline to the latest figure.
    pub trend_per_year: Option<f64>,
    /// The change per year still needed from the latest figure to reach the target in time.
    pub needed_per_year: Option<f64>,
    /// Share of the way from baseline to target covered (1.0 = reached).
    pub share_done: Option<f64>,
    /// Years between the latest figure (or, without one, the baseline year) and today's year.
    pub figures_age: i32,
}

/// From this many years between the latest figure and today on, a page says the figures are
/// old next to any status.
pub const OLD_FIGURES_YEARS: i32 = 3;

/// Computes progress on `today`: the latest value after the baseline year is compared with the
/// straight line from (baseline year, baseline value) to (target year, target value). The
/// direction of the goal follows from the target: above the baseline means "higher is the aim".
/// Once the target year is over, a goal is reached or not by the figures of the target year or
/// later; without those it is [`ProgressStatus::TargetYearPassed`], never "op koers" on old
/// figures.
pub fn progress(goal: &Goal, series: &[(i32, f64)], today: chrono::NaiveDate) -> Progress {
    use chrono::Datelike;
    let this_year = today.year();
    let latest = series
        .iter()
        .filter(|(y, v)| *y > goal.basisjaar && v.is_finite())
        .max_by_key(|(y, _)| *y)
        .copied();
    let target_over = this_year > goal.streefjaar;
    let Some((ly, lv)) = latest else {
        return Progress {
            status: if target_over {
                ProgressStatus::TargetYearPassed
            } else {
                ProgressStatus::NoData
            },
            latest: None,
            expected: None,
            trend_per_year: None,
            needed_per_year: None,
            share_done: None,
            figures_age: this_year - goal.basisjaar,
        };
    };
    let span = f64::from(goal.streefjaar - goal.basisjaar);
    let gap = goal.streefwaarde - goal.basiswaarde;
    let direction = gap.signum();
    let elapsed = f64::from(ly.min(goal.streefjaar) - goal.basisjaar);
    let expected = goal.basiswaarde + gap * elapsed / span;
    let status = if (lv - goal.streefwaarde) * direction >= 0.0 {
        ProgressStatus::Achieved
    } else if target_over && ly >= goal.streefjaar {
        ProgressStatus::NotAchieved
    } else if target_over {
        ProgressStatus::TargetYearPassed
    } else if (lv - expected) * direction >= 0.0 {
        ProgressStatus::OnTrack
    } else {
        ProgressStatus::Behind
    };
    let remaining = goal.streefjaar - ly;
    Progress {
        status,
        latest: Some((ly, lv)),
        expected: Some(expected),
        trend_per_year: Some((lv - goal.basiswaarde) / f64::from(ly - goal.basisjaar)),
        needed_per_year: (remaining > 0 && status != ProgressStatus::Achieved)
            .then(|| (goal.streefwaarde - lv) / f64::from(remaining)),
        share_done: Some((lv - goal.basiswaarde) / gap),
        figures_age: this_year - ly,
    }
}

/// A [`Known`] that knows everything but `onbekend…` concepts and GM9999, for the domain's
/// unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub(crate) struct Everything;
    impl Known for Everything {
        fn concept(&self, id: &str) -> bool {
            !id.starts_with("onbekend")
        }
        fn region(&self, code: RegionCode) -> bool {
            code.to_string() != "GM9999"
        }
        fn indicator(&self, _: &str) -> bool {
            true
        }
        fn organisation(&self, _: &str) -> bool {
            true
        }
        fn record(&self, _: &str, _: &str) -> bool {
            true
        }
        fn within(&self, _: &str, _: &str) -> bool {
            true
        }
        fn sbi_section(&self, _: char) -> bool {
            true
        }
        fn today(&self) -> chrono::NaiveDate {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct All;
    impl Known for All {
        fn concept(&self, id: &str) -> bool {
            id != "onbekend"
        }
        fn region(&self, code: RegionCode) -> bool {
            code.to_string() != "GM9999"
        }
        fn indicator(&self, id: &str) -> bool {
            id == "inwoners"
        }
        fn organisation(&self, _: &str) -> bool {
            true
        }
        fn record(&self, kind: &str, id: &str) -> bool {
            (kind, id) == ("persoon", "p1") || (kind, id) == ("doel", "d1")
        }
        fn within(&self, _: &str, _: &str) -> bool {
            true
        }
        fn sbi_section(&self, _: char) -> bool {
            true
        }
        fn today(&self) -> chrono::NaiveDate {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        }
    }

    fn goal(base: f64, target: f64) -> Goal {
        Goal {
            titel: "t".into(),
            omschrijving: String::new(),
            themas: vec![],
            eigenaar: None,
            gebied: RegionCode::parse("GM0153").unwrap_or(RegionCode::Nederland),
            indicator: "inwoners".into(),
            basisjaar: 2020,
            basiswaarde: base,
            streefjaar: 2030,
            streefwaarde: target,
        }
    }

    /// A day before the goals' target year (2030) is over.
    fn before() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn progress(g: &Goal, series: &[(i32, f64)]) -> Progress {
        super::progress(g, series, before())
    }

    #[test]
    fn progress_against_the_straight_line() {
        let g = goal(100.0, 200.0);
        // 2025: halfway in time, the line says 150.
        let p = progress(&g, &[(2019, 90.0), (2020, 100.0), (2025, 160.0)]);
        assert_eq!(p.status, ProgressStatus::OnTrack);
        assert_eq!(p.expected, Some(150.0));
        assert_eq!(p.trend_per_year, Some(12.0));
        assert_eq!(p.needed_per_year, Some(8.0));
        assert_eq!(p.share_done, Some(0.6));
        let p = progress(&g, &[(2025, 140.0)]);
        assert_eq!(p.status, ProgressStatus::Behind);
        assert_eq!(p.needed_per_year, Some(12.0));
        assert_eq!(progress(&g, &[(2026, 201.0)]).status, ProgressStatus::Achieved);
        assert_eq!(progress(&g, &[(2020, 300.0)]).status, ProgressStatus::NoData);
    }

    #[test]
    fn a_goal_to_go_down_reads_the_other_way() {
        let g = goal(50.0, 30.0);
        assert_eq!(progress(&g, &[(2025, 39.0)]).status, ProgressStatus::OnTrack);
        assert_eq!(progress(&g, &[(2025, 45.0)]).status, ProgressStatus::Behind);
        assert_eq!(progress(&g, &[(2031, 29.0)]).status, ProgressStatus::Achieved);
        // Past the target year and not reached: behind, nothing left to plan.
        let p = progress(&g, &[(2032, 35.0)]);
        assert_eq!(p.status, ProgressStatus::Behind);
        assert_eq!(p.needed_per_year, None);
    }

    #[test]
    fn once_the_target_year_is_over_old_figures_say_nothing_about_the_course() {
        // Target 2025, figures up to 2020, and it is December 2026: not "op koers".
        let mut g = goal(50.0, 30.0);
        g.basisjaar = 2015;
        g.streefjaar = 2025;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let old = [(2015, 50.0), (2020, 38.0)];
        assert_eq!(
            super::progress(&g, &old, chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap()).status,
            ProgressStatus::OnTrack
        );
        let p = super::progress(&g, &old, today);
        assert_eq!(p.status, ProgressStatus::TargetYearPassed);
        assert_eq!(p.figures_age, 6);
        assert_eq!(
            super::progress(&g, &[(2025, 33.0)], today).status,
            ProgressStatus::NotAchieved
        );
        assert_eq!(
            super::progress(&g, &[(2026, 31.0)], today).status,
            ProgressStatus::NotAchieved
        );
        assert_eq!(
            super::progress(&g, &[(2020, 29.0)], today).status,
            ProgressStatus::Achieved
        );
        let none = super::progress(&g, &[(2014, 51.0)], today);
        assert_eq!((none.status, none.figures_age), (ProgressStatus::TargetYearPassed, 11));
        // In the target year itself the line still holds.
        let in_year = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(
            super::progress(&g, &[(2024, 31.5)], in_year).status,
            ProgressStatus::OnTrack
        );
    }

    #[test]
    fn drafts_report_every_fault_with_its_field() {
        let d = GoalDraft {
            titel: " ".into(),
            themas: vec!["onbekend".into()],
            eigenaar: "p2".into(),
            gebied: "GM9999".into(),
            indicator: "geen".into(),
            basisjaar: Some(2030.0),
            basiswaarde: Some(f64::NAN),
            streefjaar: Some(2020.0),
            streefwaarde: None,
            ..Default::default()
        };
        let faults = d.parse(&All).unwrap_err();
        let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "titel",
                "themas",
                "eigenaar",
                "gebied",
                "indicator",
                "streefjaar",
                "basiswaarde",
                "streefwaarde"
            ]
        );
        let p = PersonDraft {
            naam: "A".into(),
            functie: "koning".into(),
            email: "geen-adres".into(),
            ..Default::default()
        };
        let faults = p.parse(&All).unwrap_err();
        assert_eq!(
            faults.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            ["functie", "email"]
        );
        let ok = PersonDraft {
            naam: " Jeroen Hatenboer ".into(),
            functie: "wethouder".into(),
            themas: vec!["werkloosheid".into(), "werkloosheid".into()],
            email: "j.hatenboer@enschede.nl".into(),
            ..Default::default()
        }
        .parse(&All)
        .unwrap();
        assert_eq!(ok.naam, "Jeroen Hatenboer");
        assert_eq!(ok.themas, ["werkloosheid"]);
    }

    #[test]
    fn agendas_check_their_goals_and_years() {
        let a = AgendaDraft {
            titel: "RWC-agenda".into(),
            vanaf: Some(2026.0),
            tot: Some(2025.0),
            doelen: vec!["d1".into(), "d9".into()],
            ..Default::default()
        };
        let faults = a.parse(&All).unwrap_err();
        assert_eq!(
            faults.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            ["tot", "doelen"]
        );
    }
}
