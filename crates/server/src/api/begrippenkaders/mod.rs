// SPDX-License-Identifier: EUPL-1.2
//! `/begrippenkaders`: the concept schemes and their exports (Turtle, JSON-LD, CSV).

pub mod export;
pub mod list;
