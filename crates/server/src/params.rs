// SPDX-License-Identifier: EUPL-1.2
//! Query-string parsing that collects every fault, so a 400 lists all invalid parameters at once
//! (NL API Design Rules, problem details with `invalidParams`).

use samenhang_store::Paging;

use crate::problem::{ApiError, InvalidParam};

/// Default and maximum page size.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The parameters of one request, and the faults found so far.
#[derive(Debug)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
    errors: Vec<InvalidParam>,
}

impl QueryParams {
    /// Parses the raw query string; unknown and repeated parameters are faults.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Self {
        let mut errors = Vec::new();
        let pairs: Vec<(String, String)> = match serde_urlencoded::from_str(raw.unwrap_or("")) {
            Ok(p) => p,
            Err(_) => {
                errors.push(InvalidParam::new(
                    "query",
                    "syntax",
                    "De querystring is niet goed gecodeerd.",
                ));
                vec![]
            }
        };
        let mut seen = std::collections::BTreeSet::new();
        for (name, _) in &pairs {
            if !known.contains(&name.as_str()) {
                errors.push(InvalidParam::new(
                    name,
                    "unknown",
                    format!("Onbekende parameter. Toegestaan zijn: {}.", known.join(", ")),
                ));
            } else if !seen.insert(name.clone()) {
                errors.push(InvalidParam::new(
                    name,
                    "duplicate",
                    "Deze parameter mag maar één keer voorkomen.",
                ));
            }
        }
        QueryParams { pairs, errors }
    }

    /// Parses the query of an HTML form: as [`QueryParams::parse`], but a field left empty
    /// (an "alle" option, an empty text box) counts as not given.
    pub fn parse_form(raw: Option<&str>, known: &[&str]) -> Self {
        let mut q = Self::parse(raw, known);
        q.pairs.retain(|(_, v)| !v.trim().is_empty());
        q
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Records a fault when parameter `name` is absent; `hint` says what to give.
    pub fn require(&mut self, name: &str, hint: &str) {
        if self.raw(name).is_none() {
            self.errors.push(InvalidParam::new(name, "required", hint));
        }
    }

    /// Records a fault found by the caller.
    pub fn fault(&mut self, fault: InvalidParam) {
        self.errors.push(fault);
    }

    /// Parses parameter `name` with `parse`; an empty value is a fault.
    pub fn get<T>(&mut self, name: &str, code: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let raw = self.raw(name)?.trim().to_string();
        if raw.is_empty() {
            self.errors
                .push(InvalidParam::new(name, "required", "De waarde is leeg."));
            return None;
        }
        match parse(&raw) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.errors.push(InvalidParam::new(name, code, reason));
                None
            }
        }
    }

    /// An integer between `min` and `max`.
    pub fn int_in(&mut self, name: &str, min: i64, max: i64) -> Option<i64> {
        self.get(name, "range", |s| match s.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Ok(v),
            Ok(_) => Err(format!("De waarde moet tussen {min} en {max} liggen.")),
            Err(_) => Err(format!("'{s}' is geen geheel getal.")),
        })
    }

    /// A year between `min` and `max`.
    pub fn year(&mut self, name: &str, min: i32, max: i32) -> Option<i32> {
        self.int_in(name, i64::from(min), i64::from(max)).map(|v| v as i32)
    }

    /// Free text of at most `max` characters.
    pub fn text(&mut self, name: &str, max: usize) -> Option<String> {
        self.get(name, "length", |s| {
            if s.chars().count() > max {
                Err(format!("De tekst mag hoogstens {max} tekens lang zijn."))
            } else {
                Ok(s.to_string())
            }
        })
    }

    /// `pagina` (from 1) and `paginaGrootte` (1–100, default 20).
    pub fn paging(&mut self) -> Paging {
        let page = self.int_in("pagina", 1, 1_000_000).unwrap_or(1) as u32;
        let page_size = self
            .int_in("paginaGrootte", 1, i64::from(MAX_PAGE_SIZE))
            .unwrap_or(i64::from(DEFAULT_PAGE_SIZE)) as u32;
        Paging { page, page_size }
    }

    /// Ends parsing: every fault found, or nothing.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.errors))
        }
    }
}

/// Parses a date query value written `JJJJ-MM-DD`.
pub fn iso_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| "Schrijf de datum als JJJJ-MM-DD.".to_string())
}

/// The query parameters of an action list (API and page).
pub const ACTION_FILTER: &[&str] = &[
    "eigenaar",
    "organisatie",
    "wethouder",
    "overleg",
    "regio",
    "thema",
    "alle",
];

/// The action list's filter from its query parameters ([`ACTION_FILTER`]).
pub fn action_filter(q: &mut QueryParams) -> samenhang_app::verslagen::ActionFilter {
    let mut text = |name: &str| q.text(name, 80).filter(|s| !s.is_empty());
    samenhang_app::verslagen::ActionFilter {
        person: text("eigenaar"),
        organisation: text("organisatie"),
        alderman: text("wethouder"),
        body: text("overleg"),
        region: text("regio"),
        theme: text("thema"),
        meeting: None,
        open_only: text("alle").is_none_or(|a| a != "ja"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_all_faults() {
        let mut q = QueryParams::parse(
            Some("jaar=abc&pagina=0&foo=1&jaar=2020"),
            &["jaar", "pagina", "paginaGrootte"],
        );
        assert_eq!(q.year("jaar", 2010, 2026), None);
        let _ = q.paging();
        let Err(ApiError::Invalid(faults)) = q.finish() else {
            panic!("expected faults")
        };
        let names: Vec<_> = faults.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["foo", "jaar", "jaar", "pagina"]);
    }
}
