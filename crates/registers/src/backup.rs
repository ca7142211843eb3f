// SPDX-License-Identifier: EUPL-1.2
//! The backup file: one portable text file (JSON Lines) with everything a database holds.
//!
//! ```text
//! {"kop":{"formaat":"samenhang-backup","versie":1,"gemaakt":"…","bron":"sqlite","schemaversie":9}}
//! {"tabel":"gebied","kolommen":["code","naam",…]}
//! ["GM0153","Enschede",…]                      one line per row: null, numbers, text
//! …
//! {"manifest":{"tabellen":[{"naam":"gebied","kolommen":[…],"rijen":930,"sha256":"…"},…]}}
//! ```
//!
//! The manifest comes last, with the number of rows and a SHA-256 over the row lines of each
//! table, so that [`verify`] can tell a whole file from a cut-off or altered one before anything
//! is restored. Every fault names its line.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The name of the format.
pub const FORMAT: &str = "samenhang-backup";
/// Its version.
pub const VERSION: u32 = 1;

/// The first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// [`FORMAT`].
    pub formaat: String,
    /// [`VERSION`].
    pub versie: u32,
    /// When the backup was made (RFC 3339).
    pub gemaakt: String,
    /// The backend it was made from (`sqlite`, `postgres`).
    pub bron: String,
    /// The newest migration of the database it was made from.
    pub schemaversie: i64,
}

/// One table in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableEntry {
    /// The table.
    pub naam: String,
    /// Its columns.
    pub kolommen: Vec<String>,
    /// Its rows.
    pub rijen: u64,
    /// SHA-256 (hex) over its row lines, each with its newline.
    pub sha256: String,
}

/// The last line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Every table, in the order of the file.
    pub tabellen: Vec<TableEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderLine {
    kop: Header,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableLine {
    tabel: String,
    kolommen: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestLine {
    manifest: Manifest,
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cells of a row line. Numbers are read with the standard library, which rounds
/// correctly, so a floating-point figure comes back as exactly the value that was written.
fn parse_row(text: &str) -> Result<Vec<Value>, serde_json::Error> {
    let raw: Vec<&serde_json::value::RawValue> = serde_json::from_str(text)?;
    raw.into_iter()
        .map(|r| {
            let s = r.get();
            if s.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                if let Ok(i) = s.parse::<i64>() {
                    return Ok(Value::from(i));
                }
                if let Ok(f) = s.parse::<f64>() {
                    return Ok(Value::from(f));
                }
            }
            serde_json::from_str(s)
        })
        .collect()
}

/// Writes a backup file.
pub struct Writer<W: Write> {
    out: W,
    current: Option<(TableEntry, Sha256)>,
    done: Vec<TableEntry>,
}

impl<W: Write> Writer<W> {
    /// Starts the file with its header.
    pub fn new(mut out: W, header: &Header) -> std::io::Result<Self> {
        serde_json::to_writer(&mut out, &HeaderLine { kop: header.clone() })?;
        out.write_all(b"\n")?;
        Ok(Writer {
            out,
            current: None,
            done: Vec::new(),
        })
    }

    fn close_table(&mut self) {
        if let Some((mut entry, hash)) = self.current.take() {
            entry.sha256 = hex(&hash.finalize());
            self.done.push(entry);
        }
    }

    /// Starts a table.
    pub fn table(&mut self, name: &str, columns: &[String]) -> std::io::Result<()> {
        self.close_table();
        serde_json::to_writer(
            &mut self.out,
            &TableLine {
                tabel: name.to_string(),
                kolommen: columns.to_vec(),
            },
        )?;
        self.out.write_all(b"\n")?;
        self.current = Some((
            TableEntry {
                naam: name.to_string(),
                kolommen: columns.to_vec(),
                rijen: 0,
                sha256: String::new(),
            },
            Sha256::new(),
        ));
        Ok(())
    }

    /// Writes a row of the current table: null, numbers and text only.
    pub fn row(&mut self, cells: &[Value]) -> std::io::Result<()> {
        let Some((entry, hash)) = self.current.as_mut() else {
            return Err(std::io::Error::other("een rij buiten een tabel"));
        };
        if cells.len() != entry.kolommen.len() {
            return Err(std::io::Error::other(format!(
                "tabel {}: een rij met {} waarden bij {} kolommen",
                entry.naam,
                cells.len(),
                entry.kolommen.len()
            )));
        }
        let mut line = serde_json::to_vec(cells)?;
        line.push(b'\n');
        hash.update(&line);
        entry.rijen += 1;
        self.out.write_all(&line)
    }

    /// Ends the file with the manifest and returns it.
    pub fn finish(mut self) -> std::io::Result<Manifest> {
        self.close_table();
        let manifest = Manifest { tabellen: self.done };
        serde_json::to_writer(
            &mut self.out,
            &ManifestLine {
                manifest: manifest.clone(),
            },
        )?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        Ok(manifest)
    }
}

/// What a whole, checked file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Its header.
    pub header: Header,
    /// Its manifest.
    pub manifest: Manifest,
}

impl Summary {
    /// The number of rows in all.
    pub fn rows(&self) -> u64 {
        self.manifest.tabellen.iter().map(|t| t.rijen).sum()
    }
}

/// One event while reading a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A table starts.
    Table {
        /// The table.
        name: String,
        /// Its columns.
        columns: Vec<String>,
    },
    /// A row of it.
    Row(Vec<Value>),
}

