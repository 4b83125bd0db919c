"""Export an image pipeline as one plain script: Pillow reads the image, scipy.ndimage does every step.

The script prints ``name = value`` lines (core.common.codegen.parse_printed) and writes the region table to
``regions.csv``; the tests run it and compare both with the page. The few helpers it needs (reading modes
the way the page does, Otsu's threshold, splitting touching objects, the region table) are copied from
core.morphology.operations by source, so the script and the page cannot drift apart.
"""

import inspect

import numpy as np

from core.common.codegen import literal
from core.morphology.pipeline import parse_element
from core.morphology.operations import (GREY_METHODS, OPERATIONS, _power_split, otsu_threshold, pil_to_array, region_table,
                             structuring_element)

__all__ = ["final_summary", "pipeline_script", "REGIONS_FILE"]

REGIONS_FILE = "regions.csv"


def _element_code(o):
    if o["shape"] == "custom":
        se = parse_element(o["element"])
    else:
        se = structuring_element(o["shape"], o["size"], angle=o["angle"])
    if se.all():
        return f"np.ones({se.shape!r}, dtype=bool)", True
    rows = ",\n    ".join("[" + ", ".join(str(int(v)) for v in row) + "]" for row in se)
    return f"np.array([\n    {rows},\n], dtype=bool)", False


def _conn(o):
    return f"ndi.generate_binary_structure(2, {o['connectivity']})"


def _binary_loop(fn, o, var="image", target="image"):
    bv = o["border_value"] if "border_value" in o else 0
    return [f"for _ in range({o['iterations']}):",
            f"    {target} = ndi.{fn}({var}, structure=se, border_value={bv})"]


def _grey_kw(o, rect):
    return "size=se.shape" if rect else "footprint=se"


def _step_code(step, kind):
    """Lines for one step, and the kind of image it leaves."""
    o = step.options
    op = step.op
    need, gives, _ = OPERATIONS[op]
    lines = [f"# {step.summary()}"]
    if need == "binary" and kind == "labels" and op != "remove_small_objects":
        lines.append("image = image > 0  # labels merged into one mask")
    if need == "grey" and kind == "binary":
        lines.append("image = image.astype(np.float32)  # the mask as 0 and 1")
    rect = False
    if "shape" in o:
        code, rect = _element_code(o)
        lines.append(f"se = {code}")
    if op in ("gaussian_filter", "gaussian_gradient_magnitude"):
        lines.append(f"image = ndi.{op}(image, {literal(float(o['sigma']))}, mode='reflect')")
    elif op == "median_filter":
        lines.append(f"image = ndi.median_filter(image, {_grey_kw(o, rect)}, mode='reflect')")
    elif op == "uniform_filter":
        lines.append(f"image = ndi.uniform_filter(image, size={o['size']}, mode='reflect')")
    elif op in ("sobel", "prewitt"):
        lines.append(f"image = np.hypot(ndi.{op}(image, axis=0, mode='reflect'), "
                     f"ndi.{op}(image, axis=1, mode='reflect'))")
    elif op == "laplace":
        lines.append("image = ndi.laplace(image, mode='reflect')")
    elif op in ("grey_erosion", "grey_dilation"):
        lines += [f"for _ in range({o['iterations']}):",
                  f"    image = ndi.{op}(image, {_grey_kw(o, rect)}, mode='reflect')"]
    elif op in ("grey_opening", "grey_closing"):
        if o["iterations"] == 1:
            lines.append(f"image = ndi.{op}(image, {_grey_kw(o, rect)}, mode='reflect')")
        else:
            first, second = ("grey_erosion", "grey_dilation") if op == "grey_opening" else ("grey_dilation",
                                                                                            "grey_erosion")
            for fn in (first, second):
                lines += [f"for _ in range({o['iterations']}):",
                          f"    image = ndi.{fn}(image, {_grey_kw(o, rect)}, mode='reflect')"]
    elif op in ("white_tophat", "black_tophat", "morphological_gradient"):
        lines.append(f"image = ndi.{op}(image, {_grey_kw(o, rect)}, mode='reflect')")
    elif op == "threshold":
        level = "otsu_threshold(image)" if o["method"] == "otsu" else literal(float(o["level"]))
        lines.append(f"level = {level}")
        lines.append("print(f'threshold = {level!r}')")
        lines.append("image = image <= level" if o["invert"] else "image = image > level")
    elif op == "invert":
        lines.append("image = ~image" if kind == "binary" else "image = image.max() + image.min() - image")
    elif op in ("binary_erosion", "binary_dilation"):
        lines += _binary_loop(op, o)
    elif op in ("binary_opening", "binary_closing"):
        order = ("binary_erosion", "binary_dilation") if op == "binary_opening" else ("binary_dilation",
                                                                                      "binary_erosion")
        for fn in order:
            lines += _binary_loop(fn, o)
    elif op == "binary_fill_holes":
        lines.append(f"image = ndi.binary_fill_holes(image, structure={_conn(o)})")
    elif op in ("binary_propagation", "clear_border"):
        if op == "binary_propagation" and o["markers"] == "eroded":
            lines.append("seeds = image")
            lines += _binary_loop("binary_erosion", o, var="seeds", target="seeds")
        else:
            lines += ["seeds = np.zeros_like(image)",
                      "seeds[[0, -1], :] = image[[0, -1], :]",
                      "seeds[:, [0, -1]] = image[:, [0, -1]]"]
        prop = f"ndi.binary_propagation(seeds, structure={_conn(o)}, mask=image)"
        lines.append(f"image = image & ~{prop}" if op == "clear_border" else f"image = {prop}")
    elif op == "distance_transform_edt":
        lines.append("image = ndi.distance_transform_edt(image)")
    elif op == "split_touching":
        lines.append(f"image = _power_split(image, {o['min_distance']}, {_conn(o)})")
    elif op == "label":
        lines.append(f"image = ndi.label(image, structure={_conn(o)})[0]")
    elif op == "remove_small_objects":
        if kind == "binary":
            lines += [f"parts = ndi.label(image, structure={_conn(o)})[0]",
                      "counts = np.bincount(parts.ravel())",
                      f"keep = counts >= {o['min_size']}", "keep[0] = False", "image = keep[parts]"]
        else:
            lines += ["counts = np.bincount(image.ravel())", f"keep = counts >= {o['min_size']}", "keep[0] = False",
                      "renumber = np.zeros(counts.size, dtype=np.int32)",
                      "renumber[keep] = np.arange(1, int(keep.sum()) + 1)", "image = renumber[image]"]
    return lines, (kind if gives == "same" else gives)


