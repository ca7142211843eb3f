// SPDX-License-Identifier: EUPL-1.2
//! From the bytes of an uploaded file to lines of text: plain text (UTF-8, or Windows-1252 as
//! older Word exports give it), Markdown, PDF (the text layer, page by page) and Word `.docx`
//! (paragraphs, with list paragraphs marked as bullets by their level). Every failure is a
//! [`ReadError`] with a Dutch message; nothing here panics on any input (the PDF library is run
//! behind `catch_unwind`, as it may panic on a malformed file).

use std::io::Read;

/// The largest file read (a long report as PDF is a few MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The most text taken from one file, in characters.
pub const MAX_CHARS: usize = 400_000;

/// The kind of file a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (also a PDF turned into text elsewhere).
    Tekst,
    /// Markdown.
    Markdown,
    /// PDF with a text layer.
    Pdf,
    /// Word `.docx`.
    Word,
}

impl Format {
    /// The name users know.
    pub fn label(self) -> &'static str {
        match self {
            Format::Tekst => "tekst",
            Format::Markdown => "Markdown",
            Format::Pdf => "PDF",
            Format::Word => "Word",
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Nothing in it.
    #[error("Het bestand is leeg.")]
    Empty,
    /// Over [`MAX_BYTES`].
    #[error("Het bestand is te groot ({0} MB); een verslag mag hoogstens 20 MB zijn.")]
    TooLarge(usize),
    /// Bytes that are no text in any encoding we read.
    #[error("Dit bestand is geen tekst, PDF of Word-document dat Samenhang kan lezen.")]
    NotText,
    /// A PDF without a text layer.
    #[error(
        "In deze PDF staat geen tekst die Samenhang kan lezen: het is waarschijnlijk een scan (een afbeelding van \
         papier). Gebruik de PDF zoals die uit de tekstverwerker komt, of plak de tekst in het formulier."
    )]
    PdfWithoutText,
    /// A PDF that asks for a password.
    #[error("Deze PDF is beveiligd met een wachtwoord. Sla hem op zonder wachtwoord en probeer het opnieuw.")]
    PdfLocked,
    /// A PDF the library cannot read.
    #[error("Deze PDF is beschadigd of onvolledig en kan niet worden gelezen ({0}).")]
    PdfBroken(String),
    /// A `.docx` that is no zip.
    #[error("Dit Word-bestand is geen geldig .docx-document (het is geen zip-archief). Sla het op als .docx en probeer het opnieuw.")]
    WordNotZip,
    /// A zip without `word/document.xml`, or with XML that cannot be read.
    #[error("Dit Word-bestand is beschadigd: {0}.")]
    WordBroken(String),
    /// An old binary Word file.
    #[error("Dit is een oud Word-bestand (.doc). Sla het op als .docx of PDF en probeer het opnieuw.")]
    OldWord,
}

/// The text of a file, as lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// What it was.
    pub format: Format,
    /// Its lines; Word's list paragraphs start with `- ` (first level) or `o ` (deeper).
    pub lines: Vec<String>,
}

/// Reads a file. `name` (the file name as uploaded) only helps to tell Markdown from plain text
/// and to recognise a Word file that is not one.
pub fn read(bytes: &[u8], name: &str) -> Result<Text, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len().div_ceil(1024 * 1024)));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let lower = name.to_lowercase();
    let (format, text) = if bytes.starts_with(b"%PDF-") || lower.ends_with(".pdf") {
        (Format::Pdf, pdf(bytes)?)
    } else if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".docx") {
        (Format::Word, word(bytes)?)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ReadError::OldWord);
    } else {
        let text = plain(bytes)?;
        let markdown = lower.ends_with(".md")
            || lower.ends_with(".markdown")
            || text.lines().any(|l| l.starts_with("# ") || l.starts_with("## "));
        (if markdown { Format::Markdown } else { Format::Tekst }, text)
    };
    let text: String = text.chars().take(MAX_CHARS).collect();
    let lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(match format {
            Format::Pdf => ReadError::PdfWithoutText,
            _ => ReadError::Empty,
        });
    }
    Ok(Text { format, lines })
}

/// UTF-8 (with or without BOM), else Windows-1252; refused when it holds control characters or
/// too few letters to be text.
fn plain(bytes: &[u8]) -> Result<String, ReadError> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            // Many invalid UTF-8 sequences and bytes Windows-1252 leaves undefined: noise.
            if bytes
                .iter()
                .filter(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
                .count()
                > bytes.len() / 200
            {
                return Err(ReadError::NotText);
            }
            bytes.iter().map(|&b| windows_1252(b)).collect()
        }
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    if controls * 100 > visible || letters * 2 < visible {
        return Err(ReadError::NotText);
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// One byte of Windows-1252 as a character.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The text layer of a PDF, pages one after another.
fn pdf(bytes: &[u8]) -> Result<String, ReadError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ReadError::PdfBroken("het begint niet als een PDF".into()));
    }
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    match result {
        Ok(Ok(text)) => {
            if text.chars().filter(|c| c.is_alphabetic()).count() < 10 {
                Err(ReadError::PdfWithoutText)
            } else {
                Ok(text.replace('\u{c}', "\n"))
            }
        }
        Ok(Err(pdf_extract::OutputError::PdfError(lopdf::Error::Decryption(_)))) => Err(ReadError::PdfLocked),
        Ok(Err(e)) => {
            let message = e.to_string();
            if message.to_lowercase().contains("decrypt") || message.to_lowercase().contains("password") {
                Err(ReadError::PdfLocked)
            } else {
                Err(ReadError::PdfBroken(short(&message)))
            }
        }
        Err(_) => Err(ReadError::PdfBroken("de PDF-lezer liep vast op de inhoud".into())),
    }
}

