// SPDX-License-Identifier: EUPL-1.2
//! Ondernemers: companies (ondernemingen) with their KvK and vestigingsnummer, SBI code, size
//! class and segment; their contact persons (with a lawful basis and a review date); company
//! visits (bedrijfsbezoeken) with the needs the entrepreneur raised and a confidential note; and
//! the follow-up (opvolging) of a visit. Each is a register kind: a [`KindSpec`] and a draft
//! whose `parse` reports every fault with its field. No I/O: today's date and what exists are
//! asked of a [`Known`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::coherence::Check;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, RegionSet};

/// The concept whose narrower concepts are the needs a visit can record.
pub const NEEDS_ROOT: &str = "ondernemersbehoefte";

/// A KvK number: the eight digits the Kamer van Koophandel gives an enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KvkNumber(String);

impl KvkNumber {
    /// Eight digits; spaces and dots as people write them ("1234 5678") are left out.
    pub fn parse(raw: &str) -> Result<KvkNumber, String> {
        digits(raw, 8, "Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678.").map(KvkNumber)
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A vestigingsnummer: the twelve digits of one establishment of an enterprise. Several
/// establishments share a KvK number; this tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BranchNumber(String);

impl BranchNumber {
    /// Twelve digits; spaces and dots are left out.
    pub fn parse(raw: &str) -> Result<BranchNumber, String> {
        digits(
            raw,
            12,
            "Een vestigingsnummer heeft 12 cijfers, bijvoorbeeld 000012345678.",
        )
        .map(BranchNumber)
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn digits(raw: &str, n: usize, message: &str) -> Result<String, String> {
    let d: String = raw.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    if d.len() == n && d.bytes().all(|b| b.is_ascii_digit()) {
        Ok(d)
    } else {
        Err(message.to_string())
    }
}

/// The SBI 2008 divisions (the first two digits of an SBI code) of each section: facts of the
/// Standaard Bedrijfsindeling 2008 (CBS).
const SBI_DIVISIONS: &[(char, &[u8])] = &[
    ('A', &[1, 2, 3]),
    ('B', &[6, 8, 9]),
    (
        'C',
        &[
            10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
        ],
    ),
    ('D', &[35]),
    ('E', &[36, 37, 38, 39]),
    ('F', &[41, 42, 43]),
    ('G', &[45, 46, 47]),
    ('H', &[49, 50, 51, 52, 53]),
    ('I', &[55, 56]),
    ('J', &[58, 59, 60, 61, 62, 63]),
    ('K', &[64, 65, 66]),
    ('L', &[68]),
    ('M', &[69, 70, 71, 72, 73, 74, 75]),
    ('N', &[77, 78, 79, 80, 81, 82]),
    ('O', &[84]),
    ('P', &[85]),
    ('Q', &[86, 87, 88]),
    ('R', &[90, 91, 92, 93]),
    ('S', &[94, 95, 96]),
    ('T', &[97, 98]),
    ('U', &[99]),
];

/// The SBI section (A–U) of an SBI 2008 code of 2 to 5 digits, if its division exists.
pub fn sbi_section(code: &str) -> Option<char> {
    if !(2..=5).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let division: u8 = code[..2].parse().ok()?;
    SBI_DIVISIONS
        .iter()
        .find(|(_, divisions)| divisions.contains(&division))
        .map(|(section, _)| *section)
}

const fn choice(value: &'static str, label: &'static str) -> Choice {
    Choice { value, label }
}

/// CBS's size classes by the number of people working at an establishment.
pub const SIZE_CLASSES: &[Choice] = &[
    choice("1", "1 werkzame persoon"),
    choice("2-4", "2 tot 5 werkzame personen"),
    choice("5-9", "5 tot 10 werkzame personen"),
    choice("10-19", "10 tot 20 werkzame personen"),
    choice("20-49", "20 tot 50 werkzame personen"),
    choice("50-99", "50 tot 100 werkzame personen"),
    choice("100-249", "100 tot 250 werkzame personen"),
    choice("250-499", "250 tot 500 werkzame personen"),
    choice("500+", "500 of meer werkzame personen"),
];

/// The primary segment: what kind of entrepreneur this is.
pub const SEGMENTS: &[Choice] = &[
    choice("lokaal-mkb", "Lokaal mkb of winkel"),
    choice("regionaal", "Regionaal"),
    choice("nationaal", "Nationaal"),
    choice("internationaal", "Internationaal"),
];

/// The levels of the Prestatieladder Socialer Ondernemen.
pub const PSO_LEVELS: &[Choice] = &[
    choice("aspirant", "Aspirant"),
    choice("basistrede", "Basistrede"),
    choice("trede-1", "Trede 1"),
    choice("trede-2", "Trede 2"),
    choice("trede-3", "Trede 3"),
    choice("pso-30plus", "PSO 30+"),
];

/// Yes or no.
pub const YES_NO: &[Choice] = &[choice("ja", "Ja"), choice("nee", "Nee")];

/// Why a contact person's data may be kept (AVG, article 6).
pub const LAWFUL_BASES: &[Choice] = &[
    choice("gerechtvaardigd-belang", "Gerechtvaardigd belang"),
    choice("publieke-taak", "Publieke taak"),
    choice("toestemming", "Toestemming"),
    choice("overeenkomst", "Overeenkomst"),
];

/// The status of a follow-up action.
pub const FOLLOW_UP_STATUSES: &[Choice] = &[
    choice("open", "Open"),
    choice("in-uitvoering", "In uitvoering"),
    choice("afgedaan", "Afgedaan"),
    choice("vervallen", "Vervallen"),
];

const NAME: FieldType = FieldType::Text { max: 200, lines: 1 };
const REPORT: FieldType = FieldType::Text { max: 4000, lines: 5 };

/// Ondernemingen.
pub const COMPANY_SPEC: KindSpec = KindSpec {
    kind: "onderneming",
    collection: "ondernemingen",
    singular: "onderneming",
    plural: "ondernemingen",
    article: Article::De,
    schema: "Onderneming",
    tag: "Ondernemingen",
    about: "Ondernemingen met KvK- en vestigingsnummer, SBI-code, grootteklasse en segment, en wie hun \
            accounthouder is. Eén onderneming met hetzelfde KvK- en vestigingsnummer staat er maar één keer in.",
    title_field: "naam",
    fields: &[
        Field::new("naam", "Naam", "De naam van de onderneming.", NAME).required(),
        Field::new(
            "handelsnamen",
            "Handelsnamen",
            "Andere namen waaronder zij handelt, gescheiden door komma's.",
            FieldType::Text { max: 500, lines: 1 },
        ),
        Field::new(
            "kvkNummer",
            "KvK-nummer",
            "De 8 cijfers van de inschrijving bij de Kamer van Koophandel.",
            FieldType::Code {
                pattern: "^[0-9]{8}$",
                max: 8,
            },
        )
        .required(),
        Field::new(
            "vestigingsnummer",
            "Vestigingsnummer",
            "De 12 cijfers van deze vestiging; onderscheidt vestigingen met hetzelfde KvK-nummer.",
            FieldType::Code {
                pattern: "^[0-9]{12}$",
                max: 12,
            },
        ),
        Field::new(
            "sbiCode",
            "SBI-code",
            "De hoofdactiviteit volgens de Standaard Bedrijfsindeling 2008 (2 tot 5 cijfers, bijvoorbeeld 4711).",
            FieldType::Code {
                pattern: "^[0-9]{2,5}$",
                max: 5,
            },
        )
        .required(),
        Field::new(
            "grootteklasse",
            "Grootteklasse",
            "Het aantal werkzame personen (de grootteklassen van CBS).",
            FieldType::Choice(SIZE_CLASSES),
        ),
        Field::new(
            "gemeente",
            "Gemeente",
            "De gemeente van de vestiging.",
            FieldType::Region(RegionSet::Municipality),
        )
        .required(),
        Field::new(
            "adres",
            "Adres",
            "Straat, huisnummer en plaats.",
            FieldType::Text { max: 300, lines: 1 },
        ),
        Field::new(
            "segment",
            "Segment",
            "Wat voor ondernemer dit is: een lokale winkel heeft andere behoeften dan een internationaal bedrijf.",
            FieldType::Choice(SEGMENTS),
        )
        .required(),
        Field::new(
            "segmenten",
            "Andere segmenten",
            "Meer kenmerken uit het begrippenkader, bijvoorbeeld een sector of doelgroep.",
            FieldType::Concepts,
        )
        .theme(),
        Field::new(
            "psoNiveau",
            "PSO-trede",
            "De trede op de Prestatieladder Socialer Ondernemen, als de onderneming die heeft.",
            FieldType::Choice(PSO_LEVELS),
        ),
        Field::new(
            "psoCertificaatdatum",
            "Datum PSO-certificaat",
            "De dag waarop het PSO-certificaat is afgegeven.",
            FieldType::Date,
        ),
        Field::new(
            "psoGeldigTot",
            "PSO-certificaat geldig tot",
            "De laatste dag waarop het PSO-certificaat geldt; daarna telt de trede niet meer.",
            FieldType::Date,
        ),
        Field::new(
            "medewerkers",
            "Medewerkers",
            "Het aantal medewerkers bij de PSO-meting; de norm per trede hangt ervan af.",
            FieldType::Number {
                unit: "medewerkers",
                min: 1.0,
                max: 1_000_000.0,
                decimals: 0,
            },
        ),
        Field::new(
            "doelgroepAandeel",
            "Aandeel uit de doelgroep",
            "Het deel van de medewerkers uit de doelgroep volgens de PSO-meting, in procenten.",
            FieldType::Number {
                unit: "%",
                min: 0.0,
                max: 100.0,
                decimals: 1,
            },
        ),
        Field::new(
            "werkpacten",
            "Werkpacten",
            "De werkpacten en andere afspraken waaraan de onderneming meedoet.",
            FieldType::Records("afspraak"),
        ),
        Field::new(
            "accounthouder",
            "Accounthouder",
            "Het vaste aanspreekpunt voor deze onderneming.",
            FieldType::Record("persoon"),
        ),
        Field::new(
            "accountmanagers",
            "Andere accountmanagers",
            "Accountmanagers van andere organisaties die deze onderneming ook spreken.",
            FieldType::Records("persoon"),
        ),
        Field::new(
            "sleutelaccount",
            "Sleutelaccount",
            "Of de regio voor deze werkgever één accountplan en één accounthouder heeft.",
            FieldType::Choice(YES_NO),
        ),
        Field::new(
            "accountplan",
            "Accountplan",
            "Wat de regio met deze werkgever wil bereiken en afspreekt.",
            REPORT,
        ),
        Field::new(
            "accountplanDoelen",
            "Doelen van het accountplan",
            "De doelen waaraan het accountplan bijdraagt.",
            FieldType::Records("doel"),
        ),
    ],
    computed: &[
        PSO_COMPUTED,
        Field::new(
            "sbiSectie",
            "SBI-sectie",
            "De sectie (A–U) van de SBI-code, met haar naam in de SBI 2008 van CBS.",
            FieldType::Object(&[
                Field::new(
                    "code",
                    "Code",
                    "De letter van de sectie.",
                    FieldType::Text { max: 1, lines: 1 },
                )
                .required(),
                Field::new("naam", "Naam", "De naam bij CBS.", NAME).required(),
            ]),
        ),
    ],
};

/// Contactpersonen.
pub const CONTACT_SPEC: KindSpec = KindSpec {
    kind: "contactpersoon",
    collection: "contactpersonen",
    singular: "contactpersoon",
    plural: "contactpersonen",
    article: Article::De,
    schema: "Contactpersoon",
    tag: "Contactpersonen",
    about: "De contactpersonen van ondernemingen, met alleen wat het contact vraagt, een grondslag en een datum \
            waarop de gegevens opnieuw worden bekeken. 'Vergeet deze persoon' wist ze overal.",
    title_field: "naam",
    fields: &[
        Field::new("naam", "Naam", "Voor- en achternaam.", NAME).required(),
        Field::new(
            "onderneming",
            "Onderneming",
            "De onderneming waar deze persoon werkt.",
            FieldType::Record("onderneming"),
        )
        .required(),
        Field::new(
            "rol",
            "Rol",
            "Bijvoorbeeld directeur of HR-adviseur.",
            FieldType::Text { max: 200, lines: 1 },
        ),
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
        Field::new(
            "grondslag",
            "Grondslag",
            "Waarom deze gegevens bewaard mogen worden (AVG, artikel 6).",
            FieldType::Choice(LAWFUL_BASES),
        )
        .required(),
        Field::new(
            "herzienOp",
            "Opnieuw bekijken op",
            "Wanneer wordt nagegaan of de gegevens nog nodig zijn.",
            FieldType::Date,
        )
        .required(),
    ],
    computed: &[],
};

/// Bedrijfsbezoeken.
pub const VISIT_SPEC: KindSpec = KindSpec {
    kind: "bedrijfsbezoek",
    collection: "bedrijfsbezoeken",
    singular: "bedrijfsbezoek",
    plural: "bedrijfsbezoeken",
    article: Article::Het,
    schema: "Bedrijfsbezoek",
    tag: "Bedrijfsbezoeken",
    about: "Bezoeken aan ondernemingen: wie er gingen, wie zij spraken, wat de ondernemer nodig heeft, en wat er \
            is afgesproken. De vertrouwelijke notitie ziet alleen de eigen organisatie.",
    title_field: "onderwerp",
    fields: &[
        Field::new(
            "onderwerp",
            "Onderwerp",
            "Waar het bezoek over ging, in een paar woorden.",
            NAME,
        )
        .required(),
        Field::new("datum", "Datum", "De dag van het bezoek.", FieldType::Date).required(),
        Field::new(
            "onderneming",
            "Onderneming",
            "De bezochte onderneming.",
            FieldType::Record("onderneming"),
        )
        .required(),
        Field::new(
            "bezoekers",
            "Bezoekers",
            "Wie er namens de regio gingen, bijvoorbeeld de wethouder en de accountmanager.",
            FieldType::Records("persoon"),
        ),
        Field::new(
            "contactpersonen",
            "Gesproken met",
            "De contactpersonen van de onderneming.",
            FieldType::Records("contactpersoon"),
        ),
        Field::new(
            "behoeften",
            "Wat de ondernemer nodig heeft",
            "Behoeften uit het begrippenkader, bijvoorbeeld personeel en krapte of regeldruk en vergunningen.",
            FieldType::Concepts,
        )
        .within(NEEDS_ROOT)
        .theme(),
        Field::new(
            "verslag",
            "Verslag",
            "Een kort verslag, te lezen door wie het bezoek mag zien.",
            REPORT,
        ),
        Field::new(
            "vertrouwelijk",
            "Vertrouwelijke notitie",
            "Alleen zichtbaar voor de eigen organisatie; nooit in exports of bij anderen.",
            FieldType::Text { max: 4000, lines: 3 },
        )
        .confidential(),
    ],
    computed: &[],
};

/// Opvolging.
pub const FOLLOW_UP_SPEC: KindSpec = KindSpec {
    kind: "opvolging",
    collection: "opvolgingen",
    singular: "opvolging",
    plural: "opvolgingen",
    article: Article::De,
    schema: "Vervolgactie",
    tag: "Opvolgingen",
    about: "Wat er na een bedrijfsbezoek gebeurt: wat, door wie, wanneer, en welk antwoord de ondernemer kreeg.",
    title_field: "wat",
    fields: &[
        Field::new(
            "wat",
            "Wat",
            "Wat er moet gebeuren.",
            FieldType::Text { max: 500, lines: 1 },
        )
        .required(),
        Field::new(
            "bezoek",
            "Bedrijfsbezoek",
            "Het bezoek waaruit dit voortkomt.",
            FieldType::Record("bedrijfsbezoek"),
        )
        .required(),
        Field::new("eigenaar", "Eigenaar", "Wie het oppakt.", FieldType::Record("persoon")).required(),
        Field::new(
            "behoefte",
            "Behoefte",
            "De behoefte van de ondernemer waar dit op antwoordt.",
            FieldType::Concept,
        )
        .within(NEEDS_ROOT)
        .theme(),
        Field::new("deadline", "Deadline", "Wanneer het klaar moet zijn.", FieldType::Date).required(),
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
            "antwoord",
            "Antwoord",
            "Wat de ondernemer als antwoord kreeg.",
            FieldType::Text { max: 2000, lines: 3 },
        ),
    ],
    computed: &[],
};

/// A company's PSO standing, as the representation shows it.
pub const PSO_COMPUTED: Field = Field::new(
    "pso",
    "PSO-oordeel",
    "De PSO-trede van de onderneming, of het certificaat nog geldt, en welke trede het aandeel uit de doelgroep haalt \
     volgens de gepubliceerde normen voor haar grootte; leeg zonder trede of meting.",
    FieldType::Object(&[
        Field::new(
            "trede",
            "Trede",
            "De trede volgens het certificaat.",
            FieldType::Text { max: 40, lines: 1 },
        ),
        Field::new(
            "geldig",
            "Geldig",
            "Of het certificaat vandaag geldt (ja of nee); leeg zonder einddatum.",
            FieldType::Choice(YES_NO),
        ),
        Field::new(
            "normTrede",
            "Trede volgens de norm",
            "De hoogste trede (1 tot 3) die het aandeel uit de doelgroep haalt bij dit aantal medewerkers; 0 als het geen haalt.",
            FieldType::Number {
                unit: "trede",
                min: 0.0,
                max: 3.0,
                decimals: 0,
            },
        ),
        Field::new(
            "oordeel",
            "Oordeel",
            "De uitkomst in woorden, met de normen.",
            FieldType::Text { max: 400, lines: 2 },
        )
        .required(),
    ]),
);

/// A company as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CompanyDraft {
    /// naam
    pub naam: String,
    /// handelsnamen
    pub handelsnamen: String,
    /// kvkNummer
    pub kvk_nummer: String,
    /// vestigingsnummer
    pub vestigingsnummer: String,
    /// sbiCode
    pub sbi_code: String,
    /// grootteklasse
    pub grootteklasse: String,
    /// gemeente
    pub gemeente: String,
    /// adres
    pub adres: String,
    /// segment
    pub segment: String,
    /// segmenten
    pub segmenten: Vec<String>,
    /// psoNiveau
    pub pso_niveau: String,
    /// psoCertificaatdatum
    pub pso_certificaatdatum: String,
    /// psoGeldigTot
    pub pso_geldig_tot: String,
    /// medewerkers
    pub medewerkers: Option<f64>,
    /// doelgroepAandeel
    pub doelgroep_aandeel: Option<f64>,
    /// werkpacten
    pub werkpacten: Vec<String>,
    /// accounthouder
    pub accounthouder: String,
    /// accountmanagers
    pub accountmanagers: Vec<String>,
    /// sleutelaccount
    pub sleutelaccount: String,
    /// accountplan
    pub accountplan: String,
    /// accountplanDoelen
    pub accountplan_doelen: Vec<String>,
}

/// A checked company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    /// naam
    pub naam: String,
    /// handelsnamen
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub handelsnamen: String,
    /// kvkNummer
    pub kvk_nummer: KvkNumber,
    /// vestigingsnummer
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vestigingsnummer: Option<BranchNumber>,
    /// sbiCode
    pub sbi_code: String,
    /// The SBI section of `sbi_code` (A–U).
    pub sbi_sectie: char,
    /// grootteklasse
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grootteklasse: Option<String>,
    /// gemeente
    pub gemeente: RegionCode,
    /// adres
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub adres: String,
    /// segment
    pub segment: String,
    /// segmenten
    #[serde(default)]
    pub segmenten: Vec<String>,
    /// psoNiveau
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pso_niveau: Option<String>,
    /// psoCertificaatdatum
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pso_certificaatdatum: Option<NaiveDate>,
    /// psoGeldigTot
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pso_geldig_tot: Option<NaiveDate>,
    /// medewerkers
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medewerkers: Option<u32>,
    /// doelgroepAandeel
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doelgroep_aandeel: Option<f64>,
    /// werkpacten
    #[serde(default)]
    pub werkpacten: Vec<String>,
    /// accounthouder
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounthouder: Option<String>,
    /// accountmanagers
    #[serde(default)]
    pub accountmanagers: Vec<String>,
    /// sleutelaccount
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleutelaccount: Option<String>,
    /// accountplan
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accountplan: String,
    /// accountplanDoelen
    #[serde(default)]
    pub accountplan_doelen: Vec<String>,
}

impl Company {
    /// The key that makes a company unique: its KvK number and vestigingsnummer ('-' without).
    pub fn key(&self) -> String {
        format!(
            "kvk:{}:{}",
            self.kvk_nummer.as_str(),
            self.vestigingsnummer.as_ref().map_or("-", BranchNumber::as_str)
        )
    }
}

impl CompanyDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Company, Vec<Fault>> {
        let mut c = Check::new(known);
        let naam = c.text("naam", &self.naam, true, 200);
        let handelsnamen = c.text("handelsnamen", &self.handelsnamen, false, 500);
        let kvk = if self.kvk_nummer.trim().is_empty() {
            c.fault("kvkNummer", "required", "Vul het KvK-nummer in.");
            None
        } else {
            KvkNumber::parse(&self.kvk_nummer)
                .map_err(|m| c.fault("kvkNummer", "format", m))
                .ok()
        };
        let vestigingsnummer = if self.vestigingsnummer.trim().is_empty() {
            None
        } else {
            BranchNumber::parse(&self.vestigingsnummer)
                .map_err(|m| c.fault("vestigingsnummer", "format", m))
                .ok()
        };
        let sbi = self.sbi_code.trim().replace('.', "");
        let section = if sbi.is_empty() {
            c.fault("sbiCode", "required", "Vul de SBI-code in.");
            None
        } else {
            match sbi_section(&sbi) {
                Some(s) if known.sbi_section(s) => Some(s),
                _ => {
                    c.fault(
                        "sbiCode",
                        "unknown",
                        format!("De SBI-code '{sbi}' bestaat niet in de SBI 2008; gebruik 2 tot 5 cijfers, bijvoorbeeld 4711."),
                    );
                    None
                }
            }
        };
        let grootteklasse = c.optional_choice("grootteklasse", &self.grootteklasse, SIZE_CLASSES);
        let gemeente = match RegionCode::parse(self.gemeente.trim()) {
            Ok(code @ RegionCode::Municipality(_)) if known.region(code) => Some(code),
            _ if self.gemeente.trim().is_empty() => {
                c.fault("gemeente", "required", "Kies een gemeente.");
                None
            }
            _ => {
                c.fault(
                    "gemeente",
                    "unknown",
                    format!("'{}' is geen gemeente.", self.gemeente.trim()),
                );
                None
            }
        };
        let adres = c.text("adres", &self.adres, false, 300);
        let segment = c.required_choice("segment", &self.segment, SEGMENTS);
        let segmenten = c.concepts("segmenten", &self.segmenten, false);
        let pso_niveau = c.optional_choice("psoNiveau", &self.pso_niveau, PSO_LEVELS);
        let pso_certificaatdatum = c.date("psoCertificaatdatum", &self.pso_certificaatdatum);
        let pso_geldig_tot = c.date("psoGeldigTot", &self.pso_geldig_tot);
        if let (Some(from), Some(until)) = (pso_certificaatdatum, pso_geldig_tot) {
            if until < from {
                c.fault(
                    "psoGeldigTot",
                    "range",
                    "Het certificaat kan niet eindigen voor de dag waarop het is afgegeven.",
                );
            }
        }
        let medewerkers = match self.medewerkers {
            None => None,
            Some(n) if (1.0..=1_000_000.0).contains(&n) && n.fract() == 0.0 => Some(n as u32),
            Some(_) => {
                c.fault(
                    "medewerkers",
                    "range",
                    "Vul het aantal medewerkers in als heel getal van 1 tot 1.000.000.",
                );
                None
            }
        };
        let doelgroep_aandeel = match self.doelgroep_aandeel {
            None => None,
            Some(p) if p.is_finite() && (0.0..=100.0).contains(&p) => Some(p),
            Some(_) => {
                c.fault(
                    "doelgroepAandeel",
                    "range",
                    "Vul het aandeel in als percentage van 0 tot 100.",
                );
                None
            }
        };
        if doelgroep_aandeel.is_some() && medewerkers.is_none() && self.medewerkers.is_none() {
            c.fault(
                "medewerkers",
                "required",
                "Vul ook het aantal medewerkers in: de PSO-norm hangt af van de grootte.",
            );
        }
        let werkpacten = c.records("werkpacten", "afspraak", "afspraak", &self.werkpacten);
        let accounthouder = c.record("accounthouder", "persoon", "persoon", &self.accounthouder, false);
        let accountmanagers = c.records("accountmanagers", "persoon", "persoon", &self.accountmanagers);
        let sleutelaccount = c.optional_choice("sleutelaccount", &self.sleutelaccount, YES_NO);
        let accountplan = c.text("accountplan", &self.accountplan, false, 4000);
        let accountplan_doelen = c.records("accountplanDoelen", "doel", "doel", &self.accountplan_doelen);
        let value = match (kvk, section, gemeente, segment) {
            (Some(kvk_nummer), Some(sbi_sectie), Some(gemeente), Some(segment)) => Some(Company {
                naam,
                handelsnamen,
                kvk_nummer,
                vestigingsnummer,
                sbi_code: sbi,
                sbi_sectie,
                grootteklasse,
                gemeente,
                adres,
                segment,
                segmenten,
                pso_niveau,
                pso_certificaatdatum,
                pso_geldig_tot,
                medewerkers,
                doelgroep_aandeel,
                werkpacten,
                accounthouder,
                accountmanagers,
                sleutelaccount,
                accountplan,
                accountplan_doelen,
            }),
            _ => None,
        };
        c.done(value)
    }
}

