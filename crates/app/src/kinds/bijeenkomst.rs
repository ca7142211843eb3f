// SPDX-License-Identifier: EUPL-1.2
//! Bijeenkomst: the kind of `samenhang_domain::verslagen::Meeting`, whose representation adds
//! an extractive summary of its report (`samenvatting`), chosen from the report's own sentences.

use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use samenhang_domain::verslagen::{MeetingDraft, MEETING_SPEC};
use serde_json::Value;

use super::{check_with, Kind};
use crate::App;

/// Meetings.
pub struct Meetings;

/// Sentences in a summary.
const SUMMARY_SENTENCES: usize = 3;

impl Kind for Meetings {
    fn spec(&self) -> &'static KindSpec {
        &MEETING_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        check_with(draft, |d: &MeetingDraft| d.parse(known))
    }

    fn computed(&self, _app: &App, record: &Value) -> Vec<(&'static str, Value)> {
        let text = record.get("verslag").and_then(Value::as_str).unwrap_or_default();
        vec![("samenvatting", summary(text).map_or(Value::Null, Value::String))]
    }
}

/// A few sentences of `report` that carry the most of it; `None` for a short or empty report.
pub fn summary(report: &str) -> Option<String> {
    if report.split_whitespace().count() < 40 {
        return None;
    }
    let text = samenhang_reports::Text {
        format: samenhang_reports::Format::Tekst,
        lines: report.lines().map(str::to_string).collect(),
    };
    let parsed = samenhang_reports::parse(&text);
    let chosen = samenhang_reports::summary::summary(&parsed.sentences, SUMMARY_SENTENCES);
    (!chosen.is_empty()).then(|| chosen.join(" "))
}
