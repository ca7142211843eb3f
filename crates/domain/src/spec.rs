// SPDX-License-Identifier: EUPL-1.2
//! How a register kind describes itself: its names, and its fields with their type, label and
//! help text. Everything the layers above derive per kind comes from this one description: the
//! API routes and the OpenAPI schemas, the web forms and their pickers, the CSV columns, which
//! fields are themes and references, and what the theme page and search show.
//!
//! The description says what a field *is*; the rules that span fields (a target year after the
//! base year, a commitment of a party of the agreement) stay in the kind's own `parse`. No I/O.

/// Whether a Dutch noun takes *de* or *het*, for messages such as "Het doel is opgeslagen".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// de regeling, de afspraak, de persoon
    De,
    /// het doel, het overleg
    Het,
}

impl Article {
    /// The article, capitalised at the start of a sentence or not.
    pub fn word(self, capital: bool) -> &'static str {
        match (self, capital) {
            (Article::De, false) => "de",
            (Article::De, true) => "De",
            (Article::Het, false) => "het",
            (Article::Het, true) => "Het",
        }
    }

    /// "dit" or "deze", for "deze regeling" / "dit doel".
    pub fn this(self) -> &'static str {
        match self {
            Article::De => "deze",
            Article::Het => "dit",
        }
    }
}

/// One allowed value of a choice field, with its Dutch label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The stored value (`doe-geld`).
    pub value: &'static str,
    /// What the user reads (`Doe-geld: bereikt mensen en werkgevers direct`).
    pub label: &'static str,
}

/// Which regions a region field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionSet {
    /// Any region of the registry: gemeente, arbeidsmarktregio, COROP, provincie, Nederland.
    Any,
    /// A gemeente or an arbeidsmarktregio.
    MunicipalityOrLabourMarket,
    /// A gemeente.
    Municipality,
}

/// The type of a field: what its JSON value is, how a form asks for it, how a CSV cell holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldType {
    /// Text of at most `max` characters; `lines` > 1 asks for it in a text area.
    Text {
        /// Longest text accepted, in characters.
        max: usize,
        /// Lines of the text area in forms (1: one line).
        lines: u8,
    },
    /// A short code such as a KvK number: at most `max` characters matching `pattern` (for the
    /// OpenAPI document and the form); the kind's `parse` checks it exactly. Spaces and dots that
    /// people type in numbers are left out before the check.
    Code {
        /// The pattern, as a regular expression.
        pattern: &'static str,
        /// Longest code, in characters.
        max: usize,
    },
    /// A web address starting with `https://` or `http://`.
    Link,
    /// A work e-mail address.
    Email,
    /// A work telephone number.
    Phone,
    /// A number, in `unit`, between `min` and `max`, shown with `decimals` decimals.
    Number {
        /// The unit, in Dutch (`euro per jaar`, `keer per jaar`).
        unit: &'static str,
        /// Lowest value accepted.
        min: f64,
        /// Highest value accepted.
        max: f64,
        /// Decimals shown.
        decimals: u8,
    },
    /// A calendar year.
    Year,
    /// A date (ISO 8601; forms and CSV also take dd-mm-jjjj).
    Date,
    /// A time of day, `uu:mm` (forms and CSV also take "14.00").
    Time,
    /// One of a fixed list of values.
    Choice(&'static [Choice]),
    /// One concept of the begrippenkader (its id).
    Concept,
    /// Several concepts (ids).
    Concepts,
    /// A region code.
    Region(RegionSet),
    /// An organisation id.
    Organisation,
    /// Another register record of the given kind (its id).
    Record(&'static str),
    /// Several records of the given kind (ids).
    Records(&'static str),
    /// An indicator id.
    Indicator,
    /// A list of small records with these fields (the parties of an agreement).
    Objects(&'static ObjectList),
    /// One object with these fields; only in what the server computes (a goal's progress).
    Object(&'static [Field]),
}

impl FieldType {
    /// Whether the JSON value is an array.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            FieldType::Concepts | FieldType::Records(_) | FieldType::Objects(_)
        )
    }

    /// The kind of record a reference field points to.
    pub fn referenced_kind(self) -> Option<&'static str> {
        match self {
            FieldType::Record(k) | FieldType::Records(k) => Some(k),
            _ => None,
        }
    }
}

/// The fields of the entries of an [`FieldType::Objects`] list, and how a CSV file holds them:
/// one line per entry, recognised by a filled `marker` column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectList {
    /// What one entry is called, singular (`partij`).
    pub entry: &'static str,
    /// The fields of one entry.
    pub fields: &'static [Field],
    /// The CSV column that, when filled, makes a line an entry of this list.
    pub marker: &'static str,
    /// The CSV column of each field of an entry: (field name, column).
    pub columns: &'static [(&'static str, &'static str)],
}

