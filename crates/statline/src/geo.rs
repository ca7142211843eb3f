// SPDX-License-Identifier: EUPL-1.2
//! Boundaries from GeoJSON in RD New (the CBS/PDOK "Gebiedsindelingen" as shipped in `data/geo`):
//! `Polygon` and `MultiPolygon` features with a `statcode` property.

use samenhang_domain::codes::RegionCode;
use samenhang_domain::geo::{Boundary, Ring};
use serde::Deserialize;

use crate::error::ReadError;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    statcode: String,
    #[serde(default)]
    statnaam: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

fn ring(points: Vec<[f64; 2]>) -> Ring {
    points.into_iter().map(|[x, y]| (x, y)).collect()
}

/// Reads a GeoJSON FeatureCollection of region boundaries.
pub fn read_boundaries<R: std::io::Read>(reader: R, file: &str) -> Result<Vec<Boundary>, ReadError> {
    let c: Collection = serde_json::from_reader(reader).map_err(|e| ReadError::json(file, &e))?;
    let mut out = Vec::with_capacity(c.features.len());
    for (i, f) in c.features.into_iter().enumerate() {
        let code = RegionCode::parse(&f.properties.statcode).map_err(|e| {
            ReadError::file(file, e.to_string())
                .in_record(format!("feature {}", i + 1))
                .in_field("statcode")
        })?;
        let polygons = match f.geometry {
            Geometry::Polygon(rings) => vec![rings.into_iter().map(ring).collect()],
            Geometry::MultiPolygon(polys) => polys.into_iter().map(|p| p.into_iter().map(ring).collect()).collect(),
        };
        out.push(Boundary {
            code,
            name: f.properties.statnaam,
            polygons,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_gemeenten() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/geo/gemeente_2025_rd.geojson");
        let b = read_boundaries(std::fs::File::open(path).unwrap(), "g.geojson").unwrap();
        assert_eq!(b.len(), 342);
        let enschede = b.iter().find(|x| x.code.to_string() == "GM0153").unwrap();
        let (x0, y0, x1, y1) = enschede.bbox().unwrap();
        assert!(
            x0 > 240_000.0 && x1 < 270_000.0 && y0 > 460_000.0 && y1 < 480_000.0,
            "{x0} {y0} {x1} {y1}"
        );
    }

    #[test]
    fn bad_codes_and_json_are_named() {
        let e = read_boundaries(
            &br#"{"features":[{"properties":{"statcode":"XX"},"geometry":{"type":"Polygon","coordinates":[]}}]}"#[..],
            "g",
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("statcode"));
        assert!(read_boundaries(&b"{"[..], "g").is_err());
    }
}
