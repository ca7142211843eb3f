// SPDX-License-Identifier: EUPL-1.2
//! The coherence registers: schemes (regelingen), agreements with commitments both ways
//! (afspraken, covenants, werkpact) and consultation bodies (overleggen). Like the records in
//! [`crate::registers`], each is parsed from a draft of plain values into a checked value with
//! every fault and its field at once; references are checked against a [`Known`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, ObjectList, RegionSet};

const TITLE: FieldType = FieldType::Text { max: 200, lines: 1 };
const LONG: FieldType = FieldType::Text { max: 4000, lines: 5 };
const SHORT: FieldType = FieldType::Text { max: 2000, lines: 2 };
/// The fault of a required choice left empty.
pub const EMPTY_CHOICE: &str = "Maak een keuze uit de lijst.";
const THEMES: Field = Field::new(
    "themas",
    "Thema's",
    "Begrippen uit het begrippenkader waar dit over gaat; de themapagina van elk begrip toont het.",
    FieldType::Concepts,
)
.theme();

/// The choices of [`MoneyKind`].
pub const MONEY_KINDS: &[Choice] = &[
    Choice {
        value: "doe-geld",
        label: "Doe-geld: bereikt mensen en werkgevers direct",
    },
    Choice {
        value: "procesgeld",
        label: "Procesgeld: overleg, coördinatie en plannen",
    },
];

/// The choices of [`SchemeStatus`].
pub const SCHEME_STATUSES: &[Choice] = &[
    Choice {
        value: "gepland",
        label: "Gepland",
    },
    Choice {
        value: "actief",
        label: "Actief",
    },
    Choice {
        value: "beeindigd",
        label: "Beëindigd",
    },
];

/// The choices of [`Mandate`].
pub const MANDATES: &[Choice] = &[
    Choice {
        value: "besluitvormend",
        label: "Besluitvormend: neemt besluiten",
    },
    Choice {
        value: "adviserend",
        label: "Adviserend: geeft advies",
    },
    Choice {
        value: "informerend",
        label: "Informerend: deelt alleen informatie",
    },
];

/// The choices of [`AgreementKind`].
pub const AGREEMENT_KINDS: &[Choice] = &[
    Choice {
        value: "convenant",
        label: "Convenant",
    },
    Choice {
        value: "werkpact",
        label: "Werkpact",
    },
    Choice {
        value: "samenwerkingsovereenkomst",
        label: "Samenwerkingsovereenkomst",
    },
    Choice {
        value: "overig",
        label: "Anders",
    },
];

/// The choices of [`CommitmentStatus`].
pub const COMMITMENT_STATUSES: &[Choice] = &[
    Choice {
        value: "open",
        label: "Open",
    },
    Choice {
        value: "geleverd",
        label: "Geleverd",
    },
    Choice {
        value: "vervallen",
        label: "Vervallen",
    },
];

const DATE_FROM: Field = Field::new("begindatum", "Begindatum", "De eerste dag.", FieldType::Date);
const DATE_UNTIL: Field = Field::new(
    "einddatum",
    "Einddatum",
    "De laatste dag; niet voor de begindatum.",
    FieldType::Date,
);

