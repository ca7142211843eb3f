// SPDX-License-Identifier: EUPL-1.2
//! Actiepunt: the kind of `samenhang_domain::verslagen::ActionItem`.

use samenhang_domain::verslagen::{ActionItemDraft, ACTION_ITEM_SPEC};

simple_kind!(
    ActionItems,
    ACTION_ITEM_SPEC,
    ActionItemDraft,
    "Action items and recommendations, from meetings or on their own."
);