/// A contact person as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContactDraft {
    /// naam
    pub naam: String,
    /// onderneming
    pub onderneming: String,
    /// rol
    pub rol: String,
    /// email
    pub email: String,
    /// telefoon
    pub telefoon: String,
    /// grondslag
    pub grondslag: String,
    /// herzienOp
    pub herzien_op: String,
}

/// A checked contact person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// naam
    pub naam: String,
    /// onderneming
    pub onderneming: String,
    /// rol
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rol: String,
    /// email
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// telefoon
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefoon: Option<String>,
    /// grondslag
    pub grondslag: String,
    /// herzienOp
    pub herzien_op: NaiveDate,
}

impl ContactDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Contact, Vec<Fault>> {
        let mut c = Check::new(known);
        let naam = c.text("naam", &self.naam, true, 200);
        let onderneming = c.record("onderneming", "onderneming", "onderneming", &self.onderneming, true);
        let rol = c.text("rol", &self.rol, false, 200);
        let email = c.text("email", &self.email, false, 254);
        if !email.is_empty() && !crate::access::valid_email(&email) {
            c.fault("email", "format", "Dit is geen e-mailadres (naam@organisatie.nl).");
        }
        let telefoon = c.text("telefoon", &self.telefoon, false, 40);
        if !telefoon.chars().all(|ch| ch.is_ascii_digit() || " +-()".contains(ch)) {
            c.fault(
                "telefoon",
                "format",
                "Gebruik alleen cijfers, spaties, +, - en haakjes.",
            );
        }
        let grondslag = c.required_choice("grondslag", &self.grondslag, LAWFUL_BASES);
        let herzien_op = c.required_date("herzienOp", &self.herzien_op);
        let value = match (onderneming, grondslag, herzien_op) {
            (Some(onderneming), Some(grondslag), Some(herzien_op)) => Some(Contact {
                naam,
                onderneming,
                rol,
                email: (!email.is_empty()).then_some(email),
                telefoon: (!telefoon.is_empty()).then_some(telefoon),
                grondslag,
                herzien_op,
            }),
            _ => None,
        };
        c.done(value)
    }
}

