"""core.morphology.operations against scipy.ndimage: the contract, the separable fast path, reading and bad input."""

import io
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from scipy import ndimage as ndi

from core.common import DataError, LimitError
from core.morphology import (apply_operation, label_regions, load_image, otsu_threshold, read_image,
                             region_table, remove_small_objects, split_touching, structuring_element, to_grey)

BINARY = ["binary_erosion", "binary_dilation", "binary_opening", "binary_closing"]
GREY = ["grey_erosion", "grey_dilation", "grey_opening", "grey_closing", "white_tophat", "black_tophat",
        "morphological_gradient"]


def _png(array, mode=None, **save):
    buf = io.BytesIO()
    Image.fromarray(array, mode=mode).save(buf, format=save.pop("format", "PNG"), **save)
    return buf.getvalue()


@pytest.fixture
def mask():
    rng = np.random.default_rng(0)
    return ndi.binary_opening(rng.random((60, 70)) > 0.45)


# -- structuring elements ----------------------------------------------------------------------------

def test_disk_matches_skimage_disk():
    # skimage.morphology.disk(2) and disk(3), written out.
    disk2 = np.array([[0, 0, 1, 0, 0], [0, 1, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 1, 1, 0], [0, 0, 1, 0, 0]], bool)
    assert np.array_equal(structuring_element("disk", 5), disk2)
    disk3 = np.array([[0, 0, 0, 1, 0, 0, 0]] + [[0, 1, 1, 1, 1, 1, 0]] * 2 + [[1] * 7] + [[0, 1, 1, 1, 1, 1, 0]] * 2
                     + [[0, 0, 0, 1, 0, 0, 0]], bool)
    assert np.array_equal(structuring_element("disk", 7), disk3)


def test_square_cross_and_line():
    assert np.array_equal(structuring_element("square", 4), np.ones((4, 4), bool))
    assert np.array_equal(structuring_element("cross", 3), ndi.generate_binary_structure(2, 1))
    assert np.array_equal(structuring_element("line", 5, angle=0), np.eye(5, dtype=bool)[2:3].repeat(5, 0) & False
                          | (np.arange(5)[:, None] == 2))
    assert np.array_equal(structuring_element("line", 5, angle=90), (np.arange(5)[None, :] == 2).repeat(5, 0))
    assert np.array_equal(structuring_element("line", 5, angle=45), np.fliplr(np.eye(5, dtype=bool)))


@pytest.mark.parametrize("bad", [dict(shape="hexagon"), dict(size=0), dict(size=1000),
                                 dict(shape="custom"), dict(shape="custom", element=np.zeros((3, 3)))])
def test_bad_elements(bad):
    with pytest.raises((DataError, LimitError)):
        structuring_element(**{"shape": "square", "size": 3, **bad})


# -- the contract: equal to the scipy.ndimage call with the same element ---------------------------------

@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shape", ["square", "disk", "cross", "line"])
@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 16])
@pytest.mark.parametrize("border_value", [0, 1])
def test_binary_equals_ndimage(mask, op, shape, size, border_value):
    se = structuring_element(shape, size, angle=30)
    ours = apply_operation(mask, op, shape=shape, size=size, angle=30, border_value=border_value)
    assert ours.dtype == bool
    assert np.array_equal(ours, getattr(ndi, op)(mask, structure=se, border_value=border_value))


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("iterations", [2, 3])
def test_binary_iterations_equal_ndimage(mask, op, iterations):
    for shape, size in [("square", 3), ("square", 4), ("disk", 5), ("cross", 3)]:
        se = structuring_element(shape, size)
        ours = apply_operation(mask, op, shape=shape, size=size, iterations=iterations)
        assert np.array_equal(ours, getattr(ndi, op)(mask, structure=se, iterations=iterations)), (shape, size)


@settings(max_examples=60, deadline=None)
@given(h=st.integers(1, 25), w=st.integers(1, 25), size=st.integers(1, 12), bv=st.integers(0, 1),
       seed=st.integers(0, 2**16), op=st.sampled_from(BINARY), rect=st.tuples(st.integers(1, 9), st.integers(1, 9)))
