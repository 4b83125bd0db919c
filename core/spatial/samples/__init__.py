"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns a page starts with, so the page shows a useful result the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("spatial_blobs", "Clusters with a few outliers (298 points)", "spatial_blobs.csv",
           "Three Gaussian clusters and eight points scattered far from them: nearest-neighbour distances find the "
           "outliers.", "Synthetic (seed 20261203)", {"x": "x", "y": "y", "label": "group"}),
    Sample("spatial_cities", "World cities (50)", "spatial_cities.csv",
           "Longitude and latitude of fifty large cities: each city's Voronoi cell is the area nearer to it than to "
           "any other (on the flat map).", "Public geographic facts",
           {"x": "longitude", "y": "latitude", "label": "city"}),
    Sample("spatial_spiral", "Two spirals (600 points)", "spatial_spiral.csv",
           "Two interleaved spiral arms: close in the plane, far along the arm; single linkage follows the arms.",
           "Synthetic (seed 20261203)", {"x": "x", "y": "y", "label": "arm"}),
    Sample("spatial_grid", "A jittered grid (300 points)", "spatial_grid.csv",
           "A 20 x 15 grid with small jitter: Delaunay triangles and Voronoi cells are nearly regular.",
           "Synthetic (seed 20261203)", {"x": "x", "y": "y"}),
])
