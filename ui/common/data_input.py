"""The data-input widget every tabular page uses: sample, upload, paste or synthetic data; column pickers."""

from dataclasses import dataclass, field

import streamlit as st

from core.common import (DELIMITERS, MAX_PASTE_CHARS, MAX_UPLOAD_MB, SYNTHETIC_POINTS, DataError, ParsedTable,
                         numeric_columns, pasted_bytes, sha256)
from ui.common.axes import axis_labels_editor
from ui.common.cache import content_key, parse_cached, select_cached, synthetic_cached
from ui.common.errors import guard
from ui.common.shelf import YOUR_DATA, shelf_picker, shelve
from ui.common.url import bound, forget
from ui.common.text import esc

__all__ = ["Dataset", "data_input", "require_data", "describe", "pick_columns", "pick_sample", "upload"]

SOURCES = ["Sample", YOUR_DATA, "Upload", "Paste", "Synthetic"]
UPLOAD_TYPES = ["csv", "tsv", "txt", "dat", "tab"]
_AUTO = "auto"


@dataclass(frozen=True)
class Dataset:
    """A table the user chose, with what a page needs to key caches and describe the source."""

    table: ParsedTable
    label: str
    digest: str
    kind: str
    defaults: dict = field(default_factory=dict)

    @property
    def frame(self):
        return self.table.frame


def _format_overrides(prefix):
    with st.expander("Reading options", icon=":material/tune:"):
        st.caption("Detected automatically; override when the preview looks wrong.")
        c1, c2, c3 = st.columns(3)
        delimiter = bound(c1.selectbox, "Delimiter", [_AUTO, *DELIMITERS], key=f"{prefix}_delim",
                          format_func=lambda d: DELIMITERS.get(d, d))
        decimal = bound(c2.selectbox, "Decimal separator", [_AUTO, ".", ","], key=f"{prefix}_decimal")
        header = bound(c3.selectbox, "Header row", [_AUTO, "yes", "no"], key=f"{prefix}_header")
    overrides = {}
    if delimiter != _AUTO:
        overrides["delimiter"] = delimiter
    if decimal != _AUTO:
        overrides["decimal"] = decimal
    if header != _AUTO:
        overrides["header"] = header == "yes"
    return tuple(sorted(overrides.items()))


def _from_bytes(prefix, data, label, kind, defaults=None, require_numeric=True):
    overrides = _format_overrides(prefix) if kind != "sample" else ()
    if not require_numeric:
        overrides += (("require_numeric", False),)
    digest = sha256(data)
    table = parse_cached(digest, overrides, data)
    return Dataset(table=table, label=label, digest=content_key(digest, overrides=overrides), kind=kind,
                   defaults=defaults or {})


_INPUT_KEYS = ("source", "sample", "shelf", "upload", "paste", "syn_model", "syn_n", "syn_noise", "syn_seed", "delim",
               "decimal", "header", "tab")


def data_input(prefix, samples, *, synthetic=None, require_numeric=True, keep=(), only=None):
    """Let the user choose data; return a :class:`Dataset`, or None while there is none.

    `samples` is the page's :class:`~core.common.samples.Catalogue`; `synthetic` (a
    :class:`~core.common.synthetic.Generator`) adds a synthetic source.

    When the data changes (another sample, file or generator setting), the page's other settings are reset,
    so columns, model and start values come from the new data's defaults; a toast says so. The settings named
    in `keep` (key suffixes: a method choice such as the bandwidth rule, not a column or a start value) stay; a
    page where most settings do not depend on the data names those that do in `only` instead. The tab stays.
    Raises DataError (shown by the page's guard) for a file that cannot be read.
    """
    dataset = _choose(prefix, samples, synthetic, require_numeric)
    seen = f"_{prefix}_data_seen"
    identity = None if dataset is None else dataset.label if dataset.kind == "sample" else dataset.digest
    if identity is not None:
        previous = st.session_state.get(seen)
        if previous is not None and previous != identity:
            kept = {f"{prefix}_{k}" for k in (*_INPUT_KEYS, *keep)}
            chosen = None if only is None else {f"{prefix}_{k}" for k in only}
            reset = [k for k in st.session_state.keys() if isinstance(k, str) and k.startswith(f"{prefix}_")
                     and k not in kept and (chosen is None or k in chosen)]
            forget(f"{prefix}_", keep=kept, only=chosen)
            if reset:
                st.toast("New data: columns and data-dependent settings start again from its defaults"
                         + (" (method settings are kept)." if keep else "."), icon=":material/restart_alt:")
        st.session_state[seen] = identity
    return dataset


