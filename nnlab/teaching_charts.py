"""Plotly figure builders for the teaching pages (explorer, single neuron, softmax/backprop).

Pure functions: data in, ``go.Figure`` out, with titles, axis titles and legends in the
chosen language (``lang``) and fonts large enough for a projector. No Streamlit here.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnlab import activations
from nnlab.i18n import t

FONT = {"size": 16}
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
          "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39"]
RULE_COLORS = {"hand": "#ff7f0e", "gradient": "#1f77b4"}
# Axis zero lines (cheap: add_hline/add_vline on subplots cost ~0.1 s each in plotly 7).
ZERO_LINE = {"zeroline": True, "zerolinecolor": "#444", "zerolinewidth": 1.5}


def _style(fig: go.Figure, title: str, height: int = 460) -> go.Figure:
    fig.update_layout(title={"text": title, "font": {"size": 22}}, font=FONT, height=height,
                      template="plotly_white", hovermode="x unified",
                      legend={"font": {"size": 15}}, margin={"t": 90, "l": 70, "r": 30, "b": 60})
    return fig


def activation_figure(names: list[str], x_min: float, x_max: float, lang: str = "en", n: int = 801) -> go.Figure:
    """f(x) and f'(x) side by side for every activation in ``names``."""
    x = np.linspace(x_min, x_max, n)
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("explorer.chart.f", lang), t("explorer.chart.df", lang)),
                        horizontal_spacing=0.08)
    for i, name in enumerate(names):
        act = activations.get(name)
        color = COLORS[i % len(COLORS)]
        with np.errstate(all="ignore"):
            fy, dy = act.f(x) * np.ones_like(x), act.df(x) * np.ones_like(x)
        fig.add_trace(go.Scatter(x=x, y=fy, name=act.display, legendgroup=name, line={"color": color, "width": 3},
                                 hovertemplate=f"{act.display}: %{{y:.4f}}<extra></extra>"), row=1, col=1)
        fig.add_trace(go.Scatter(x=x, y=dy, name=act.display, legendgroup=name, showlegend=False,
                                 line={"color": color, "width": 3},
                                 hovertemplate=f"{act.display}′: %{{y:.4f}}<extra></extra>"), row=1, col=2)
    fig.update_xaxes(title_text="x", **ZERO_LINE)
    fig.update_yaxes(**ZERO_LINE)
    fig.update_yaxes(title_text="f(x)", row=1, col=1)
    fig.update_yaxes(title_text="f′(x)", row=1, col=2)
    fig.update_annotations(font_size=18)
    _style(fig, t("explorer.chart.title", lang), height=480)
    fig.update_layout(legend={"orientation": "h", "y": -0.18})
    return fig


def depth_figure(chains: list, lang: str = "en") -> go.Figure:
    """Gradient size after k layers on a log scale: best case (dashed) and a sampled chain (solid)."""
    fig = go.Figure()
    for i, chain in enumerate(chains):
        act = activations.get(chain.activation)
        color = COLORS[i % len(COLORS)]
        sampled = np.where(np.isfinite(chain.grad_norm) & (chain.grad_norm > 0), chain.grad_norm, np.nan)
        best = np.where(chain.best_case > 0, chain.best_case, np.nan)
        best_name = t("explorer.depth.best_trace", lang, name=act.display, slope=f"{act.max_slope:.3g}")
        fig.add_trace(go.Scatter(x=chain.layers, y=best, mode="lines", name=best_name, hovertemplate="%{y:.3e}",
                                 line={"color": color, "dash": "dash", "width": 2}))
        fig.add_trace(go.Scatter(x=chain.layers, y=sampled, mode="lines+markers",
                                 line={"color": color, "width": 3}, marker={"size": 6},
                                 name=t("explorer.depth.sampled_trace", lang, name=act.display),
                                 hovertemplate="%{y:.3e}"))
    fig.update_yaxes(type="log", exponentformat="power", title_text=t("explorer.depth.yaxis", lang))
    fig.update_xaxes(title_text=t("explorer.depth.xaxis", lang), rangemode="tozero")
    _style(fig, t("explorer.depth.title", lang), height=500)
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1})
    return fig


def neuron_figure(runs: dict, upto: int, lang: str = "en", use_bias: bool = True) -> go.Figure:
    """Error, w and b over steps 0..``upto`` for both update rules."""
    cols = 3 if use_bias else 2
    titles = [t("neuron.chart.error", lang), t("neuron.chart.w", lang), t("neuron.chart.b", lang)][:cols]
    fig = make_subplots(rows=1, cols=cols, subplot_titles=titles, horizontal_spacing=0.1)
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
    fig.update_annotations(font_size=18)
    _style(fig, t("neuron.chart.title", lang, step=upto), height=440)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return fig