def test_separable_path_property(h, w, size, bv, seed, op, rect):
    """Squares and rectangles (custom all-ones) through the 1-D path equal ndimage, border included."""
    image = np.random.default_rng(seed).random((h, w)) > 0.4
    for se in (np.ones((size, size), bool), np.ones(rect, bool)):
        ours = apply_operation(image, op, shape="custom", element=se, border_value=bv)
        assert np.array_equal(ours, getattr(ndi, op)(image, structure=se, border_value=bv))


def test_element_larger_than_image_with_iterations_does_not_crash():
    # scipy.ndimage.binary_erosion(iterations >= 2) with an element larger than the image corrupts memory
    # (SciPy 1.17); we apply one iteration at a time and get ndimage's one-at-a-time answer.
    image = np.random.default_rng(1).random((4, 21)) > 0.3
    se = structuring_element("disk", 7)
    expected = image
    for _ in range(3):
        expected = ndi.binary_erosion(expected, structure=se)
    assert np.array_equal(apply_operation(image, "binary_erosion", shape="disk", size=7, iterations=3), expected)
    out = apply_operation(np.ones((2, 2), bool), "binary_dilation", shape="square", size=31, iterations=5)
    assert out.shape == (2, 2)


@pytest.mark.parametrize("op", GREY)
@pytest.mark.parametrize("shape,size", [("square", 3), ("square", 6), ("disk", 7), ("cross", 5), ("line", 5)])
def test_grey_equals_ndimage(op, shape, size):
    image = np.random.default_rng(2).random((40, 50)).astype(np.float32) * 255
    se = structuring_element(shape, size, angle=60)
    assert np.array_equal(apply_operation(image, op, shape=shape, size=size, angle=60),
                          getattr(ndi, op)(image, footprint=se))


def test_grey_iterations_repeat():
    image = np.random.default_rng(3).random((30, 30))
    once = ndi.grey_erosion(ndi.grey_erosion(image, footprint=np.ones((3, 3))), footprint=np.ones((3, 3)))
    assert np.array_equal(apply_operation(image, "grey_erosion", iterations=2), once)
    with pytest.raises(DataError, match="Iterations"):
        apply_operation(image, "white_tophat", iterations=2)


def test_filters_equal_ndimage():
    image = np.random.default_rng(4).random((40, 50))
    assert np.array_equal(apply_operation(image, "gaussian_filter", sigma=2.5), ndi.gaussian_filter(image, 2.5))
    assert np.array_equal(apply_operation(image, "median_filter", shape="disk", size=5),
                          ndi.median_filter(image, footprint=structuring_element("disk", 5)))
    assert np.array_equal(apply_operation(image, "median_filter", size=4), ndi.median_filter(image, size=4))
    assert np.array_equal(apply_operation(image, "uniform_filter", size=5), ndi.uniform_filter(image, size=5))
    assert np.array_equal(apply_operation(image, "sobel"), np.hypot(ndi.sobel(image, 0), ndi.sobel(image, 1)))
    assert np.array_equal(apply_operation(image, "sobel", axis=1), ndi.sobel(image, 1))
    assert np.array_equal(apply_operation(image, "prewitt"), np.hypot(ndi.prewitt(image, 0), ndi.prewitt(image, 1)))
    assert np.array_equal(apply_operation(image, "laplace"), ndi.laplace(image))
    assert np.array_equal(apply_operation(image, "gaussian_gradient_magnitude", sigma=1.5),
                          ndi.gaussian_gradient_magnitude(image, 1.5))
    m = image > 0.5
    assert np.array_equal(apply_operation(m, "distance_transform_edt"), ndi.distance_transform_edt(m))
    assert np.array_equal(apply_operation(m, "binary_fill_holes", connectivity=1),
                          ndi.binary_fill_holes(m, structure=ndi.generate_binary_structure(2, 1)))


