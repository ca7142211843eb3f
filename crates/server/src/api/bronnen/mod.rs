// SPDX-License-Identifier: EUPL-1.2
//! `/bronnen`: the CBS tables loaded, with version and licence. One file per action.

pub mod list;
pub mod show;
