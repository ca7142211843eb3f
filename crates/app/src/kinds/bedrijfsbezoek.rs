// SPDX-License-Identifier: EUPL-1.2
//! Bedrijfsbezoeken: the kind of `samenhang_domain::ondernemers::Visit`; its confidential note
//! is seen by the visiting organisation only (the field is marked so in the spec).

use samenhang_domain::ondernemers::{VisitDraft, VISIT_SPEC};

simple_kind!(Visits, VISIT_SPEC, VisitDraft, "Company visits.");
