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
    chart(id, title, desc, points, unit, None)
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
    chart(id, title, desc, points, unit, Some(plan))
}

fn chart(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(i32, f64)],
    unit: &str,
    plan: Option<[(i32, f64); 2]>,
) -> Markup {
    if points.is_empty() && plan.is_none() {
        return html! {};
    }
    let all: Vec<(i32, f64)> = points.iter().copied().chain(plan.into_iter().flatten()).collect();
    let min_x = all.iter().map(|p| p.0).min().unwrap_or(0) as f64;
    let max_x = all.iter().map(|p| p.0).max().unwrap_or(0) as f64;
    let lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = all.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi, ticks) = round_ticks(lo, hi);
    let labels: Vec<String> = ticks.iter().map(|t| format::auto(*t, unit)).collect();
    // Room for the longest tick label (about 7 px a character at 12 px), so none is clipped.
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let (w, h, bottom, top, right) = (640.0, 300.0, 30.0, 30.0, 20.0);
    let left = (widest * 7.5 + 14.0).max(44.0);
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
    // Year labels: every point's year, thinned to about ten so they never overlap.
    let mut years: Vec<i32> = all.iter().map(|p| p.0).collect();
    years.sort_unstable();
    years.dedup();
    let step = years.len().div_ceil(10).max(1);
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
                    text x=(sx(*x as f64)) y=(h - 10.0) text-anchor="middle" { (x) }
                }
                @if let Some(plan) = plan {
                    polyline.plan points=(polyline(&plan)) {}
                    circle.plan cx=(format!("{:.1}", sx(plan[1].0 as f64))) cy=(format!("{:.1}", sy(plan[1].1))) r="5" {
                        title { "Streefwaarde " (plan[1].0) ": " (format::auto(plan[1].1, unit)) " " (unit) }
                    }
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

/// A small trend line for a table cell, with its text alternative.
pub fn sparkline(label: &str, points: &[(i32, f64)]) -> Markup {
    if points.len() < 2 {
        return html! {};
    }
    let lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = (points.len() - 1) as f64;
    let line: String = points
        .iter()
        .enumerate()
        .map(|(i, (_, y))| format!("{:.1},{:.1}", i as f64 / n * 96.0 + 2.0, 22.0 - (y - lo) / span * 20.0))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        svg.spark xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 24" role="img" aria-label=(label) {
            polyline points=(line) {}
        }
    }
}
