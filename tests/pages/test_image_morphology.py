"""Image morphology page flows through AppTest: defaults, uploads (good and bad), pipeline edits, URL state."""

import io

import numpy as np
import pytest
from PIL import Image
from tests.conftest import shown
from ui.pages import page as page_info

PAGE = page_info("image_morphology")


def _file(array, fmt="PNG", mode=None):
    buf = io.BytesIO()
    Image.fromarray(array, mode=mode).save(buf, format=fmt)
    return buf.getvalue()



@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def test_default_sample_counts_the_coins(page):
    assert not any(m.label == "objects" for m in page.at.metric), "a closed tab is not computed"
    assert page.tab("Objects").metric("objects") == "11"
    assert not page.errors
    code = page.code()
    assert "ndi.binary_erosion" in code and "image_coins.png" in code



@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"a,b\n1,2\n", "not a PNG"),
    (_file(np.random.default_rng(0).integers(0, 256, (300, 300), dtype=np.uint8))[:3000], "truncated"),
])
def test_bad_uploads_show_a_message(page, content, message):
    page.upload(content, "image.png", "image/png")
    assert message in page.errors


def test_rgba_palette_16bit_tiff_and_tiny_uploads_run(page):
    rgba = np.zeros((40, 50, 4), np.uint8)
    rgba[10:30, 10:40] = (250, 250, 250, 255)
    rgba[..., 3] = np.where(rgba[..., 3] == 0, 128, 255)
    for content, name in [(_file(rgba), "a.png"),
                          (_file((np.indices((40, 40)).sum(0) % 7 * 9000).astype(np.uint16), "TIFF"), "b.tif"),
                          (_file(np.array([[200]], np.uint8)), "one.png"),
                          (_file(np.zeros((30, 30), np.uint8)), "black.png"),
                          (_file(np.full((30, 30), 255, np.uint8)), "white.png")]:
        page.upload(content, name, "image/png")
        assert not page.errors, (name, page.errors)
    # 1-bit/constant images: the threshold note says the mask is all on or all off.
    assert "single grey level" in " ".join(shown(c.value) for c in page.at.caption)


def test_colour_image_offers_grey_conversion(page):
    page.at.session_state["mo_sample"] = "image_text"
    page.run()
    assert page.at.selectbox(key="mo_grey").value == "luminance"
    page.set("selectbox", "grey", "red")
    assert not page.errors and page.tab("Objects").metric("objects") != "0"


def test_binary_step_without_threshold_explains(driver):
    d = driver(PAGE, query={"mo_pipe": "binary_erosion"}).run()
    assert "add a Threshold step" in d.errors
    assert "stops at step 1" in d.warnings


def test_element_larger_than_image(driver):
    d = driver(PAGE, query={"mo_pipe": "threshold;binary_opening:shape=square,size=9"}).run()
    small = np.zeros((5, 5), np.uint8)
    small[1:4, 1:4] = 200
    d.upload(_file(small), "small.png", "image/png")
    assert not d.errors
    assert "larger than the image" in " ".join(shown(c.value) for c in d.at.caption)


def test_add_move_remove_steps(page):
    page.at.selectbox(key="_mo_add_op").set_value("label")
    page.at.button(key="_mo_add").click()
    page.run()
    assert page.at.session_state["mo_pipe"].endswith(";label")
    n = page.at.session_state["mo_pipe"].count(";") + 1
    ver = page.at.session_state["_mo_pipe_ver"]
    page.at.button(key=f"mo_v{ver}_{n - 1}_up").click()
    page.run()
    parts = page.at.session_state["mo_pipe"].split(";")
    assert parts[-2] == "label"
    ver = page.at.session_state["_mo_pipe_ver"]
    page.at.button(key=f"mo_v{ver}_0_del").click()
    page.run()
    assert not page.at.session_state["mo_pipe"].startswith("gaussian_filter")
    assert not page.at.exception


def test_recipe_and_step_settings(page):
    page.tab("Objects")
    page.at.selectbox(key="_mo_recipe").set_value("Erosion vs dilation (teaching)")
    page.at.button(key="_mo_use_recipe").click()
    page.run()
    assert page.at.session_state["mo_pipe"].startswith("threshold;binary_erosion")
    before = page.metric("total area (px)")
    ver = page.at.session_state["_mo_pipe_ver"]
    page.at.number_input(key=f"mo_v{ver}_1_size").set_value(15)
    page.run()
    assert int(page.metric("total area (px)").replace(",", "")) < int(before.replace(",", ""))
    assert "size=15" in page.at.session_state["mo_pipe"]


