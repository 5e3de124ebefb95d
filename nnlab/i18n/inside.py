"""UI text of the "Inside the network" section of the Train page: neuron maps and the
network diagram (keys ``inside.*``), English and Korean."""

TEXT = {
    "inside.heading": {"en": "Inside the network", "ko": "신경망 속 보기"},
    # -- Compare: one compared run's maps, diagram and histograms (nnlab.ui.look_inside) ---------
    "inside.compare.heading": {"en": "Look inside one run", "ko": "실행 하나의 속 들여다보기"},
    "inside.compare.run": {"en": "Run shown", "ko": "보여 줄 실행"},
    "inside.compare.run_help": {
        "en": "Which compared run to look inside: its neuron maps, network diagram and distributions over time at "
              "the epoch the charts above show. The choice is part of the link.",
        "ko": "속을 들여다볼 실행을 고릅니다: 그 실행의 뉴런 지도, 신경망 구조도, 시간에 따른 분포를 위 차트와 같은 "
              "에포크에서 보여 줍니다. 이 선택도 링크에 담깁니다.",
    },
    "inside.caption": {
        "en": "Every hidden unit's output over the input plane (the neuron maps) and the whole network with its "
              "weights (the diagram), at the epoch the charts above show. A dead ReLU unit is zero everywhere; a "
              "saturated sigmoid or tanh unit is stuck at a limit; units that start from the same weights stay "
              "copies of each other.",
        "ko": "숨은 뉴런마다 입력 평면 위에서의 출력(뉴런 지도)과 가중치를 포함한 신경망 전체(구조도)를 위 차트와 같은 "
              "에포크에서 보여 줍니다. 죽은 ReLU 뉴런은 어디서나 0이고, 포화된 sigmoid·tanh 뉴런은 한계값에 붙어 "
              "있으며, 같은 가중치에서 출발한 뉴런들은 계속 서로의 복사본으로 남습니다.",
    },
    # -- neuron maps -----------------------------------------------------------------------------
    "inside.maps.title": {"en": "Neuron maps at epoch {epoch}", "ko": "뉴런 지도 (에포크 {epoch})"},
    "inside.maps.subtitle": {
        "en": "One tile per unit: its output over the input plane (x1 across, x2 up). White = 0, blue = positive, "
              "orange = negative; one colour scale per layer.",
        "ko": "뉴런 하나에 타일 하나: 입력 평면(가로 x1, 세로 x2) 위의 출력입니다. 흰색은 0, 파랑은 양수, "
              "주황은 음수이며 층마다 색 범위가 하나입니다.",
    },
    "inside.maps.row": {"en": "{layer} · {activation} · range {lo} to {hi}",
                        "ko": "{layer} · {activation} · 범위 {lo} ~ {hi}"},
    "inside.maps.row_more": {"en": "{layer} · {activation} · range {lo} to {hi} · {shown} of {total} units",
                             "ko": "{layer} · {activation} · 범위 {lo} ~ {hi} · 뉴런 {total}개 중 {shown}개"},
    # a phone's four tiles are narrower than the labels above: the same facts, shorter
    "inside.maps.row_short": {"en": "{layer} · {activation} · {lo} to {hi}", "ko": "{layer} · {activation} · {lo} ~ {hi}"},
    "inside.maps.row_short_more": {"en": "{layer} · {activation} · {lo} to {hi} · {shown}/{total}",
                                   "ko": "{layer} · {activation} · {lo} ~ {hi} · {shown}/{total}"},
    "inside.maps.hover": {"en": "{layer} unit {unit}", "ko": "{layer} 뉴런 {unit}"},
    "inside.maps.none": {
        "en": "Neuron maps need a data set with two inputs (spiral, moons, circles, XOR, …).",
        "ko": "뉴런 지도는 입력이 두 개인 데이터(나선, 반달, 원, XOR 등)에서만 그릴 수 있습니다.",
    },
    "inside.maps.pick": {"en": "Units shown", "ko": "보여 줄 뉴런"},
    "inside.maps.pick_help": {
        "en": "The first units of every layer, or every unit of one layer (up to 32 are recorded per layer).",
        "ko": "모든 층의 앞쪽 뉴런들, 또는 한 층의 모든 뉴런(층마다 32개까지 기록됩니다).",
    },
    "inside.maps.first": {"en": "First {n} units of every layer", "ko": "층마다 앞쪽 뉴런 {n}개"},
    "inside.maps.all_of": {"en": "All units of {layer}", "ko": "{layer}의 모든 뉴런"},
    "inside.maps.layers_cut": {"en": "The first {shown} of {total} hidden layers are shown.",
                               "ko": "숨은 층 {total}개 중 앞쪽 {shown}개를 보여 줍니다."},
    "inside.flag.dead": {"en": "dead", "ko": "죽음"},
    "inside.flag.saturated": {"en": "saturated", "ko": "포화"},
    "inside.flag.flat": {"en": "flat", "ko": "평평함"},
    # -- the diagram -----------------------------------------------------------------------------
    "inside.diagram.title": {"en": "The network at epoch {epoch}", "ko": "신경망 (에포크 {epoch})"},
    "inside.diagram.subtitle": {
        "en": "Edges: blue w > 0, orange w < 0, wider for larger |w|. Nodes: filled by {fill}.",
        "ko": "연결선: 파랑은 w > 0, 주황은 w < 0, |w|가 클수록 굵게. 노드 색: {fill}.",
    },
    "inside.diagram.layers_title": {"en": "The network layer by layer at epoch {epoch}",
                                    "ko": "층별로 본 신경망 (에포크 {epoch})"},
    "inside.diagram.layers_subtitle": {
        "en": "Too many units to draw one by one: one box per layer, coloured by its gradient norm.",
        "ko": "뉴런이 너무 많아 하나씩 그릴 수 없어, 층마다 상자 하나로 그리고 기울기 크기로 색칠했습니다.",
    },
    "inside.diagram.fill": {"en": "Fill the nodes with", "ko": "노드 색으로 보여 줄 값"},
    "inside.diagram.fill_help": {
        "en": "Mean activation: each unit's mean output on validation samples. Gradient: the size of the loss "
              "gradient of the unit's incoming weights on those samples.",
        "ko": "평균 활성값: 검증 샘플에서 뉴런마다 낸 출력의 평균. 기울기: 그 샘플에서 뉴런으로 들어오는 가중치에 대한 "
              "손실 기울기의 크기.",
    },
    "inside.fill.activation": {"en": "mean activation", "ko": "평균 활성값"},
    "inside.fill.gradient": {"en": "gradient", "ko": "기울기"},
    "inside.diagram.colorbar.activation": {"en": "mean output", "ko": "평균 출력"},
    "inside.diagram.colorbar.gradient": {"en": "‖∂L/∂w‖ per unit", "ko": "뉴런별 ‖∂L/∂w‖"},
    "inside.diagram.positive": {"en": "w > 0, |w| {lo} to {hi}", "ko": "w > 0, |w| {lo} ~ {hi}"},
    "inside.diagram.negative": {"en": "w < 0, |w| {lo} to {hi}", "ko": "w < 0, |w| {lo} ~ {hi}"},
    "inside.diagram.flagged": {"en": "dead or saturated unit", "ko": "죽었거나 포화된 뉴런"},
    "inside.diagram.input": {"en": "input", "ko": "입력"},
    "inside.diagram.x": {"en": "layer (input → output)", "ko": "층 (입력 → 출력)"},
    "inside.diagram.hover_unit": {"en": "{layer} unit {unit}<br>mean output {mean}<br>gradient {grad}",
                                  "ko": "{layer} 뉴런 {unit}<br>평균 출력 {mean}<br>기울기 {grad}"},
    "inside.diagram.hover_input": {"en": "input {name}", "ko": "입력 {name}"},
    "inside.diagram.hover_edge": {"en": "{src} → {dst}: w = {w}", "ko": "{src} → {dst}: w = {w}"},
    "inside.diagram.box": {"en": "{width} units<br>{activation}", "ko": "뉴런 {width}개<br>{activation}"},
    "inside.diagram.box_hover": {
        "en": "{layer}: {width} units, {activation}<br>gradient norm {grad}<br>dead {dead}, saturated {sat}",
        "ko": "{layer}: 뉴런 {width}개, {activation}<br>기울기 크기 {grad}<br>죽음 {dead}, 포화 {sat}",
    },
    "inside.diagram.box_stats": {"en": "dead {dead}<br>sat. {sat}", "ko": "죽음 {dead}<br>포화 {sat}"},
    "inside.diagram.grad_colorbar": {"en": "gradient norm ‖∂L/∂W‖", "ko": "기울기 크기 ‖∂L/∂W‖"},
    "inside.unreadable": {"en": "This run's record holds no readable neuron maps or diagram.",
                          "ko": "이 학습 기록에는 읽을 수 있는 뉴런 지도나 구조도가 없습니다."},
}