/// Regelingen: schemes and instruments, with the fields the fragmentation analysis reads.
pub const SCHEME_SPEC: KindSpec = KindSpec {
    kind: "regeling",
    collection: "regelingen",
    singular: "regeling",
    plural: "regelingen",
    article: Article::De,
    schema: "Regeling",
    tag: "Regelingen",
    about: "Het regelingenregister: aanbieder, gebied, doelgroepen, instrument, behoeften, budget (doe-geld of \
            procesgeld), periode en status; met 'welke regelingen passen?' en de versnipperingsanalyse.",
    title_field: "titel",
    fields: &[
        Field::new("titel", "Titel", "De naam van de regeling.", TITLE).required(),
        Field::new(
            "omschrijving",
            "Omschrijving",
            "Wat de regeling biedt; hiermee worden bijna gelijke regelingen gevonden.",
            LONG,
        ),
        Field::new(
            "aanbieder",
            "Aanbieder",
            "De organisatie die de regeling aanbiedt.",
            FieldType::Organisation,
        )
        .required(),
        Field::new(
            "gebied",
            "Gebied",
            "Waar de regeling geldt: een gemeente, arbeidsmarktregio, provincie of heel Nederland.",
            FieldType::Region(RegionSet::Any),
        )
        .required(),
        Field::new(
            "doelgroepen",
            "Doelgroepen",
            "Voor wie de regeling is (begrippen).",
            FieldType::Concepts,
        )
        .required()
        .theme(),
        Field::new(
            "instrument",
            "Soort instrument",
            "Wat voor instrument het is (een begrip, bijvoorbeeld loonkostensubsidie).",
            FieldType::Concept,
        )
        .required()
        .theme(),
        Field::new(
            "behoeften",
            "Behoeften",
            "Behoeften van werkgevers of inwoners waar de regeling op antwoordt (begrippen).",
            FieldType::Concepts,
        )
        .theme(),
        Field::new(
            "budget",
            "Budget",
            "Het budget in euro per jaar.",
            FieldType::Number {
                unit: "euro per jaar",
                min: 0.0,
                max: 1e12,
                decimals: 0,
            },
        )
        .required(),
        Field::new(
            "geldsoort",
            "Soort geld",
            "Doe-geld bereikt mensen en werkgevers direct; procesgeld gaat naar overleg en coördinatie.",
            FieldType::Choice(MONEY_KINDS),
        )
        .required(),
        DATE_FROM,
        DATE_UNTIL,
        Field::new(
            "voorwaarden",
            "Voorwaarden",
            "Wie er gebruik van mag maken, en wanneer.",
            LONG,
        ),
        Field::new(
            "link",
            "Webpagina",
            "Een link naar meer informatie (https://…).",
            FieldType::Link,
        ),
        Field::new(
            "status",
            "Status",
            "Of de regeling gepland, actief of beëindigd is (standaard actief).",
            FieldType::Choice(SCHEME_STATUSES),
        ),
    ],
    computed: &[],
};

const PARTY_FIELDS: &[Field] = &[
    Field::new(
        "organisatie",
        "Partij",
        "Een organisatie die meedoet.",
        FieldType::Organisation,
    )
    .required(),
    Field::new("brengt", "Brengt", "Wat deze partij inbrengt.", SHORT),
    Field::new("krijgt", "Krijgt", "Wat deze partij ervoor terugkrijgt.", SHORT),
];

const COMMITMENT_FIELDS: &[Field] = &[
    Field::new(
        "partij",
        "Partij",
        "De partij die toezegt; zij moet bij de partijen staan.",
        FieldType::Organisation,
    )
    .required(),
    Field::new("omschrijving", "Toezegging", "Wat is toegezegd.", SHORT).required(),
    Field::new(
        "deadline",
        "Deadline",
        "Wanneer het geleverd moet zijn.",
        FieldType::Date,
    ),
    Field::new(
        "status",
        "Status",
        "Open, geleverd of vervallen (standaard open).",
        FieldType::Choice(COMMITMENT_STATUSES),
    ),
];

/// The parties of an agreement: one CSV line each, with the organisation in column `partij`.
pub const PARTIES: ObjectList = ObjectList {
    entry: "partij",
    fields: PARTY_FIELDS,
    marker: "partij",
    columns: &[("organisatie", "partij"), ("brengt", "brengt"), ("krijgt", "krijgt")],
};

/// The commitments of an agreement: one CSV line each, recognised by a filled `toezegging`.
pub const COMMITMENTS: ObjectList = ObjectList {
    entry: "toezegging",
    fields: COMMITMENT_FIELDS,
    marker: "toezegging",
    columns: &[
        ("partij", "partij"),
        ("omschrijving", "toezegging"),
        ("deadline", "deadline"),
        ("status", "status"),
    ],
};

