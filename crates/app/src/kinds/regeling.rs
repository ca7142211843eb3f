// SPDX-License-Identifier: EUPL-1.2
//! Schemes and instruments: the kind of `samenhang_domain::coherence::Scheme`.

use samenhang_domain::coherence::{SchemeDraft, SCHEME_SPEC};

simple_kind!(Schemes, SCHEME_SPEC, SchemeDraft, "Schemes and instruments.");
