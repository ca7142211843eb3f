// SPDX-License-Identifier: EUPL-1.2
//! `/maatstaven`: the measures of the loaded tables, with their CBS definitions.

pub mod list;