/// A visit as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    /// onderwerp
    pub onderwerp: String,
    /// datum
    pub datum: String,
    /// onderneming
    pub onderneming: String,
    /// bezoekers
    pub bezoekers: Vec<String>,
    /// contactpersonen
    pub contactpersonen: Vec<String>,
    /// behoeften
    pub behoeften: Vec<String>,
    /// verslag
    pub verslag: String,
    /// vertrouwelijk
    pub vertrouwelijk: String,
}

/// A checked visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// onderwerp
    pub onderwerp: String,
    /// datum
    pub datum: NaiveDate,
    /// onderneming
    pub onderneming: String,
    /// bezoekers
    #[serde(default)]
    pub bezoekers: Vec<String>,
    /// contactpersonen
    #[serde(default)]
    pub contactpersonen: Vec<String>,
    /// behoeften
    #[serde(default)]
    pub behoeften: Vec<String>,
    /// verslag
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verslag: String,
    /// vertrouwelijk
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vertrouwelijk: String,
}

impl VisitDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<Visit, Vec<Fault>> {
        let mut c = Check::new(known);
        let onderwerp = c.text("onderwerp", &self.onderwerp, true, 200);
        let datum = c.required_date("datum", &self.datum);
        if let Some(d) = datum {
            if d > known.today() {
                c.fault(
                    "datum",
                    "range",
                    "Een bezoek ligt niet in de toekomst; plan het als opvolging.",
                );
            }
        }
        let onderneming = c.record("onderneming", "onderneming", "onderneming", &self.onderneming, true);
        let bezoekers = c.records("bezoekers", "persoon", "persoon", &self.bezoekers);
        let contactpersonen = c.records(
            "contactpersonen",
            "contactpersoon",
            "contactpersoon",
            &self.contactpersonen,
        );
        let mut behoeften = Vec::new();
        for id in self.behoeften.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !known.concept(id) {
                c.fault(
                    "behoeften",
                    "unknown",
                    format!("Het begrip '{id}' staat niet in het begrippenkader."),
                );
            } else if !known.within(id, NEEDS_ROOT) {
                c.fault(
                    "behoeften",
                    "unknown",
                    format!("'{id}' is geen ondernemersbehoefte; kies een behoefte uit de lijst."),
                );
            } else if !behoeften.iter().any(|b: &String| b == id) {
                behoeften.push(id.to_string());
            }
        }
        let verslag = c.text("verslag", &self.verslag, false, 4000);
        let vertrouwelijk = c.text("vertrouwelijk", &self.vertrouwelijk, false, 4000);
        let value = match (datum, onderneming) {
            (Some(datum), Some(onderneming)) => Some(Visit {
                onderwerp,
                datum,
                onderneming,
                bezoekers,
                contactpersonen,
                behoeften,
                verslag,
                vertrouwelijk,
            }),
            _ => None,
        };
        c.done(value)
    }
}

