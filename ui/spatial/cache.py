"""Cached wrappers around core.spatial: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules). The KD-tree of a point set is built once and shared read-only."""

import streamlit as st
from scipy import spatial

from core.spatial import (convex_hull, knn, nearest_pairs, outliers, pairwise, query_timing, triangulate,
                          voronoi_cells, within_radius)
from ui.common.cache import frozen

__all__ = ["tree_cached", "knn_cached", "radius_cached", "outliers_cached", "timing_cached", "distances_cached",
           "pairs_cached", "hull_cached", "triangulation_cached", "voronoi_cached"]


@st.cache_resource(max_entries=4, show_spinner="Building the KD-tree ...")
def tree_cached(key, _points):
    """The KDTree of the points `key` names (digest and columns); shared, never changed."""
    return spatial.KDTree(_points)


@st.cache_data(max_entries=64, show_spinner=False)
def knn_cached(key, query, k, _points):
    return knn(_points, [query], k, tree=tree_cached(key, _points))


@st.cache_data(max_entries=64, show_spinner="Searching the radius ...")
def radius_cached(key, query, r, _points):
    return within_radius(_points, query, r, tree=tree_cached(key, _points))


@st.cache_data(max_entries=16, show_spinner="Scoring every point by its neighbours ...")
def outliers_cached(key, k, quantile, _points):
    return outliers(_points, k, quantile=quantile, tree=tree_cached(key, _points))


@st.cache_data(max_entries=4, show_spinner="Timing KD-tree and brute-force queries ...")
def timing_cached(key, _points):
    return query_timing(_points)


@st.cache_data(max_entries=16, show_spinner="Computing the distances ...")
def distances_cached(key, metric, p, _points):
    return pairwise(_points, metric, p=p)


@st.cache_data(max_entries=16, show_spinner="Comparing the metrics ...")
def pairs_cached(key, metrics, p, _points):
    return nearest_pairs(_points, metrics, p=p)


@st.cache_data(max_entries=16, show_spinner="Building the convex hull ...")
def hull_cached(key, _points):
    return convex_hull(_points)


@st.cache_data(max_entries=16, show_spinner="Triangulating ...")
def triangulation_cached(key, _points):
    return triangulate(_points)


@st.cache_resource(max_entries=8, show_spinner="Computing the Voronoi cells ...")
def voronoi_cached(key, bbox, _points):
    return tuple(frozen(c) for c in voronoi_cells(_points, bbox))