/// Afspraken: covenants, werkpacten and other agreements, with what each party brings and gets.
pub const AGREEMENT_SPEC: KindSpec = KindSpec {
    kind: "afspraak",
    collection: "afspraken",
    singular: "afspraak",
    plural: "afspraken",
    article: Article::De,
    schema: "Afspraak",
    tag: "Afspraken",
    about: "Convenanten, werkpacten en andere afspraken: per partij wat zij brengt en krijgt, toezeggingen met \
            deadline en status, en wie nog niet heeft geleverd.",
    title_field: "titel",
    fields: &[
        Field::new("titel", "Titel", "De naam van de afspraak.", TITLE).required(),
        Field::new(
            "soort",
            "Soort",
            "Convenant, werkpact, samenwerkingsovereenkomst of anders (standaard convenant).",
            FieldType::Choice(AGREEMENT_KINDS),
        ),
        Field::new("omschrijving", "Omschrijving", "Waar de afspraak over gaat.", LONG),
        Field::new(
            "partijen",
            "Partijen",
            "Minstens twee partijen, elk met wat zij brengt en krijgt (haal- en brengplicht).",
            FieldType::Objects(&PARTIES),
        )
        .required(),
        Field::new(
            "toezeggingen",
            "Toezeggingen",
            "Wat een partij toezegt, met deadline en status.",
            FieldType::Objects(&COMMITMENTS),
        ),
        DATE_FROM,
        DATE_UNTIL,
        THEMES,
    ],
    computed: &[],
};

/// Overleggen: consultation bodies with their load, for the analysis of overlap.
pub const BODY_SPEC: KindSpec = KindSpec {
    kind: "overleg",
    collection: "overleggen",
    singular: "overleg",
    plural: "overleggen",
    article: Article::Het,
    schema: "Overleg",
    tag: "Overleggen",
    about: "Overlegstructuren: deelnemers, frequentie, duur, mandaat en thema's; met de belasting per persoon en \
            organisatie, de overlap en kandidaten om samen te voegen of op te heffen.",
    title_field: "naam",
    fields: &[
        Field::new("naam", "Naam", "De naam van het overleg.", TITLE).required(),
        Field::new("omschrijving", "Omschrijving", "Waar het overleg voor is.", LONG),
        Field::new(
            "deelnemers",
            "Deelnemers",
            "De personen die deelnemen.",
            FieldType::Records("persoon"),
        ),
        Field::new(
            "frequentie",
            "Frequentie",
            "Hoe vaak het overleg per jaar bijeenkomt.",
            FieldType::Number {
                unit: "keer per jaar",
                min: 0.0,
                max: 366.0,
                decimals: 0,
            },
        )
        .required(),
        Field::new(
            "duur",
            "Duur",
            "Hoe lang een bijeenkomst duurt, in uren.",
            FieldType::Number {
                unit: "uur per keer",
                min: 0.0,
                max: 24.0,
                decimals: 1,
            },
        )
        .required(),
        Field::new(
            "mandaat",
            "Mandaat",
            "Of het overleg besluit, adviseert of alleen informeert.",
            FieldType::Choice(MANDATES),
        )
        .required(),
        THEMES,
    ],
    computed: &[],
};

macro_rules! dutch_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Dutch value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the Dutch value.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim())
            }

            fn choices() -> String {
                let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                format!("Kies uit {}.", all.join(", "))
            }
        }
    };
}

dutch_enum!(
    /// Money that goes to doing (doe-geld) or to process: meetings, coordination (procesgeld).
    MoneyKind {
        /// doe-geld: reaches people and employers directly.
        Doing = "doe-geld",
        /// procesgeld: coordination, meetings, plans.
        Process = "procesgeld",
    }
);

dutch_enum!(
    /// Where a scheme stands.
    SchemeStatus {
        /// gepland
        Planned = "gepland",
        /// actief
        Active = "actief",
        /// beëindigd
        Ended = "beeindigd",
    }
);

dutch_enum!(
    /// What a consultation body may do.
    Mandate {
        /// besluitvormend: decides.
        Decides = "besluitvormend",
        /// adviserend: advises.
        Advises = "adviserend",
        /// informerend: informs only.
        Informs = "informerend",
    }
);

dutch_enum!(
    /// The kind of an agreement.
    AgreementKind {
        /// convenant
        Covenant = "convenant",
        /// werkpact
        WorkPact = "werkpact",
        /// samenwerkingsovereenkomst
        Cooperation = "samenwerkingsovereenkomst",
        /// anything else
        Other = "overig",
    }
);

dutch_enum!(
    /// Where a commitment stands.
    CommitmentStatus {
        /// open: not delivered yet.
        Open = "open",
        /// geleverd: delivered.
        Delivered = "geleverd",
        /// vervallen: no longer asked.
        Dropped = "vervallen",
    }
);

