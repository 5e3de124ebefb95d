"""UI text of the histograms over time (keys ``hist.*``): the Train page's section and its chart."""

TEXT = {
    "hist.heading": {"en": "Distributions over time", "ko": "시간에 따른 분포"},
    "hist.caption": {
        "en": "How the values inside one layer spread out as training goes on, as TensorBoard's histograms show "
              "them: one curve per epoch, earlier epochs higher up, the one shown now outlined in orange. Counted "
              "on the same {rows} training samples every time, in bins fixed at the start; values that leave the "
              "start's range pile up in the edge bins. Gradients are drawn by size on a log scale: the layers' "
              "gradients differ by orders of magnitude.",
        "ko": "학습이 진행되면서 한 층 안의 값들이 어떻게 퍼지는지를 텐서보드의 히스토그램처럼 보여 줍니다. 에포크마다 "
              "곡선 하나를 그리며, 이전 에포크일수록 위에 있고 지금 보이는 에포크는 주황색 테두리로 표시됩니다. 매번 같은 "
              "학습 샘플 {rows}개로, 시작할 때 정한 구간에 세어 넣습니다. 처음 범위를 벗어난 값은 양 끝 구간에 쌓입니다. "
              "기울기는 크기를 로그 눈금으로 그립니다: 층마다 기울기의 크기가 몇 자릿수씩 다르기 때문입니다.",
    },
    "hist.layer": {"en": "Layer", "ko": "층"},
    "hist.kind": {"en": "Values", "ko": "값"},
    "hist.kind.weights": {"en": "Weights", "ko": "가중치"},
    "hist.kind.pre": {"en": "Pre-activation z", "ko": "활성화 전 값 z"},
    "hist.kind.post": {"en": "Activation f(z)", "ko": "활성화 값 f(z)"},
    "hist.kind.grad": {"en": "Weight gradient", "ko": "가중치 기울기"},
    "hist.title": {"en": "{layer}: {kind} over epochs", "ko": "{layer}: 에포크에 따른 {kind}"},
    "hist.x.weights": {"en": "Weight value", "ko": "가중치 값"},
    "hist.x.pre": {"en": "z = x·W + b", "ko": "z = x·W + b"},
    "hist.x.post": {"en": "Activation value f(z)", "ko": "활성화 값 f(z)"},
    "hist.x.grad": {"en": "|Gradient| of the loss per weight (log scale)",
                    "ko": "가중치별 손실의 |기울기| (로그 눈금)"},
    "hist.y": {"en": "Epoch (later ↓)", "ko": "에포크 (아래로 갈수록 나중)"},
    "hist.legend.epoch": {"en": "Epoch {epoch}", "ko": "에포크 {epoch}"},
    "hist.hover": {"en": "Epoch {epoch}, %{{x:.3g}}: %{{customdata:.1f}}% of the values",
                   "ko": "에포크 {epoch}, %{{x:.3g}}: 값의 %{{customdata:.1f}}%"},
    "hist.sub.values": {"en": "Height: share of the {n} values in each bin",
                        "ko": "높이: 각 구간에 든 값 {n}개 중 비율"},
    "hist.sub.below": {"en": "Height: share per bin · {share} of the gradients below {bottom} at epoch {epoch} (not drawn)",
                       "ko": "높이: 구간별 비율 · 에포크 {epoch}에서 기울기의 {share}가 {bottom}보다 작음 (그리지 않음)"},
    "hist.none": {"en": "This run has no histograms (it was recorded without them).",
                  "ko": "이 실행에는 분포 기록이 없습니다(기록 없이 학습된 실행입니다)."},
}