def test_filters_of_integer_images_do_not_overflow():
    image = np.zeros((20, 20), np.uint8)
    image[:, 10:] = 255
    edges = apply_operation(image, "sobel")
    assert edges.dtype == np.float64 and edges.max() == pytest.approx(np.hypot(0, 4 * 255))


def test_unknown_operation_and_option():
    with pytest.raises(DataError):
        apply_operation(np.zeros((5, 5)), "eval")
    with pytest.raises(DataError):
        apply_operation(np.zeros((5, 5)), "gaussian_filter", sigma=1, bogus=2)
    with pytest.raises(DataError):
        apply_operation(np.zeros((2, 5, 5)), "gaussian_filter")


# -- threshold, labels, table --------------------------------------------------------------------------------

def _brute_otsu(image):
    values = np.unique(image)
    best, best_t = -1, values[0]
    for t in values[:-1]:
        fg, bg = image[image > t], image[image <= t]
        between = bg.size * fg.size * (bg.mean() - fg.mean()) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


@pytest.mark.parametrize("seed", range(5))
def test_otsu_equals_brute_force_on_integer_images(seed):
    rng = np.random.default_rng(seed)
    image = np.concatenate([rng.normal(60, 12, 500), rng.normal(170, 20, 300)]).clip(0, 255).round()
    image = image.reshape(20, 40).astype(np.uint8)
    assert otsu_threshold(image) == _brute_otsu(image)
    assert otsu_threshold(image.astype(np.float32)) == _brute_otsu(image)


def test_otsu_of_float_images_and_constant_images():
    rng = np.random.default_rng(9)
    image = np.concatenate([rng.normal(0.2, 0.05, 2000), rng.normal(0.7, 0.05, 2000)])
    assert 0.35 < otsu_threshold(image) < 0.55
    assert otsu_threshold(np.full((5, 5), 7.0)) == 7.0


@pytest.mark.parametrize("connectivity", [1, 2])
def test_label_regions_matches_ndimage(mask, connectivity):
    intensity = np.random.default_rng(5).random(mask.shape)
    labels, table = label_regions(mask, connectivity=connectivity, intensity=intensity)
    expected, n = ndi.label(mask, structure=ndi.generate_binary_structure(2, connectivity))
    assert np.array_equal(labels, expected) and len(table) == n
    index = np.arange(1, n + 1)
    assert np.array_equal(table["label"], index)
    assert np.array_equal(table["area"], ndi.sum_labels(np.ones(mask.shape), labels, index))
    centres = np.array(ndi.center_of_mass(mask, labels, index))
    np.testing.assert_allclose(table[["centroid_row", "centroid_col"]], centres, rtol=1e-12)
    np.testing.assert_allclose(table["mean_intensity"], ndi.mean(intensity, labels, index), rtol=1e-12)
    boxes = [(s[0].start, s[1].start, s[0].stop, s[1].stop) for s in ndi.find_objects(labels)]
    assert table[["bbox_min_row", "bbox_min_col", "bbox_max_row", "bbox_max_col"]].to_numpy().tolist() == \
        [list(b) for b in boxes]
    np.testing.assert_allclose(table["equivalent_diameter"], np.sqrt(4 * table["area"] / np.pi))


def test_region_table_of_empty_mask_has_the_columns():
    labels, table = label_regions(np.zeros((10, 10), bool))
    assert len(table) == 0 and {"label", "area", "centroid_row", "centroid_col"} <= set(table.columns)


def test_region_table_in_row_chunks_matches_one_chunk():
    labels = ndi.label(np.random.default_rng(6).random((1500, 800)) > 0.6)[0]
    table = region_table(labels)
    index = np.arange(1, labels.max() + 1)
    np.testing.assert_allclose(table["centroid_row"], np.array(ndi.center_of_mass(labels > 0, labels, index))[:, 0])


def test_remove_small_objects():
    m = np.zeros((20, 20), bool)
    m[1:3, 1:3] = True      # 4 px
    m[10:16, 10:16] = True  # 36 px
    kept = remove_small_objects(m, 5)
    assert kept.sum() == 36 and kept.dtype == bool
    labels = ndi.label(m)[0]
    relabelled = remove_small_objects(labels, 5)
    assert set(np.unique(relabelled)) == {0, 1}