/// A scheme or instrument (regeling).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    /// Title.
    pub titel: String,
    /// What it offers; used to find near-duplicates.
    #[serde(default)]
    pub omschrijving: String,
    /// The provider: an organisation id.
    pub aanbieder: String,
    /// Where it applies.
    pub gebied: RegionCode,
    /// Target groups (concept ids).
    pub doelgroepen: Vec<String>,
    /// Instrument type (concept id).
    pub instrument: String,
    /// Needs of employers or people it answers (concept ids).
    #[serde(default)]
    pub behoeften: Vec<String>,
    /// Budget in euros per year.
    pub budget: f64,
    /// doe-geld or procesgeld.
    pub geldsoort: MoneyKind,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begindatum: Option<NaiveDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einddatum: Option<NaiveDate>,
    /// Conditions.
    #[serde(default)]
    pub voorwaarden: String,
    /// Web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Status.
    pub status: SchemeStatus,
}

/// A scheme as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SchemeDraft {
    /// titel
    pub titel: String,
    /// omschrijving
    pub omschrijving: String,
    /// aanbieder
    pub aanbieder: String,
    /// gebied
    pub gebied: String,
    /// doelgroepen
    pub doelgroepen: Vec<String>,
    /// instrument
    pub instrument: String,
    /// behoeften
    pub behoeften: Vec<String>,
    /// budget
    pub budget: Option<f64>,
    /// geldsoort
    pub geldsoort: String,
    /// begindatum
    pub begindatum: String,
    /// einddatum
    pub einddatum: String,
    /// voorwaarden
    pub voorwaarden: String,
    /// link
    pub link: String,
    /// status
    pub status: String,
}

/// A party to an agreement: what it brings and what it gets (haal- en brengplicht).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Organisation id.
    pub organisatie: String,
    /// What it brings.
    #[serde(default)]
    pub brengt: String,
    /// What it gets.
    #[serde(default)]
    pub krijgt: String,
}

/// A commitment of one party, with a due date and a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The party (organisation id); must be a party of the agreement.
    pub partij: String,
    /// What is promised.
    pub omschrijving: String,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// Status.
    pub status: CommitmentStatus,
}

/// An agreement (afspraak): a covenant, werkpact or cooperation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Title.
    pub titel: String,
    /// Kind.
    pub soort: AgreementKind,
    /// What it is about.
    #[serde(default)]
    pub omschrijving: String,
    /// The parties.
    pub partijen: Vec<Party>,
    /// The commitments.
    #[serde(default)]
    pub toezeggingen: Vec<Commitment>,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begindatum: Option<NaiveDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einddatum: Option<NaiveDate>,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
}

/// A party as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PartyDraft {
    /// organisatie
    pub organisatie: String,
    /// brengt
    pub brengt: String,
    /// krijgt
    pub krijgt: String,
}

/// A commitment as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CommitmentDraft {
    /// partij
    pub partij: String,
    /// omschrijving
    pub omschrijving: String,
    /// deadline
    pub deadline: String,
    /// status
    pub status: String,
}

/// An agreement as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AgreementDraft {
    /// titel
    pub titel: String,
    /// soort
    pub soort: String,
    /// omschrijving
    pub omschrijving: String,
    /// partijen
    pub partijen: Vec<PartyDraft>,
    /// toezeggingen
    pub toezeggingen: Vec<CommitmentDraft>,
    /// begindatum
    pub begindatum: String,
    /// einddatum
    pub einddatum: String,
    /// themas
    pub themas: Vec<String>,
}

/// A consultation body (overleg).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// Name.
    pub naam: String,
    /// What it is for.
    #[serde(default)]
    pub omschrijving: String,
    /// Participants: person ids.
    pub deelnemers: Vec<String>,
    /// Meetings per year.
    pub frequentie: f64,
    /// Hours per meeting.
    pub duur: f64,
    /// Decides, advises or informs.
    pub mandaat: Mandate,
    /// Theme concept ids.
    #[serde(default)]
    pub themas: Vec<String>,
}

impl Body {
    /// Hours per year of one participant.
    pub fn hours_per_year(&self) -> f64 {
        self.frequentie * self.duur
    }
}

/// A consultation body as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct BodyDraft {
    /// naam
    pub naam: String,
    /// omschrijving
    pub omschrijving: String,
    /// deelnemers
    pub deelnemers: Vec<String>,
    /// frequentie
    pub frequentie: Option<f64>,
    /// duur
    pub duur: Option<f64>,
    /// mandaat
    pub mandaat: String,
    /// themas
    pub themas: Vec<String>,
}

