// SPDX-License-Identifier: EUPL-1.2
//! Inline SVG: choropleth maps from RD boundaries (y flipped, no projection) and line charts.
//! Every graphic has a `<title>` and `<desc>`, and the page puts a table next to it as the text
//! alternative.

use std::collections::HashMap;
use std::fmt::Write;

use maud::{html, Markup, PreEscaped};
use samenhang_domain::codes::RegionCode;
use samenhang_domain::geo::Boundary;

use super::format;

/// Boundaries turned into SVG path data once, at start-up.
#[derive(Debug, Default)]
pub struct Maps {
    shapes: HashMap<RegionCode, Shape>,
}

#[derive(Debug)]
struct Shape {
    /// Path data in hectometres, y flipped.
    path: String,
    bbox: (f64, f64, f64, f64),
}

/// Metres per SVG unit: 100 m keeps the paths small and sharp enough for a country map.
const SCALE: f64 = 100.0;

impl Maps {
    /// Prepares the shapes.
    pub fn new(boundaries: &[Boundary]) -> Maps {
        let mut shapes = HashMap::new();
        for b in boundaries {
            let mut path = String::new();
            for ring in b.polygons.iter().flatten() {
                for (i, (x, y)) in ring.iter().enumerate() {
                    let _ = write!(
                        path,
                        "{}{:.0} {:.0}",
                        if i == 0 { "M" } else { "L" },
                        x / SCALE,
                        -y / SCALE
                    );
                }
                path.push('Z');
            }
            if let Some(bbox) = b.bbox() {
                shapes.insert(b.code, Shape { path, bbox });
            }
        }
        Maps { shapes }
    }

    /// Whether a region has a shape.
    pub fn has(&self, code: RegionCode) -> bool {
        self.shapes.contains_key(&code)
    }

    /// A choropleth of `regions`: (code, name, value), with `title` shown above it. `highlight`
    /// is outlined, drawn last so that no neighbour covers its outline, and named in the legend.
    pub fn choropleth(
        &self,
        id: &str,
        title: &str,
        desc: &str,
        regions: &[(RegionCode, String, Option<f64>)],
        unit: &str,
        highlight: Option<RegionCode>,
    ) -> Markup {
        let mut drawn: Vec<&(RegionCode, String, Option<f64>)> =
            regions.iter().filter(|(c, _, _)| self.has(*c)).collect();
        drawn.sort_by_key(|(c, _, _)| highlight == Some(*c));
        let highlighted = drawn
            .iter()
            .find(|(c, _, _)| highlight == Some(*c))
            .map(|(_, n, _)| n.clone());
        let Some((x0, y0, x1, y1)) = drawn
            .iter()
            .filter_map(|(c, _, _)| self.shapes.get(c).map(|s| s.bbox))
            .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
        else {
            return html! {};
        };
        let mut values: Vec<f64> = drawn.iter().filter_map(|(_, _, v)| *v).collect();
        values.sort_by(f64::total_cmp);
        let breaks: Vec<f64> = (1..5)
            .filter_map(|k| {
                values
                    .get(((values.len() * k) / 5).min(values.len().saturating_sub(1)))
                    .copied()
            })
            .collect();
        let class = |v: Option<f64>| match v {
            None => 0,
            Some(v) => 1 + breaks.iter().filter(|b| v > **b).count(),
        };
        let pad = 20.0;
        let view = format!(
            "{:.0} {:.0} {:.0} {:.0}",
            x0 / SCALE - pad / 10.0,
            -y1 / SCALE - pad / 10.0,
            (x1 - x0) / SCALE + pad / 5.0,
            (y1 - y0) / SCALE + pad / 5.0
        );
        let title_id = format!("{id}-titel");
        let desc_id = format!("{id}-beschrijving");
        let lows: Vec<String> = std::iter::once(values.first().copied())
            .chain(breaks.iter().map(|b| Some(*b)))
            .map(|v| v.map_or("–".into(), |v| format::auto(v, unit)))
            .collect();
        html! {
            figure {
                figcaption { (title) }
                svg.map xmlns="http://www.w3.org/2000/svg" viewBox=(view) role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
                    title id=(title_id) { (title) }
                    desc id=(desc_id) { (desc) }
                    @for (code, name, value) in &drawn {
                        @let shape = &self.shapes[code];
                        @let label = match value { Some(v) => format!("{name}: {} {unit}", format::auto(*v, unit)), None => format!("{name}: geen waarde") };
                        path class=(if highlight == Some(*code) { format!("c{} highlight", class(*value)) } else { format!("c{}", class(*value)) }) d=(PreEscaped(&shape.path)) {
                            title { (label) }
                        }
                    }
                }
                @if !values.is_empty() {
                    ul.legend aria-label="Legenda" {
                        @for k in 1..=breaks.len() + 1 {
                            li { span class=(format!("swatch c{k}")) aria-hidden="true" {} "vanaf " (lows.get(k - 1).cloned().unwrap_or_default()) }
                        }
                        li { span.swatch.c0 aria-hidden="true" {} "geen waarde" }
                        @if let Some(n) = &highlighted { li { span.swatch.outline aria-hidden="true" {} "dikke rand: " (n) } }
                    }
                }
            }
        }
    }
}

