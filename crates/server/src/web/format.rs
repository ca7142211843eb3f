// SPDX-License-Identifier: EUPL-1.2
//! Numbers and dates the Dutch way: `161.738`, `47,8`, "30 juni 2026" in text.

/// Formats a number with Dutch separators and at most `decimals` decimals (trailing zeros dropped
/// only for whole numbers).
pub fn number(v: f64, decimals: usize) -> String {
    let s = fixed(v, decimals);
    match s.split_once(',') {
        Some((int, frac)) if frac.chars().all(|c| c == '0') => int.to_string(),
        _ => s,
    }
}

/// Formats a number with Dutch separators and exactly `decimals` decimals: "51,0" next to "49,4".
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let rounded = format!("{:.*}", decimals, v.abs());
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A figure in `unit`, with the unit's fixed number of decimals (see
/// [`samenhang_stats::definition::decimals_for`]).
pub fn auto(v: f64, unit: &str) -> String {
    fixed(v, samenhang_stats::definition::decimals_for(unit))
}

/// The unit as it is written after a figure: nothing for a plain count ("86.000", not
/// "86.000 aantal"), where the indicator's name says what is counted.
pub fn unit_after(unit: &str) -> &str {
    if unit == "aantal" {
        ""
    } else {
        unit
    }
}

use samenhang_domain::statistics::MONTH_NAMES as MONTHS;

/// An ISO date as Dutch text: "30 juni 2026" (the input itself when it is no date).
pub fn date(iso: &str) -> String {
    use chrono::Datelike;
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
        Err(_) => iso.to_string(),
    }
}

/// A moment as Dutch text in Dutch time: "30 juni 2026, 14.05 uur".
pub fn date_time(at: &chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Central European time: UTC+1, and UTC+2 from the last Sunday of March to the last Sunday
    // of October (the EU rule), without a time-zone database.
    let last_sunday = |year: i32, month: u32| {
        let mut d = chrono::NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
        while d.weekday() != chrono::Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc()
    };
    let summer = *at >= last_sunday(at.year(), 3) && *at < last_sunday(at.year(), 10);
    let local = *at + chrono::Duration::hours(if summer { 2 } else { 1 });
    format!(
        "{} {} {}, {}.{:02} uur",
        local.day(),
        MONTHS[local.month0() as usize],
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A count with its noun in the right number: "1 toezegging", "3 toezeggingen".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", number(n as f64, 0), if n == 1 { one } else { many })
}

/// An amount in euros with cents: "€ 60.000,00" (a no-break space after the sign).
pub fn euro(v: f64) -> String {
    format!("€\u{a0}{}", fixed(v, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_separators() {
        assert_eq!(number(161738.0, 0), "161.738");
        assert_eq!(number(47.8, 1), "47,8");
        assert_eq!(number(-1234.5, 1), "-1.234,5");
        assert_eq!(number(5.0, 1), "5");
        assert_eq!(fixed(51.0, 1), "51,0");
        assert_eq!(fixed(-0.04, 1), "0,0");
        assert_eq!(auto(51.0, "%"), "51,0");
        assert_eq!(auto(161_738.0, "aantal"), "161.738");
        assert_eq!(number(f64::NAN, 1), "–");
        assert_eq!(date("2026-06-30"), "30 juni 2026");
        let at = chrono::DateTime::parse_from_rfc3339("2026-06-30T12:05:00Z")
            .map(|d| d.to_utc())
            .unwrap_or_default();
        assert_eq!(date_time(&at), "30 juni 2026, 14.05 uur");
        let winter = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:05:00Z")
            .map(|d| d.to_utc())
            .unwrap_or_default();
        assert_eq!(date_time(&winter), "1 december 2026, 13.05 uur");
    }
}
