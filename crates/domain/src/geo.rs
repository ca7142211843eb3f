// SPDX-License-Identifier: EUPL-1.2
//! Region boundaries in RD New (EPSG:28992, metres), for maps. RD needs no projection: a map only
//! flips the y axis.

use crate::codes::RegionCode;

/// A ring: a closed line of (x, y) points in RD metres.
pub type Ring = Vec<(f64, f64)>;

/// The boundary of one region: polygons, each an outer ring followed by its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The region.
    pub code: RegionCode,
    /// Its name in the boundary file.
    pub name: String,
    /// Polygons (outer ring first, then holes).
    pub polygons: Vec<Vec<Ring>>,
}

impl Boundary {
    /// The bounding box (min x, min y, max x, max y).
    pub fn bbox(&self) -> Option<(f64, f64, f64, f64)> {
        bbox(self.polygons.iter().flatten().flatten())
    }
}

/// The bounding box of points.
pub fn bbox<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    points.fold(None, |acc, &(x, y)| match acc {
        None => Some((x, y, x, y)),
        Some((a, b, c, d)) => Some((a.min(x), b.min(y), c.max(x), d.max(y))),
    })
}
