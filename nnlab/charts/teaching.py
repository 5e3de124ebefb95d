"""Plotly figures of the teaching pages (explorer, single neuron, softmax/backprop).

Pure functions: data in (from ``nnlab.teaching``), ``go.Figure`` out, with titles, axis
titles and legends in the chosen language (``lang``). Built with graph objects and finished
by ``nnlab.charts.base.style``, which sets the projector-sized fonts. No Streamlit, no
TensorFlow.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnlab import activations
from nnlab.charts import base
from nnlab.charts.base import SUBPLOT_TITLE_SIZE, style
from nnlab.i18n import display_name, t

COLORS = [base.BLUE, base.RED, base.GREEN, base.ORANGE, base.PURPLE, base.BROWN, base.PINK, base.CYAN, base.OLIVE,
          base.GREY, "#393b79", "#637939", "#8c6d31", "#843c39"]
RULE_COLORS = {"hand": base.ORANGE, "gradient": base.BLUE}
# Axis zero lines (cheap: add_hline/add_vline on subplots cost ~0.1 s each in plotly 7).
ZERO_LINE = {"zeroline": True, "zerolinecolor": "#444", "zerolinewidth": 1.5}
# Curves that coincide (ReLU and Leaky ReLU for x > 0) are told apart by stacking: the first
# is drawn wide and solid underneath, each later one narrower and dashed on top of it.
LAYERS = (("solid", 4.5), ("dash", 3.0), ("dot", 3.5), ("dashdot", 2.5), ("longdash", 2.5))


def _overlap_levels(curves: list[np.ndarray]) -> list[int]:
    """Per curve, how deep it sits in a stack of curves it coincides with (0 = on its own or
    the first of the stack). Two curves coincide when they are within 2 % of the plot's
    height over at least 60 % of the x range (so two curves that merely share a flat tail
    near 0 do not count)."""
    finite = np.concatenate([c[np.isfinite(c)] for c in curves]) if curves else np.array([])
    tol = 0.02 * (float(np.ptp(finite)) if finite.size else 1.0) or 1e-9
    levels: list[int] = []
    for j, cj in enumerate(curves):
        below = [levels[i] for i in range(j) if np.mean(np.abs(curves[i] - cj) < tol) >= 0.6]
        levels.append(max(below) + 1 if below else 0)
    return levels


def activation_figure(names: list[str], x_min: float, x_max: float, lang: str = "en", n: int = 801) -> go.Figure:
    """f(x) and f'(x) side by side for every activation in ``names``; curves that coincide
    are stacked wide-solid under narrow-dashed so none hides another."""
    x = np.linspace(x_min, x_max, n)
    # Wide spacing: on a phone the second panel's y-axis title otherwise sits on the first panel.
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("explorer.chart.f", lang), t("explorer.chart.df", lang)),
                        horizontal_spacing=0.14)
    acts = [activations.get(name) for name in names]
    with np.errstate(all="ignore"):
        fs = [act.f(x) * np.ones_like(x) for act in acts]
        dfs = [act.df(x) * np.ones_like(x) for act in acts]
    levels = [max(a, b) for a, b in zip(_overlap_levels(fs), _overlap_levels(dfs))]
    for i, (name, act) in enumerate(zip(names, acts)):
        dash, width = LAYERS[min(levels[i], len(LAYERS) - 1)]
        line = {"color": COLORS[i % len(COLORS)], "width": width, "dash": dash}
        shown = display_name("activation", act.name, lang)
        fig.add_trace(go.Scatter(x=x, y=fs[i], name=shown, legendgroup=name, line=line,
                                 hovertemplate=f"{shown}: %{{y:.4f}}<extra></extra>"), row=1, col=1)
        fig.add_trace(go.Scatter(x=x, y=dfs[i], name=shown, legendgroup=name, showlegend=False, line=line,
                                 hovertemplate=f"{shown}′: %{{y:.4f}}<extra></extra>"), row=1, col=2)
    fig.update_xaxes(title_text="x", **ZERO_LINE)
    fig.update_yaxes(**ZERO_LINE)
    fig.update_yaxes(title_text="f(x)", row=1, col=1)
    fig.update_yaxes(title_text="f′(x)", row=1, col=2)
    fig.update_annotations(font_size=SUBPLOT_TITLE_SIZE)
    return style(fig, t("explorer.chart.title", lang), height=500, hovermode="x unified")


def depth_figure(chains: list, lang: str = "en") -> go.Figure:
    """Gradient size after k layers on a log scale: best case (dashed) and a sampled chain (solid).

    The legend names each activation once (clicking it toggles both of its lines); the
    subtitle says which line is which, so the legend stays short enough for a phone."""
    fig = go.Figure()
    for i, chain in enumerate(chains):
        act = activations.get(chain.activation)
        color = COLORS[i % len(COLORS)]
        sampled = np.where(np.isfinite(chain.grad_norm) & (chain.grad_norm > 0), chain.grad_norm, np.nan)
        best = np.where(chain.best_case > 0, chain.best_case, np.nan)
        shown = display_name("activation", act.name, lang)
        best_name = t("explorer.depth.best_trace", lang, name=shown, slope=f"{act.max_slope:.3g}")
        sampled_name = t("explorer.depth.sampled_trace", lang, name=shown)
        fig.add_trace(go.Scatter(x=chain.layers, y=best, mode="lines", name=best_name, legendgroup=chain.activation,
                                 showlegend=False, hovertemplate=f"{best_name}: %{{y:.3e}}<extra></extra>",
                                 line={"color": color, "dash": "dash", "width": 2.5}))
        fig.add_trace(go.Scatter(x=chain.layers, y=sampled, mode="lines+markers", name=shown,
                                 legendgroup=chain.activation, line={"color": color, "width": 3.5},
                                 marker={"size": 7}, hovertemplate=f"{sampled_name}: %{{y:.3e}}<extra></extra>"))
    fig.update_yaxes(type="log", title_text=t("explorer.depth.yaxis", lang))
    fig.update_xaxes(title_text=t("explorer.depth.xaxis", lang), rangemode="tozero")
    return style(fig, t("explorer.depth.title", lang), height=520, hovermode="x unified",
                 subtitle=t("explorer.depth.legend", lang))


def neuron_figure(runs: dict, upto: int, lang: str = "en", use_bias: bool = True) -> go.Figure:
    """Error, w and b over steps 0..``upto`` for both update rules."""
    cols = 3 if use_bias else 2
    titles = [t("neuron.chart.error", lang), t("neuron.chart.w", lang), t("neuron.chart.b", lang)][:cols]
    fig = make_subplots(rows=1, cols=cols, subplot_titles=titles, horizontal_spacing=0.14 if cols == 2 else 0.12)
    for rule, run in runs.items():
        steps = np.arange(upto + 1)
        series = [run.error[: upto + 1], run.w[: upto + 1], run.b[: upto + 1]][:cols]
        for col, ys in enumerate(series, start=1):
            fig.add_trace(go.Scatter(x=steps, y=ys, mode="lines", name=t(f"neuron.rule.{rule}", lang),
                                     legendgroup=rule, showlegend=col == 1,
                                     line={"color": RULE_COLORS[rule], "width": 3,
                                           "dash": "solid" if rule == "gradient" else "dot"},
                                     hovertemplate="%{y:.4f}"), row=1, col=col)
    last = max(len(next(iter(runs.values())).w) - 1, 1)
    for col in range(1, cols + 1):
        fig.update_xaxes(title_text=t("neuron.chart.step", lang), range=[0, last], row=1, col=col)
    fig.update_yaxes(**ZERO_LINE)
    fig.update_yaxes(title_text=t("neuron.chart.error_axis", lang), row=1, col=1)
    fig.update_yaxes(title_text="w", row=1, col=2)
    if use_bias:
        fig.update_yaxes(title_text="b", row=1, col=3)
    fig.update_annotations(font_size=SUBPLOT_TITLE_SIZE)
    return style(fig, t("neuron.chart.title", lang, step=upto), height=460, hovermode="x unified")


def softmax_figure(steps: dict, labels: list[str], lang: str = "en") -> go.Figure:
    """Probabilities as bars, each labelled with its value."""
    probs = steps["probs"]
    fig = go.Figure(go.Bar(x=labels, y=probs, text=[f"{p:.4f}" for p in probs], textposition="outside",
                           marker_color=COLORS[: len(labels)] if len(labels) <= len(COLORS) else COLORS[0],
                           textfont={"size": 18}, cliponaxis=False, hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    fig.update_yaxes(range=[0, 1.15], title_text=t("softmax.chart.yaxis", lang))
    fig.update_xaxes(title_text=t("softmax.chart.xaxis", lang))
    return style(fig, t("softmax.chart.title", lang), height=420, legend=False)


# The 2-2-1 diagram: node positions and where along each edge its label sits (0 = start,
# 1 = end), spread so that labels of crossing edges do not cover each other. Landscape
# (inputs left) for screens; portrait (inputs on top, labels staggered) for phones, where
# the landscape labels ran into each other.
_LAYOUTS = {
    False: {"nodes": {"x1": (0.0, 1.0), "x2": (0.0, 0.0), "h1": (1.0, 1.0), "h2": (1.0, 0.0), "o": (2.0, 0.5)},
            "label_at": {"w1": 0.5, "w2": 0.25, "w3": 0.25, "w4": 0.5, "w5": 0.5, "w6": 0.5},
            "bias": (0.0, 0.32), "loss": (2.0, 0.1), "x": [-0.3, 2.35], "y": [-0.35, 1.5], "height": 540,
            "marker": 86, "font": 16, "node_font": 18},
    True: {"nodes": {"x1": (0.0, 3.0), "x2": (1.0, 3.0), "h1": (0.0, 1.6), "h2": (1.0, 1.6), "o": (0.5, 0.35)},
           "label_at": {"w1": 0.3, "w4": 0.3, "w2": 0.55, "w3": 0.8, "w5": 0.3, "w6": 0.7},
           "bias": None, "loss": (0.5, -0.85), "x": [-0.55, 1.55], "y": [-1.05, 3.4], "height": 820,
           "marker": 60, "font": 13, "node_font": 15},
}
_EDGES = {"w1": ("x1", "h1"), "w2": ("x2", "h1"), "w3": ("x1", "h2"), "w4": ("x2", "h2"),
          "w5": ("h1", "o"), "w6": ("h2", "o")}


def network_figure(params: dict, result: dict, lang: str = "en", portrait: bool = False) -> go.Figure:
    """The 2-2-1 network: node values from the forward pass, each edge labelled w = value (∂L/∂w).
    ``portrait`` stacks the layers top to bottom for a phone's narrow screen."""
    fwd, grads = result["forward"], result["grads"]
    lay = _LAYOUTS[portrait]
    nodes = lay["nodes"]
    fig = go.Figure()
    for key, (a, b) in _EDGES.items():
        (x0, y0), (x1, y1) = nodes[a], nodes[b]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": "#8aa", "width": 2 + 6 * min(abs(params[key]), 1.0)}))
        s = lay["label_at"][key]
        fig.add_annotation(x=x0 + s * (x1 - x0), y=y0 + s * (y1 - y0), showarrow=False,
                           text=f"<b>{key[0]}<sub>{key[1]}</sub> = {params[key]:.4f}</b>"
                                f"<br>∂L/∂{key} = {grads[key]:.2e}",
                           font={"size": lay["font"]}, bgcolor="rgba(255,255,255,0.92)", bordercolor="#8aa")
    node_text = {
        "x1": f"x<sub>1</sub><br>{fwd['x1']:.4g}", "x2": f"x<sub>2</sub><br>{fwd['x2']:.4g}",
        "h1": f"h<sub>1</sub><br>{fwd['h1']:.4f}", "h2": f"h<sub>2</sub><br>{fwd['h2']:.4f}",
        "o": f"o<br>{fwd['o']:.4f}",
    }
    colors = {"x": "#c6dbef", "h": "#fdd0a2", "o": "#c7e9c0"}
    fig.add_trace(go.Scatter(
        x=[nodes[k][0] for k in nodes], y=[nodes[k][1] for k in nodes], mode="markers+text",
        text=[node_text[k] for k in nodes], textfont={"size": lay["node_font"]}, showlegend=False, hoverinfo="skip",
        marker={"size": lay["marker"], "color": [colors[k[0]] for k in nodes], "line": {"color": "#333", "width": 2}}))
    if lay["bias"] is None:  # portrait: no room beside the nodes, so one block under the output
        fig.add_annotation(x=0.5, y=-0.4, showarrow=False, font={"size": lay["font"]},
                           text="<br>".join(f"{k} = {params[k]:.4f} · ∂L/∂{k} = {grads[k]:.2e}"
                                            for k in ("b1", "b2", "b3")))
    else:
        dx, dy = lay["bias"]
        for key, node in (("b1", "h1"), ("b2", "h2"), ("b3", "o")):
            x, y = nodes[node]
            fig.add_annotation(x=x + dx, y=y + dy, showarrow=False, font={"size": 15},
                               text=f"{key} = {params[key]:.4f}<br>∂L/∂{key} = {grads[key]:.2e}")
    x, y = lay["loss"]
    fig.add_annotation(x=x, y=y, showarrow=False, font={"size": lay["font"] + 1},
                       text=t("softmax.net.loss_label", lang, y=f"{fwd['y']:.4g}", loss=f"{fwd['loss']:.6f}"))
    fig.update_xaxes(visible=False, range=lay["x"])
    fig.update_yaxes(visible=False, range=lay["y"])
    fig = style(fig, t("softmax.net.title", lang), height=lay["height"], legend=False, hovermode=False)
    fig.update_layout(margin={"l": 10, "r": 10, "b": 10})  # no axes to make room for
    return fig