/// Reads a file line by line; [`Reader::next`] gives its tables and rows, and at the end
/// checks the manifest. Every fault names its line.
pub struct Reader<R: BufRead> {
    input: R,
    line: usize,
    header: Option<Header>,
    current: Option<(TableEntry, Sha256)>,
    seen: Vec<TableEntry>,
    manifest: Option<Manifest>,
    buf: String,
}

impl<R: BufRead> Reader<R> {
    /// Reads the header.
    pub fn new(input: R) -> Result<Self, String> {
        let mut r = Reader {
            input,
            line: 0,
            header: None,
            current: None,
            seen: Vec::new(),
            manifest: None,
            buf: String::new(),
        };
        if !r.read_line()? {
            return Err("het bestand is leeg; een backup begint met een kopregel".into());
        }
        let h: HeaderLine = serde_json::from_str(r.buf.trim_end())
            .map_err(|e| format!("regel 1: dit is geen backup van Samenhang ({e})"))?;
        if h.kop.formaat != FORMAT {
            return Err(format!("regel 1: het formaat is '{}', niet '{FORMAT}'", h.kop.formaat));
        }
        if h.kop.versie != VERSION {
            return Err(format!(
                "regel 1: versie {} van het backupformaat; deze versie van Samenhang leest versie {VERSION}",
                h.kop.versie
            ));
        }
        r.header = Some(h.kop);
        Ok(r)
    }

    /// The header.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    fn read_line(&mut self) -> Result<bool, String> {
        self.buf.clear();
        let n = self
            .input
            .read_line(&mut self.buf)
            .map_err(|e| format!("regel {}: kan niet lezen: {e}", self.line + 1))?;
        if n > 0 {
            self.line += 1;
        }
        Ok(n > 0)
    }

    fn close_table(&mut self) {
        if let Some((mut entry, hash)) = self.current.take() {
            entry.sha256 = hex(&hash.finalize());
            self.seen.push(entry);
        }
    }

    /// The next table or row; `None` at the end, after the manifest has been checked against
    /// what was read.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Event>, String> {
        if self.manifest.is_some() {
            return Ok(None);
        }
        if !self.read_line()? {
            return Err(format!(
                "het bestand houdt op na regel {} zonder manifest: het is niet compleet",
                self.line
            ));
        }
        let at = self.line;
        let text = self.buf.trim_end_matches(['\n', '\r']);
        if text.starts_with('[') {
            let Some((entry, hash)) = self.current.as_mut() else {
                return Err(format!("regel {at}: een rij vóór de eerste tabel"));
            };
            let cells = parse_row(text).map_err(|e| format!("regel {at}: geen geldige rij ({e})"))?;
            if cells.len() != entry.kolommen.len() {
                return Err(format!(
                    "regel {at}: {} waarden, maar tabel {} heeft {} kolommen",
                    cells.len(),
                    entry.naam,
                    entry.kolommen.len()
                ));
            }
            if let Some(bad) = cells
                .iter()
                .position(|c| c.is_array() || c.is_object() || c.is_boolean())
            {
                return Err(format!(
                    "regel {at}: de waarde van kolom {} is geen null, getal of tekst",
                    entry.kolommen[bad]
                ));
            }
            hash.update(text.as_bytes());
            hash.update(b"\n");
            entry.rijen += 1;
            return Ok(Some(Event::Row(cells)));
        }
        if let Ok(t) = serde_json::from_str::<TableLine>(text) {
            self.close_table();
            self.current = Some((
                TableEntry {
                    naam: t.tabel.clone(),
                    kolommen: t.kolommen.clone(),
                    rijen: 0,
                    sha256: String::new(),
                },
                Sha256::new(),
            ));
            return Ok(Some(Event::Table {
                name: t.tabel,
                columns: t.kolommen,
            }));
        }
        let m: ManifestLine =
            serde_json::from_str(text).map_err(|e| format!("regel {at}: geen tabel, rij of manifest ({e})"))?;
        self.close_table();
        if m.manifest.tabellen.len() != self.seen.len() {
            return Err(format!(
                "regel {at}: het manifest noemt {} tabellen, het bestand bevat er {}",
                m.manifest.tabellen.len(),
                self.seen.len()
            ));
        }
        for (want, got) in m.manifest.tabellen.iter().zip(&self.seen) {
            if want.naam != got.naam || want.kolommen != got.kolommen {
                return Err(format!(
                    "regel {at}: het manifest noemt tabel {} waar het bestand {} bevat",
                    want.naam, got.naam
                ));
            }
            if want.rijen != got.rijen {
                return Err(format!(
                    "tabel {}: het manifest noemt {} rijen, het bestand bevat er {}",
                    want.naam, want.rijen, got.rijen
                ));
            }
            if want.sha256 != got.sha256 {
                return Err(format!(
                    "tabel {}: de controlesom klopt niet; het bestand is veranderd of beschadigd",
                    want.naam
                ));
            }
        }
        let mut trailing = String::new();
        let more = self
            .input
            .read_line(&mut trailing)
            .map_err(|e| format!("na regel {at}: kan niet lezen: {e}"))?;
        if more > 0 && !trailing.trim().is_empty() {
            return Err(format!("regel {}: er staat nog iets na het manifest", at + 1));
        }
        self.manifest = Some(m.manifest);
        Ok(None)
    }

    /// The header and manifest, once [`Reader::next`] has returned `None`.
    pub fn summary(&self) -> Option<Summary> {
        Some(Summary {
            header: self.header.clone()?,
            manifest: self.manifest.clone()?,
        })
    }
}