/// The checks every kind's `parse` shares: each fault is collected, none stops the others.
pub(crate) struct Check<'k> {
    faults: Vec<Fault>,
    pub(crate) known: &'k dyn Known,
}

impl<'k> Check<'k> {
    pub(crate) fn new(known: &'k dyn Known) -> Check<'k> {
        Check { faults: vec![], known }
    }

    pub(crate) fn fault(&mut self, field: &str, code: &'static str, reason: impl Into<String>) {
        self.faults.push(Fault {
            field: field.into(),
            code,
            reason: reason.into(),
        });
    }

    pub(crate) fn text(&mut self, field: &str, value: &str, required: bool, max: usize) -> String {
        let v = value.trim();
        if required && v.is_empty() {
            self.fault(field, "required", "Vul dit veld in.");
        } else if v.chars().count() > max {
            self.fault(field, "range", format!("Gebruik hoogstens {max} tekens."));
        }
        v.to_string()
    }

    pub(crate) fn concept(&mut self, field: &str, id: &str) -> bool {
        let ok = self.known.concept(id);
        if !ok {
            self.fault(
                field,
                "unknown",
                format!("Het begrip '{id}' staat niet in het begrippenkader."),
            );
        }
        ok
    }

    pub(crate) fn concepts(&mut self, field: &str, ids: &[String], required: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if self.concept(field, id) && !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        if required && ids.iter().all(|s| s.trim().is_empty()) {
            self.fault(field, "required", "Noem minstens één begrip.");
        }
        out
    }

    pub(crate) fn organisation(&mut self, field: &str, id: &str) -> String {
        let id = id.trim();
        if id.is_empty() {
            self.fault(field, "required", "Kies een organisatie.");
        } else if !self.known.organisation(id) {
            self.fault(field, "unknown", format!("Er is geen organisatie met id '{id}'."));
        }
        id.to_string()
    }

    pub(crate) fn date(&mut self, field: &str, raw: &str) -> Option<NaiveDate> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fault(field, "format", format!("'{raw}' is geen datum; schrijf JJJJ-MM-DD."));
                None
            }
        }
    }

    pub(crate) fn period(&mut self, from: Option<NaiveDate>, until: Option<NaiveDate>) {
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                self.fault("einddatum", "range", "De einddatum ligt voor de begindatum.");
            }
        }
    }

    pub(crate) fn positive(&mut self, field: &str, v: Option<f64>, what: &str, allow_zero: bool) -> Option<f64> {
        match v {
            None => {
                self.fault(field, "required", format!("Vul {what} in."));
                None
            }
            Some(x) if !x.is_finite() => {
                self.fault(field, "format", "Vul een eindig getal in.");
                None
            }
            Some(x) if x < 0.0 || (!allow_zero && x == 0.0) => {
                let bound = if allow_zero { "negatief" } else { "nul of negatief" };
                self.fault(
                    field,
                    "range",
                    format!("{} mag niet {bound} zijn.", crate::spec::capital(what)),
                );
                None
            }
            Some(x) => Some(x),
        }
    }

    pub(crate) fn choice<T>(&mut self, field: &str, raw: &str, parsed: Option<T>, choices: String) -> Option<T> {
        if raw.trim().is_empty() {
            self.fault(field, "required", EMPTY_CHOICE);
        } else if parsed.is_none() {
            self.fault(field, "enum", choices);
        }
        parsed
    }

    pub(crate) fn optional_choice(&mut self, field: &str, raw: &str, choices: &[Choice]) -> Option<String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match choices.iter().find(|c| c.value == raw) {
            Some(c) => Some(c.value.to_string()),
            None => {
                let all: Vec<&str> = choices.iter().map(|c| c.value).collect();
                self.fault(field, "enum", format!("Kies uit {}.", all.join(", ")));
                None
            }
        }
    }

    pub(crate) fn required_choice(&mut self, field: &str, raw: &str, choices: &[Choice]) -> Option<String> {
        if raw.trim().is_empty() {
            self.fault(field, "required", crate::coherence::EMPTY_CHOICE);
            return None;
        }
        self.optional_choice(field, raw, choices)
    }

    pub(crate) fn records(&mut self, field: &str, kind: &str, what: &str, ids: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !self.known.record(kind, id) {
                self.fault(
                    field,
                    "unknown",
                    format!("Er is geen {what} met id '{id}' die u mag zien."),
                );
            } else if !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        out
    }

    pub(crate) fn record(&mut self, field: &str, kind: &str, what: &str, id: &str, required: bool) -> Option<String> {
        let id = id.trim();
        if id.is_empty() {
            if required {
                self.fault(field, "required", format!("Kies een {what}."));
            }
            return None;
        }
        if self.known.record(kind, id) {
            Some(id.to_string())
        } else {
            self.fault(
                field,
                "unknown",
                format!("Er is geen {what} met id '{id}' die u mag zien."),
            );
            None
        }
    }

    pub(crate) fn required_date(&mut self, field: &str, raw: &str) -> Option<NaiveDate> {
        if raw.trim().is_empty() {
            self.fault(field, "required", "Vul een datum in.");
            return None;
        }
        self.date(field, raw)
    }

    pub(crate) fn done<T>(self, value: Option<T>) -> Result<T, Vec<Fault>> {
        match value {
            Some(v) if self.faults.is_empty() => Ok(v),
            _ => Err(self.faults),
        }
    }
}

