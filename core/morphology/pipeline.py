"""An ordered pipeline of image operations (core.morphology.operations), its parameters and its text form.

A :class:`Step` is an operation name plus a tuple of (name, value) parameters, hashable so that each
prefix of a pipeline can be cached. :func:`run_step` checks what kind of image a step needs (grey, binary,
labels), converts where that is lossless or says what to add. :func:`pipeline_to_text` and
:func:`pipeline_from_text` give the compact text kept in the URL; the parser accepts only known
operations and parameters and clamps numbers to their bounds.
"""

import time
from dataclasses import dataclass

import numpy as np

from core.common.budget import MORPHOLOGY_VISITS, check_budget
from core.common.errors import DataError, ExplorerError, LimitError
from core.morphology.operations import OPERATIONS, SHAPES, apply_operation, otsu_threshold, structuring_element

__all__ = ["step_cost", "check_pipeline", "Step", "PARAMS", "OP_PARAMS", "OP_LABELS", "OP_GROUPS", "StepResult", "run_step", "default_params",
           "make_step", "pipeline_to_text", "pipeline_from_text", "parse_element", "element_text", "MAX_STEPS",
           "DEFAULT_PIPELINE", "insert_position"]

MAX_STEPS = 20

#: parameter -> (type, default, options or (lo, hi), label)
PARAMS = {
    "shape": ("choice", "square", SHAPES, "Element"),
    "size": ("int", 3, (1, 101), "Size (px)"),
    "angle": ("float", 0.0, (-180.0, 180.0), "Angle (°)"),
    "element": ("element", "010/111/010", None, "Custom element"),
    "iterations": ("int", 1, (1, 50), "Iterations"),
    "border_value": ("int", 0, (0, 1), "Border value"),
    "sigma": ("float", 1.0, (0.0, 100.0), "Sigma (px)"),
    "method": ("choice", "otsu", ("otsu", "manual"), "Level"),
    "level": ("float", 128.0, (-1e12, 1e12), "Manual level"),
    "invert": ("bool", False, None, "Invert (dark objects)"),
    "connectivity": ("int", 2, (1, 2), "Connectivity"),
    "min_size": ("int", 64, (0, 10_000_000), "Minimum size (px)"),
    "min_distance": ("int", 7, (1, 200), "Min. distance between centres (px)"),
    "markers": ("choice", "eroded", ("eroded", "border"), "Seeds"),
}

_SE = ("shape", "size", "angle", "element")
OP_PARAMS = {
    "gaussian_filter": ("sigma",),
    "median_filter": _SE,
    "uniform_filter": ("size",),
    "sobel": (),
    "prewitt": (),
    "laplace": (),
    "gaussian_gradient_magnitude": ("sigma",),
    "grey_erosion": _SE + ("iterations",),
    "grey_dilation": _SE + ("iterations",),
    "grey_opening": _SE + ("iterations",),
    "grey_closing": _SE + ("iterations",),
    "white_tophat": _SE,
    "black_tophat": _SE,
    "morphological_gradient": _SE,
    "threshold": ("method", "level", "invert"),
    "invert": (),
    "binary_erosion": _SE + ("iterations", "border_value"),
    "binary_dilation": _SE + ("iterations", "border_value"),
    "binary_opening": _SE + ("iterations", "border_value"),
    "binary_closing": _SE + ("iterations", "border_value"),
    "binary_fill_holes": ("connectivity",),
    "binary_propagation": ("markers",) + _SE + ("iterations", "connectivity"),
    "clear_border": ("connectivity",),
    "distance_transform_edt": (),
    "split_touching": ("min_distance", "connectivity"),
    "label": ("connectivity",),
    "remove_small_objects": ("min_size", "connectivity"),
}

OP_LABELS = {
    "gaussian_filter": "Gaussian blur", "median_filter": "Median filter", "uniform_filter": "Mean (uniform) filter",
    "sobel": "Sobel edges (magnitude)", "prewitt": "Prewitt edges (magnitude)", "laplace": "Laplacian",
    "gaussian_gradient_magnitude": "Gaussian gradient magnitude",
    "grey_erosion": "Grey erosion", "grey_dilation": "Grey dilation", "grey_opening": "Grey opening",
    "grey_closing": "Grey closing", "white_tophat": "White top-hat", "black_tophat": "Black top-hat",
    "morphological_gradient": "Morphological gradient",
    "threshold": "Threshold", "invert": "Invert",
    "binary_erosion": "Erode", "binary_dilation": "Dilate", "binary_opening": "Open", "binary_closing": "Close",
    "binary_fill_holes": "Fill holes", "binary_propagation": "Reconstruct (propagation)",
    "clear_border": "Remove objects touching the border",
    "distance_transform_edt": "Distance transform", "split_touching": "Split touching objects",
    "label": "Label connected components", "remove_small_objects": "Remove small objects",
}

