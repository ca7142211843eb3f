// SPDX-License-Identifier: EUPL-1.2
//! Verslagen in the API: a report file read into a proposal (`POST /bijeenkomsten/_voorstel`),
//! a corrected proposal saved as a meeting with its action items in one go
//! (`POST /bijeenkomsten/_vastleggen`), and the action list (`GET /actiepunten/_lijst`).
//! The records themselves are the register kinds `bijeenkomst` and `actiepunt`.

pub mod lijst;
pub mod opslaan;
pub mod voorstel;

use crate::api::analyses::RecordRef;