fn short(message: &str) -> String {
    let m: String = message.chars().take(120).collect();
    m.trim().trim_end_matches('.').to_string()
}

/// The paragraphs of `word/document.xml`; a paragraph with a list style or numbering starts
/// with `- ` (level 0) or `o ` (deeper), as the text reader expects of bullets.
fn word(bytes: &[u8]) -> Result<String, ReadError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ReadError::WordNotZip);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| ReadError::WordNotZip)?;
    let mut xml = String::new();
    {
        let mut part = archive
            .by_name("word/document.xml")
            .map_err(|_| ReadError::WordBroken("er staat geen document in".into()))?;
        if part.size() > (MAX_BYTES as u64) * 4 {
            return Err(ReadError::WordBroken("het document is te groot".into()));
        }
        (&mut part)
            .take((MAX_BYTES as u64) * 4)
            .read_to_string(&mut xml)
            .map_err(|_| ReadError::WordBroken("het document is geen leesbare tekst".into()))?;
    }
    paragraphs(&xml)
}

/// Walks WordprocessingML: `w:p` paragraphs, `w:t` text, `w:tab` and `w:br`, and the list
/// marks (`w:numPr` with `w:ilvl`, or a `List…` paragraph style).
fn paragraphs(xml: &str) -> Result<String, ReadError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut para = String::new();
    let mut level: Option<u32> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"p" => {
                    para.clear();
                    level = None;
                }
                b"t" => in_text = true,
                b"tab" => para.push('\t'),
                b"br" | b"cr" => para.push('\n'),
                b"numPr" => level = level.or(Some(0)),
                b"ilvl" => {
                    let v = attribute(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some(v);
                }
                b"pStyle" => {
                    if let Some(style) = attribute(&e, b"val") {
                        let s = style.to_lowercase();
                        if s.starts_with("list") || s.starts_with("lijst") {
                            let deeper = s.ends_with('2') || s.ends_with('3') || s.ends_with('4');
                            level = Some(level.unwrap_or(0).max(u32::from(deeper)));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let text = t
                    .decode()
                    .map_err(|_| ReadError::WordBroken("de tekst is niet te lezen".into()))?;
                para.push_str(&quick_xml::escape::unescape(&text).unwrap_or(std::borrow::Cow::Borrowed(&text)));
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                // An entity inside a text run (&amp;, &#233;).
                let name = r.decode().unwrap_or_default();
                let resolved = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                if let Some(c) = resolved {
                    para.push(c);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let marker = match level {
                        Some(0) => "- ",
                        Some(_) => "o ",
                        None => "",
                    };
                    out.push_str(marker);
                    out.push_str(para.trim_end());
                    // Every Word paragraph is whole: a blank line keeps it from the next.
                    out.push_str("\n\n");
                    para.clear();
                    level = None;
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(ReadError::WordBroken(format!(
                    "de XML is onleesbaar ({})",
                    short(&e.to_string())
                )))
            }
        }
    }
    Ok(out)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_in_utf8_and_windows_1252() {
        let t = read("Datum 16 april 2025\nTijd 14.00".as_bytes(), "verslag.txt").unwrap();
        assert_eq!(t.format, Format::Tekst);
        assert_eq!(t.lines, ["Datum 16 april 2025", "Tijd 14.00"]);
        let t = read(b"cre\xebren \x96 samen", "v.txt").unwrap();
        assert_eq!(t.lines, ["creëren – samen"]);
        let t = read(b"# Notes\n\n- een", "notes.md").unwrap();
        assert_eq!(t.format, Format::Markdown);
    }

    #[test]
    fn empty_noise_and_old_word_are_refused() {
        assert_eq!(read(b"", "v.txt"), Err(ReadError::Empty));
        assert_eq!(read(b"  \n\t ", "v.txt"), Err(ReadError::Empty));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(read(&noise, "v.txt"), Err(ReadError::NotText));
        assert_eq!(
            read(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3], "v.doc"),
            Err(ReadError::OldWord)
        );
        assert_eq!(read(b"geen zip", "v.docx"), Err(ReadError::WordNotZip));
        assert!(matches!(
            read(b"%PDF-1.7\n1 0 obj", "v.pdf"),
            Err(ReadError::PdfBroken(_))
        ));
        assert!(matches!(read(b"geen pdf", "v.pdf"), Err(ReadError::PdfBroken(_))));
    }

    #[test]
    fn word_paragraphs_and_list_levels() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Aanwezigen Jan (Enschede)</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Maak keuzes &amp; doelen</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Durf </w:t></w:r><w:r><w:t>te kiezen</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let text = paragraphs(xml).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "Aanwezigen Jan (Enschede)",
                "- Maak keuzes & doelen",
                "o Durf te kiezen"
            ]
        );
        assert!(text.contains("doelen\n\no Durf"), "paragraphs stay apart: {text:?}");
    }
}