def test_grey_result_has_no_object_table(driver):
    d = driver(PAGE, query={"mo_pipe": "gaussian_filter:sigma=2;sobel", "mo_tab": "Objects"}).run()
    assert "add a Threshold step" in " ".join(i.value for i in d.at.info)


def test_connectivity_reaches_the_script_while_the_objects_tab_is_closed(driver):
    # The Objects tab (where connectivity is chosen) is lazy: closed, its widget is not drawn; the export still
    # follows the URL's choice (ui.common.url.bound_value).
    pipe = "threshold;binary_opening:size=3"
    d = driver(PAGE, query={"mo_pipe": pipe, "mo_conn": "4 neighbours"}).run()
    assert "generate_binary_structure(2, 1)" in d.code()
    d = driver(PAGE, query={"mo_pipe": pipe}).run()
    assert "generate_binary_structure(2, 2)" in d.code()
    d = driver(PAGE, query={"mo_pipe": pipe, "mo_tab": "Objects"}).run()
    d.set("segmented_control", "conn", 1)
    assert "generate_binary_structure(2, 1)" in d.code()


def test_add_with_the_default_choice_keeps_the_default_pipeline_running(page):
    assert page.at.selectbox(key="_mo_add_op").value == "gaussian_filter"
    page.at.button(key="_mo_add").click()
    page.run()
    assert page.at.session_state["mo_pipe"].startswith("gaussian_filter;gaussian_filter;threshold")
    assert not page.errors and not page.warnings
    assert "added as step 2" in " ".join(shown(c.value) for c in page.at.caption)
    page.at.selectbox(key="_mo_add_op").set_value("threshold")
    page.at.button(key="_mo_add").click()
    page.run()
    assert "fits nowhere" in page.warnings and page.at.session_state["mo_pipe"].count("threshold") == 1


def test_the_step_slider_follows_a_new_image_and_recipe_but_not_a_parameter(page):
    """Sample "Text scan", an upload, then a recipe: the slider shows the last step, as the image does."""
    page.set("select_slider", "show", 2)
    ver = page.at.session_state["_mo_pipe_ver"]
    page.at.number_input(key=f"mo_v{ver}_0_sigma").set_value(2.0)
    page.run()
    assert page.at.select_slider(key="mo_show").value == 2           # tuning a step keeps the view
    page.at.session_state["mo_sample"] = "image_text"
    page.run()
    img = np.zeros((60, 60), np.uint8)
    img[10:30, 10:30] = img[35:55, 30:55] = 220
    page.upload(_file(img), "blobs.png", "image/png")
    page.at.selectbox(key="_mo_recipe").set_value("Count touching coins")
    page.at.button(key="_mo_use_recipe").click()
    page.run()
    n = page.at.session_state["mo_pipe"].count(";") + 1
    slider = page.at.select_slider(key="mo_show")
    assert slider.value == n                                         # what the page shows ...
    assert slider.proto.set_value and list(slider.proto.raw_value) == [slider.options[n]]  # ... the browser is told
    assert "Labelled objects" in " ".join(shown(c.value) for c in page.at.caption)


def test_a_camera_picture_is_read_measured_and_reproduced(page, run_script):
    """st.camera_input sends a JPEG: three bright discs of radius 15 on a dark table."""
    page.at.session_state["mo_source"] = "Camera"
    page.run()
    assert "Allow the camera" in page.at.info[0].value
    img = np.full((120, 160, 3), 30, np.uint8)
    yy, xx = np.mgrid[:120, :160]
    for cy, cx in [(30, 40), (80, 60), (60, 120)]:
        img[(yy - cy) ** 2 + (xx - cx) ** 2 < 15 ** 2] = (220, 200, 180)
    jpeg = _file(img, "JPEG")
    page.at.camera_input(key="mo_camera").upload("shot.jpg", jpeg)
    page.run()
    assert not page.errors
    assert "JPEG" in " ".join(shown(c.value) for c in page.at.caption)
    assert page.tab("Objects").metric("objects") == "3"
    area = int(page.metric("total area (px)").replace(",", ""))
    assert abs(area - 3 * np.pi * 15 ** 2) < 0.1 * 3 * np.pi * 15 ** 2
    script = page.code()
    assert "camera.jpg" in script
    printed = run_script(script, files={"camera.jpg": jpeg})
    assert printed["regions"] == 3 and printed["total_area"] == area
