// SPDX-License-Identifier: EUPL-1.2
//! Numbers the Dutch way: `161.738`, `47,8`.

/// Formats a number with Dutch separators and at most `decimals` decimals (trailing zeros dropped
/// only for whole numbers).
pub fn number(v: f64, decimals: usize) -> String {
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
    if frac.is_empty() || frac.chars().all(|c| c == '0') {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A sensible number of decimals for a value of this unit and size.
pub fn auto(v: f64, unit: &str) -> String {
    let decimals = if unit.contains('%') || v.abs() < 100.0 { 1 } else { 0 };
    number(v, decimals)
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
        assert_eq!(number(f64::NAN, 1), "–");
    }
}