impl ObjectList {
    /// The CSV column of an entry's field.
    pub fn column(&self, field: &str) -> &'static str {
        self.columns.iter().find(|(f, _)| *f == field).map_or_else(
            || self.fields.iter().find(|f| f.name == field).map_or("", |f| f.name),
            |(_, c)| c,
        )
    }
}

/// One field of a register kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// The property name in JSON, the form and the CSV header (lowerCamelCase, Dutch).
    pub name: &'static str,
    /// The label in forms and tables (`Doelgroepen`).
    pub label: &'static str,
    /// What the field means, in Dutch: the hint under a form field and the OpenAPI description.
    pub help: &'static str,
    /// The type.
    pub ty: FieldType,
    /// Whether a record needs it.
    pub required: bool,
    /// Whether its concepts are themes of the record (the theme page and the `thema` filter
    /// find the record by them).
    pub theme: bool,
    /// Whether only members of the owning organisation see it: it is left out of what every
    /// other reader gets (representations, exports, pages).
    pub confidential: bool,
    /// For a concept field: the concept whose narrower concepts it takes (forms offer only
    /// those; the kind's `parse` checks it).
    pub within: Option<&'static str>,
}

impl Field {
    /// A field with the common defaults: optional, not a theme.
    pub const fn new(name: &'static str, label: &'static str, help: &'static str, ty: FieldType) -> Field {
        Field {
            name,
            label,
            help,
            ty,
            required: false,
            theme: false,
            confidential: false,
            within: None,
        }
    }

    /// The same field, required.
    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The same field, its concepts counting as themes.
    pub const fn theme(mut self) -> Field {
        self.theme = true;
        self
    }

    /// The same concept field, taking only the concepts under `ancestor`.
    pub const fn within(mut self, ancestor: &'static str) -> Field {
        self.within = Some(ancestor);
        self
    }

    /// The same field, seen only by members of the owning organisation.
    pub const fn confidential(mut self) -> Field {
        self.confidential = true;
        self
    }
}

/// The description of a register kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindSpec {
    /// The stored kind, singular (`regeling`).
    pub kind: &'static str,
    /// The collection: the path under `/api/v1` and of the pages (`regelingen`).
    pub collection: &'static str,
    /// The Dutch noun, singular (`regeling`).
    pub singular: &'static str,
    /// The Dutch noun, plural (`regelingen`).
    pub plural: &'static str,
    /// *de* or *het*.
    pub article: Article,
    /// The name of its schema in the OpenAPI document (`Regeling`).
    pub schema: &'static str,
    /// The API tag (`Regelingen`).
    pub tag: &'static str,
    /// What a record of this kind is, in one or two Dutch sentences.
    pub about: &'static str,
    /// The field that titles a record in lists and the audit log.
    pub title_field: &'static str,
    /// The fields, in the order forms and CSV files show them.
    pub fields: &'static [Field],
    /// Properties the server adds to every representation, computed from the record and the
    /// figures; never part of the input.
    pub computed: &'static [Field],
}

/// The first letter in capitals ("regeling" → "Regeling").
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl KindSpec {
    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// "De regeling" / "Het doel" (capitalised) or "de regeling" / "het doel".
    pub fn the(&self, capital: bool) -> String {
        format!("{} {}", self.article.word(capital), self.singular)
    }
}

/// Whether `id` can name a register record: 1–64 lower-case letters, digits and hyphens,
/// starting with a letter or digit. The server makes ids of 16 hexadecimal characters; the
/// example data uses ids that start with `voorbeeld-`.
pub fn valid_record_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// The pattern of [`valid_record_id`], for the OpenAPI document.
pub const RECORD_ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_follow_one_pattern() {
        for ok in ["3f2a9c1b7d4e5a60", "voorbeeld-p-enschede", "a"] {
            assert!(valid_record_id(ok), "{ok}");
        }
        for bad in [
            "",
            "../../etc/passwd",
            "<b>x</b>",
            "a b",
            "_export",
            "-a",
            "A1",
            &"a".repeat(65),
        ] {
            assert!(!valid_record_id(bad), "{bad}");
        }
    }
}