/// Reads a whole file and checks it: header, every row's shape, the manifest's counts and
/// checksums.
pub fn verify<R: BufRead>(input: R) -> Result<Summary, String> {
    let mut r = Reader::new(input)?;
    while r.next()?.is_some() {}
    r.summary().ok_or_else(|| "het bestand heeft geen manifest".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Vec<u8> {
        let header = Header {
            formaat: FORMAT.into(),
            versie: VERSION,
            gemaakt: "2026-12-04T10:00:00Z".into(),
            bron: "sqlite".into(),
            schemaversie: 9,
        };
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out, &header).unwrap();
        w.table("gebied", &["code".into(), "naam".into()]).unwrap();
        w.row(&[json!("GM0153"), json!("Enschede")]).unwrap();
        w.row(&[json!("GM0363"), json!("Amsterdam")]).unwrap();
        w.table("leeg", &[]).unwrap();
        w.table("waarneming", &["waarde".into(), "n".into()]).unwrap();
        w.row(&[json!(4.6), Value::Null]).unwrap();
        let m = w.finish().unwrap();
        assert_eq!(m.tabellen.iter().map(|t| t.rijen).collect::<Vec<_>>(), [2, 0, 1]);
        out
    }

    #[test]
    fn floating_point_figures_come_back_exactly() {
        let values: [f64; 6] = [
            0.1 + 0.2,
            1.0 / 3.0,
            2.2250738585072014e-308,
            9007199254740992.0,
            -4.6,
            1e300,
        ];
        let line = serde_json::to_string(&values.iter().map(|v| json!(v)).collect::<Vec<_>>()).unwrap();
        let back = parse_row(&line).unwrap();
        for (v, b) in values.iter().zip(&back) {
            assert_eq!(b.as_f64().unwrap().to_bits(), v.to_bits(), "{v}");
        }
        assert_eq!(
            parse_row("[5,-3,\"x\",null]").unwrap(),
            vec![json!(5), json!(-3), json!("x"), Value::Null]
        );
    }

    #[test]
    fn a_whole_file_reads_back_with_every_row() {
        let bytes = sample();
        let s = verify(&bytes[..]).unwrap();
        assert_eq!(s.rows(), 3);
        assert_eq!(s.header.schemaversie, 9);
        let mut r = Reader::new(&bytes[..]).unwrap();
        let mut events = Vec::new();
        while let Some(e) = r.next().unwrap() {
            events.push(e);
        }
        assert_eq!(events.len(), 6);
        assert_eq!(events[5], Event::Row(vec![json!(4.6), Value::Null]));
    }

    #[test]
    fn a_cut_altered_or_foreign_file_is_refused_with_its_line() {
        let bytes = sample();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Cut off before the manifest.
        let cut = lines[..lines.len() - 1].join("\n");
        assert!(verify(cut.as_bytes()).unwrap_err().contains("zonder manifest"));
        // A value changed: the checksum of its table no longer holds.
        let altered = text.replace("Amsterdam", "Amsterdan");
        assert!(verify(altered.as_bytes())
            .unwrap_err()
            .contains("tabel gebied: de controlesom klopt niet"));
        // A row dropped: the count no longer holds.
        let dropped: String = text
            .lines()
            .filter(|l| !l.contains("GM0363"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(verify(dropped.as_bytes())
            .unwrap_err()
            .contains("het manifest noemt 2 rijen, het bestand bevat er 1"));
        // A row of the wrong width, and something that is no backup.
        let wide = text.replace("[\"GM0153\",\"Enschede\"]", "[\"GM0153\",\"Enschede\",1]");
        assert!(verify(wide.as_bytes()).unwrap_err().starts_with("regel 3: 3 waarden"));
        assert!(verify(&b"naam;code\n"[..]).unwrap_err().starts_with("regel 1:"));
        assert!(verify(&b""[..]).unwrap_err().contains("leeg"));
    }
}
