"""Image morphology: filters, thresholds, binary and grey morphology, splitting, labelling and measurement."""

import streamlit as st

from core.morphology import DEFAULT_PIPELINE, check_pipeline, pipeline_script, pipeline_to_text
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import lazy_tabs, page_setup
from ui.common.tables import display_frame, fmt
from ui.common.url import bound, bound_value, forget
from ui.common.shelf import send_button
from ui.common.text import esc
from ui.morphology.cache import grey_cached, pipeline_cached, regions_cached
from ui.morphology.inputs import grey_method, require_image
from ui.morphology.pipeline_editor import pipeline_editor
from ui.morphology.views import KIND_LABEL, compare_panel, histogram_panel, pixel_grid_panel, png_bytes, show_image

PAGE = page_setup("image_morphology", "Build a pipeline of `scipy.ndimage` operations (smoothing, thresholds, "
                  "erosion and dilation, distance transform, labelling), see every step, measure the objects, and "
                  "take the pipeline away as a plain Python script.")
P = PAGE.prefix
CONNECTIVITY = {1: "4 neighbours", 2: "8 neighbours"}

source = require_image(P)
method = grey_method(P, source)
grey = grey_cached(source.digest, method, source.loaded)
gkey = f"{source.digest}:{method}"

left, right = st.columns([0.4, 0.6], gap="medium")
results = []


def _threshold_help(steps_so_far):
    """The histogram of a threshold step's input, with the level it uses."""
    with st.popover("Histogram", icon=":material/bar_chart:"), guard("the histogram"):
        prefix = pipeline_to_text(steps_so_far[:-1])
        before = pipeline_cached(source.digest, method, prefix, grey)
        if before.kind != "grey":
            st.caption("The step before gives a mask, not grey levels.")
            return
        level = pipeline_cached(source.digest, method, pipeline_to_text(steps_so_far), grey).level
        histogram_panel(before.image, level, f"{P}_hist{len(steps_so_far)}", f"{gkey}:{prefix}")


with left:
    st.subheader("Pipeline")
    steps = pipeline_editor(P, source.defaults.get("pipeline", DEFAULT_PIPELINE), threshold_help=_threshold_help)