OP_GROUPS = {
    "Smoothing & edges": ("gaussian_filter", "median_filter", "uniform_filter", "sobel", "prewitt", "laplace",
                          "gaussian_gradient_magnitude"),
    "Threshold": ("threshold", "invert"),
    "Binary morphology": ("binary_erosion", "binary_dilation", "binary_opening", "binary_closing",
                          "binary_fill_holes", "binary_propagation", "clear_border"),
    "Grey morphology": ("grey_erosion", "grey_dilation", "grey_opening", "grey_closing", "white_tophat",
                        "black_tophat", "morphological_gradient"),
    "Distance, splitting & labels": ("distance_transform_edt", "split_touching", "label", "remove_small_objects"),
}


@dataclass(frozen=True)
class Step:
    op: str
    params: tuple = ()
    enabled: bool = True

    @property
    def options(self):
        return dict(self.params)

    @property
    def label(self):
        return OP_LABELS[self.op]

    def summary(self):
        o = self.options
        bits = []
        if "shape" in o:
            bits.append(f"{o['shape']} {o['size']}" if o["shape"] != "custom" else "custom element")
        for k in ("iterations",):
            if o.get(k, 1) != 1:
                bits.append(f"x{o[k]}")
        for k in ("sigma", "min_size", "min_distance"):
            if k in o:
                bits.append(f"{k.replace('_', ' ')} {o[k]:g}")
        if self.op == "threshold":
            bits.append("Otsu" if o["method"] == "otsu" else f"level {o['level']:g}")
            if o["invert"]:
                bits.append("inverted")
        if "connectivity" in o:
            bits.append(f"{4 if o['connectivity'] == 1 else 8}-connected")
        return self.label + (f" ({', '.join(bits)})" if bits else "")


def default_params(op):
    if op not in OP_PARAMS:
        raise DataError(f"Unknown operation {op!r}.")
    return {name: PARAMS[name][1] for name in OP_PARAMS[op]}


def make_step(op, enabled=True, **params):
    """A Step with every parameter of `op` present, checked and clamped."""
    values = default_params(op)
    for name, value in params.items():
        if name not in values:
            raise DataError(f"{OP_LABELS.get(op, op)} has no parameter {name!r}.")
        values[name] = _check(name, value)
    return Step(op, tuple(sorted(values.items())), bool(enabled))


def _check(name, value):
    kind, default, bounds, _ = PARAMS[name]
    if kind == "choice":
        return value if value in bounds else default
    if kind == "bool":
        return bool(value)
    if kind == "element":
        parse_element(value)
        return str(value)
    try:
        number = int(float(value)) if kind == "int" else float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    if kind == "float" and not np.isfinite(number):
        return default
    lo, hi = bounds
    return min(max(number, lo), hi)


def parse_element(text):
    """A custom element from rows of 0/1 separated by '/': '010/111/010'."""
    rows = str(text).strip().split("/")
    if not rows or any(not r or set(r) - {"0", "1"} for r in rows):
        raise DataError("A custom element is rows of 0 and 1 separated by '/', such as 010/111/010.")
    if len({len(r) for r in rows}) != 1:
        raise DataError("Every row of the custom element must have the same length.")
    if len(rows) > 25 or len(rows[0]) > 25:
        raise LimitError("A drawn element is at most 25 x 25 pixels.")
    element = np.array([[c == "1" for c in r] for r in rows], dtype=bool)
    if not element.any():
        raise DataError("The custom element has no pixel set: draw at least one.")
    return element


def element_text(element):
    return "/".join("".join("1" if v else "0" for v in row) for row in np.asarray(element, dtype=bool))


@dataclass(frozen=True)
class StepResult:
    image: np.ndarray
    kind: str
    notes: tuple = ()
    seconds: float = 0.0
    level: float = None  # the threshold used, for a threshold step