impl SchemeDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Scheme, Vec<Fault>> {
        let mut c = Check { faults: vec![], known };
        let titel = c.text("titel", &self.titel, true, 200);
        let omschrijving = c.text("omschrijving", &self.omschrijving, false, 4000);
        let aanbieder = c.organisation("aanbieder", &self.aanbieder);
        let gebied = match RegionCode::parse(self.gebied.trim()) {
            Ok(code) if known.region(code) => Some(code),
            Ok(code) => {
                c.fault("gebied", "unknown", format!("Het gebied {code} bestaat niet."));
                None
            }
            Err(e) => {
                c.fault("gebied", "format", format!("{e}."));
                None
            }
        };
        let doelgroepen = c.concepts("doelgroepen", &self.doelgroepen, true);
        let instrument = self.instrument.trim().to_string();
        if instrument.is_empty() {
            c.fault("instrument", "required", "Noem het soort instrument (een begrip).");
        } else {
            c.concept("instrument", &instrument);
        }
        let behoeften = c.concepts("behoeften", &self.behoeften, false);
        let budget = c.positive("budget", self.budget, "het budget", true);
        let geldsoort = c.choice(
            "geldsoort",
            &self.geldsoort,
            MoneyKind::parse(&self.geldsoort),
            MoneyKind::choices(),
        );
        let begindatum = c.date("begindatum", &self.begindatum);
        let einddatum = c.date("einddatum", &self.einddatum);
        c.period(begindatum, einddatum);
        let voorwaarden = c.text("voorwaarden", &self.voorwaarden, false, 4000);
        let link = self.link.trim();
        let link = if link.is_empty() {
            None
        } else if (link.starts_with("https://") || link.starts_with("http://")) && !link.contains(char::is_whitespace) {
            Some(link.to_string())
        } else {
            c.fault("link", "format", "Een link begint met https:// en bevat geen spaties.");
            None
        };
        let status = if self.status.trim().is_empty() {
            Some(SchemeStatus::Active)
        } else {
            c.choice(
                "status",
                &self.status,
                SchemeStatus::parse(&self.status),
                SchemeStatus::choices(),
            )
        };
        let value = match (gebied, budget, geldsoort, status) {
            (Some(gebied), Some(budget), Some(geldsoort), Some(status)) => Some(Scheme {
                titel,
                omschrijving,
                aanbieder,
                gebied,
                doelgroepen,
                instrument,
                behoeften,
                budget,
                geldsoort,
                begindatum,
                einddatum,
                voorwaarden,
                link,
                status,
            }),
            _ => None,
        };
        c.done(value)
    }
}

