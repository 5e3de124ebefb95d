"""UI text of the activation explorer page (keys ``explorer.*``), English and Korean."""

TEXT = {
    "explorer.title": {"en": "Activation explorer", "ko": "활성화 함수 탐색"},
    "explorer.intro": {
        "en": "Pick activation functions and compare their shape f(x) and their slope f′(x). "
              "The slope is what backpropagation multiplies layer after layer.",
        "ko": "활성화 함수를 골라 모양 f(x)와 기울기 f′(x)를 비교해 보세요. "
              "역전파는 층을 지날 때마다 이 기울기(미분값)를 곱합니다.",
    },
    "explorer.choose": {"en": "Activation functions", "ko": "활성화 함수"},
    "explorer.none": {"en": "Choose at least one activation function.",
                      "ko": "활성화 함수를 하나 이상 고르세요."},
    "explorer.xrange": {"en": "x range", "ko": "x 범위"},
    "explorer.chart.title": {"en": "Activation f(x) and its derivative f′(x)",
                             "ko": "활성화 함수 f(x)와 도함수 f′(x)"},
    "explorer.chart.f": {"en": "f(x): the output", "ko": "f(x): 출력"},
    "explorer.chart.df": {"en": "f′(x): the slope (gradient factor)", "ko": "f′(x): 기울기(미분값)"},
    "explorer.props.title": {"en": "Properties", "ko": "성질"},
    "explorer.props.caption": {
        "en": "max |f′| is the largest slope anywhere; f′(0) is the slope at 0 (left / right at a kink). "
              "Cost: time to evaluate the NumPy function on 1,000,000 numbers, relative to ReLU, "
              "measured on this machine.",
        "ko": "max |f′|는 가장 큰 기울기, f′(0)은 0에서의 기울기입니다(꺾이는 점에서는 왼쪽 / 오른쪽). "
              "비용: 이 컴퓨터에서 NumPy 함수로 숫자 1,000,000개를 계산하는 데 걸린 시간(ReLU 대비)입니다.",
    },
    "explorer.col.name": {"en": "Activation", "ko": "활성화 함수"},
    "explorer.col.range": {"en": "Output range", "ko": "출력 범위"},
    "explorer.col.zero_centred": {"en": "Zero-centred", "ko": "0 중심"},
    "explorer.col.monotonic": {"en": "Monotonic", "ko": "단조 증가"},
    "explorer.col.saturating": {"en": "Saturating", "ko": "포화"},
    "explorer.col.max_slope": {"en": "max |f′|", "ko": "max |f′|"},
    "explorer.col.slope0": {"en": "f′(0)", "ko": "f′(0)"},
    "explorer.col.smooth": {"en": "Smooth", "ko": "매끄러움"},
    "explorer.col.cost": {"en": "Cost (× ReLU)", "ko": "비용 (ReLU 대비)"},
    "explorer.yes": {"en": "yes", "ko": "예"},
    "explorer.no": {"en": "no", "ko": "아니오"},
    "explorer.kink": {"en": "{left} / {right} (kink)", "ko": "{left} / {right} (꺾임)"},
    "explorer.formulas.title": {"en": "Formulas", "ko": "수식"},
    "explorer.depth.heading": {"en": "Through depth: the product of derivatives",
                               "ko": "깊이를 지나며: 미분값의 곱"},
    "explorer.depth.intro": {
        "en": "Backpropagation multiplies one f′ per layer (chain rule). Dashed lines: the best case "
              "(max |f′|)^L, every unit at its steepest point. Solid lines: a random input pushed forward "
              "through L random layers drawn with the chosen initializer, then a gradient of length 1 "
              "pushed back; its length after each layer. Nothing is trained.",
        "ko": "역전파는 층마다 f′을 하나씩 곱합니다(연쇄 법칙). 점선: 모든 뉴런이 가장 가파른 곳에 있을 때의 "
              "최선의 경우 (max |f′|)^L. 실선: 무작위 입력을 선택한 초기화로 뽑은 L개의 무작위 층에 통과시킨 뒤, "
              "길이 1인 기울기를 거꾸로 보냈을 때 층마다의 기울기 크기입니다. 학습은 하지 않습니다.",
    },
    "explorer.depth.layers": {"en": "Layers L", "ko": "층 수 L"},
    "explorer.depth.init": {"en": "Weight initializer", "ko": "가중치 초기화"},
    "explorer.depth.width": {"en": "Units per layer", "ko": "층당 뉴런 수"},
    "explorer.depth.seed": {"en": "Seed", "ko": "시드"},
    "explorer.depth.best_metric": {"en": "{name}: ({slope})^{depth}", "ko": "{name}: ({slope})^{depth}"},
    "explorer.depth.best_help": {
        "en": "The best case: the largest slope multiplied once per layer.",
        "ko": "최선의 경우: 가장 큰 기울기를 층마다 한 번씩 곱한 값입니다.",
    },
    "explorer.depth.title": {"en": "Gradient size after passing back through k layers (log scale)",
                             "ko": "k개 층을 거꾸로 지난 뒤의 기울기 크기 (로그 축)"},
    "explorer.depth.xaxis": {"en": "layers passed back from the output, k", "ko": "출력에서부터 거꾸로 지난 층 수 k"},
    "explorer.depth.yaxis": {"en": "gradient size (log scale, output = 1)", "ko": "기울기 크기 (로그 축, 출력 = 1)"},
    "explorer.depth.best_trace": {"en": "{name}: best case ({slope})^k", "ko": "{name}: 최선의 경우 ({slope})^k"},
    "explorer.depth.sampled_trace": {"en": "{name}: sampled ‖gradient‖", "ko": "{name}: 샘플 ‖기울기‖"},
    "explorer.depth.legend": {"en": "solid: sampled network · dashed: best case (max |f′|)^k",
                              "ko": "실선: 샘플 신경망 · 점선: 최선의 경우 (max |f′|)^k"},
    "explorer.depth.col.best": {"en": "best case (max |f′|)^L", "ko": "최선의 경우 (max |f′|)^L"},
    "explorer.depth.col.sampled": {"en": "sampled ‖gradient‖ at the input", "ko": "입력층에서의 샘플 ‖기울기‖"},
    "explorer.depth.col.mean_slope": {"en": "product of mean |f′| (weights left out)",
                                      "ko": "평균 |f′|의 곱 (가중치 제외)"},
    "explorer.depth.caption": {
        "en": "A line that stops has reached exactly 0 (e.g. zero initialization, or every ReLU dead). "
              "The sampled gradient also includes the weights: a good initializer (Xavier for sigmoid/tanh, "
              "He for ReLU) keeps it near 1, a bad one lets it vanish or explode.",
        "ko": "선이 끊기면 기울기가 정확히 0이 된 것입니다(예: 0으로 초기화, 모든 ReLU가 죽음). "
              "샘플 기울기에는 가중치도 곱해집니다. 좋은 초기화(sigmoid/tanh에는 Xavier, ReLU에는 He)는 "
              "1 근처를 유지하고, 나쁜 초기화는 기울기를 사라지게(기울기 소실) 하거나 폭발하게 합니다.",
    },
    "explorer.why.title": {"en": "Why it matters", "ko": "왜 중요한가"},
    "explorer.why.sigmoid.title": {"en": "Sigmoid's 0.25 ceiling", "ko": "sigmoid의 0.25 한계"},
    "explorer.why.sigmoid": {
        "en": "The sigmoid's slope is at most 0.25 (at x = 0) and nearly 0 for large |x|. Ten sigmoid layers "
              "multiply the gradient by at most 0.25^10 ≈ 1e-6: the first layers barely learn (vanishing gradient). "
              "Its output is also not zero-centred (mean 0.5), which makes updates zig-zag.",
        "ko": "sigmoid의 기울기는 최대 0.25(x = 0에서)이고 |x|가 크면 거의 0입니다. sigmoid 층 10개를 지나면 "
              "기울기는 많아야 0.25^10 ≈ 1e-6배가 되어 앞쪽 층은 거의 학습되지 않습니다(기울기 소실). "
              "출력의 평균도 0.5라 0을 중심으로 하지 않아서 학습이 지그재그로 느려집니다.",
    },
    "explorer.why.relu.title": {"en": "ReLU's dead side", "ko": "ReLU의 죽은 쪽"},
    "explorer.why.relu": {
        "en": "ReLU has slope exactly 1 for positive inputs, so the gradient survives any depth, and it is the "
              "cheapest to compute. But its slope is 0 for negative inputs: a unit whose input stays negative "
              "gets no gradient and never recovers (a dead ReLU).",
        "ko": "ReLU는 양수 입력에서 기울기가 정확히 1이라 깊어져도 기울기가 살아 있고, 계산도 가장 빠릅니다. "
              "하지만 음수 입력에서는 기울기가 0이라, 입력이 계속 음수인 뉴런은 기울기를 받지 못해 "
              "다시 살아나지 못합니다(죽은 ReLU).",
    },
    "explorer.why.fixes.title": {"en": "Leaky ReLU and ELU", "ko": "Leaky ReLU와 ELU"},
    "explorer.why.fixes": {
        "en": "Leaky ReLU keeps a small slope (0.01) on the negative side, and ELU a smooth curve down to −1, "
              "so a unit with negative input still receives some gradient. ELU's outputs are also closer to "
              "zero-centred.",
        "ko": "Leaky ReLU는 음수 쪽에 작은 기울기(0.01)를 남기고, ELU는 -1까지 부드럽게 내려가는 곡선을 써서 "
              "입력이 음수인 뉴런도 기울기를 조금은 받습니다. ELU의 출력은 평균도 0에 더 가깝습니다.",
    },
    "explorer.why.smooth.title": {"en": "Swish and GELU", "ko": "swish와 GELU"},
    "explorer.why.smooth": {
        "en": "Swish and GELU look like ReLU but are smooth everywhere (no kink at 0) and dip slightly below "
              "zero; their slope can exceed 1 a little. Modern networks (Transformers) use them. They cost "
              "more to compute than ReLU (see the Cost column).",
        "ko": "swish와 GELU는 ReLU와 비슷하지만 모든 곳에서 미분 가능하고(0에서 꺾이지 않음) 0 아래로 살짝 "
              "내려갑니다. 기울기는 1을 조금 넘기도 합니다. 최근 신경망(트랜스포머)에서 많이 씁니다. "
              "대신 ReLU보다 계산 비용이 큽니다(비용 열 참고).",
    },
}