/// A follow-up action as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FollowUpDraft {
    /// wat
    pub wat: String,
    /// bezoek
    pub bezoek: String,
    /// eigenaar
    pub eigenaar: String,
    /// behoefte
    pub behoefte: String,
    /// deadline
    pub deadline: String,
    /// status
    pub status: String,
    /// afgedaanOp
    pub afgedaan_op: String,
    /// antwoord
    pub antwoord: String,
}

/// A checked follow-up action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// wat
    pub wat: String,
    /// bezoek
    pub bezoek: String,
    /// eigenaar
    pub eigenaar: String,
    /// behoefte
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behoefte: Option<String>,
    /// deadline
    pub deadline: NaiveDate,
    /// status
    pub status: String,
    /// afgedaanOp
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub afgedaan_op: Option<NaiveDate>,
    /// antwoord
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub antwoord: String,
}

impl FollowUp {
    /// Whether it is still to be done.
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "open" | "in-uitvoering")
    }

    /// Whether it is open past its deadline on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.deadline < today
    }
}

impl FollowUpDraft {
    /// Checks the draft; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<FollowUp, Vec<Fault>> {
        let mut c = Check::new(known);
        let wat = c.text("wat", &self.wat, true, 500);
        let bezoek = c.record("bezoek", "bedrijfsbezoek", "bedrijfsbezoek", &self.bezoek, true);
        let eigenaar = c.record("eigenaar", "persoon", "persoon", &self.eigenaar, true);
        let behoefte = match self.behoefte.trim() {
            "" => None,
            id if !c.concept("behoefte", id) => None,
            id if !known.within(id, NEEDS_ROOT) => {
                c.fault(
                    "behoefte",
                    "unknown",
                    format!("'{id}' is geen ondernemersbehoefte; kies een behoefte uit de lijst."),
                );
                None
            }
            id => Some(id.to_string()),
        };
        let deadline = c.required_date("deadline", &self.deadline);
        let status = if self.status.trim().is_empty() {
            Some("open".to_string())
        } else {
            c.optional_choice("status", &self.status, FOLLOW_UP_STATUSES)
        };
        let afgedaan_op = c.date("afgedaanOp", &self.afgedaan_op);
        if let Some(d) = afgedaan_op {
            if d > known.today() {
                c.fault("afgedaanOp", "range", "Afgedaan op ligt niet in de toekomst.");
            }
        }
        let antwoord = c.text("antwoord", &self.antwoord, false, 2000);
        let value = match (bezoek, eigenaar, deadline, status) {
            (Some(bezoek), Some(eigenaar), Some(deadline), Some(status)) => Some(FollowUp {
                wat,
                bezoek,
                eigenaar,
                behoefte,
                deadline,
                // A follow-up marked done without a date is done today.
                afgedaan_op: afgedaan_op.or_else(|| (status == "afgedaan").then(|| known.today())),
                status,
                antwoord,
            }),
            _ => None,
        };
        c.done(value)
    }
}

