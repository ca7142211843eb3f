// SPDX-License-Identifier: EUPL-1.2
//! `/personen`: aldermen, accountmanagers and other people, with their function, portfolio and
//! themes. Personal data is kept to what work needs: name, organisation, function, work contact.
//! One file per action; this module holds the register definition and the representations.

pub mod create;
pub mod delete;
pub mod export;
pub mod import;
pub mod list;
pub mod show;
pub mod update;

use samenhang_domain::registers::{Fault, Known, Person, PersonDraft};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::begrippen::BegripRef;
use crate::api::model::{PageLinks, Paginering, SelfLinks};
use crate::api::registers::Register;

impl crate::api::registers::CsvRegister for People {
    const FILE: &'static str = "personen.csv";
    fn read_csv(
        bytes: &[u8],
    ) -> Result<Vec<samenhang_registers::Row<PersonDraft>>, Vec<samenhang_registers::CsvFault>> {
        samenhang_registers::read_people(bytes)
    }
    fn write_csv(rows: &[(samenhang_store::registers::StoredItem, Person)]) -> String {
        samenhang_registers::write_people(rows.iter().map(|(i, r)| (crate::api::registers::meta(i), r)))
    }
}

/// The register definition of people.
pub(crate) struct People;

impl Register for People {
    const KIND: &'static str = "persoon";
    const PATH: &'static str = "/personen";
    const NAME: &'static str = "persoon";
    const FIELDS: &'static [&'static str] = &["naam", "functie", "portefeuille", "themas", "email", "telefoon"];
    type Draft = PersonDraft;
    type Record = Person;

    fn parse(draft: &PersonDraft, known: &dyn Known) -> Result<Person, Vec<Fault>> {
        draft.parse(known)
    }
    fn title(record: &Person) -> String {
        record.naam.clone()
    }
    fn themes(record: &Person) -> Vec<String> {
        record.themas.clone()
    }
    fn links(_: &Person) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// A person as sent to create or change one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct PersoonInvoer {
    /// Id of the owning organisation; may be left out when you are redacteur at one only.
    #[schema(example = "gemeente-enschede")]
    pub organisatie: Option<String>,
    /// openbaar, regio or organisatie (default).
    #[schema(example = "regio")]
    pub zichtbaarheid: Option<String>,
    /// Full name.
    #[schema(example = "Jeroen Diepemaat")]
    pub naam: String,
    /// wethouder, gedeputeerde, bestuurder, accountmanager, beleidsadviseur or overig.
    #[schema(example = "wethouder")]
    pub functie: String,
    /// Portfolio, in words.
    #[schema(example = "Economie, werk en inkomen")]
    pub portefeuille: Option<String>,
    /// Theme concept ids from the begrippenkader.
    #[schema(example = json!(["werkloosheid"]))]
    pub themas: Option<Vec<String>>,
    /// Work e-mail address.
    pub email: Option<String>,
    /// Work telephone number.
    pub telefoon: Option<String>,
}

/// A person.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct Persoon {
    /// Id.
    pub id: String,
    /// Id of the owning organisation.
    pub organisatie: String,
    /// openbaar, regio or organisatie.
    pub zichtbaarheid: String,
    /// Version; also the ETag.
    pub versie: i64,
    /// When it last changed (UTC).
    pub gewijzigd_op: chrono::DateTime<chrono::Utc>,
    /// Who changed it last.
    pub gewijzigd_door: String,
    /// Full name.
    pub naam: String,
    /// Function.
    pub functie: String,
    /// Portfolio.
    pub portefeuille: Option<String>,
    /// Themes.
    pub themas: Vec<BegripRef>,
    /// Work e-mail address.
    pub email: Option<String>,
    /// Work telephone number.
    pub telefoon: Option<String>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: SelfLinks,
}

/// A page of people.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct PersonenLijst {
    /// The people on this page that you may see.
    pub personen: Vec<Persoon>,
    /// Paging.
    pub paginering: Paginering,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PageLinks,
}
