// SPDX-License-Identifier: EUPL-1.2
//! `/herindelingen`: dated changes to the set of gemeenten. One file per action.

pub mod list;
pub mod show;
