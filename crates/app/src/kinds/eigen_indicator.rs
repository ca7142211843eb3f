// SPDX-License-Identifier: EUPL-1.2
//! Own indicators (eigen cijfers): the kind of `samenhang_domain::own_figures::OwnIndicator`. A
//! write changes the figures every server shows, so it moves the figures counter on.

use samenhang_domain::own_figures::{OwnIndicatorDraft, OWN_INDICATOR_SPEC};
use samenhang_domain::registers::{Fault, Known};
use samenhang_domain::spec::KindSpec;
use serde_json::Value;

/// Own indicators.
pub struct OwnIndicators;

impl super::Kind for OwnIndicators {
    fn spec(&self) -> &'static KindSpec {
        &OWN_INDICATOR_SPEC
    }

    fn check(&self, draft: Value, known: &dyn Known) -> Result<Value, Vec<Fault>> {
        super::check_with(draft, |d: &OwnIndicatorDraft| d.parse(known))
    }

    fn shapes_figures(&self) -> bool {
        true
    }
}
