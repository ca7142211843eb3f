// SPDX-License-Identifier: EUPL-1.2
//! Streaming reader for OData JSON pages: `{"value": [ {...}, ... ], "@odata.nextLink": "..."}`.
//!
//! Rows are handed to a callback one at a time as they are parsed, in one `Row` that is filled
//! again for every row (its names and texts keep their memory). A page of up to 64 MiB is
//! read into memory first and parsed from there (faster); a larger one is parsed as a stream,
//! so memory is bounded by that limit whatever the size of a page or a table. Keys other than
//! `value` and the next link are skipped.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::ReadError;

/// One scalar field of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// JSON `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string (as given, with CBS's padding).
    Text(String),
}

impl Scalar {
    /// A short Dutch description of the type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "een waarheidswaarde",
            Scalar::Number(_) => "een getal",
            Scalar::Text(_) => "tekst",
        }
    }
}

/// One row of a page: its fields in the order they appear.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Field name and value.
    pub fields: Vec<(String, Scalar)>,
}

impl Row {
    /// The value of field `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Scalar> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// The largest page read into memory whole before parsing (CBS serves pages of at most a few
/// tens of MiB); a larger file is parsed as a stream.
const WHOLE_PAGE: u64 = 64 * 1024 * 1024;

/// What a page said besides its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageInfo {
    /// Number of rows read.
    pub rows: u64,
    /// The link to the next page (`@odata.nextLink` in v4, `odata.nextLink` in v3).
    pub next_link: Option<String>,
}

/// Reads one page, calling `on_row(index, row)` for every row (index from 0). An error from
/// `on_row` stops the read and is returned as is.
pub fn read_page<R: Read>(
    reader: R,
    file: &str,
    on_row: impl FnMut(u64, &Row) -> Result<(), ReadError>,
) -> Result<PageInfo, ReadError> {
    read_page_within(reader, file, WHOLE_PAGE, on_row)
}

/// [`read_page`], parsing from memory when the page is at most `whole` bytes.
fn read_page_within<R: Read>(
    reader: R,
    file: &str,
    whole: u64,
    mut on_row: impl FnMut(u64, &Row) -> Result<(), ReadError>,
) -> Result<PageInfo, ReadError> {
    let mut failure: Option<ReadError> = None;
    // A page of up to WHOLE_PAGE bytes is parsed from memory, which is about twice as fast as
    // parsing from a reader; a larger file streams, so memory never grows with a table.
    let mut reader = reader;
    let mut head = Vec::new();
    if let Err(e) = (&mut reader).take(whole + 1).read_to_end(&mut head) {
        return Err(ReadError::file(file, format!("kan niet lezen: {e}")));
    }
    // A UTF-8 byte-order mark (some tools write one) is not part of the JSON: skip it.
    let skip = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let seed = PageSeed {
        on_row: &mut on_row,
        failure: &mut failure,
    };
    let result = if head.len() as u64 <= whole {
        // Checking the page's UTF-8 at once is faster than string by string; a page that is not
        // UTF-8 is parsed as bytes, which names the place of the fault.
        match std::str::from_utf8(&head[skip..]) {
            Ok(text) => {
                let mut de = serde_json::Deserializer::from_str(text);
                seed.deserialize(&mut de).and_then(|info| de.end().map(|_| info))
            }
            Err(_) => {
                let mut de = serde_json::Deserializer::from_slice(&head[skip..]);
                seed.deserialize(&mut de).and_then(|info| de.end().map(|_| info))
            }
        }
    } else {
        let chained = std::io::BufReader::new(std::io::Cursor::new(&head[skip..]).chain(reader));
        let mut de = serde_json::Deserializer::from_reader(chained);
        seed.deserialize(&mut de).and_then(|info| de.end().map(|_| info))
    };
    match (result, failure) {
        (_, Some(e)) => Err(e),
        (Ok(info), None) => Ok(info),
        (Err(e), None) => Err(ReadError::json(file, &e)),
    }
}

struct PageSeed<'a, F> {
    on_row: &'a mut F,
    failure: &'a mut Option<ReadError>,
}

impl<'de, F: FnMut(u64, &Row) -> Result<(), ReadError>> DeserializeSeed<'de> for PageSeed<'_, F> {
    type Value = PageInfo;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<PageInfo, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(u64, &Row) -> Result<(), ReadError>> Visitor<'de> for PageSeed<'_, F> {
    type Value = PageInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("een OData-pagina (een object met 'value')")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PageInfo, A::Error> {
        let mut info = PageInfo::default();
        let mut saw_value = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => {
                    saw_value = true;
                    info.rows = map.next_value_seed(RowsSeed {
                        on_row: &mut *self.on_row,
                        failure: &mut *self.failure,
                    })?;
                }
                "@odata.nextLink" | "odata.nextLink" => info.next_link = map.next_value::<Option<String>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !saw_value {
            return Err(de::Error::missing_field("value"));
        }
        Ok(info)
    }
}

struct RowsSeed<'a, F> {
    on_row: &'a mut F,
    failure: &'a mut Option<ReadError>,
}

