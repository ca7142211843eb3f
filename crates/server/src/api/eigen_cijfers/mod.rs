// SPDX-License-Identifier: EUPL-1.2
//! `/eigen-indicatoren/{id}/cijfers`: the figures of an own indicator, uploaded and downloaded
//! as CSV. The indicator itself is a register record (`/eigen-indicatoren`, from the kind
//! list); its figures are served with the CBS ones under `/indicatoren/eigen-{id}`. One file
//! per action.

pub mod download;
pub mod upload;
