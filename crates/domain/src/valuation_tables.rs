// SPDX-License-Identifier: EUPL-1.2
//! Waarderingstabellen as a register kind: a beheerder adds a bouwblokken table, or a new version
//! of one, in the browser, through the API or as CSV. A record is one version
//! ([`ValuationTableRecord`]); [`ValuationTableRecord::table`] turns it into the
//! [`ValuationTable`] that values contributions, next to the tables shipped in `data/sroi/`.
//!
//! The draft's check refuses a version number that already exists and a period that overlaps
//! another version of the same table (shipped or registered, through [`Known::valuation_tables`]).
//! That a table a recorded contract uses never changes is checked where the obligations are
//! known (the application layer's guard on this kind).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::RegionCode;
use crate::coherence::Check;
use crate::registers::{Fault, Known};
use crate::spec::{Article, Choice, Field, FieldType, KindSpec, ObjectList, RegionSet};
use crate::sroi::{
    overlapping_versions, AtCost, Bonus, TargetGroup, ValuationTable, BONUS_KINDS, CONTRIBUTION_KINDS, NAMED_BONUSES,
};

const EURO_PER_YEAR: FieldType = FieldType::Number {
    unit: "euro per jaar",
    min: 0.0,
    max: 1e7,
    decimals: 0,
};

/// The kinds valued at cost, as a table lists them.
pub const AT_COST_CHOICES: &[Choice] = &[Choice {
    value: "inkoop-sociale-onderneming",
    label: "Inkoop bij een sociale onderneming (SW-bedrijf)",
}];

const AREA_FIELDS: &[Field] = &[Field::new(
    "gebied",
    "Gebied",
    "Een gemeente of arbeidsmarktregio waar de tabel geldt.",
    FieldType::Region(RegionSet::MunicipalityOrLabourMarket),
)
.required()];

const GROUP_FIELDS: &[Field] = &[
    Field::new(
        "doelgroep",
        "Doelgroep",
        "De doelgroep van een kandidaat.",
        FieldType::Choice(CONTRIBUTION_KINDS),
    )
    .required(),
    Field::new(
        "waardePerJaar",
        "Waarde per jaar",
        "Euro per jaar bij een voltijdcontract van de urenbasis.",
        EURO_PER_YEAR,
    )
    .required(),
    Field::new(
        "maxMaanden",
        "Hoogstens maanden",
        "Zo veel maanden telt een kandidaat hoogstens mee; leeg: geen maximum.",
        FieldType::Number {
            unit: "maanden",
            min: 1.0,
            max: 600.0,
            decimals: 0,
        },
    ),
    Field::new(
        "minUren",
        "Minimaal uren",
        "Minder uren per week tellen niet mee; leeg: geen minimum.",
        FieldType::Number {
            unit: "uur per week",
            min: 0.0,
            max: 60.0,
            decimals: 1,
        },
    ),
];

const BONUS_FIELDS: &[Field] = &[
    Field::new(
        "vanafLeeftijd",
        "Vanaf leeftijd",
        "Bij een bonus naar leeftijd: een kandidaat van deze leeftijd of ouder krijgt de bonus.",
        FieldType::Number {
            unit: "jaar",
            min: 15.0,
            max: 100.0,
            decimals: 0,
        },
    ),
    Field::new(
        "soort",
        "Soort bonus",
        "Naar leeftijd (standaard), of voor een statushouder, een vast contract of indiensttreding na een stage.",
        FieldType::Choice(BONUS_KINDS),
    ),
    Field::new(
        "waardePerJaar",
        "Bonus per jaar",
        "Euro per jaar bij een voltijdcontract, bovenop de waarde van de doelgroep.",
        EURO_PER_YEAR,
    )
    .required(),
];

const AT_COST_FIELDS: &[Field] = &[Field::new(
    "soort",
    "Soort",
    "Inzet die telt tegen het factuurbedrag zonder btw.",
    FieldType::Choice(AT_COST_CHOICES),
)
.required()];

/// The areas of a table: one CSV line each, with the code in column `gebied`.
pub const AREAS: ObjectList = ObjectList {
    entry: "gebied",
    fields: AREA_FIELDS,
    marker: "gebied",
    columns: &[("gebied", "gebied")],
};