impl<'de, F: FnMut(u64, &Row) -> Result<(), ReadError>> DeserializeSeed<'de> for RowsSeed<'_, F> {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(u64, &Row) -> Result<(), ReadError>> Visitor<'de> for RowsSeed<'_, F> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("een lijst van rijen")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut n = 0u64;
        // One row is filled again and again: its field names and texts keep their memory, so
        // a row costs no allocation once the first has been read.
        let mut row = Row::default();
        while seq.next_element_seed(RowSeed { row: &mut row })?.is_some() {
            if let Err(e) = (self.on_row)(n, &row) {
                *self.failure = Some(e);
                return Err(de::Error::custom("gestopt"));
            }
            n += 1;
        }
        Ok(n)
    }
}

/// Reads a row into an existing [`Row`], reusing its memory.
struct RowSeed<'r> {
    row: &'r mut Row,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("een rij (een object met velden)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = &mut self.row.fields;
        let mut n = 0;
        while map
            .next_key_seed(KeySeed {
                fields: &mut *fields,
                n,
            })?
            .is_some()
        {
            map.next_value_seed(ScalarSeed { slot: &mut fields[n].1 })?;
            n += 1;
        }
        fields.truncate(n);
        Ok(())
    }
}

/// Writes field name number `n` of a row, in place when the row already has that many fields.
struct KeySeed<'r> {
    fields: &'r mut Vec<(String, Scalar)>,
    n: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("een veldnaam")
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        match self.fields.get_mut(self.n) {
            Some((name, _)) if name == v => {}
            Some((name, _)) => {
                name.clear();
                name.push_str(v);
            }
            None => self.fields.push((v.to_string(), Scalar::Null)),
        }
        Ok(())
    }
}

/// Writes one value into a field, reusing the memory of a text that was there.
struct ScalarSeed<'r> {
    slot: &'r mut Scalar,
}

impl<'de> DeserializeSeed<'de> for ScalarSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("een getal, tekst, waarheidswaarde of null")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        *self.slot = Scalar::Null;
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        *self.slot = Scalar::Null;
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        *self.slot = Scalar::Bool(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        *self.slot = Scalar::Number(v as f64);
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        *self.slot = Scalar::Number(v as f64);
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        *self.slot = Scalar::Number(v);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        match self.slot {
            Scalar::Text(s) => {
                s.clear();
                s.push_str(v);
            }
            other => *other = Scalar::Text(v.to_string()),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_page_larger_than_the_limit_streams_with_the_same_result() {
        let text = "\u{feff}{\"value\":[{\"ID\":0,\"RegioS\":\"NL01\"},{\"ID\":1,\"RegioS\":\"GM0153\"}],\"@odata.nextLink\":\"n\"}";
        let read = |whole: u64| {
            let mut rows = vec![];
            let info = read_page_within(text.as_bytes(), "p.json", whole, |i, row| {
                rows.push((i, row.clone()));
                Ok(())
            })
            .unwrap();
            (info, rows)
        };
        let (in_memory, streamed) = (read(WHOLE_PAGE), read(10));
        assert_eq!(in_memory, streamed);
        assert_eq!(in_memory.0.rows, 2);
        assert_eq!(in_memory.0.next_link.as_deref(), Some("n"));
        let bad = read_page_within(&b"{\"value\":[{\"ID\":0}"[..], "p.json", 10, |_, _| Ok(())).unwrap_err();
        assert!(bad.to_string().contains("p.json"), "{bad}");
    }

    #[test]
    fn streams_rows_and_finds_the_next_link() {
        let text = r#"{"odata.metadata":"x","value":[{"ID":0,"RegioS":"NL01  ","V":"  1.5"},{"ID":1,"RegioS":"PV20  ","V":null}],"odata.nextLink":"https://example/?$skip=2"}"#;
        let mut seen = vec![];
        let info = read_page(text.as_bytes(), "p.json", |i, row| {
            seen.push((i, row.get("RegioS").cloned()));
            Ok(())
        })
        .unwrap();
        assert_eq!(info.rows, 2);
        assert_eq!(info.next_link.as_deref(), Some("https://example/?$skip=2"));
        assert_eq!(seen[1], (1, Some(Scalar::Text("PV20  ".into()))));
    }

    #[test]
    fn truncated_json_names_line_and_column() {
        let text = "{\"value\":[\n{\"ID\":0},\n{\"ID\":";
        let err = read_page(text.as_bytes(), "p.json", |_, _| Ok(())).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().starts_with("p.json, regel 3, kolom"), "{err}");
    }

    #[test]
    fn callback_errors_come_back_unchanged() {
        let text = r#"{"value":[{"ID":0},{"ID":1}]}"#;
        let err = read_page(text.as_bytes(), "p.json", |i, _| {
            if i == 1 {
                Err(ReadError::file("p.json", "fout").in_record("2"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "p.json, record 2: fout");
    }

    #[test]
    fn a_page_without_value_is_an_error() {
        assert!(read_page(&b"{\"x\":1}"[..], "p.json", |_, _| Ok(())).is_err());
        assert!(read_page(&b"[1,2]"[..], "p.json", |_, _| Ok(())).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = read_page(s.as_bytes(), "p.json", |_, _| Ok(()));
        }

        #[test]
        fn never_panics_on_damaged_pages(cut in 0usize..120, flip in 0usize..120) {
            let base = br#"{"value":[{"Id":1,"Measure":"M1","Value":1.5,"RegioS":"GM0153","Perioden":"2020JJ00"}],"@odata.nextLink":null}"#.to_vec();
            let mut bytes = base[..cut.min(base.len())].to_vec();
            if let Some(b) = bytes.get_mut(flip) { *b = b'"'; }
            let _ = read_page(&bytes[..], "p.json", |_, _| Ok(()));
        }
    }
}
