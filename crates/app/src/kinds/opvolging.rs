// SPDX-License-Identifier: EUPL-1.2
//! Opvolging: the kind of `samenhang_domain::ondernemers::FollowUp`.

use samenhang_domain::ondernemers::{FollowUpDraft, FOLLOW_UP_SPEC};

simple_kind!(
    FollowUps,
    FOLLOW_UP_SPEC,
    FollowUpDraft,
    "Follow-up actions of company visits."
);
