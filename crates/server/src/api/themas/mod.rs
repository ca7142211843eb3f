// SPDX-License-Identifier: EUPL-1.2
//! `/themas/{begrip}`: everything linked to one concept: the indicators that measure it and,
//! for every register kind of the list, its records on that theme, as far as the caller may see
//! them. The answer has one property per kind (`doelen`, `regelingen`, …), so its schema is
//! derived from the list like the records' own.

pub mod show;
