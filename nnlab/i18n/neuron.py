"""UI text of the single-neuron lab page (keys ``neuron.*``), English and Korean."""

TEXT = {
    "neuron.title": {"en": "Single neuron", "ko": "뉴런 하나"},
    "neuron.intro": {
        "en": "One neuron, y = f(w·x + b), learns to turn one input x into one target y (the TensorFlow basics "
              "lecture). Two update rules run side by side from the same initial weight: the lecture's hand rule "
              "(no derivative) and true gradient descent (derivative included).",
        "ko": "뉴런 하나 y = f(w·x + b)가 입력 x 하나를 목표값 y 하나로 바꾸도록 학습합니다(텐서플로우 기초 강의). "
              "같은 초기 가중치에서 두 가지 업데이트 규칙을 나란히 실행합니다: 강의의 간단한 규칙(미분 없음)과 "
              "진짜 경사하강법(미분 포함).",
    },
    "neuron.preset": {"en": "Example", "ko": "예제"},
    "neuron.preset.lecture_sigmoid": {"en": "Lecture: sigmoid neuron, input 1 → target 0",
                                      "ko": "강의: sigmoid 뉴런, 입력 1 → 목표 0"},
    "neuron.preset.lecture_no_bias": {"en": "Lecture: input 0 → target 1, no bias (cannot learn)",
                                      "ko": "강의: 입력 0 → 목표 1, 편향 없음 (학습 불가)"},
    "neuron.preset.lecture_bias": {"en": "Lecture: input 0 → target 1, with bias (learns)",
                                   "ko": "강의: 입력 0 → 목표 1, 편향 있음 (학습됨)"},
    "neuron.preset.relu_stall": {"en": "ReLU neuron that starts dead, input 1 → target 1",
                                 "ko": "죽은 상태로 시작하는 ReLU 뉴런, 입력 1 → 목표 1"},
    "neuron.activation": {"en": "Activation function", "ko": "활성함수"},
    "neuron.bias": {"en": "Use a bias b", "ko": "편향 b 사용"},
    "neuron.x": {"en": "Input x", "ko": "입력 x"},
    "neuron.target": {"en": "Target y", "ko": "목표값 y"},
    "neuron.dist": {"en": "Initial weight drawn from", "ko": "초기 가중치 분포"},
    "neuron.dist.normal": {"en": "normal N(0, 1)", "ko": "정규분포 N(0, 1)"},
    "neuron.dist.uniform": {"en": "uniform U(0, 1)", "ko": "균등분포 U(0, 1)"},
    "neuron.seed": {"en": "Seed", "ko": "시드"},
    "neuron.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "neuron.steps": {"en": "Steps", "ko": "학습 횟수"},
    "neuron.init_caption": {"en": "Initial weight w₀ = {w0}, initial bias b₀ = {b0}.",
                            "ko": "초기 가중치 w₀ = {w0}, 초기 편향 b₀ = {b0}."},
    "neuron.rule.hand": {"en": "Hand rule", "ko": "간단한 규칙"},
    "neuron.rule.hand.help": {"en": "the lecture's update: weight += input × learning rate × error, no derivative.",
                              "ko": "강의의 업데이트: 가중치 += 입력 × 학습률 × 오차 (미분 없이)."},
    "neuron.rule.gradient": {"en": "Gradient descent", "ko": "경사하강법"},
    "neuron.rule.gradient.help": {
        "en": "the true gradient of the loss ½(y − ŷ)²: the same update multiplied by the slope f′(z).",
        "ko": "손실 ½(y − ŷ)²의 실제 기울기: 같은 업데이트에 활성함수의 미분값 f′(z)를 곱합니다.",
    },
    "neuron.btn.reset": {"en": "Reset", "ko": "처음으로"},
    "neuron.btn.step": {"en": "Step", "ko": "한 단계"},
    "neuron.btn.step10": {"en": "10 steps", "ko": "10단계"},
    "neuron.btn.play": {"en": "Play", "ko": "재생"},
    "neuron.btn.pause": {"en": "Pause", "ko": "일시정지"},
    "neuron.btn.all": {"en": "Show all", "ko": "전체 보기"},
    "neuron.at_step": {"en": "Step {step} of {steps}", "ko": "{steps}단계 중 {step}단계"},
    "neuron.m.loss": {"en": "Loss ({rule})", "ko": "손실 ({rule})"},
    "neuron.m.loss.help": {"en": "½(y − ŷ)²; the delta is the change since step 0.",
                           "ko": "½(y − ŷ)²; 아래 변화량은 0단계 대비입니다."},
    "neuron.m.output": {"en": "Output ŷ", "ko": "출력 ŷ"},
    "neuron.chart.title": {"en": "Training of one neuron, steps 0–{step}", "ko": "뉴런 하나의 학습, 0–{step}단계"},
    "neuron.chart.error": {"en": "Error y − ŷ", "ko": "오차 y − ŷ"},
    "neuron.chart.error_axis": {"en": "error (target − output)", "ko": "오차 (목표 − 출력)"},
    "neuron.chart.w": {"en": "Weight w", "ko": "가중치 w"},
    "neuron.chart.b": {"en": "Bias b", "ko": "편향 b"},
    "neuron.chart.step": {"en": "step", "ko": "단계"},
    "neuron.obs.title": {"en": "What this run shows", "ko": "이 실행에서 볼 수 있는 것"},
    "neuron.diag.no_input": {
        "en": "With x = 0, w·x is always 0: the output is stuck at f(0) = {f0} whatever w is, and both rules "
              "multiply their update by x = 0. Only a bias can move the output — tick \"Use a bias b\".",
        "ko": "x = 0이면 w·x는 항상 0이라 w가 무엇이든 출력은 f(0) = {f0}에 멈춰 있고, 두 규칙 모두 업데이트에 "
              "x = 0을 곱합니다. 출력을 움직일 수 있는 것은 편향뿐입니다 — \"편향 b 사용\"을 켜 보세요.",
    },
    "neuron.diag.fit": {"en": "{rule}: |error| < 0.01 from step {step} on.",
                        "ko": "{rule}: {step}단계부터 |오차| < 0.01."},
    "neuron.diag.stuck": {"en": "{rule}: never moves — the error stays {error}. {reason}",
                          "ko": "{rule}: 전혀 움직이지 않습니다 — 오차가 {error}에 머뭅니다. {reason}"},
    "neuron.diag.dead": {
        "en": "The slope f′(z) is 0 where the neuron starts (a dead ReLU), so the true gradient is 0. "
              "The hand rule has no f′ in it and still moves.",
        "ko": "시작 지점에서 기울기 f′(z)가 0이라(죽은 ReLU) 실제 기울기도 0입니다. "
              "간단한 규칙에는 f′이 없어서 여전히 움직입니다.",
    },
    "neuron.diag.zero_x": {"en": "Every update is multiplied by x = 0.", "ko": "모든 업데이트에 x = 0이 곱해집니다."},
    "neuron.diag.slow": {"en": "{rule}: still learning — error {error} after {steps} steps.",
                         "ko": "{rule}: 아직 학습 중 — {steps}단계 후 오차 {error}."},
    "neuron.obs.lecture": {
        "en": "- **Sigmoid** converges smoothly: the error shrinks a little every step.\n"
              "- **ReLU** can stall: where z < 0 its slope is 0, so gradient descent cannot move it.\n"
              "- **Bias**: with input 0 and no bias the output is fixed at f(0); a bias (an input that is always 1) "
              "fixes it.\n"
              "- The hand rule is gradient descent with f′(z) left out; it is not the true gradient of the loss.",
        "ko": "- **sigmoid**는 부드럽게 수렴합니다: 매 단계 오차가 조금씩 줄어듭니다.\n"
              "- **ReLU**는 멈출 수 있습니다: z < 0에서 기울기가 0이라 경사하강법이 움직이지 못합니다.\n"
              "- **편향**: 입력이 0이고 편향이 없으면 출력은 f(0)에 고정됩니다. 항상 1인 입력에 곱해지는 "
              "편향이 이를 해결합니다.\n"
              "- 간단한 규칙은 경사하강법에서 f′(z)를 뺀 것으로, 손실의 실제 기울기가 아닙니다.",
    },
}
