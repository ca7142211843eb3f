// SPDX-License-Identifier: EUPL-1.2
//! The reader of meeting reports: from an uploaded file to the meeting it describes, as a
//! proposal a person checks before anything is saved. A reader like the CBS and RDF readers: it
//! touches no database and knows nothing of the registers; matching attendees to people and
//! gemeenten, and text to concepts, is the application's work.
//!
//! Layout:
//! - [`read`]: the file's bytes to lines of text (plain text, Markdown, PDF, Word `.docx`),
//!   with a Dutch message for every file it cannot read;
//! - [`parse`]: the lines to a [`Report`]: header, attendees, topics, and the action items,
//!   recommendations and decisions with why each was taken;
//! - [`dates`]: Dutch dates, times and terms ("binnen twee weken");
//! - [`summary`]: an extractive summary (sentences chosen from the text, never written anew);
//! - [`evaluation`]: precision, recall and F1 against hand-made expected results.
//!
//! May depend on: chrono, serde, thiserror, and the format crates (zip, quick-xml, pdf-extract).

pub mod dates;
pub mod evaluation;
pub mod parse;
pub mod read;
pub mod summary;

pub use parse::{attendee, parse, Attendee, Item, ItemKind, Report, Topic};
pub use read::{read, Format, ReadError, Text};

/// Reads and parses a file in one step.
pub fn report(bytes: &[u8], name: &str) -> Result<(Format, Report), ReadError> {
    let text = read(bytes, name)?;
    Ok((text.format, parse(&text)))
}