/// The target groups of a table: one CSV line each, recognised by a filled `doelgroep`.
pub const GROUPS: ObjectList = ObjectList {
    entry: "doelgroep",
    fields: GROUP_FIELDS,
    marker: "doelgroep",
    columns: &[
        ("doelgroep", "doelgroep"),
        ("waardePerJaar", "doelgroepWaardePerJaar"),
        ("maxMaanden", "doelgroepMaxMaanden"),
        ("minUren", "doelgroepMinUren"),
    ],
};

/// The bonuses of a table (by age, or of a kind the contribution names): one CSV line each,
/// recognised by a filled `bonusWaardePerJaar`.
pub const BONUSES: ObjectList = ObjectList {
    entry: "bonus",
    fields: BONUS_FIELDS,
    marker: "bonusWaardePerJaar",
    columns: &[
        ("vanafLeeftijd", "bonusVanafLeeftijd"),
        ("soort", "bonusSoort"),
        ("waardePerJaar", "bonusWaardePerJaar"),
    ],
};

/// The kinds a table values at cost: one CSV line each, recognised by a filled `tegenKosten`.
pub const AT_COST: ObjectList = ObjectList {
    entry: "soort tegen kosten",
    fields: AT_COST_FIELDS,
    marker: "tegenKosten",
    columns: &[("soort", "tegenKosten")],
};

/// Waarderingstabellen: one version of a bouwblokken table.
pub const VALUATION_TABLE_SPEC: KindSpec = KindSpec {
    kind: "waarderingstabel",
    collection: "waarderingstabellen",
    singular: "waarderingstabel",
    plural: "waarderingstabellen",
    article: Article::De,
    schema: "Waarderingstabel",
    tag: "SROI",
    about: "Eén versie van een tabel met bouwblokken voor social return: de gebieden waar zij geldt, vanaf wanneer, \
            de urenbasis, en per doelgroep de waarde per jaar bij een voltijdcontract, met het maximum aantal \
            maanden, bonussen naar leeftijd en de soorten inzet die tegen kosten tellen. Een tabel die een \
            vastgelegd contract gebruikt, wijzigt niet: een wijziging is een nieuwe versie.",
    title_field: "naam",
    fields: &[
        Field::new(
            "naam",
            "Naam",
            "De naam van de tabel, zoals de regio haar publiceert.",
            FieldType::Text { max: 200, lines: 1 },
        )
        .required(),
        Field::new(
            "tabel",
            "Kenmerk",
            "Een kort kenmerk dat alle versies van deze tabel delen, in kleine letters, cijfers en streepjes \
             (bijvoorbeeld haaglanden-zhc).",
            FieldType::Code {
                pattern: "^[a-z0-9]+(-[a-z0-9]+)*$",
                max: 60,
            },
        )
        .required(),
        Field::new(
            "versienummer",
            "Versie",
            "Het volgnummer van deze versie, vanaf 1; een nieuwe versie krijgt een hoger nummer.",
            FieldType::Number {
                unit: "",
                min: 1.0,
                max: 999.0,
                decimals: 0,
            },
        )
        .required(),
        Field::new(
            "gebieden",
            "Gebieden",
            "De gemeenten of arbeidsmarktregio's waar de tabel geldt.",
            FieldType::Objects(&AREAS),
        )
        .required(),
        Field::new(
            "geldigVanaf",
            "Geldig vanaf",
            "De eerste dag waarop de tabel geldt: een contract dat op of na die dag is aanbesteed, wordt ermee \
             gewaardeerd.",
            FieldType::Date,
        )
        .required(),
        Field::new(
            "geldigTotEnMet",
            "Geldig tot en met",
            "De laatste dag; leeg: tot de volgende versie ingaat.",
            FieldType::Date,
        ),
        Field::new(
            "urenBasis",
            "Urenbasis",
            "Het aantal uren per week van een voltijdcontract waarvoor de bedragen gelden (meestal 36 of 40).",
            FieldType::Number {
                unit: "uur per week",
                min: 1.0,
                max: 60.0,
                decimals: 0,
            },
        )
        .required(),
        Field::new(
            "bron",
            "Bron",
            "Waar de bedragen vandaan komen, met de datum van de publicatie.",
            FieldType::Text { max: 1000, lines: 3 },
        )
        .required(),
        Field::new(
            "doelgroepen",
            "Doelgroepen",
            "Per doelgroep de waarde per jaar, met het maximum aantal maanden en het minimum aantal uren.",
            FieldType::Objects(&GROUPS),
        )
        .required(),
        Field::new(
            "bonussen",
            "Bonussen",
            "Een bonus voor kandidaten vanaf een leeftijd, of voor een statushouder, een vast contract of \
             indiensttreding na een stage.",
            FieldType::Objects(&BONUSES),
        ),
        Field::new(
            "tegenKosten",
            "Tegen kosten",
            "Soorten inzet die tellen tegen het factuurbedrag zonder btw.",
            FieldType::Objects(&AT_COST),
        ),
    ],
    computed: &[],
};

