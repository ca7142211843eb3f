// SPDX-License-Identifier: EUPL-1.2
//! Agendas that group goals: the kind of `samenhang_domain::registers::Agenda`.

use samenhang_domain::registers::{AgendaDraft, AGENDA_SPEC};

simple_kind!(Agendas, AGENDA_SPEC, AgendaDraft, "Agendas that group goals.");
