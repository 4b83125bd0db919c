"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("interp_runge", "Runge's function (11 points)", "interp_runge.csv",
           "1/(1 + 25x²) at 11 equally spaced points: the one polynomial through them (barycentric) swings to 1.9 "
           "near the ends (Runge's phenomenon); splines stay close.",
           "Computed (Runge 1901)",
           {"mode": "1-D", "x": "x", "y": "y", "methods": ["barycentric", "cubic_spline", "pchip"]}),
    Sample("interp_runge_chebyshev", "Runge's function at 11 Chebyshev nodes", "interp_runge_chebyshev.csv",
           "The same function at points clustered towards the ends (Chebyshev nodes): the polynomial through them "
           "no longer oscillates.", "Computed (Chebyshev points of the first kind)",
           {"mode": "1-D", "x": "x", "y": "y", "methods": ["barycentric", "cubic_spline", "pchip"]}),
    Sample("interp_noisy", "Noisy measurements (80 points)", "interp_noisy.csv",
           "A noisy signal sampled at irregular times: interpolants chase the noise, smoothing splines do not.",
           "Synthetic (2 sin t + 0.3 t + N(0, 0.25), seed 20261125)",
           {"mode": "1-D", "x": "time_s", "y": "signal_mV", "methods": ["smoothing_spline", "cubic_spline"]}),
    Sample("interp_monotone", "Monotone response (splines overshoot)", "interp_monotone.csv",
           "A cumulative response that only rises, with a steep step: the cubic spline dips and overshoots, PCHIP "
           "and makima do not.", "Synthetic",
           {"mode": "1-D", "x": "dose", "y": "cumulative_response", "methods": ["cubic_spline", "pchip", "makima"]}),
    Sample("interp_gaps", "Hourly temperature with gaps", "interp_gaps.csv",
           "Three days of hourly temperature with nine missing readings: fill the gaps on a regular step.",
           "Synthetic (daily sine + noise, seed 20261125)",
           {"mode": "1-D", "x": "hour", "y": "temperature_C", "methods": ["pchip", "linear"]}),
    Sample("interp_franke", "Franke's surface at 300 random points", "interp_franke.csv",
           "Franke's test function (1979) sampled at 300 random points in the unit square.",
           "Computed (Franke 1979, seed 20261125)",
           {"mode": "2-D scattered", "x": "x", "y": "y", "z": "z"}),
    Sample("interp_terrain", "Terrain elevations (800 points)", "interp_terrain.csv",
           "Spot heights over a 1 km square: two hills on a tilted plane, with 3 m of noise.",
           "Synthetic (seed 20261125)",
           {"mode": "2-D scattered", "x": "easting_m", "y": "northing_m", "z": "elevation_m"}),
    Sample("interp_wind_chill", "Wind chill table (a 11 x 12 grid)", "interp_wind_chill.csv",
           "The wind chill index for air temperatures -40 to 10 °C and winds 5 to 60 km/h, in steps of 5: a "
           "lookup table whose rows form a full grid. Read off values between its lines.",
           "Computed from the wind chill formula of Environment Canada and the US National Weather Service (2001)",
           {"mode": "2-D grid", "x": "air_temp_C", "y": "wind_kmh", "z": "wind_chill_C"}),
])