/// A line chart of one series: (year, value).
pub fn line_chart(id: &str, title: &str, desc: &str, points: &[(i32, f64)], unit: &str) -> Markup {
    chart(id, title, desc, points, unit, None, &[])
}

/// A line chart of an area's series with the series of other areas on the same axes (the first
/// other dashed, the second dotted: for a gemeente its arbeidsmarktregio and Nederland), and a
/// legend naming each line; `name` is the area of `points`.
pub fn lines_chart(
    id: &str,
    title: &str,
    desc: &str,
    (name, points): (&str, &[(i32, f64)]),
    others: &[(&str, &[(i32, f64)])],
    unit: &str,
) -> Markup {
    let chart = chart(id, title, desc, points, unit, None, others);
    if others.is_empty() {
        return chart;
    }
    html! {
        (chart)
        ul.legend {
            li { span.lijn aria-hidden="true" {} " " (name) }
            @for (n, (other, _)) in others.iter().enumerate() { li { span class=(format!("lijn l{}", n + 1)) aria-hidden="true" {} " " (other) } }
        }
    }
}

/// A line chart of a goal's indicator with the planned path from baseline to target drawn
/// dashed, so a reader sees at once whether the figures run ahead of or behind the plan.
pub fn goal_chart(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(i32, f64)],
    unit: &str,
    plan: [(i32, f64); 2],
) -> Markup {
    chart(id, title, desc, points, unit, Some(plan), &[])
}

