"""NN Lab's Plotly figures: pure functions, no Streamlit.

- ``nnlab.charts.base``: the one style (fonts, legends, log axes), the colours, the decision
  boundary's colour scale and the small helpers every builder shares (downsampling, axes).
- ``nnlab.charts.run``: one training run (the Train page and its results).
- ``nnlab.charts.comparison``: several runs overlaid (the Compare page).
- ``nnlab.charts.teaching``: the explorer, single-neuron and softmax pages.

Run and comparison builders read snapshots only through ``nnlab.snapshot``.
"""
