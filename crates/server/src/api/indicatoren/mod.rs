// SPDX-License-Identifier: EUPL-1.2
//! `/indicatoren`: the indicator registry and its figures from the snapshot. One file per action.

pub mod comparison;
pub mod list;
pub mod show;
pub mod values;

use samenhang_app::Principal;
use samenhang_stats::{Series, Snapshot};

use crate::params::QueryParams;
use crate::problem::ApiError;

/// The series of indicator `id` if `who` may see it, or 404.
pub(crate) fn series<'s>(snap: &'s Snapshot, id: &str, who: &Principal) -> Result<&'s Series, ApiError> {
    snap.series_for(id, who)
        .ok_or_else(|| ApiError::NotFound(format!("Er is geen indicator met id '{id}'.")))
}

/// A year given as `2024` or as the CBS period `2024JJ00`.
pub(crate) fn year_param(q: &mut QueryParams, name: &str) -> Option<i32> {
    q.get(name, "format", |s| {
        let y = s.strip_suffix("JJ00").unwrap_or(s);
        y.parse::<i32>()
            .ok()
            .filter(|y| (1800..=2200).contains(y) && y.to_string().len() == 4)
            .ok_or_else(|| {
                format!("'{s}' is geen jaar: geef een jaartal (bijv. 2024) of een CBS-jaarperiode (2024JJ00).")
            })
    })
}