/// A group of SBI sections in which CBS counts establishments per gemeente (Kerncijfers wijken
/// en buurten), with the indicator of the registry that holds the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EstablishmentGroup {
    /// The sections, as CBS groups them ("B–F").
    pub code: &'static str,
    /// CBS's name of the group.
    pub label: &'static str,
    /// The section letters in the group.
    pub sections: &'static str,
    /// The indicator with the number of establishments.
    pub indicator: &'static str,
}

const fn group(
    code: &'static str,
    label: &'static str,
    sections: &'static str,
    indicator: &'static str,
) -> EstablishmentGroup {
    EstablishmentGroup {
        code,
        label,
        sections,
        indicator,
    }
}

/// The groups of CBS's establishment counts per gemeente. Sections O, P and Q (government,
/// education, care) are in none of them.
pub const ESTABLISHMENT_GROUPS: &[EstablishmentGroup] = &[
    group("A", "Landbouw, bosbouw en visserij", "A", "vestigingen-landbouw"),
    group(
        "B–F",
        "Nijverheid en energie",
        "BCDEF",
        "vestigingen-nijverheid-energie",
    ),
    group("G+I", "Handel en horeca", "GI", "vestigingen-handel-horeca"),
    group(
        "H+J",
        "Vervoer, informatie en communicatie",
        "HJ",
        "vestigingen-vervoer-ict",
    ),
    group(
        "K+L",
        "Financiële diensten, onroerend goed",
        "KL",
        "vestigingen-financieel-vastgoed",
    ),
    group("M+N", "Zakelijke dienstverlening", "MN", "vestigingen-zakelijk"),
    group(
        "R–U",
        "Cultuur, recreatie en overige diensten",
        "RSTU",
        "vestigingen-cultuur-overig",
    ),
];

