// SPDX-License-Identifier: EUPL-1.2
//! Agreements with what each party brings and gets: the kind of `samenhang_domain::coherence::Agreement`.

use samenhang_domain::coherence::{AgreementDraft, AGREEMENT_SPEC};

simple_kind!(
    Agreements,
    AGREEMENT_SPEC,
    AgreementDraft,
    "Agreements with what each party brings and gets."
);
