// SPDX-License-Identifier: EUPL-1.2
//! Dutch dates and times as minutes write them: "16 april 2025", "15 december" (the year of the
//! meeting), "30-03-2022", "14.00 - 15.30", and due dates relative to the meeting ("binnen twee
//! weken", "volgende week").

use chrono::{Datelike, Duration, Months, NaiveDate};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(&w) && w.len() <= 4))
        .map(|i| i as u32 + 1)
}

fn number_word(word: &str) -> Option<i64> {
    match word.to_lowercase().as_str() {
        "een" | "één" => Some(1),
        "twee" => Some(2),
        "drie" => Some(3),
        "vier" => Some(4),
        "vijf" => Some(5),
        "zes" => Some(6),
        "zeven" => Some(7),
        "acht" => Some(8),
        "negen" => Some(9),
        "tien" => Some(10),
        w => w.parse().ok().filter(|n| (1..=366).contains(n)),
    }
}

/// Words of a text with their punctuation stripped, keeping digits and dashes inside.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | ':' | '!' | '?' | '*' | '\''))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '"' || c == '’' || c == '‘'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Every date in `text`, in order; a day and month without a year take `year`.
pub fn dates_in(text: &str, year: Option<i32>) -> Vec<NaiveDate> {
    let t = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // dd-mm-jjjj or d-m-jjjj
        let parts: Vec<&str> = t[i].split(['-', '/']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let (d, m, y) = (
                parts[0].parse().ok(),
                parts[1].parse().ok(),
                parts[2].parse::<i32>().ok(),
            );
            if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                let y = if y < 100 { 2000 + y } else { y };
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    out.push(date);
                }
            }
            i += 1;
            continue;
        }
        if let (Ok(day), Some(m)) = (t[i].parse::<u32>(), t.get(i + 1).and_then(|w| month(w))) {
            let explicit = t
                .get(i + 2)
                .and_then(|y| y.parse::<i32>().ok())
                .filter(|y| (1900..=2200).contains(y));
            if let Some(y) = explicit.or(year) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, day) {
                    out.push(date);
                }
            }
            i += if explicit.is_some() { 3 } else { 2 };
            continue;
        }
        i += 1;
    }
    out
}

/// The first date in `text`.
pub fn first_date(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    dates_in(text, year).into_iter().next()
}

/// A due date in `sentence` for a meeting on `meeting`: a date on or after the meeting, or a
/// term from it ("binnen twee weken", "volgende week", "over een maand").
pub fn due_date(sentence: &str, meeting: Option<NaiveDate>) -> Option<NaiveDate> {
    let year = meeting.map(|d| d.year());
    if let Some(d) = dates_in(sentence, year)
        .into_iter()
        .find(|d| meeting.is_none_or(|m| *d >= m))
    {
        return Some(d);
    }
    let m = meeting?;
    let lower = sentence.to_lowercase();
    let t = tokens(&lower);
    for (i, w) in t.iter().enumerate() {
        if matches!(*w, "binnen" | "over") {
            if let (Some(n), Some(unit)) = (t.get(i + 1).and_then(|n| number_word(n)), t.get(i + 2)) {
                let unit = *unit;
                return match unit {
                    "dag" | "dagen" | "werkdagen" => m.checked_add_signed(Duration::days(n)),
                    "week" | "weken" => m.checked_add_signed(Duration::weeks(n)),
                    "maand" | "maanden" => m.checked_add_months(Months::new(n as u32)),
                    _ => None,
                };
            }
        }
        if *w == "volgende" && t.get(i + 1) == Some(&"week") {
            return m.checked_add_signed(Duration::weeks(1));
        }
    }
    None
}

/// A time of day as `hh:mm` ("14.00", "9:00", "9 uur").
pub fn time(word: &str) -> Option<String> {
    let w = word.trim().trim_end_matches("uur").trim();
    let (h, m) = match w.split_once(['.', ':']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (w.parse::<u32>().ok()?, 0),
    };
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// The start and end of "14.00 - 15.30", "van 9:00 tot 10:00 uur" or "9:00 uur".
pub fn times(text: &str) -> (Option<String>, Option<String>) {
    let found: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | '(' | ')'))
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()) && (w.contains(['.', ':'])))
        .filter_map(time)
        .collect();
    (found.first().cloned(), found.get(1).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dutch_dates_and_terms() {
        assert_eq!(first_date("Datum 16 april 2025", None), Some(d(2025, 4, 16)));
        assert_eq!(first_date("op 30-03-2022 besproken", None), Some(d(2022, 3, 30)));
        assert_eq!(
            first_date("Will be Confirmed 15 december!", Some(2020)),
            Some(d(2020, 12, 15))
        );
        assert_eq!(
            first_date("**17 november 2021 om 9:00 uur**", None),
            Some(d(2021, 11, 17))
        );
        let meeting = Some(d(2020, 11, 27));
        assert_eq!(due_date("komt binnen twee weken terug", meeting), Some(d(2020, 12, 11)));
        assert_eq!(due_date("volgende week aanleveren", meeting), Some(d(2020, 12, 4)));
        // A date before the meeting is no due date.
        assert_eq!(due_date("Op 16-11 gesprek; op 12 oktober 2020 gestart", meeting), None);
        assert_eq!(times("14.00 - 15.30"), (Some("14:00".into()), Some("15:30".into())));
        assert_eq!(
            times("van 9:00 - 10:00 uur"),
            (Some("09:00".into()), Some("10:00".into()))
        );
    }
}