def _origin(prefix):
    from ui.pages import by_prefix

    info = by_prefix(prefix)
    return info.title.lower() if info else prefix


def _choose(prefix, samples, synthetic, require_numeric):
    sources = SOURCES if synthetic else SOURCES[:4]
    source = bound(st.segmented_control, "Data", sources, default="Sample", key=f"{prefix}_source",
                   label_visibility="collapsed")
    source = source or "Sample"

    if source == "Sample":
        sample, data = pick_sample(prefix, samples, "Sample dataset")
        return _from_bytes(prefix, data, sample.title, "sample", sample.defaults, require_numeric)

    if source == YOUR_DATA:
        item = shelf_picker(prefix)
        if item is None:
            return None
        return Dataset(table=item.table, label=item.label, digest=item.digest, kind="shelf", defaults=item.defaults)

    if source == "Upload":
        uploaded = upload(f"CSV, TSV or text table, up to {MAX_UPLOAD_MB} MB", UPLOAD_TYPES, key=f"{prefix}_upload",
                          max_mb=MAX_UPLOAD_MB,
                          help="Delimiter, decimal comma, thousands separator, encoding and header are detected. "
                               "The file is checked by its content, not its name.")
        st.caption("Uploads stay in this session: a shared link reopens the settings, not the file.")
        if uploaded is None:
            if st.query_params.get(f"{prefix}_source") == "Upload" and not st.session_state.get(f"_{prefix}_had_file"):
                st.warning("This link was made with an uploaded file. A link carries the settings, never the data: "
                           "upload the same file to see the same result.", icon=":material/link_off:")
            st.info("Upload a table to start, or pick a sample dataset.")
            return None
        st.session_state[f"_{prefix}_had_file"] = True
        data = uploaded.getvalue()
        if len(data) > MAX_UPLOAD_MB * 2**20:
            raise DataError(f"The file is {len(data) / 2**20:.0f} MB; at most {MAX_UPLOAD_MB} MB can be read.")
        dataset = _from_bytes(prefix, data, uploaded.name, "upload", require_numeric=require_numeric)
        shelve(dataset.digest, uploaded.name, dataset.table, dataset.digest, origin=_origin(prefix))
        return dataset

    if source == "Paste":
        text = bound(st.text_area, "Paste a table (from a spreadsheet or a CSV)", key=f"{prefix}_paste", height=150,
                     placeholder="x,y\n0,1.0\n1,2.7\n2,7.4\n3,20.1", max_chars=MAX_PASTE_CHARS)
        if not text.strip():
            st.info("Paste a table with a header row, one row per line.")
            return None
        dataset = _from_bytes(prefix, pasted_bytes(text), "pasted table", "paste", require_numeric=require_numeric)
        shelve(f"paste:{prefix}", f"table pasted on {_origin(prefix)}", dataset.table, dataset.digest,
               origin=_origin(prefix))
        return dataset

    gen = synthetic
    c1, c2, c3, c4 = st.columns(4)
    model = bound(c1.selectbox, gen.model_label, list(gen.models), key=f"{prefix}_syn_model",
                  format_func=lambda k: k.replace("_", " "))
    n = bound(c2.number_input, "Points", min_value=int(SYNTHETIC_POINTS.lo), max_value=gen.max_n, value=gen.default_n,
              step=100, key=f"{prefix}_syn_n")
    noise = 0.0
    if gen.has_noise:
        noise = bound(c3.number_input, "Relative noise", min_value=0.0, max_value=1.0, value=0.05, step=0.01,
                      format="%.3f", key=f"{prefix}_syn_noise")
    rng_seed = bound(c4.number_input, "Seed", min_value=0, max_value=2**31 - 1, value=0, step=1,
                     key=f"{prefix}_syn_seed")
    st.caption(gen.caption(model))
    options = dict(model=model, n=int(n), noise=float(noise), rng=int(rng_seed))
    table = synthetic_cached(gen.name, tuple(options.items()), gen)
    digest = content_key(gen.name, **options)
    shelve(f"synthetic:{prefix}", f"synthetic {model}", table, digest, origin=_origin(prefix),
           defaults=gen.defaults(model))
    return Dataset(table=table, label=f"synthetic {model}", digest=digest, kind="synthetic",
                   defaults=gen.defaults(model))