def softmax_figure(steps: dict, labels: list[str], lang: str = "en") -> go.Figure:
    """Probabilities as bars, each labelled with its value."""
    probs = steps["probs"]
    fig = go.Figure(go.Bar(x=labels, y=probs, text=[f"{p:.4f}" for p in probs], textposition="outside",
                           marker_color=COLORS[: len(labels)] if len(labels) <= len(COLORS) else COLORS[0],
                           textfont={"size": 18}, hovertemplate="%{x}: %{y:.4f}<extra></extra>"))
    fig.update_yaxes(range=[0, 1.15], title_text=t("softmax.chart.yaxis", lang))
    fig.update_xaxes(title_text=t("softmax.chart.xaxis", lang))
    _style(fig, t("softmax.chart.title", lang), height=400)
    fig.update_layout(hovermode="closest", showlegend=False)
    return fig


_NODES = {"x1": (0.0, 1.0), "x2": (0.0, 0.0), "h1": (1.0, 1.0), "h2": (1.0, 0.0), "o": (2.0, 0.5)}
_EDGES = {"w1": ("x1", "h1"), "w2": ("x2", "h1"), "w3": ("x1", "h2"), "w4": ("x2", "h2"),
          "w5": ("h1", "o"), "w6": ("h2", "o")}
# Where along an edge its label sits (0 = start, 1 = end): spread apart so crossing edges stay readable.
_LABEL_AT = {"w1": 0.5, "w2": 0.25, "w3": 0.25, "w4": 0.5, "w5": 0.5, "w6": 0.5}


def network_figure(params: dict, result: dict, lang: str = "en") -> go.Figure:
    """The 2-2-1 network: node values from the forward pass, each edge labelled w = value (∂L/∂w)."""
    fwd, grads = result["forward"], result["grads"]
    fig = go.Figure()
    for key, (a, b) in _EDGES.items():
        (x0, y0), (x1, y1) = _NODES[a], _NODES[b]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": "#8aa", "width": 2 + 6 * min(abs(params[key]), 1.0)}))
        s = _LABEL_AT[key]
        fig.add_annotation(x=x0 + s * (x1 - x0), y=y0 + s * (y1 - y0), showarrow=False,
                           text=f"<b>{key[0]}<sub>{key[1]}</sub> = {params[key]:.4f}</b>"
                                f"<br>∂L/∂{key} = {grads[key]:.2e}",
                           font={"size": 16}, bgcolor="rgba(255,255,255,0.92)", bordercolor="#8aa")
    node_text = {
        "x1": f"x<sub>1</sub><br>{fwd['x1']:.4g}", "x2": f"x<sub>2</sub><br>{fwd['x2']:.4g}",
        "h1": f"h<sub>1</sub><br>{fwd['h1']:.4f}", "h2": f"h<sub>2</sub><br>{fwd['h2']:.4f}",
        "o": f"o<br>{fwd['o']:.4f}",
    }
    colors = {"x": "#c6dbef", "h": "#fdd0a2", "o": "#c7e9c0"}
    fig.add_trace(go.Scatter(
        x=[_NODES[k][0] for k in _NODES], y=[_NODES[k][1] for k in _NODES], mode="markers+text",
        text=[node_text[k] for k in _NODES], textfont={"size": 18}, showlegend=False, hoverinfo="skip",
        marker={"size": 86, "color": [colors[k[0]] for k in _NODES], "line": {"color": "#333", "width": 2}}))
    for key, node in (("b1", "h1"), ("b2", "h2"), ("b3", "o")):
        x, y = _NODES[node]
        fig.add_annotation(x=x, y=y + 0.32, showarrow=False, font={"size": 15},
                           text=f"{key} = {params[key]:.4f}<br>∂L/∂{key} = {grads[key]:.2e}")
    fig.add_annotation(x=2.0, y=0.1, showarrow=False, font={"size": 16},
                       text=t("softmax.net.loss_label", lang, y=f"{fwd['y']:.4g}", loss=f"{fwd['loss']:.6f}"))
    fig.update_xaxes(visible=False, range=[-0.3, 2.35])
    fig.update_yaxes(visible=False, range=[-0.35, 1.5])
    _style(fig, t("softmax.net.title", lang), height=520)
    fig.update_layout(hovermode=False)
    return fig