/// One area of a table as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRecord {
    /// A gemeente or arbeidsmarktregio code.
    pub gebied: RegionCode,
}

/// One target group of a table as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRecord {
    /// The target group code.
    pub doelgroep: String,
    /// Euros per year, full time.
    pub waarde_per_jaar: f64,
    /// Cap on the months counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_maanden: Option<u32>,
    /// Minimum hours a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_uren: Option<f64>,
}

/// One bonus of a table as stored: by age, or of a kind the contribution names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BonusRecord {
    /// From this age on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanaf_leeftijd: Option<u32>,
    /// The kind of bonus ([`BONUS_KINDS`]); `None` (records from before there were kinds): by age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soort: Option<String>,
    /// Euros per year, full time.
    pub waarde_per_jaar: f64,
}

/// One kind valued at cost as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtCostRecord {
    /// Its code.
    pub soort: String,
}

/// A valuation table version as stored in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValuationTableRecord {
    /// Name.
    pub naam: String,
    /// The id all versions share.
    pub tabel: String,
    /// Version.
    pub versienummer: u32,
    /// Areas.
    pub gebieden: Vec<AreaRecord>,
    /// First day.
    pub geldig_vanaf: NaiveDate,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geldig_tot_en_met: Option<NaiveDate>,
    /// Hours a week of a full-time contract.
    pub uren_basis: f64,
    /// Source.
    pub bron: String,
    /// Target groups.
    pub doelgroepen: Vec<GroupRecord>,
    /// Age bonuses.
    #[serde(default)]
    pub bonussen: Vec<BonusRecord>,
    /// Kinds valued at cost.
    #[serde(default)]
    pub tegen_kosten: Vec<AtCostRecord>,
}

fn label_of(choices: &[Choice], value: &str) -> String {
    choices
        .iter()
        .find(|c| c.value == value)
        .map_or_else(|| value.to_string(), |c| c.label.to_string())
}

impl ValuationTableRecord {
    /// The table that values contributions.
    pub fn table(&self) -> ValuationTable {
        ValuationTable {
            id: self.tabel.clone(),
            versie: self.versienummer,
            naam: self.naam.clone(),
            gebieden: self.gebieden.iter().map(|a| a.gebied.to_string()).collect(),
            geldig_vanaf: Some(self.geldig_vanaf),
            geldig_tot_en_met: self.geldig_tot_en_met,
            uren_basis: self.uren_basis,
            bron: self.bron.clone(),
            doelgroepen: self
                .doelgroepen
                .iter()
                .map(|g| TargetGroup {
                    code: g.doelgroep.clone(),
                    naam: label_of(CONTRIBUTION_KINDS, &g.doelgroep),
                    waarde_per_jaar: g.waarde_per_jaar,
                    max_maanden: g.max_maanden,
                    min_uren: g.min_uren,
                })
                .collect(),
            bonussen: self
                .bonussen
                .iter()
                .map(|b| match (b.vanaf_leeftijd, &b.soort) {
                    (Some(age), _) => Bonus {
                        code: format!("leeftijd-{age}"),
                        naam: format!("{age} jaar of ouder"),
                        waarde_per_jaar: b.waarde_per_jaar,
                        vanaf_leeftijd: Some(age),
                    },
                    (None, kind) => {
                        let code = kind.clone().unwrap_or_default();
                        Bonus {
                            naam: NAMED_BONUSES
                                .iter()
                                .find(|k| k.value == code)
                                .map_or_else(|| code.clone(), |k| k.label.to_string()),
                            code,
                            waarde_per_jaar: b.waarde_per_jaar,
                            vanaf_leeftijd: None,
                        }
                    }
                })
                .collect(),
            tegen_kosten: self
                .tegen_kosten
                .iter()
                .map(|k| AtCost {
                    code: k.soort.clone(),
                    naam: label_of(AT_COST_CHOICES, &k.soort),
                })
                .collect(),
        }
    }
}

