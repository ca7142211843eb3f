// SPDX-License-Identifier: EUPL-1.2
//! Doelen: the kind of `samenhang_domain::registers::Goal`, whose representation carries its
//! progress (`voortgang`) computed from the statistics snapshot.

use samenhang_domain::registers::{progress, Fault, Goal, GoalDraft, Known, Progress, GOAL_SPEC};
use samenhang_domain::spec::KindSpec;
use serde_json::{json, Value};

use super::{check_with, Kind};
use crate::App;

/// Goals.
pub struct Goals;

impl Kind for Goals {
    fn spec(&self) -> &'static KindSpec {
        &GOAL_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        check_with(draft, |d: &GoalDraft| d.parse(known))
    }

    fn computed(&self, app: &App, record: &Value) -> Vec<(&'static str, Value)> {
        let Ok(goal) = serde_json::from_value::<Goal>(record.clone()) else {
            return Vec::new();
        };
        let p = progress_of(app, &goal);
        let unit = app
            .snapshot()
            .registry
            .indicator(&goal.indicator)
            .map(|i| i.unit.clone())
            .unwrap_or_default();
        let status = serde_json::to_value(p.status).unwrap_or(Value::Null);
        vec![(
            "voortgang",
            json!({
                "status": status,
                "omschrijving": p.status.label(),
                "laatsteJaar": p.latest.map(|l| l.0),
                "laatsteWaarde": p.latest.map(|l| l.1),
                "verwachteWaarde": p.expected,
                "trendPerJaar": p.trend_per_year,
                "nodigPerJaar": p.needed_per_year,
                "aandeelGerealiseerd": p.share_done,
                "eenheid": unit,
                "bron": "Bron: CBS (CC BY 4.0)",
            }),
        )]
    }
}

/// The indicator's series for the goal's region: (year, value).
pub fn series(app: &App, goal: &Goal) -> Vec<(i32, f64)> {
    let snapshot = app.snapshot();
    let Some(s) = snapshot.series(&goal.indicator) else {
        return Vec::new();
    };
    s.years()
        .iter()
        .filter_map(|&y| snapshot.value(s, goal.gebied, y).map(|(v, _)| (y, v)))
        .collect()
}

/// A goal's progress from the current figures.
pub fn progress_of(app: &App, goal: &Goal) -> Progress {
    progress(goal, &series(app, goal), crate::records::today())
}
