"""Inside the network: neuron maps and the network diagram.

Chart functions on hand-made snapshots (known weights give known edges, a unit that is zero
everywhere is labelled dead, identical units give identical tiles, a replay epoch picks its
frame), the recording helpers (flags, JSON encoding, bounded frames), the engine (the
recorded maps equal the Keras model's intermediate outputs on the same grid; an all-zero
initialisation keeps every unit of a layer identical) and the Train page's section (AppTest,
English and Korean).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from chart_elements import chart_figures_by_title

from nnlab import datasets, engine, inside, snapshot
from nnlab.charts import inside as charts
from nnlab.charts.inside import NEGATIVE, POSITIVE
from nnlab.config import RunConfig
from nnlab.i18n import t
from nnlab.record import RunRecord

# -- hand-made snapshots ---------------------------------------------------------------------------

XS = [0.0, 1.0, 2.0]
YS = [0.0, 1.0]


def layers(widths, acts, n_out=1):
    out = [{"name": f"dense_{i + 1}", "label": f"L{i + 1}", "width": w, "activation": a}
           for i, (w, a) in enumerate(zip(widths, acts))]
    return out + [{"name": f"dense_{len(widths) + 1}", "label": "out", "width": n_out, "activation": "softmax"}]


def snap_with(frames, widths, acts, diagram="units", **extra):
    meta = {"map_x": XS, "map_y": YS, "widths": widths, "activations": acts,
            "units_stored": [min(w, inside.MAX_UNITS_STORED) for w in widths], "diagram": diagram}
    return {"layers": layers(widths, acts), "dataset": {"name": "xor", "features": ["x1"], "is_2d": True},
            "inside": dict(meta, frames=frames), **extra}


def tile(value):
    return np.full((len(YS), len(XS)), value, np.float16)


def ramp(offset=0.0):
    return (np.arange(6, dtype=np.float16).reshape(2, 3) + offset).astype(np.float16)


def heatmaps(fig):
    return [tr for tr in fig.data if tr.type == "heatmap"]


def annotation_texts(fig):
    return [a.text for a in fig.layout.annotations]


# -- neuron maps -----------------------------------------------------------------------------------

def test_a_unit_that_is_zero_everywhere_is_labelled_dead_and_identical_units_get_identical_tiles():
    maps = [np.stack([ramp(), tile(0.0), ramp()])]  # unit 2 dead, units 1 and 3 copies
    snap = snap_with([{"epoch": 4, "maps": maps}], [3], ["relu"])
    fig = charts.neuron_maps_figure(snap, "en")
    tiles = heatmaps(fig)
    assert len(tiles) == 3
    assert np.array_equal(np.array(tiles[0].z), np.array(tiles[2].z))
    assert not np.array_equal(np.array(tiles[0].z), np.array(tiles[1].z))
    texts = annotation_texts(fig)
    assert texts.count(t("inside.flag.dead")) == 1
    dead = next(a for a in fig.layout.annotations if a.text == t("inside.flag.dead"))
    second = tiles[1]  # the label sits in the middle of the second tile
    assert dead.x == pytest.approx(second.x0 - second.dx / 2 + len(XS) * second.dx / 2)
    assert dead.y == pytest.approx(second.y0 - second.dy / 2 + len(YS) * second.dy / 2)
    # one colour range for the layer (white at 0 to blue at its max), stated in its row label: 0 to 5
    assert np.array(tiles[0].z).ravel().tolist() == [0, 51, 102, 153, 204, 255] and np.array(tiles[1].z).max() == 0
    assert {(tr.zmin, tr.zmax) for tr in tiles} == {(0, 255)} and tiles[0].colorscale[0][1] == "#ffffff"
    assert t("inside.maps.row", layer="L1", activation="ReLU", lo="0", hi="5") in texts
    assert fig.layout.title.text == t("inside.maps.title", epoch=4)
    assert t("inside.flag.dead", "ko") in annotation_texts(charts.neuron_maps_figure(snap, "ko"))


def test_a_saturated_sigmoid_unit_and_a_flat_unit_are_labelled():
    maps = [np.stack([tile(0.999), tile(0.5), ramp() / 10])]
    snap = snap_with([{"epoch": 1, "maps": maps}], [3], ["sigmoid"])
    texts = annotation_texts(charts.neuron_maps_figure(snap, "en"))
    assert texts.count(t("inside.flag.saturated")) == 1 and texts.count(t("inside.flag.flat")) == 1
    assert t("inside.flag.dead") not in texts


def test_unit_flags():
    assert inside.unit_flags([tile(0.0), ramp(), tile(0.3)], "relu") == ["dead", None, "flat"]
    assert inside.unit_flags([tile(-0.995), tile(1.0), tile(0.0)], "tanh") == ["saturated", "saturated", "dead"]
    assert inside.unit_flags([tile(0.0005), tile(0.2)], "sigmoid") == ["saturated", "flat"]
    assert inside.activation_limits("relu") is None and inside.activation_limits("sigmoid") == (0.0, 1.0)


def test_wide_layers_show_their_first_units_and_one_layer_shows_all():
    maps = [np.stack([ramp(i) for i in range(20)]), np.stack([ramp(i) for i in range(4)])]
    snap = snap_with([{"epoch": 2, "maps": maps}], [40, 4], ["relu", "relu"])
    fig = charts.neuron_maps_figure(snap, "en")
    assert len(heatmaps(fig)) == 8 + 4
    assert t("inside.maps.row_more", layer="L1", activation="ReLU", lo="0", hi="24", shown=8, total=40) in \
        annotation_texts(fig)
    one = charts.neuron_maps_figure(snap, "en", layer=0)
    assert len(heatmaps(one)) == 20  # every recorded unit of L1, in rows of 8
    assert [tr.name for tr in heatmaps(one)][-1] == t("inside.maps.hover", layer="L1", unit=20)
    assert charts.map_rows([20, 4], 0) == [(0, list(range(8))), (0, list(range(8, 16))), (0, list(range(16, 20)))]



def test_a_phone_gets_four_tiles_a_row_shorter_rows_and_no_subtitle():
    maps = [np.stack([ramp(i) for i in range(8)]), np.stack([ramp(i) for i in range(8)])]
    snap = snap_with([{"epoch": 2, "maps": maps}], [8, 8], ["relu", "relu"])
    desk = charts.neuron_maps_figure(snap, "en")
    phone = charts.neuron_maps_figure(snap, "en", per_row=4)
    assert len(heatmaps(desk)) == 16 and len(heatmaps(phone)) == 8  # the first 4 units of each layer
    assert desk.layout.title.subtitle.text and not phone.layout.title.subtitle.text
    assert phone.layout.height == 110 + 100 * 2 < desk.layout.height == 150 + 150 * 2
    # the row labels fit above four tiles: the same facts, shorter (one was cut off at 390 px)
    assert t("inside.maps.row_short_more", layer="L1", activation="ReLU", lo="0", hi="12", shown=4, total=8) \
        in annotation_texts(phone)
    long = t("inside.maps.row_more", layer="L1", activation="ReLU", lo="0", hi="12", shown=4, total=8)
    assert max(map(len, annotation_texts(phone))) <= len(long) - 10

def test_a_replay_epoch_draws_the_frame_recorded_last_before_it():
    frames = [{"epoch": 2, "maps": [np.stack([tile(0.0)])]}, {"epoch": 5, "maps": [np.stack([ramp()])]}]
    snap = snap_with(frames, [1], ["relu"])
    assert charts.neuron_maps_figure(snap, "en", epoch=4).layout.title.text == t("inside.maps.title", epoch=2)
    assert charts.neuron_maps_figure(snap, "en").layout.title.text == t("inside.maps.title", epoch=5)
    early = charts.neuron_maps_figure(snap, "en", epoch=1)
    assert not heatmaps(early) and t("charts.waiting") in annotation_texts(early)
    assert [f["epoch"] for f in snapshot.neuron_map_frames(snap)] == [2, 5]
    assert snapshot.frame_at(frames, 3)["epoch"] == 2 and snapshot.frame_at(frames, None)["epoch"] == 5
    assert snapshot.shown_epoch({"replaying": True, "history": {"epoch": [1, 2, 3]}}) == 3


# -- the diagram ---------------------------------------------------------------------------------

KERNELS = [np.array([[1.0, -0.5]], np.float16), np.array([[0.25], [-1.0]], np.float16)]  # 1-2-1


def edge_traces(fig):
    return [tr for tr in fig.data if tr.mode == "lines"]


def test_known_weights_give_known_edge_colours_and_widths():
    frame = {"epoch": 3, "kernels": KERNELS, "unit_mean": [np.array([0.5, 0.0], np.float16), np.array([0.7])],
             "unit_grad": [np.array([1e-2, 1e-4], np.float32), np.array([1e-1], np.float32)]}
    fig = charts.diagram_figure(snap_with([frame], [2], ["relu"]), "en")
    edges = {(tr.line.color, tr.line.width): tr for tr in edge_traces(fig)}
    # |w| / max|w| in four equal steps: 1.0 → widest, 0.5 → third, 0.25 → second
    assert set(edges) == {(POSITIVE, 5.0), (NEGATIVE, 3.2), (POSITIVE, 1.6), (NEGATIVE, 5.0)}
    # input (x = 0, y = 0.5) → first hidden unit (x = 1, top): w = +1.0
    assert list(edges[(POSITIVE, 5.0)].x) == [0.0, 1.0, None] and list(edges[(POSITIVE, 5.0)].y) == [0.5, 1.0, None]
    # second hidden unit (bottom) → output: w = -1.0
    assert list(edges[(NEGATIVE, 5.0)].x) == [1.0, 2.0, None] and list(edges[(NEGATIVE, 5.0)].y) == [0.0, 0.5, None]
    assert edges[(NEGATIVE, 3.2)].name == t("inside.diagram.negative", lo="0.5", hi="0.5")
    nodes = next(tr for tr in fig.data if tr.mode == "markers" and tr.marker.showscale)
    assert list(nodes.marker.color) == pytest.approx([0.5, 0.0, 0.7], abs=1e-3)  # mean outputs, hidden then out
    assert "w = -1" in " ".join(next(tr for tr in fig.data if tr.marker.opacity == 0).text)
    dead = [tr for tr in fig.data if tr.name == t("inside.diagram.flagged")]
    assert dead and list(dead[0].x) == [1.0] and list(dead[0].y) == [0.0]  # the unit with mean output 0
    grad = charts.diagram_figure(snap_with([frame], [2], ["relu"]), "en", fill="gradient")
    nodes = next(tr for tr in grad.data if tr.mode == "markers" and tr.marker.showscale)
    assert list(nodes.marker.color) == pytest.approx([-2.0, -4.0, -1.0])  # log10 of the gradients
    assert nodes.marker.colorbar.title.text == t("inside.diagram.colorbar.gradient")


def test_edge_groups_bucket_every_edge_once():
    pos = inside.diagram_positions([2, 3, 1])
    kernels = [np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5, np.ones((3, 1), np.float32)]
    groups = inside.edge_groups(kernels, pos)
    assert sum(g["count"] for g in groups) == 6 + 3
    assert all(len(g["x"]) == 3 * g["count"] for g in groups)
    assert {g["sign"] for g in groups} == {1, -1}


def test_a_large_network_gets_the_layer_diagram_from_the_history():
    snap = {"layers": layers([256, 128], ["relu", "sigmoid"], 10), "dataset": {"features": ["p"] * 784},
            "inside": None,
            "history": {"epoch": [1, 2], "grad_norm": [[1.0, 0.1, 0.01], [2.0, 0.2, 0.02]],
                        "dead_fraction": [[0.1, 0.0, 0.0], [0.25, 0.0, 0.0]],
                        "saturated_fraction": [[0.0, 0.5, 0.0], [0.0, 0.75, 0.0]]}}
    fig = charts.diagram_figure(snap, "en")
    assert fig.layout.title.text == t("inside.diagram.layers_title", epoch=2)
    boxes = next(tr for tr in fig.data if tr.mode == "markers+text")
    assert list(boxes.marker.color)[1:] == pytest.approx([np.log10(2.0), np.log10(0.2), np.log10(0.02)])
    assert t("inside.diagram.box", width=256, activation="ReLU") in boxes.text
    stats = next(tr for tr in fig.data if tr.mode == "text")
    assert t("inside.diagram.box_stats", dead="25%", sat="0%") in stats.text
    assert t("inside.diagram.box_stats", dead="0%", sat="75%") in stats.text
    assert list(fig.layout.xaxis.ticktext) == [t("inside.diagram.input"), "L1", "L2", "out"]
    first = charts.diagram_figure(snap, "en", epoch=1)
    assert fig.layout.title.text != first.layout.title.text


def test_a_unit_diagram_before_its_first_frame_waits_under_its_own_title():
    fig = charts.diagram_figure(snap_with([], [2], ["relu"]), "en")
    assert fig.layout.title.text == t("inside.diagram.title", epoch="–") and not fig.data


# -- recording --------------------------------------------------------------------------------------

def test_arrays_survive_the_json_encoding():
    a = np.array([[0.5, -1.25], [np.nan, 3.0]], np.float16)
    back = inside.decode(json.loads(json.dumps(inside.encode(a))))
    assert back.shape == (2, 2) and np.array_equal(back, a.astype(np.float32), equal_nan=True)
    assert inside.decode([[1, 2]]).tolist() == [[1.0, 2.0]] and inside.decode(None) is None


def test_the_record_keeps_a_bounded_number_of_frames_and_the_latest():
    config = RunConfig(dataset="xor", depth=1, width=4, epochs=500, n_samples=40)
    data = datasets.load(config)
    from nnlab.model import Architecture

    record = RunRecord.start(config, data, Architecture.of(config, 2, 2, "classification"))
    record.start_inside({"diagram": "units"})
    for epoch in range(1, 301):
        record.add_inside_frame({"epoch": epoch, "maps": [np.zeros((4, 25, 25), np.float16)]})
    epochs = [f["epoch"] for f in record.snapshot()["inside"]["frames"]]
    assert len(epochs) <= inside.MAX_FRAMES and epochs[-1] == 300 and epochs == sorted(epochs)
    big = np.zeros((32, 25, 25), np.float16)  # 40 kB a frame
    for epoch in range(301, 501):
        record.add_inside_frame({"epoch": epoch, "maps": [big] * 4})
    frames = record.snapshot()["inside"]["frames"]
    assert sum(inside.frame_bytes(f) for f in frames) <= inside.MAX_BYTES and frames[-1]["epoch"] == 500


# -- the engine ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trained():
    config = RunConfig(dataset="xor", depth=2, width=5, activation="tanh", epochs=6, n_samples=200, batch_size=16)
    data = datasets.load(config)
    return config, data, engine.run(config, data)


def test_the_recorded_maps_equal_the_keras_models_hidden_outputs(trained):
    import keras

    from nnlab.model import build_from_architecture

    config, data, record = trained
    snap = record.snapshot()
    meta = snapshot.inside(snap)
    assert meta["diagram"] == "units" and meta["units_stored"] == [5, 5]
    last = snapshot.neuron_map_frames(snap)[-1]
    assert last["epoch"] == config.epochs  # the last epoch always gets a frame
    model = build_from_architecture(record.architecture)
    model.set_weights(record.weights)
    hidden = keras.Model(model.inputs, [model.get_layer(f"act_{i}").output for i in (1, 2)])
    xs, ys, points = inside.map_grid(datasets.grid_for(data))
    assert np.allclose(meta["map_x"], xs, atol=1e-4) and np.allclose(meta["map_y"], ys, atol=1e-4)
    for i, expected in enumerate(hidden.predict(points, verbose=0)):
        expected = expected.T.reshape(-1, len(ys), len(xs))
        got = inside.decode(last["maps"][i])
        assert got.shape == (5, 25, 25)
        assert np.allclose(got, expected, atol=2e-3, rtol=2e-3), np.abs(got - expected).max()
    # the diagram's kernels are the model's, and the mean outputs are on the validation split
    kernels = [inside.decode(k) for k in last["kernels"]]
    assert np.allclose(kernels[0], record.weights[0], atol=2e-3)
    x_val = data.x_val[:inside.PROBE_SAMPLES]
    means = [o.mean(axis=0) for o in hidden.predict(x_val, verbose=0)]
    assert np.allclose(inside.decode(last["unit_mean"][0]), means[0], atol=2e-3)
    assert all(np.all(inside.decode(g) >= 0) for g in last["unit_grad"])
    # and a run.json draws the same tiles as the live snapshot
    loaded = json.loads(record.to_json())
    live = heatmaps(charts.neuron_maps_figure(snap, "en"))
    again = heatmaps(charts.neuron_maps_figure(loaded, "en"))
    assert len(live) == len(again) == 10
    assert all(np.array_equal(a.z, b.z) for a, b in zip(live, again))


def test_an_all_zero_initialisation_keeps_every_unit_of_a_layer_identical():
    config = RunConfig(dataset="moons", depth=2, width=6, activation="sigmoid", initializer="zeros", epochs=5,
                       n_samples=200)
    record = engine.run(config, datasets.load(config))
    frames = snapshot.neuron_map_frames(record.snapshot())
    # a tiny run: its first and last epochs at least (more as the frame budget allows)
    assert len(frames) >= 2 and frames[0]["epoch"] == 1 and frames[-1]["epoch"] == 5
    for frame in frames:
        for layer in frame["maps"]:
            tiles = inside.decode(layer)
            assert np.array_equal(tiles, np.broadcast_to(tiles[:1], tiles.shape))
    fig = charts.neuron_maps_figure(record.snapshot(), "en")
    first_row = [np.array(tr.z) for tr in heatmaps(fig)[:6]]
    assert all(np.array_equal(z, first_row[0]) for z in first_row)


def test_a_run_on_a_table_records_the_diagram_but_no_maps_and_mnist_size_records_nothing():
    config = RunConfig(dataset="iris", depth=1, width=4, epochs=2)
    snap = engine.run(config, datasets.load(config)).snapshot()
    assert snapshot.inside(snap)["diagram"] == "units" and not snapshot.neuron_map_frames(snap)
    assert len(snapshot.diagram_frames(snap)) == 2
    from nnlab.model import Architecture

    big = Architecture(784, 10, "classification", (256, 128), ("relu", "relu"), False, 0.0, 0.0)
    assert inside.Probe.for_run(big, 3, None, np.zeros((5, 784)), np.zeros(5)) is None


# -- the Train page ---------------------------------------------------------------------------------

def _train_tiny(at, wait_until_ended):
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"])
    assert at.session_state["nnlab.jobs"].get("train").status() == "finished"


def test_the_train_page_shows_the_section_after_a_tiny_run():
    from test_korean_ui import wait_until_ended
    from test_page_train import open_train

    at = open_train({"dataset": "xor", "depth": "2", "width": "12", "epochs": "4", "n_samples": "200"})
    _train_tiny(at, wait_until_ended)
    assert t("inside.heading") in [s.value for s in at.subheader]
    figs = chart_figures_by_title(at)
    maps = figs[t("inside.maps.title", epoch=4)]
    assert sum(tr["type"] == "heatmap" for tr in maps["data"]) == 16  # 2 layers x the first 8 units
    assert t("inside.diagram.title", epoch=4) in figs
    at.selectbox(key="train_inside_pick").set_value(1).run()
    maps = chart_figures_by_title(at)[t("inside.maps.title", epoch=4)]
    assert sum(tr["type"] == "heatmap" for tr in maps["data"]) == 12  # every unit of L2
    fill = next(w for w in at.get("button_group") if w.key == "train_inside_fill")
    fill.set_value("gradient").run()
    assert not at.exception, at.exception
    diagram = chart_figures_by_title(at)[t("inside.diagram.title", epoch=4)]
    nodes = next(tr for tr in diagram["data"] if (tr.get("marker") or {}).get("showscale"))
    assert nodes["marker"]["colorbar"]["title"]["text"] == t("inside.diagram.colorbar.gradient")


def test_the_section_in_korean():
    from test_korean_ui import _plotly_texts, assert_korean, foreign_words, joined, open_page, wait_until_ended

    at = open_page("train", {"dataset": "xor", "depth": "2", "width": "12", "epochs": "3", "n_samples": "200"})
    _train_tiny(at, wait_until_ended)
    text = joined(assert_korean(at, "inside the network"))
    assert t("inside.heading", "ko") in text and t("inside.maps.pick", "ko") in text
    assert t("inside.maps.all_of", "ko", layer="L2") in text and t("inside.fill.gradient", "ko") in text
    figs = chart_figures_by_title(at)
    for title in (t("inside.maps.title", "ko", epoch=3), t("inside.diagram.title", "ko", epoch=3)):
        texts = _plotly_texts(figs[title])
        assert len(texts) > 3
        assert not [(x, bad) for x in texts if (bad := foreign_words(x))], texts


def test_a_damaged_record_gets_a_catalog_message_not_a_traceback():
    from streamlit.testing.v1 import AppTest

    def app():
        from nnlab.ui.inside import inside_section

        frame = {"layers": [{"label": "L1", "width": 2, "activation": "relu"}, {"label": "out", "width": 2}],
                 "dataset": {"is_2d": True},
                 "inside": {"map_x": [0.0, 1.0], "map_y": [0.0, 1.0], "units_stored": [2], "widths": [2],
                            "activations": ["relu"], "diagram": "units",
                            "frames": [{"epoch": 1, "maps": [{"dtype": "float16", "shape": [2, 2, 2], "b64": "AAA="}]}]}}
        inside_section(frame, ("damaged",))

    at = AppTest.from_function(app, default_timeout=60).run()
    assert not at.exception, at.exception
    assert t("inside.unreadable") in [c.value for c in at.caption]


def test_values_beyond_float16_are_clipped_not_infinite():
    out = inside.half([1e6, -1e9, 0.5, np.nan])
    assert out.dtype == np.float16 and out[:3].tolist() == [65504.0, -65504.0, 0.5] and np.isnan(out[3])


def test_a_replay_frame_draws_the_maps_and_diagram_of_its_epoch(trained):
    from nnlab import replay

    _, _, record = trained
    snap = record.snapshot()
    at = snapshot.neuron_map_frames(snap)[0]["epoch"]  # the first frame (a short run may have only it and the last)
    frame = replay.frame(snap, at)
    epoch = snapshot.shown_epoch(frame)
    assert epoch == at
    maps = charts.neuron_maps_figure(frame, "en", epoch)
    assert maps.layout.title.text == t("inside.maps.title", epoch=at)
    third = next(f for f in snapshot.neuron_map_frames(snap) if f["epoch"] == at)
    lo, hi = inside.layer_range(third["maps"][0])
    zmin, zmax, _ = charts.colour_range(lo, hi)
    assert np.array_equal(heatmaps(maps)[0].z, charts.quantize(third["maps"][0][0], zmin, zmax))
    latest = charts.neuron_maps_figure(snap, "en")
    assert not all(np.array_equal(a.z, b.z) for a, b in zip(heatmaps(maps), heatmaps(latest)))
    assert charts.diagram_figure(frame, "en", epoch).layout.title.text == t("inside.diagram.title", epoch=at)