def _convert(image, kind, need, step):
    """The input a step needs from what the previous step gave, or a message saying what to add."""
    notes = []
    if need == "binary" and kind == "grey":
        raise DataError(f"{step.label} works on a binary image: add a Threshold step before it.")
    if need == "binary" and kind == "labels" and step.op != "remove_small_objects":
        notes.append(f"{step.label}: the labelled objects were merged into one mask first.")
        image = image > 0
    if (need == "grey" or step.op == "invert") and kind == "labels":
        raise DataError(f"{step.label} does not work on labelled objects; move it before the labelling step.")
    if need == "grey" and kind == "binary":
        image = image.astype(np.float32)
        notes.append(f"{step.label}: the binary image was read as 0 and 1.")
    return image, notes


def _fits(kind, need, op, lenient=False):
    """Whether a step that needs `need` runs on `kind` as it is, or (`lenient`) after run_step merges labelled
    objects into one mask (with a note)."""
    if kind == "labels" and (op == "invert" or need == "grey"):
        return False
    if need == "any" or kind == need or (op == "remove_small_objects" and kind == "labels"):
        return True
    return lenient and need == "binary" and kind == "labels"


def _kinds(steps):
    """The kind of image entering each step, and the kind the whole pipeline gives (last entry)."""
    kinds = ["grey"]
    for step in steps:
        _, gives, _ = OPERATIONS[step.op]
        kinds.append(kinds[-1] if not step.enabled or gives == "same" else gives)
    return kinds


def insert_position(steps, op):
    """Where a new `op` step goes: ``(index, note)``, or ``(None, why)`` when no place works; the latest place where it gets the kind of image it needs
    and the step after it still gets what it needs, so adding a blur to a pipeline that ends in labels puts the
    blur before the threshold instead of breaking the pipeline. Places that need a conversion (labels merged
    into a mask) come second."""
    need, gives, _ = OPERATIONS[op]
    kinds = _kinds(steps)
    for lenient in (False, True):
        for index in range(len(steps), -1, -1):
            if not _fits(kinds[index], need, op, lenient):
                continue
            out = kinds[index] if gives == "same" else gives
            following = next((s for s in steps[index:] if s.enabled), None)
            if following is None or _fits(out, OPERATIONS[following.op][0], following.op, lenient):
                where = "at the end" if index == len(steps) else f"as step {index + 1}"
                merged = " (merged into one mask)" if kinds[index] != need and need == "binary" else ""
                return index, (f"{OP_LABELS[op]} was added {where}, where its input is "
                               f"{_KIND_TEXT[kinds[index]]}{merged}.")
    if need == "binary" and "binary" not in kinds:
        return None, f"{OP_LABELS[op]} works on a binary mask: add a Threshold step first."
    return None, (f"{OP_LABELS[op]} fits nowhere in this pipeline: no place gives it {_KIND_TEXT[need]} "
                  "without breaking the step after it. Remove or switch off steps to make room.")


_KIND_TEXT = {"grey": "a grey image", "binary": "a binary mask", "labels": "labelled objects", "any": "any image"}


# Relative cost per neighbourhood visit (measured: grey min/max 1.4e9 visits/s, rank filters 17x slower, binary
# morphology about 10x faster) and passes over the image (an opening is an erosion and a dilation).
_VISIT_WEIGHT = {"median_filter": 17.0}
_PASSES = {"grey_opening": 2, "grey_closing": 2, "white_tophat": 2, "black_tophat": 2, "morphological_gradient": 2,
           "binary_opening": 2, "binary_closing": 2}
_PER_PIXEL = 20.0  # filters without an element, thresholds, labelling, distance transforms


def step_cost(step, shape):
    """The estimated work of `step` on an image of `shape`, in grey neighbourhood visits (see core.common.budget)."""
    if not step.enabled:
        return 0.0
    pixels = float(shape[0]) * float(shape[1])
    o = step.options
    if "shape" in o:
        if o["shape"] == "custom":
            area = float(parse_element(o["element"]).sum())
        elif o["shape"] == "square" and step.op != "median_filter":
            area = 2.0 * o["size"]  # run as two 1-D passes (or ndimage's own separable path)
        else:
            area = float(structuring_element(o["shape"], o["size"], angle=o.get("angle", 0)).sum())
        weight = _VISIT_WEIGHT.get(step.op, 0.1 if step.op.startswith("binary_") else 1.0)
        return pixels * area * weight * _PASSES.get(step.op, 1) * o.get("iterations", 1)
    if "sigma" in o:
        return pixels * (8.0 * float(o["sigma"]) + 1.0) * 2.0  # two separable passes, truncated at 4 sigma
    if "size" in o:
        return pixels * 2.0 * o["size"]
    return pixels * _PER_PIXEL