text = pipeline_to_text(steps)
parts = text.split(";") if text else []
failed = None
with right:
    affordable = False
    with guard("checking the pipeline"):
        check_pipeline(steps, grey.shape)  # the whole pipeline's estimated work, before any step runs
        affordable = True
    for i in range(len(steps) if affordable else 0):
        with guard(f"step {i + 1}"):
            results.append(pipeline_cached(source.digest, method, ";".join(parts[:i + 1]), grey))
            for note in results[-1].notes:
                st.caption(f"Step {i + 1}: {esc(note)}")
        if len(results) <= i:
            failed = i
            break
    final = results[-1] if results else None
    final_image = final.image if final else grey
    final_kind = final.kind if final else "grey"
    timing = ", ".join(f"{i + 1}: {fmt(r.seconds * 1000, 3)} ms" for i, r in enumerate(results) if r.seconds)
    if timing:
        st.caption(f"Computed on {grey.shape[1]:,} x {grey.shape[0]:,} px; time per step {timing}.")

    tabs = {"Result": "showing the result", "Before / after": "comparing", "Objects": "measuring the objects",
            "Pixel grid (teaching)": "the pixel grid"}
    tab, panel = lazy_tabs(list(tabs), key=f"{P}_tab")
    with panel, guard(tabs[tab]):
        if tab == "Result":
            labels_n = len(results)
            identity = (source.digest, tuple(s.op for s in steps), labels_n)  # not on a parameter change
            if st.session_state.get(f"_{P}_shown_for") not in (None, identity):
                # A new image or new steps: show the last step. The value is set, not just forgotten, so the
                # browser's slider moves too (a forgotten value left it showing "original" over the result).
                forget(P, only={f"{P}_show"})
                st.session_state[f"{P}_show"] = labels_n
            st.session_state[f"_{P}_shown_for"] = identity
            options = list(range(labels_n + 1))
            initial = {} if f"{P}_show" in st.session_state else {"value": labels_n}  # no default over a set value
            shown = bound(st.select_slider, "Show the image after step", options, key=f"{P}_show", **initial,
                          format_func=lambda k: "original" if k == 0 else f"{k}. {steps[k - 1].label}")
            image, kind = (grey, "grey") if shown == 0 else (results[shown - 1].image, results[shown - 1].kind)
            key = f"{gkey}:{';'.join(parts[:shown])}"
            show_image(key, image, kind, base=(gkey, grey), chart_key=f"{P}_result")
            st.caption(f"{KIND_LABEL[kind].capitalize()}, {image.dtype}, values {fmt(float(image.min()), 4)} to "
                       f"{fmt(float(image.max()), 4)}.")
            st.download_button("Download this image (PNG, full resolution)", lambda: png_bytes(image, kind),
                               file_name=f"step{shown}.png", mime="image/png", key=f"{P}_dl_png", on_click="ignore",
                               icon=":material/download:")
        elif tab == "Before / after":
            names = ("original", "result")
            compare_panel(P, (gkey, grey, "grey"), (f"{gkey}:{';'.join(parts[:len(results)])}", final_image,
                                                     final_kind), names)
        elif tab == "Objects":
            if final_kind == "grey":
                st.info("Objects are measured on a binary mask or labels: add a Threshold step (and optionally "
                        "Label or Split touching objects).", icon=":material/info:")
            else:
                conn = 2
                if final_kind == "binary":
                    conn = bound(st.segmented_control, "Connectivity of objects", [1, 2], default=2, key=f"{P}_conn",
                                 format_func=CONNECTIVITY.get) or 2
                labels, table = regions_cached(source.digest, method, text, conn, final, grey)
                m = st.columns(4)
                m[0].metric("objects", f"{len(table):,}")
                m[1].metric("total area (px)", f"{int(table['area'].sum()):,}")
                m[2].metric("median area (px)", fmt(float(table["area"].median()), 4) if len(table) else "—")
                m[3].metric("area fraction", f"{table['area'].sum() / grey.size:.1%}")
                event = st.dataframe(display_frame(table.head(5000).to_dict("records")), hide_index=True,
                                     width="stretch", height=240, on_select="rerun", selection_mode="single-row",
                                     key=f"{P}_regions")
                rows = event.selection.rows if event else []
                pick = table.iloc[rows[0]] if rows else None
                boxes = [] if len(table) > 300 else table[["bbox_min_row", "bbox_min_col", "bbox_max_row",
                                                            "bbox_max_col"]].to_numpy().tolist()
                highlight = None if pick is None else tuple(int(pick[c]) for c in ("bbox_min_row", "bbox_min_col",
                                                                                     "bbox_max_row", "bbox_max_col"))
                show_image(f"{gkey}:labels:{text}:{conn}", labels, "labels", base=(gkey, grey), boxes=boxes,
                           highlight=highlight, chart_key=f"{P}_objects")
                st.caption("Select a row to outline its object. " + ("" if len(table) <= 5000 else
                                                                        "The table shows the first 5,000 objects; "
                                                                        "the download has all."))
                csv_download("Object table (CSV)", table, "objects.csv", key=f"{P}_dl_table")
                send_button("Send the object table to your data", lambda: table, name=f"objects in {source.label}",
                            origin="image morphology", key=f"{P}_send", defaults={"shape": "one", "columns": ["area"]},
                            targets=[("pages/hypothesis_testing.py", "Hypothesis testing"),
                                     ("pages/kernel_density.py", "Kernel density")])
        elif tab == "Pixel grid (teaching)":
            mask = final_image if final_kind == "binary" else None
            pixel_grid_panel(P, mask)


if failed is not None:
    st.warning(f"The pipeline stops at step {failed + 1}; the views show the result before it.",
               icon=":material/warning:")
with guard("exporting"):
    conn = bound_value(f"{P}_conn", [1, 2], format_func=CONNECTIVITY.get) or 2  # also when its tab is closed
    code_panel(lambda: pipeline_script(steps[:len(results)], file_name=source.file_name, grey_method=method,
                                       colour=source.loaded.is_colour, source_note=source.label,
                                       table_connectivity=conn), key=P, file_name="image_pipeline.py", libraries="numpy, scipy, pandas, Pillow",
               attachment=(source.file_name, source.data, "application/octet-stream"))