def pipeline_script(steps, *, file_name, grey_method, colour, source_note, table_connectivity=2):
    """The script that repeats `steps` (enabled ones) on the image saved as `file_name`."""
    used = {s.op for s in steps if s.enabled}
    helpers = [inspect.getsource(pil_to_array)]
    if any(s.enabled and s.op == "threshold" and s.options["method"] == "otsu" for s in steps):
        helpers.append(inspect.getsource(otsu_threshold))
    if "split_touching" in used:
        helpers.append(inspect.getsource(_power_split))
    helpers.append(inspect.getsource(region_table))
    title = "Image pipeline: " + (" -> ".join(s.summary() for s in steps if s.enabled) or "no steps")
    out = ['"""' + title.replace('"""', "'''"), "",
           "Generated by SciPy Explorer; needs numpy, scipy, pandas and Pillow.",
           f"Image: {source_note}".replace('"""', "'''"),
           f"Save the image as {file_name} next to this script. The region table is written to {REGIONS_FILE}.",
           '"""', "", "import numpy as np", "import pandas as pd", "from PIL import Image",
           "from scipy import ndimage as ndi", "", ""]
    out += [h.rstrip() + "\n\n" for h in helpers]
    out += ["", f"pixels, notes = pil_to_array(Image.open({file_name!r}))"]
    if colour:
        weights = GREY_METHODS[grey_method]
        out += [f"weights = np.array({literal(tuple(float(w) for w in weights))})  # {grey_method} grey",
                "grey = (pixels[..., :3].astype(np.float64) @ weights).astype(np.float32)"]
    else:
        out.append("grey = pixels.astype(np.float32)")
    out += ["image = grey", ""]
    kind = "grey"
    for i, step in enumerate(s for s in steps if s.enabled):
        lines, kind = _step_code(step, kind)
        out += [f"# step {i + 1}"] + lines + [""]
    out += ["print(f'final_sum = {float(np.sum(image, dtype=np.float64))!r}')",
            "print(f'final_max = {float(np.max(image))!r}')"]
    if kind in ("binary", "labels"):
        if kind == "binary":
            out.append(f"labels = ndi.label(image, structure=ndi.generate_binary_structure(2, {table_connectivity}))[0]")
        else:
            out.append("labels = image")
        out += ["table = region_table(labels, intensity=grey)",
                f"table.to_csv({REGIONS_FILE!r}, index=False)",
                "print(f'regions = {len(table)}')",
                "print(f'total_area = {int(table[\"area\"].sum())}')",
                "print(table.head(10).to_string(index=False))"]
    return "\n".join(out) + "\n"


def final_summary(image):
    """The numbers the script prints, computed the same way, for comparison."""
    return {"final_sum": float(np.sum(image, dtype=np.float64)), "final_max": float(np.max(image))}