def test_split_touching_cuts_two_overlapping_disks_at_their_chord():
    y, x = np.indices((80, 80))
    a = (y - 28) ** 2 + (x - 28) ** 2 < 16 ** 2
    b = (y - 44) ** 2 + (x - 52) ** 2 < 20 ** 2
    labels = split_touching(a | b, min_distance=10)
    assert labels.max() == 2
    # The radical line of the two circles separates them. Markers and radii come from the pixel grid's
    # distance map, so allow a few pixels along the cut (of ~2,000; watershed_ift on the distance gets ~1,200
    # wrong here).
    power = ((y - 28) ** 2 + (x - 28) ** 2 - 16 ** 2) - ((y - 44) ** 2 + (x - 52) ** 2 - 20 ** 2)
    side_a = labels[28, 28]
    wrong = (a | b) & ((labels == side_a) != (power < 0))
    assert wrong.sum() <= 12
    assert split_touching(np.zeros((5, 5), bool)).max() == 0


def test_split_touching_keeps_every_object():
    m = np.zeros((50, 50), bool)
    m[5:8, 5:40] = True       # a thin bar: no maximum >= min_distance / 2
    m[20:45, 20:45] = True
    labels = split_touching(m, min_distance=10)
    assert np.array_equal(labels > 0, m)


# -- reading images ----------------------------------------------------------------------------------------

def test_reads_common_formats_and_modes():
    rng = np.random.default_rng(7)
    grey = rng.integers(0, 256, (12, 17), dtype=np.uint8)
    rgb = rng.integers(0, 256, (12, 17, 3), dtype=np.uint8)
    assert np.array_equal(read_image(_png(grey)), grey)
    assert np.array_equal(read_image(_png(rgb, format="BMP")), rgb)
    assert read_image(_png(rgb, format="JPEG", quality=95)).shape == (12, 17, 3)
    wide = rng.integers(0, 65536, (12, 17), dtype=np.uint16)
    tiff = read_image(_png(wide, format="TIFF"))
    assert tiff.dtype == np.uint16 and np.array_equal(tiff, wide)
    assert np.array_equal(read_image(_png(wide)), wide)  # 16-bit PNG


def test_rgba_palette_la_and_1bit():
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[..., 0] = 200
    rgba[..., 3] = 0                     # fully transparent: composited over white
    rgba[0, 0] = (10, 20, 30, 255)       # opaque
    loaded = load_image(_png(rgba))
    assert loaded.pixels.shape == (4, 4, 3)
    assert tuple(loaded.pixels[0, 0]) == (10, 20, 30) and tuple(loaded.pixels[1, 1]) == (255, 255, 255)
    assert any("alpha" in n for n in loaded.notes)
    pal = Image.fromarray(np.arange(16, dtype=np.uint8).reshape(4, 4) * 16).convert("P")
    buf = io.BytesIO()
    pal.save(buf, format="PNG")
    assert read_image(buf.getvalue()).shape == (4, 4, 3)
    la = Image.fromarray(np.full((3, 3, 2), 255, np.uint8)[..., 0]).convert("LA")
    buf = io.BytesIO()
    la.save(buf, format="PNG")
    assert read_image(buf.getvalue()).shape == (3, 3)
    bits = Image.fromarray(np.eye(5, dtype=bool))
    buf = io.BytesIO()
    bits.save(buf, format="PNG")
    assert set(np.unique(read_image(buf.getvalue()))) == {0, 255}