/// An area as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AreaDraft {
    /// gebied
    pub gebied: String,
}

/// A target group as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GroupDraft {
    /// doelgroep
    pub doelgroep: String,
    /// waardePerJaar
    pub waarde_per_jaar: Option<f64>,
    /// maxMaanden
    pub max_maanden: Option<f64>,
    /// minUren
    pub min_uren: Option<f64>,
}

/// A bonus as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BonusDraft {
    /// vanafLeeftijd
    pub vanaf_leeftijd: Option<f64>,
    /// soort
    pub soort: String,
    /// waardePerJaar
    pub waarde_per_jaar: Option<f64>,
}

/// A kind valued at cost as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct AtCostDraft {
    /// soort
    pub soort: String,
}

/// A valuation table version as entered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ValuationTableDraft {
    /// naam
    pub naam: String,
    /// tabel
    pub tabel: String,
    /// versienummer
    pub versienummer: Option<f64>,
    /// gebieden
    pub gebieden: Vec<AreaDraft>,
    /// geldigVanaf
    pub geldig_vanaf: String,
    /// geldigTotEnMet
    pub geldig_tot_en_met: String,
    /// urenBasis
    pub uren_basis: Option<f64>,
    /// bron
    pub bron: String,
    /// doelgroepen
    pub doelgroepen: Vec<GroupDraft>,
    /// bonussen
    pub bonussen: Vec<BonusDraft>,
    /// tegenKosten
    pub tegen_kosten: Vec<AtCostDraft>,
}

