// SPDX-License-Identifier: EUPL-1.2
//! People: the kind of `samenhang_domain::registers::Person`.

use samenhang_domain::registers::{PersonDraft, PERSON_SPEC};

simple_kind!(
    People,
    PERSON_SPEC,
    PersonDraft,
    "People: aldermen, accountmanagers and others."
);