@pytest.mark.parametrize("data,match", [
    (b"", "empty"),
    (b"x,y\n1,2\n", "not a PNG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "."),
    (b"GIF89a" + b"\x00" * 50, "not a PNG"),
])
def test_not_images(data, match):
    with pytest.raises(DataError, match=match):
        read_image(data)


def test_truncated_png():
    data = _png(np.random.default_rng(8).integers(0, 256, (200, 200), dtype=np.uint8))
    with pytest.raises(DataError, match="truncated|damaged"):
        read_image(data[: len(data) // 2])


def test_pixel_limit_checked_before_decoding():
    # 7,200 x 7,200 = 51.8 Mpx of 1-bit pixels: a small file that would cost gigabytes as floats.
    big = Image.new("1", (7200, 7200))
    buf = io.BytesIO()
    big.save(buf, format="PNG")
    start = time.perf_counter()
    with pytest.raises(LimitError, match="megapixels"):
        read_image(buf.getvalue())
    assert time.perf_counter() - start < 2  # refused from the header, not after decoding


def test_one_pixel_and_constant_images_work():
    one = read_image(_png(np.array([[7]], np.uint8)))
    assert one.shape == (1, 1)
    for value in (0, 255):
        flat = to_grey(read_image(_png(np.full((8, 8), value, np.uint8))))
        assert otsu_threshold(flat) == value
        assert apply_operation(flat > otsu_threshold(flat), "binary_erosion").sum() == 0


def test_to_grey_methods():
    rgb = np.zeros((2, 2, 3), np.uint8)
    rgb[..., 1] = 100
    assert to_grey(rgb, "luminance")[0, 0] == pytest.approx(58.7, rel=1e-6)
    assert to_grey(rgb, "green")[0, 0] == 100
    assert to_grey(rgb).dtype == np.float32
    with pytest.raises(DataError):
        to_grey(rgb, "sepia")


def test_split_touching_many_markers_uses_the_power_diagram_exactly():
    # A chain of 12 overlapping disks is one object with 12 markers (the KD-tree path): every pixel must
    # go to the marker with the smallest |p - c|^2 - r^2, as the brute-force computation says.
    y, x = np.indices((70, 300))
    centres = [(35, 20 + 22 * k, 12 + (k % 3)) for k in range(12)]
    m = np.zeros(y.shape, bool)
    for cy, cx, r in centres:
        m |= (y - cy) ** 2 + (x - cx) ** 2 <= r ** 2
    labels = split_touching(m, min_distance=8)
    assert labels.max() == 12 and np.array_equal(labels > 0, m)
    dist = ndi.distance_transform_edt(m)
    peaks = [(cy, cx, dist[cy, cx]) for cy, cx, _ in centres]
    power = np.stack([(y - cy) ** 2 + (x - cx) ** 2 - r ** 2 for cy, cx, r in peaks])
    nearest = np.argmin(power, axis=0)
    # Same partition (label numbers may differ): each label maps to exactly one nearest marker.
    pairs = {(int(a), int(b)) for a, b in zip(labels[m], nearest[m])}
    assert len(pairs) == 12


def test_line_elements_are_thin_and_point_symmetric_for_every_size_and_angle():
    # Reported: the 45-degree line of size 3 was [[0,0,1],[0,1,1],[1,0,0]] (cos and sin differ by one ulp);
    # 17 of 540 (size, angle) pairs were not point-symmetric.
    for size in range(1, 30):
        for angle in range(-180, 181, 5):
            se = structuring_element("line", size, angle=angle)
            assert np.array_equal(se, se[::-1, ::-1]), (size, angle)
            assert se.sum() == size, (size, angle)  # one pixel per step along the major axis
    assert structuring_element("line", 3, angle=45).astype(int).tolist() == [[0, 0, 1], [0, 1, 0], [1, 0, 0]]


def test_small_squares_go_to_ndimage_and_large_ones_to_the_separable_path(monkeypatch):
    # Dispatch by the measured crossover (ndimage wins below 7x7): same results either way.
    import core.morphology.operations as ops

    calls = []
    real = ops._separable
    monkeypatch.setattr(ops, "_separable", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    rng = np.random.default_rng(1)
    mask = rng.random((60, 70)) > 0.4
    for size in (3, 5, 7, 9):
        got = apply_operation(mask, "binary_opening", shape="square", size=size)
        se = np.ones((size, size), bool)
        np.testing.assert_array_equal(got, ndi.binary_opening(mask, structure=se))
    assert (3, 3) not in calls and (5, 5) not in calls and (7, 7) in calls and (9, 9) in calls
