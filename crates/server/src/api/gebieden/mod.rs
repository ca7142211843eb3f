// SPDX-License-Identifier: EUPL-1.2
//! `/gebieden`: regions, their memberships per year and their successors. One file per action.

pub mod list;
pub mod show;
pub mod successors;