/// A whole number in `min..=max`, or a fault at `field`.
fn whole(c: &mut Check, field: &str, v: Option<f64>, what: &str, min: u32, max: u32) -> Option<u32> {
    let x = c.positive(field, v, what, true)?;
    if x.fract() != 0.0 || x < f64::from(min) || x > f64::from(max) {
        c.fault(
            field,
            "range",
            format!(
                "{} is een heel getal van {min} tot en met {max}.",
                crate::spec::capital(what)
            ),
        );
        return None;
    }
    Some(x as u32)
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 60
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A date as messages write it (dd-mm-jjjj).
fn day(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

impl ValuationTableDraft {
    /// Checks the draft against the other tables `known` has; every fault at once.
    pub fn parse(&self, known: &dyn Known) -> Result<ValuationTableRecord, Vec<Fault>> {
        let mut c = Check::new(known);
        let naam = c.text("naam", &self.naam, true, 200);
        let tabel = self.tabel.trim().to_string();
        if tabel.is_empty() {
            c.fault("tabel", "required", "Vul een kenmerk in, bijvoorbeeld haaglanden-zhc.");
        } else if !is_slug(&tabel) {
            c.fault(
                "tabel",
                "format",
                format!(
                    "'{tabel}' is geen kenmerk: gebruik kleine letters, cijfers en losse streepjes (haaglanden-zhc)."
                ),
            );
        }
        let versie = whole(&mut c, "versienummer", self.versienummer, "het versienummer", 1, 999);
        let mut gebieden: Vec<AreaRecord> = Vec::new();
        for (i, a) in self.gebieden.iter().enumerate() {
            let field = format!("gebieden[{i}].gebied");
            let raw = a.gebied.trim();
            match RegionCode::parse(raw) {
                Ok(code @ (RegionCode::Municipality(_) | RegionCode::LabourMarketRegion(_))) if known.region(code) => {
                    if gebieden.iter().any(|g| g.gebied == code) {
                        c.fault(&field, "duplicate", format!("'{raw}' staat al bij de gebieden."));
                    } else {
                        gebieden.push(AreaRecord { gebied: code });
                    }
                }
                _ if raw.is_empty() => c.fault(&field, "required", "Kies een gemeente of arbeidsmarktregio."),
                _ => c.fault(
                    &field,
                    "unknown",
                    format!("'{raw}' is geen gemeente of arbeidsmarktregio (zoals GM0518 of AM21)."),
                ),
            }
        }
        if self.gebieden.is_empty() {
            c.fault(
                "gebieden",
                "required",
                "Noem minstens één gemeente of arbeidsmarktregio.",
            );
        }
        let geldig_vanaf = c.date("geldigVanaf", &self.geldig_vanaf);
        if self.geldig_vanaf.trim().is_empty() {
            c.fault("geldigVanaf", "required", "Vul de eerste dag in waarop de tabel geldt.");
        }
        let geldig_tot_en_met = c.date("geldigTotEnMet", &self.geldig_tot_en_met);
        if let (Some(from), Some(to)) = (geldig_vanaf, geldig_tot_en_met) {
            if to < from {
                c.fault("geldigTotEnMet", "range", "De laatste dag ligt voor de eerste.");
            }
        }
        let uren_basis = whole(&mut c, "urenBasis", self.uren_basis, "de urenbasis", 1, 60).map(f64::from);
        let bron = c.text("bron", &self.bron, true, 1000);
        let mut doelgroepen: Vec<GroupRecord> = Vec::new();
        for (i, g) in self.doelgroepen.iter().enumerate() {
            let at = |f: &str| format!("doelgroepen[{i}].{f}");
            let code = g.doelgroep.trim();
            let known_group = CONTRIBUTION_KINDS.iter().any(|k| k.value == code);
            if code.is_empty() {
                c.fault(&at("doelgroep"), "required", crate::coherence::EMPTY_CHOICE);
            } else if AT_COST_CHOICES.iter().any(|k| k.value == code) {
                c.fault(
                    &at("doelgroep"),
                    "enum",
                    "Deze inzet telt tegen het factuurbedrag: zet haar bij 'Tegen kosten'.",
                );
            } else if !known_group {
                c.fault(&at("doelgroep"), "enum", format!("'{code}' is geen doelgroep."));
            } else if doelgroepen.iter().any(|d| d.doelgroep == code) {
                c.fault(
                    &at("doelgroep"),
                    "duplicate",
                    format!("'{}' staat al bij de doelgroepen.", label_of(CONTRIBUTION_KINDS, code)),
                );
            }
            let waarde = c.positive(&at("waardePerJaar"), g.waarde_per_jaar, "de waarde per jaar", true);
            let max_maanden = g
                .max_maanden
                .and_then(|m| whole(&mut c, &at("maxMaanden"), Some(m), "het maximum aantal maanden", 1, 600));
            let min_uren = g
                .min_uren
                .and_then(|m| c.positive(&at("minUren"), Some(m), "het minimum aantal uren", true));
            if let (true, Some(waarde_per_jaar)) = (known_group, waarde) {
                doelgroepen.push(GroupRecord {
                    doelgroep: code.to_string(),
                    waarde_per_jaar,
                    max_maanden,
                    min_uren,
                });
            }
        }
        if self.doelgroepen.is_empty() {
            c.fault(
                "doelgroepen",
                "required",
                "Noem minstens één doelgroep met haar waarde per jaar.",
            );
        }
        let mut bonussen: Vec<BonusRecord> = Vec::new();
        for (i, b) in self.bonussen.iter().enumerate() {
            let at = |f: &str| format!("bonussen[{i}].{f}");
            let age = match b.vanaf_leeftijd {
                Some(_) => whole(&mut c, &at("vanafLeeftijd"), b.vanaf_leeftijd, "de leeftijd", 15, 100),
                None => None,
            };
            // No kind given: a bonus by age (files from before there were other kinds).
            let soort = match b.soort.trim() {
                "" => "leeftijd",
                s => s,
            };
            let by_age = soort == "leeftijd";
            let kind = if by_age {
                Some("leeftijd".to_string())
            } else if let Some(k) = NAMED_BONUSES.iter().find(|k| k.value == soort) {
                Some(k.value.to_string())
            } else {
                let all: Vec<&str> = BONUS_KINDS.iter().map(|k| k.value).collect();
                c.fault(&at("soort"), "enum", format!("Kies uit {}.", all.join(", ")));
                None
            };
            match (b.vanaf_leeftijd.is_some(), by_age) {
                (false, true) => c.fault(
                    &at("vanafLeeftijd"),
                    "required",
                    "Vul de leeftijd in vanaf wanneer de bonus geldt, of kies een andere soort bonus.",
                ),
                (true, false) => c.fault(
                    &at("vanafLeeftijd"),
                    "conflict",
                    "Een bonus van deze soort geldt voor elke leeftijd: laat de leeftijd leeg, of kies de soort 'naar leeftijd'.",
                ),
                _ => {}
            }
            let waarde = c.positive(&at("waardePerJaar"), b.waarde_per_jaar, "de bonus per jaar", true);
            if let Some(waarde_per_jaar) = waarde.filter(|_| kind.is_some() && age.is_some() == by_age) {
                let twice = bonussen.iter().any(|o| match age {
                    Some(_) => o.vanaf_leeftijd == age,
                    None => o.soort == kind,
                });
                if twice {
                    let (field, what) = match (age, &kind) {
                        (Some(a), _) => ("vanafLeeftijd", format!("vanaf {a} jaar")),
                        (None, k) => ("soort", format!("voor '{}'", k.as_deref().unwrap_or_default())),
                    };
                    c.fault(&at(field), "duplicate", format!("Er is al een bonus {what}."));
                } else {
                    bonussen.push(BonusRecord {
                        vanaf_leeftijd: age,
                        soort: kind,
                        waarde_per_jaar,
                    });
                }
            }
        }
        let mut tegen_kosten: Vec<AtCostRecord> = Vec::new();
        for (i, k) in self.tegen_kosten.iter().enumerate() {
            let field = format!("tegenKosten[{i}].soort");
            let soort = k.soort.trim();
            if soort.is_empty() {
                c.fault(&field, "required", crate::coherence::EMPTY_CHOICE);
            } else if !AT_COST_CHOICES.iter().any(|k| k.value == soort) {
                c.fault(&field, "enum", format!("'{soort}' telt niet tegen kosten."));
            } else if !tegen_kosten.iter().any(|t| t.soort == soort) {
                tegen_kosten.push(AtCostRecord {
                    soort: soort.to_string(),
                });
            }
        }
        let record = match (versie, geldig_vanaf, uren_basis) {
            (Some(versie), Some(geldig_vanaf), Some(uren_basis)) if is_slug(&tabel) => Some(ValuationTableRecord {
                naam,
                tabel,
                versienummer: versie,
                gebieden,
                geldig_vanaf,
                geldig_tot_en_met,
                uren_basis,
                bron,
                doelgroepen,
                bonussen,
                tegen_kosten,
            }),
            _ => None,
        };
        if let Some(r) = &record {
            for fault in against_others(r, &known.valuation_tables()) {
                c.fault(&fault.field, fault.code, fault.reason);
            }
        }
        c.done(record)
    }
}

/// What the other versions of the same table say against this one: the same version number,
/// or a period that overlaps.
fn against_others(r: &ValuationTableRecord, others: &[ValuationTable]) -> Vec<Fault> {
    let mut out = Vec::new();
    let same: Vec<&ValuationTable> = others.iter().filter(|t| t.id == r.tabel).collect();
    if same.iter().any(|t| t.versie == r.versienummer) {
        let highest = same.iter().map(|t| t.versie).max().unwrap_or(r.versienummer);
        out.push(Fault {
            field: "versienummer".into(),
            code: "duplicate",
            reason: format!(
                "Versie {} van '{}' bestaat al; geef een nieuwe versie nummer {}.",
                r.versienummer,
                r.tabel,
                highest + 1
            ),
        });
        return out;
    }
    let this = r.table();
    let mut group: Vec<ValuationTable> = same.into_iter().cloned().collect();
    group.push(this);
    if let Some(other) = overlapping_versions(&group)
        .into_iter()
        .map(|(_, a, b)| if a == r.versienummer { b } else { a })
        .find(|v| *v != r.versienummer)
        .and_then(|v| group.iter().find(|t| t.versie == v))
    {
        let period = match (other.geldig_vanaf, other.geldig_tot_en_met) {
            (Some(from), Some(to)) => format!("van {} tot en met {}", day(from), day(to)),
            (Some(from), None) => format!("vanaf {}", day(from)),
            _ => "zonder datum".to_string(),
        };
        out.push(Fault {
            field: "geldigVanaf".into(),
            code: "overlap",
            reason: format!(
                "Deze periode overlapt met versie {} van '{}', die geldt {period}. Laat de nieuwe versie later ingaan, \
                 of op een andere dag dan de vorige.",
                other.versie, r.tabel
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct K(Vec<ValuationTable>);

    impl Known for K {
        fn concept(&self, _: &str) -> bool {
            true
        }
        fn region(&self, _: RegionCode) -> bool {
            true
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
        fn today(&self) -> NaiveDate {
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        }
        fn valuation_tables(&self) -> Vec<ValuationTable> {
            self.0.clone()
        }
    }

    fn draft(versie: f64, from: &str) -> ValuationTableDraft {
        ValuationTableDraft {
            naam: "Bouwblokken Twente".into(),
            tabel: "twente".into(),
            versienummer: Some(versie),
            gebieden: vec![AreaDraft { gebied: "AM05".into() }],
            geldig_vanaf: from.into(),
            uren_basis: Some(36.0),
            bron: "Regio Twente, 2025".into(),
            doelgroepen: vec![GroupDraft {
                doelgroep: "participatiewet".into(),
                waarde_per_jaar: Some(35_000.0),
                max_maanden: Some(24.0),
                min_uren: None,
            }],
            bonussen: vec![
                BonusDraft {
                    vanaf_leeftijd: Some(55.0),
                    waarde_per_jaar: Some(10_000.0),
                    ..BonusDraft::default()
                },
                BonusDraft {
                    soort: "statushouder".into(),
                    waarde_per_jaar: Some(5_000.0),
                    ..BonusDraft::default()
                },
            ],
            ..ValuationTableDraft::default()
        }
    }

    fn fields(e: Vec<Fault>) -> Vec<String> {
        e.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn a_record_becomes_the_table_that_values_contributions() {
        let r = draft(1.0, "2025-01-01").parse(&K(vec![])).unwrap();
        let t = r.table();
        assert_eq!((t.id.as_str(), t.versie), ("twente", 1));
        assert_eq!(t.gebieden, vec!["AM05".to_string()]);
        assert_eq!(t.doelgroepen[0].naam, "Participatiewet");
        assert_eq!(t.bonussen[0].vanaf_leeftijd, Some(55));
        let v = crate::sroi::value(
            &t,
            &crate::sroi::Contribution::Candidate {
                group: "participatiewet".into(),
                hours_per_week: 36.0,
                months: 12,
                age: Some(60),
                bonuses: vec![],
            },
        )
        .unwrap();
        assert_eq!((v.total * 100.0).round() as i64, 4_500_000);
    }

    #[test]
    fn a_version_that_exists_or_overlaps_is_refused_at_its_field() {
        let v1 = draft(1.0, "2025-01-01").parse(&K(vec![])).unwrap().table();
        let e = draft(1.0, "2026-01-01").parse(&K(vec![v1.clone()])).unwrap_err();
        assert_eq!(fields(e), ["versienummer"]);
        let e = draft(2.0, "2025-01-01").parse(&K(vec![v1.clone()])).unwrap_err();
        assert_eq!(fields(e.clone()), ["geldigVanaf"]);
        assert!(e[0].reason.contains("versie 1"), "{}", e[0].reason);
        let mut ended = v1.clone();
        ended.geldig_tot_en_met = NaiveDate::from_ymd_opt(2026, 6, 30);
        assert_eq!(
            fields(draft(2.0, "2026-03-01").parse(&K(vec![ended.clone()])).unwrap_err()),
            ["geldigVanaf"]
        );
        assert!(draft(2.0, "2026-07-01").parse(&K(vec![ended])).is_ok());
        assert!(draft(2.0, "2026-01-01").parse(&K(vec![v1])).is_ok());
    }

    #[test]
    fn bad_entries_are_named_at_their_field() {
        let mut d = draft(1.5, "2025-13-01");
        d.tabel = "Twente Regio".into();
        d.gebieden.push(AreaDraft { gebied: "PV21".into() });
        d.doelgroepen.push(GroupDraft {
            doelgroep: "inkoop-sociale-onderneming".into(),
            waarde_per_jaar: Some(-1.0),
            ..GroupDraft::default()
        });
        d.tegen_kosten.push(AtCostDraft { soort: "ww".into() });
        let mut got = fields(d.parse(&K(vec![])).unwrap_err());
        got.sort();
        assert_eq!(
            got,
            [
                "doelgroepen[1].doelgroep",
                "doelgroepen[1].waardePerJaar",
                "gebieden[1].gebied",
                "geldigVanaf",
                "tabel",
                "tegenKosten[0].soort",
                "versienummer"
            ]
        );
    }
}