def check_pipeline(steps, shape):
    """Refuse a pipeline whose estimated work on an image of `shape` is over the budget, naming its heaviest step."""
    costs = [step_cost(s, shape) for s in steps]
    if costs:
        worst = steps[max(range(len(costs)), key=costs.__getitem__)]
        check_budget(sum(costs), MORPHOLOGY_VISITS, what=f"This pipeline on {shape[1]:,} x {shape[0]:,} pixels",
                     reduce=f"its heaviest step is {worst.label}: use a smaller element, fewer iterations or a "
                            "square element (fast), or scale the image down")


def run_step(image, kind, step):
    """Apply `step` to `image` of `kind`; a disabled step passes the image through."""
    if not step.enabled:
        return StepResult(image, kind)
    check_pipeline([step], image.shape[:2])
    need, gives, _ = OPERATIONS[step.op]
    image, notes = _convert(image, kind, need, step)
    o = step.options
    kwargs = {}
    if "shape" in o:
        kwargs.update(shape=o["shape"], size=o["size"], angle=o["angle"])
        if o["shape"] == "custom":
            kwargs["element"] = parse_element(o["element"])
        se_shape = (kwargs["element"].shape if o["shape"] == "custom" else (o["size"], o["size"]))
        if se_shape[0] > image.shape[0] or se_shape[1] > image.shape[1]:
            notes.append(f"{step.label}: the structuring element ({se_shape[0]} x {se_shape[1]}) is larger than "
                         f"the image ({image.shape[0]} x {image.shape[1]}); the result is mostly border.")
    elif "size" in o:
        kwargs["size"] = o["size"]
    for name in ("iterations", "border_value", "sigma", "connectivity", "min_size", "min_distance", "markers"):
        if name in o:
            kwargs[name] = o[name]
    level = None
    if step.op == "threshold":
        level = otsu_threshold(image) if o["method"] == "otsu" else float(o["level"])
        kwargs.update(level=level, invert=o["invert"])
        lo, hi = float(image.min()), float(image.max())
        if lo == hi:
            notes.append("Threshold: the image has a single grey level, so the mask is all "
                         f"{'on' if (lo > level) != o['invert'] else 'off'}.")
    start = time.perf_counter()
    out = apply_operation(image, step.op, **kwargs)
    seconds = time.perf_counter() - start
    out_kind = kind if gives == "same" else gives
    if out_kind == "grey" and out.dtype.kind == "f" and not np.isfinite(out).all():
        raise DataError(f"{step.label} produced non-finite values.")
    if out_kind == "binary" and step.op != "threshold" and not out.any():
        notes.append(f"{step.label}: nothing is left of the mask; try a smaller element or fewer iterations.")
    return StepResult(out, out_kind, tuple(notes), seconds, level)


# -- text form (URL) --------------------------------------------------------------------------------------

def _value_text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def pipeline_to_text(steps):
    """Steps as text: ``op:k=v,k=v`` joined by ``;`` (a disabled step starts with ``-``)."""
    parts = []
    for step in steps:
        defaults = default_params(step.op)
        changed = [f"{k}={_value_text(v)}" for k, v in step.params if defaults.get(k) != v]
        parts.append(("" if step.enabled else "-") + step.op + (":" + ",".join(changed) if changed else ""))
    return ";".join(parts)


def pipeline_from_text(text):
    """Parse :func:`pipeline_to_text` output. Unknown operations and parameters are skipped, numbers clamped;
    returns ``(steps, skipped)`` where `skipped` lists what was ignored."""
    steps, skipped = [], []
    for part in (text or "").split(";")[:MAX_STEPS]:
        part = part.strip()
        if not part:
            continue
        enabled = not part.startswith("-")
        op, _, rest = part.lstrip("-").partition(":")
        if op not in OP_PARAMS:
            skipped.append(op[:40])
            continue
        params = {}
        for item in rest.split(",") if rest else ():
            name, sep, raw = item.partition("=")
            if not sep or name not in OP_PARAMS[op]:
                skipped.append(f"{op}.{name[:40]}")
                continue
            kind = PARAMS[name][0]
            params[name] = (raw in ("1", "true")) if kind == "bool" else raw
        try:
            steps.append(make_step(op, enabled, **params))
        except ExplorerError:  # any user error (a bad value, a limit): skip the step and say so
            skipped.append(op)
    return steps, skipped


DEFAULT_PIPELINE = "gaussian_filter;threshold;binary_opening:shape=disk,size=5;binary_fill_holes;split_touching:min_distance=15"