fn chart(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(i32, f64)],
    unit: &str,
    plan: Option<[(i32, f64); 2]>,
    others: &[(&str, &[(i32, f64)])],
) -> Markup {
    if points.is_empty() && plan.is_none() {
        return html! {};
    }
    let all: Vec<(i32, f64)> = points
        .iter()
        .copied()
        .chain(plan.into_iter().flatten())
        .chain(others.iter().flat_map(|(_, o)| o.iter().copied()))
        .collect();
    let min_x = all.iter().map(|p| p.0).min().unwrap_or(0) as f64;
    let max_x = all.iter().map(|p| p.0).max().unwrap_or(0) as f64;
    let lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi, ticks) = round_ticks(lo, hi);
    let labels: Vec<String> = ticks.iter().map(|t| format::auto(*t, unit)).collect();
    // Room for the longest tick label at the phone's 18 px (about 11 px a character), so
    // none is clipped at either size.
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let (w, h, bottom, top, right) = (640.0, 300.0, 34.0, 30.0, 30.0);
    let left = (widest * 11.0 + 14.0).max(44.0);
    let from_zero = lo <= 0.0 && hi >= 0.0;
    let sx = |x: f64| {
        if max_x > min_x {
            left + (x - min_x) / (max_x - min_x) * (w - left - right)
        } else {
            (w + left) / 2.0
        }
    };
    let sy = |y: f64| top + (hi - y) / (hi - lo) * (h - top - bottom);
    let polyline = |pts: &[(i32, f64)]| {
        pts.iter()
            .map(|(x, y)| format!("{:.1},{:.1}", sx(*x as f64), sy(*y)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let line = polyline(points);
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-beschrijving");
    // Year labels: every point's year, thinned to about eight so they never overlap, also in
    // the larger text of a phone.
    let mut years: Vec<i32> = all.iter().map(|p| p.0).collect();
    years.sort_unstable();
    years.dedup();
    let step = years.len().div_ceil(8).max(1);
    let labelled: Vec<i32> = years
        .iter()
        .enumerate()
        .filter(|(i, y)| i % step == 0 || Some(*y) == years.last())
        .map(|(_, y)| *y)
        .collect();
    html! {
        figure {
            svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
                title id=(title_id) { (title) }
                desc id=(desc_id) { (desc) }
                line.axis x1=(left) y1=(h - bottom) x2=(w - right) y2=(h - bottom) {}
                line.axis x1=(left) y1=(top) x2=(left) y2=(h - bottom) {}
                @if !unit.is_empty() { text x="4" y="14" text-anchor="start" { (unit) } }
                @for (t, label) in ticks.iter().zip(&labels) {
                    text x=(left - 6.0) y=(sy(*t) + 4.0) text-anchor="end" { (label) }
                }
                @for x in &labelled {
                    text x=(sx(*x as f64)) y=(h - 8.0) text-anchor="middle" { (x) }
                }
                @if let Some(plan) = plan {
                    polyline.plan points=(polyline(&plan)) {}
                    circle.plan cx=(format!("{:.1}", sx(plan[1].0 as f64))) cy=(format!("{:.1}", sy(plan[1].1))) r="5" {
                        title { "Streefwaarde " (plan[1].0) ": " (format::auto(plan[1].1, unit)) " " (unit) }
                    }
                }
                @for (n, (other, o)) in others.iter().enumerate() {
                    polyline class=(format!("line l{}", n + 1)) points=(polyline(o)) { title { (other) } }
                }
                polyline.line points=(line) {}
                @for (x, y) in points {
                    circle cx=(format!("{:.1}", sx(*x as f64))) cy=(format!("{:.1}", sy(*y))) r="4" fill="currentColor" {
                        title { (x) ": " (format::auto(*y, unit)) " " (unit) }
                    }
                }
            }
            @if !from_zero {
                figcaption.as-noot { "Let op: de verticale as begint niet bij 0, maar bij " (labels.first().map_or("", String::as_str)) @if !unit.is_empty() && unit != "aantal" { " " (unit) } "." }
            }
        }
    }
}

/// Round tick values (steps of 1, 2 or 5 times a power of ten, about six ticks) that enclose
/// `lo..=hi`: the axis runs from the first to the last.
fn round_ticks(lo: f64, hi: f64) -> (f64, f64, Vec<f64>) {
    let (lo, hi) = if !lo.is_finite() || !hi.is_finite() {
        (0.0, 1.0)
    } else if (hi - lo).abs() < f64::EPSILON {
        (lo - lo.abs().max(1.0) * 0.1, hi + hi.abs().max(1.0) * 0.1)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = magnitude
        * match raw / magnitude {
            n if n <= 1.0 => 1.0,
            n if n <= 2.0 => 2.0,
            n if n <= 5.0 => 5.0,
            _ => 10.0,
        };
    let first = (lo / step).floor() * step;
    let last = (hi / step).ceil() * step;
    let n = ((last - first) / step).round() as usize;
    let ticks = (0..=n).map(|i| first + step * i as f64).collect();
    (first, last, ticks)
}

/// A small trend line for a table cell, with its text alternative.
pub fn sparkline(label: &str, points: &[(i32, f64)]) -> Markup {
    sparklines(label, &[points])
}

/// Small trend lines on one scale for a table cell or card, with one text alternative: the
/// first line (the area itself) solid, the second (its region) dashed, the third (Nederland)
/// dotted, all placed by year so lines with different years line up.
pub fn sparklines(label: &str, lines: &[&[(i32, f64)]]) -> Markup {
    let Some(first) = lines.first() else {
        return html! {};
    };
    if first.len() < 2 {
        return html! {};
    }
    let all = || lines.iter().flat_map(|l| l.iter());
    let lo = all().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = all().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x0 = all().map(|p| p.0).min().unwrap_or(0);
    let x1 = all().map(|p| p.0).max().unwrap_or(0);
    let years = f64::from((x1 - x0).max(1));
    let points = |line: &[(i32, f64)]| {
        line.iter()
            .map(|(x, y)| {
                format!(
                    "{:.1},{:.1}",
                    f64::from(x - x0) / years * 96.0 + 2.0,
                    22.0 - (y - lo) / span * 20.0
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        svg.spark xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 24" role="img" aria-label=(label) {
            // Drawn last so the area's own line lies on top.
            @for (n, line) in lines.iter().enumerate().skip(1).rev() {
                @if line.len() > 1 { polyline class=(format!("l{n}")) points=(points(line)) {} }
            }
            polyline points=(points(first)) {}
        }
    }
}

/// A benchmark strip: a thin mark per value of a comparison group on one line from its lowest
/// to its highest value, and a heavy mark for `mine`.
pub fn benchmark(label: &str, values: &[f64], mine: f64) -> Markup {
    let lo = values.iter().copied().fold(mine, f64::min);
    let hi = values.iter().copied().fold(mine, f64::max);
    let x = |v: f64| {
        if hi > lo {
            2.0 + (v - lo) / (hi - lo) * 96.0
        } else {
            50.0
        }
    };
    html! {
        svg.bench xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 16" role="img" aria-label=(label) {
            line.base x1="2" y1="8" x2="98" y2="8" {}
            @for v in values { line.peer x1=(format!("{:.1}", x(*v))) y1="4" x2=(format!("{:.1}", x(*v))) y2="12" {} }
            line.mine x1=(format!("{:.1}", x(mine))) y1="0" x2=(format!("{:.1}", x(mine))) y2="16" {}
        }
    }
}

#[cfg(test)]
mod tick_tests {
    use super::round_ticks;

    #[test]
    fn ticks_are_round_and_enclose_the_values() {
        let (lo, hi, t) = round_ticks(3.9, 11.2);
        assert_eq!((lo, hi), (2.0, 12.0));
        assert_eq!(t, vec![2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
        let (lo, hi, t) = round_ticks(158_346.0, 162_890.0);
        assert_eq!((lo, hi), (158_000.0, 163_000.0));
        assert_eq!(t.len(), 6);
        let (lo, hi, _) = round_ticks(0.0, 47.2);
        assert_eq!((lo, hi), (0.0, 50.0));
        let (lo, hi, t) = round_ticks(5.0, 5.0);
        assert!(lo < 5.0 && hi > 5.0 && t.len() >= 2);
        let (_, _, t) = round_ticks(-3.0, 4.0);
        assert!(t.contains(&0.0));
    }
}