/// The CBS establishment group of an SBI section.
pub fn establishment_group(section: char) -> Option<&'static EstablishmentGroup> {
    ESTABLISHMENT_GROUPS.iter().find(|g| g.sections.contains(section))
}

/// A company's name reduced for comparison: lower case, letters and digits only, without legal
/// forms and articles ("Bakkerij De Vries B.V." and "bakkerij de vries bv" give the same).
pub fn name_key(name: &str) -> String {
    const NOISE: &[&str] = &["bv", "nv", "vof", "cv", "holding", "de", "het", "the", "en", "van"];
    let cleaned: String = name
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c
            } else if c == '.' {
                '\0'
            } else {
                ' '
            }
        })
        .filter(|c| *c != '\0')
        .collect();
    cleaned
        .split_whitespace()
        .filter(|w| !NOISE.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The share of `visited` among `establishments`, when there are any.
pub fn coverage_share(visited: usize, establishments: Option<f64>) -> Option<f64> {
    establishments.filter(|n| *n > 0.0).map(|n| visited as f64 / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_and_branch_numbers_are_digits_of_their_length() {
        assert_eq!(KvkNumber::parse("1234 5678").unwrap().as_str(), "12345678");
        assert_eq!(KvkNumber::parse("12.34.56.78").unwrap().as_str(), "12345678");
        for bad in ["1234567", "123456789", "1234567a", ""] {
            assert!(KvkNumber::parse(bad).is_err(), "{bad}");
        }
        assert!(BranchNumber::parse("000012345678").is_ok());
        assert!(BranchNumber::parse("12345678").is_err());
    }

    #[test]
    fn sbi_codes_map_to_their_section() {
        assert_eq!(sbi_section("4711"), Some('G'));
        assert_eq!(sbi_section("01"), Some('A'));
        assert_eq!(sbi_section("86101"), Some('Q'));
        for bad in ["04", "00", "4", "123456", "47a", "40"] {
            assert_eq!(sbi_section(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_compare_without_legal_forms_and_every_section_but_o_p_q_has_a_cbs_group() {
        assert_eq!(name_key("Bakkerij De Vries B.V."), name_key("bakkerij de vries bv"));
        assert_eq!(name_key("Bakkerij De Vries B.V."), "bakkerij vries");
        assert_ne!(name_key("Bakkerij Jansen"), name_key("Bakkerij De Vries"));
        for s in "ABCDEFGHIJKLMNRSTU".chars() {
            assert!(establishment_group(s).is_some(), "{s}");
        }
        for s in "OPQ".chars() {
            assert!(establishment_group(s).is_none(), "{s}");
        }
        assert_eq!(establishment_group('C').map(|g| g.code), Some("B–F"));
        assert_eq!(coverage_share(3, Some(1570.0)), Some(3.0 / 1570.0));
        assert_eq!(coverage_share(3, None), None);
    }
}
