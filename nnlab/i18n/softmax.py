"""UI text of the softmax and backprop walkthrough page (keys ``softmax.*``), English and Korean."""

TEXT = {
    "softmax.title": {"en": "Softmax & backprop", "ko": "소프트맥스와 역전파"},
    "softmax.intro": {
        "en": "Two calculations every classifier does, worked out by hand: softmax turns scores into probabilities, "
              "and backpropagation finds how much each weight is to blame for the error.",
        "ko": "모든 분류 모델이 하는 두 가지 계산을 손으로 따라가 봅니다: 소프트맥스는 점수를 확률로 바꾸고, "
              "역전파는 각 가중치가 오차에 얼마나 책임이 있는지 계산합니다.",
    },
    "softmax.calc.title": {"en": "Softmax step by step", "ko": "소프트맥스 단계별 계산"},
    "softmax.logits": {"en": "Logits z (comma-separated)", "ko": "로짓 z (쉼표로 구분)"},
    "softmax.logits.help": {"en": "The raw scores of the last layer, one per class (1 to 12 numbers).",
                            "ko": "마지막 층의 점수, 클래스마다 하나씩 (1~12개)."},
    "softmax.logits.bad": {"en": "Enter 1 to 12 numbers separated by commas, e.g. 1, 2, 3.",
                           "ko": "쉼표로 구분한 숫자 1~12개를 입력하세요. 예: 1, 2, 3"},
    "softmax.col.class": {"en": "class", "ko": "클래스"},
    "softmax.col.shifted": {"en": "z − max z", "ko": "z − max z"},
    "softmax.col.exp": {"en": "exp(z − max z)", "ko": "exp(z − max z)"},
    "softmax.col.prob": {"en": "p = exp / sum", "ko": "p = exp / 합"},
    "softmax.col.hand": {"en": "by hand", "ko": "손 계산"},
    "softmax.col.predict": {"en": "model.predict", "ko": "모델의 예측"},
    "softmax.m.max": {"en": "max z (subtracted first)", "ko": "max z (먼저 뺌)"},
    "softmax.m.sum": {"en": "sum of exp", "ko": "exp의 합"},
    "softmax.probs_line": {"en": "**Probabilities:** {probs}", "ko": "**확률:** {probs}"},
    "softmax.calc.caption": {
        "en": "Subtracting the largest logit first does not change the result (it cancels in the fraction) "
              "but keeps exp from overflowing. The probabilities always add up to 1.",
        "ko": "가장 큰 로짓을 먼저 빼도 결과는 같습니다(분자와 분모에서 약분됨). 대신 exp가 너무 커지는 것을 "
              "막아 줍니다. 확률의 합은 항상 1입니다.",
    },
    "softmax.chart.title": {"en": "Softmax probabilities", "ko": "소프트맥스 확률"},
    "softmax.chart.xaxis": {"en": "class", "ko": "클래스"},
    "softmax.chart.yaxis": {"en": "probability", "ko": "확률"},
    "softmax.iris.title": {"en": "Logits from a trained iris model", "ko": "학습된 붓꽃 모델의 로짓"},
    "softmax.iris.intro": {
        "en": "As in the lecture: a Keras model with one Dense(3, softmax) layer on the 4 iris features. "
              "Train it (loads TensorFlow, takes a few seconds), then check that softmax(x·W + b) by hand equals "
              "the model's predict.",
        "ko": "강의처럼 붓꽃 특성 4개에 `Dense(3, softmax)` 층 하나인 Keras 모델입니다. 학습시킨 뒤(텐서플로우를 "
              "불러오므로 몇 초 걸림), 손으로 계산한 softmax(x·W + b)가 모델의 예측(`model.predict`)과 같은지 "
              "확인하세요.",
    },
    "softmax.iris.train": {"en": "Train the iris model (TensorFlow)", "ko": "붓꽃 모델 학습 (텐서플로우)"},
    "softmax.iris.training": {"en": "Loading TensorFlow and training…", "ko": "텐서플로우를 불러와 학습하는 중…"},
    "softmax.iris.done": {"en": "Trained 300 full-batch epochs with Adam, seed 0: training accuracy {acc}.",
                          "ko": "Adam으로 전체 배치 300 에포크 학습 (시드 0): 학습 정확도 {acc}."},
    "softmax.iris.row": {"en": "Iris sample (row)", "ko": "붓꽃 샘플 (행 번호)"},
    "softmax.iris.bias": {"en": "Weights W (rows: features, columns: classes). Bias b = {b}.",
                          "ko": "가중치 W (행: 특성, 열: 클래스). 편향 b = {b}."},
    "softmax.iris.match": {"en": "Largest difference from model.predict: {gap}.",
                           "ko": "모델의 예측(`model.predict`)과의 최대 차이: {gap}."},
    "softmax.iris.use": {"en": "Copy these logits into the calculator", "ko": "이 로짓을 계산기에 복사"},
    "softmax.net.heading": {"en": "Backpropagation in a 2-2-1 network", "ko": "2-2-1 신경망의 역전파"},
    "softmax.net.intro": {
        "en": "Two inputs, two sigmoid hidden units, one sigmoid output, loss L = ½(o − y)². The forward pass "
              "computes every value; the backward pass multiplies local derivatives along the path from L to "
              "each weight (chain rule); the update moves every weight against its gradient.",
        "ko": "입력 2개, sigmoid 은닉 뉴런 2개, sigmoid 출력 1개, 손실 L = ½(o − y)². 순전파로 모든 값을 계산하고, "
              "역전파는 L에서 각 가중치까지의 경로를 따라 국소 미분값을 곱합니다(연쇄 법칙). 업데이트는 각 "
              "가중치를 기울기의 반대 방향으로 옮깁니다.",
    },
    "softmax.net.edit": {"en": "Change inputs, target, learning rate and weights",
                         "ko": "입력, 목표값, 학습률, 가중치 바꾸기"},
    "softmax.net.step": {"en": "Apply one update", "ko": "업데이트 한 번 적용"},
    "softmax.net.reset": {"en": "Reset", "ko": "처음으로"},
    "softmax.net.updates": {"en": "Updates applied", "ko": "적용한 업데이트"},
    "softmax.net.loss_now": {"en": "Loss now", "ko": "현재 손실"},
    "softmax.net.loss_next": {"en": "Loss after this update", "ko": "이 업데이트 후 손실"},
    "softmax.net.title": {"en": "2-2-1 network: values (forward) and gradients ∂L/∂w (backward)",
                          "ko": "2-2-1 신경망: 값(순전파)과 기울기 ∂L/∂w(역전파)"},
    "softmax.net.loss_label": {"en": "target y = {y}<br>loss L = {loss}", "ko": "목표 y = {y}<br>손실 L = {loss}"},
    "softmax.net.forward": {"en": "1. Forward pass", "ko": "1. 순전파"},
    "softmax.net.local": {"en": "2. Local derivatives", "ko": "2. 국소 미분값"},
    "softmax.net.local_caption": {"en": "The sigmoid's derivative is σ(z)(1 − σ(z)), never more than 0.25.",
                                  "ko": "sigmoid의 미분은 σ(z)(1 − σ(z))이고, 0.25보다 크지 않습니다."},
    "softmax.net.backward": {"en": "3. Backward pass: chain rule for every parameter",
                             "ko": "3. 역전파: 모든 파라미터의 연쇄 법칙"},
    "softmax.net.update": {"en": "4. Update (gradient descent)", "ko": "4. 업데이트 (경사하강법)"},
    "softmax.col.param": {"en": "parameter", "ko": "파라미터"},
    "softmax.col.value": {"en": "value", "ko": "값"},
    "softmax.col.grad": {"en": "∂L/∂param", "ko": "∂L/∂파라미터"},
    "softmax.col.new": {"en": "new value", "ko": "새 값"},
    "softmax.net.caption": {
        "en": "The hidden-layer gradients are much smaller than the output layer's: each passes through one more "
              "sigmoid slope (≤ 0.25) and one more weight — the vanishing gradient in miniature.",
        "ko": "은닉층의 기울기는 출력층보다 훨씬 작습니다. sigmoid 기울기(≤ 0.25)와 가중치를 한 번 더 곱하기 "
              "때문입니다 — 작은 규모의 기울기 소실입니다.",
    },
}