impl AgreementDraft {
    /// Checks the draft; every fault at once. A commitment must belong to one of the parties.
    pub fn parse(&self, known: &dyn Known) -> Result<Agreement, Vec<Fault>> {
        let mut c = Check { faults: vec![], known };
        let titel = c.text("titel", &self.titel, true, 200);
        let soort = if self.soort.trim().is_empty() {
            Some(AgreementKind::Covenant)
        } else {
            c.choice(
                "soort",
                &self.soort,
                AgreementKind::parse(&self.soort),
                AgreementKind::choices(),
            )
        };
        let omschrijving = c.text("omschrijving", &self.omschrijving, false, 4000);
        let mut partijen: Vec<Party> = Vec::new();
        for (i, p) in self.partijen.iter().enumerate() {
            let field = format!("partijen[{i}].organisatie");
            let organisatie = c.organisation(&field, &p.organisatie);
            if partijen.iter().any(|q| q.organisatie == organisatie) {
                c.fault(
                    &field,
                    "duplicate",
                    format!("'{organisatie}' staat al bij de partijen."),
                );
            }
            partijen.push(Party {
                organisatie,
                brengt: c.text(&format!("partijen[{i}].brengt"), &p.brengt, false, 2000),
                krijgt: c.text(&format!("partijen[{i}].krijgt"), &p.krijgt, false, 2000),
            });
        }
        if partijen.len() < 2 {
            c.fault("partijen", "range", "Een afspraak heeft minstens twee partijen.");
        }
        let mut toezeggingen = Vec::new();
        for (i, t) in self.toezeggingen.iter().enumerate() {
            let party = t.partij.trim().to_string();
            if party.is_empty() {
                c.fault(
                    &format!("toezeggingen[{i}].partij"),
                    "required",
                    "Noem de partij die toezegt.",
                );
            } else if !partijen.iter().any(|p| p.organisatie == party) {
                c.fault(
                    &format!("toezeggingen[{i}].partij"),
                    "unknown",
                    format!("'{party}' is geen partij van deze afspraak; voeg haar eerst toe aan de partijen."),
                );
            }
            let omschrijving = c.text(&format!("toezeggingen[{i}].omschrijving"), &t.omschrijving, true, 2000);
            let deadline = c.date(&format!("toezeggingen[{i}].deadline"), &t.deadline);
            let status = if t.status.trim().is_empty() {
                Some(CommitmentStatus::Open)
            } else {
                c.choice(
                    &format!("toezeggingen[{i}].status"),
                    &t.status,
                    CommitmentStatus::parse(&t.status),
                    CommitmentStatus::choices(),
                )
            };
            if let Some(status) = status {
                toezeggingen.push(Commitment {
                    partij: party,
                    omschrijving,
                    deadline,
                    status,
                });
            }
        }
        let begindatum = c.date("begindatum", &self.begindatum);
        let einddatum = c.date("einddatum", &self.einddatum);
        c.period(begindatum, einddatum);
        let themas = c.concepts("themas", &self.themas, false);
        let value = soort.map(|soort| Agreement {
            titel,
            soort,
            omschrijving,
            partijen,
            toezeggingen,
            begindatum,
            einddatum,
            themas,
        });
        c.done(value)
    }
}

