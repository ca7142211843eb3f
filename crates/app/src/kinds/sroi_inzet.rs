// SPDX-License-Identifier: EUPL-1.2
//! SROI-inzet: the kind of `samenhang_domain::sroi::ContributionRecord`, a contribution to an
//! obligation (valued in `crate::sroi::realisation`, with the obligation's table).

use samenhang_domain::sroi::{ContributionDraft, CONTRIBUTION_SPEC};

simple_kind!(
    Contributions,
    CONTRIBUTION_SPEC,
    ContributionDraft,
    "Contributions to SROI obligations."
);
