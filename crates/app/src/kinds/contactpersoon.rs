// SPDX-License-Identifier: EUPL-1.2
//! Contactpersonen: the kind of `samenhang_domain::ondernemers::Contact`.

use samenhang_domain::ondernemers::{ContactDraft, CONTACT_SPEC};

simple_kind!(Contacts, CONTACT_SPEC, ContactDraft, "Contact persons of companies.");