impl BodyDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Body, Vec<Fault>> {
        let mut c = Check { faults: vec![], known };
        let naam = c.text("naam", &self.naam, true, 200);
        let omschrijving = c.text("omschrijving", &self.omschrijving, false, 4000);
        let mut deelnemers: Vec<String> = Vec::new();
        for id in self.deelnemers.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !known.record("persoon", id) {
                c.fault("deelnemers", "unknown", format!("Er is geen persoon met id '{id}'."));
            } else if !deelnemers.iter().any(|d| d == id) {
                deelnemers.push(id.to_string());
            }
        }
        let frequentie = c.positive("frequentie", self.frequentie, "de frequentie (keer per jaar)", false);
        if frequentie.is_some_and(|f| f > 366.0) {
            c.fault("frequentie", "range", "Hoogstens 366 keer per jaar.");
        }
        let duur = c.positive("duur", self.duur, "de duur (uren per keer)", false);
        if duur.is_some_and(|d| d > 24.0) {
            c.fault("duur", "range", "Hoogstens 24 uur per keer.");
        }
        let mandaat = c.choice(
            "mandaat",
            &self.mandaat,
            Mandate::parse(&self.mandaat),
            Mandate::choices(),
        );
        let themas = c.concepts("themas", &self.themas, false);
        let value = match (frequentie, duur, mandaat) {
            (Some(frequentie), Some(duur), Some(mandaat)) => Some(Body {
                naam,
                omschrijving,
                deelnemers,
                frequentie,
                duur,
                mandaat,
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

    struct K;
    impl Known for K {
        fn concept(&self, id: &str) -> bool {
            !id.starts_with("onbekend")
        }
        fn region(&self, code: RegionCode) -> bool {
            code.to_string() != "GM9999"
        }
        fn indicator(&self, _: &str) -> bool {
            true
        }
        fn organisation(&self, id: &str) -> bool {
            ["enschede", "uwv", "hengelo"].contains(&id)
        }
        fn record(&self, kind: &str, id: &str) -> bool {
            kind != "persoon" || id.starts_with('p')
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

    fn fields(faults: &[Fault]) -> Vec<&str> {
        faults.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn the_choices_of_the_specs_are_the_values_of_the_enums() {
        fn values(c: &[Choice]) -> Vec<&str> {
            c.iter().map(|c| c.value).collect()
        }
        assert_eq!(
            values(MONEY_KINDS),
            MoneyKind::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            values(SCHEME_STATUSES),
            SchemeStatus::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            values(MANDATES),
            Mandate::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            values(AGREEMENT_KINDS),
            AgreementKind::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            values(COMMITMENT_STATUSES),
            CommitmentStatus::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(
            values(crate::registers::FUNCTIONS),
            crate::registers::Function::ALL
                .iter()
                .map(|v| v.as_str())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_scheme_with_a_negative_budget_and_unknown_concepts_is_refused_whole() {
        let d = SchemeDraft {
            titel: "Loonkostensubsidie".into(),
            aanbieder: "enschede".into(),
            gebied: "GM0153".into(),
            doelgroepen: vec!["bijstand".into(), "onbekend-x".into()],
            instrument: "loonkostensubsidie".into(),
            budget: Some(-5.0),
            geldsoort: "doe-geld".into(),
            einddatum: "2025-01-01".into(),
            begindatum: "2026-01-01".into(),
            ..Default::default()
        };
        let faults = d.parse(&K).unwrap_err();
        assert_eq!(fields(&faults), ["doelgroepen", "budget", "einddatum"]);
        assert!(faults[1].reason.contains("niet negatief"));
        let ok = SchemeDraft {
            budget: Some(0.0),
            doelgroepen: vec!["bijstand".into()],
            einddatum: String::new(),
            ..d
        }
        .parse(&K)
        .unwrap();
        assert_eq!(ok.status, SchemeStatus::Active);
        assert_eq!(ok.geldsoort, MoneyKind::Doing);
    }

    #[test]
    fn a_commitment_must_belong_to_a_party() {
        let d = AgreementDraft {
            titel: "Werkpact Twente".into(),
            soort: "werkpact".into(),
            partijen: vec![
                PartyDraft {
                    organisatie: "enschede".into(),
                    brengt: "werkgeversdienstverlening".into(),
                    krijgt: "vacatures".into(),
                },
                PartyDraft {
                    organisatie: "uwv".into(),
                    ..Default::default()
                },
            ],
            toezeggingen: vec![
                CommitmentDraft {
                    partij: "uwv".into(),
                    omschrijving: "Vacatures delen".into(),
                    deadline: "2026-06-01".into(),
                    ..Default::default()
                },
                CommitmentDraft {
                    partij: "hengelo".into(),
                    omschrijving: "Stageplaatsen".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let faults = d.parse(&K).unwrap_err();
        assert_eq!(fields(&faults), ["toezeggingen[1].partij"]);
        assert!(faults[0].reason.contains("geen partij van deze afspraak"));
    }

    #[test]
    fn a_body_with_negative_duration_is_refused() {
        let d = BodyDraft {
            naam: "Regionaal Platform Arbeidsmarkt".into(),
            deelnemers: vec!["p1".into(), "x2".into()],
            frequentie: Some(10.0),
            duur: Some(-2.0),
            mandaat: "besluitvormend".into(),
            ..Default::default()
        };
        let faults = d.parse(&K).unwrap_err();
        assert_eq!(fields(&faults), ["deelnemers", "duur"]);
        let ok = BodyDraft {
            deelnemers: vec!["p1".into()],
            duur: Some(2.0),
            ..d
        }
        .parse(&K)
        .unwrap();
        assert_eq!(ok.hours_per_year(), 20.0);
    }
}
