// SPDX-License-Identifier: EUPL-1.2
//! Consultation bodies: the kind of `samenhang_domain::coherence::Body`.

use samenhang_domain::coherence::{BodyDraft, BODY_SPEC};

simple_kind!(Bodies, BODY_SPEC, BodyDraft, "Consultation bodies.");