def upload(label, types, *, key, max_mb, help=None):
    """``st.file_uploader`` for files of `types` (extensions), whose refusals are the page's own clear messages.

    Streamlit's own ``type=`` check runs while the session's state is read, before the page runs, so a file of
    another type from a scripted client (a browser refuses it first) or a name with a NUL byte would break every
    rerun with a generic error box. The uploader is therefore made without ``type=`` and the name checked here;
    the content is checked by the reader anyway (magic bytes, text), never trusted from the name.
    """
    file = st.file_uploader(label, key=key, max_upload_size=max_mb, help=help)
    if file is not None:
        name = file.name or ""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if "\0" in name or suffix not in types:
            raise DataError(f"That file is not one of the types read here ({', '.join(types)}).")
    return file


def pick_sample(prefix, samples, label):
    """The sample picker every input widget shows (key ``<prefix>_sample``): returns the Sample and its bytes."""
    key = bound(st.selectbox, label, list(samples), key=f"{prefix}_sample", format_func=lambda k: samples[k].title)
    sample = samples[key]
    st.caption(f"{sample.description} Source: {sample.source}.")
    return sample, samples.load(key)


def require_data(prefix, samples, **kwargs):
    """The page's data section: :func:`data_input` and :func:`describe` under a guard.

    Returns the Dataset; while there is none (or it cannot be read, which is shown) the page stops here.
    """
    dataset = None
    with guard("reading the data"):
        dataset = data_input(prefix, samples, **kwargs)
        if dataset is not None:
            describe(dataset, prefix)
    if dataset is None:
        st.stop()
    return dataset


def describe(dataset, prefix=None):
    """Caption and preview of what was read; with the page's `prefix`, the editor of axis labels and units."""
    frame = dataset.frame
    fmt = dataset.table.format
    how = "" if dataset.kind in ("synthetic", "shelf") else f" ({fmt.describe()})"
    st.caption(f"{esc(dataset.label)}: {len(frame):,} rows × {frame.shape[1]} columns{esc(how)}.")
    for note in dataset.table.notes:
        st.caption(esc(note))
    with st.expander("Preview", icon=":material/table:"):
        st.dataframe(frame.head(200), width="stretch", height=240)
    if prefix is not None:
        axis_labels_editor(prefix, frame.columns)


def pick_columns(prefix, dataset, *, x_label="x", multi_x=False, weights=True):
    """Column pickers for x (one, or several predictors), y and an optional sigma (weights) column.

    Returns ``(x_columns, y_column, sigma_column or None, selection)`` where `selection` holds the clean
    float columns in that order, rows with missing/non-numeric/infinite values dropped and reported.
    """
    frame = dataset.frame
    numeric = numeric_columns(frame)
    if len(numeric) < 2:
        raise DataError(f"At least two numeric columns are needed; found {len(numeric)} "
                        f"({', '.join(map(str, numeric)) or 'none'}). Check the reading options.")
    d = dataset.defaults
    default_x = d.get("x", numeric[0])
    default_x = default_x if isinstance(default_x, list) else [default_x]
    default_x = [c for c in default_x if c in numeric] or [numeric[0]]
    default_y = d.get("y") if d.get("y") in numeric else next((c for c in numeric if c not in default_x), numeric[-1])
    c1, c2, c3 = st.columns(3)
    if multi_x:
        x_cols = bound(c1.multiselect, f"{x_label} column(s)", numeric, default=default_x, key=f"{prefix}_x",
                       max_selections=9, help="Several predictors are called x1, x2, ... in a formula.")
        if not x_cols:
            raise DataError("Choose at least one x column.")
    else:
        x_cols = [bound(c1.selectbox, f"{x_label} column", numeric, index=numeric.index(default_x[0]),
                        key=f"{prefix}_x")]
    y_col = bound(c2.selectbox, "y column", numeric, index=numeric.index(default_y), key=f"{prefix}_y")
    sigma_col = None
    if weights:
        none = "(none)"
        sigma_opts = [none] + numeric
        default_sigma = d.get("sigma", none)
        chosen = bound(c3.selectbox, "sigma column (uncertainty of y)", sigma_opts, key=f"{prefix}_sigma",
                       index=sigma_opts.index(default_sigma) if default_sigma in sigma_opts else 0,
                       help="Each residual is divided by its sigma: points with a small sigma count more.")
        sigma_col = None if chosen == none else chosen
    if y_col in x_cols:
        raise DataError(f"The y column {y_col!r} is also an x column; choose different columns.")
    columns = tuple(x_cols) + (y_col,) + ((sigma_col,) if sigma_col else ())
    selection = select_cached(dataset.digest, columns, frame)
    report = selection.report()
    if report:
        st.warning(esc(report), icon=":material/filter_alt:")
    return x_cols, y_col, sigma_col, selection
