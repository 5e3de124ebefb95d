"""The label and the one help text of every RunConfig field (keys ``field.<name>`` and
``field.<name>.help``), English and Korean; the CLI's ``--help`` shows the English help, the
sidebar the user's language. Also the messages about a field's own pattern (``config.err.sha256``)
and a CSV file that is not the one a config names (``data.err.csv_changed``).

Adding a RunConfig field = its spec in ``nnlab/config.py`` + its two entries here.
"""

TEXT = {
    # -- data ---------------------------------------------------------------------------------
    "field.dataset": {"en": "Data set", "ko": "데이터셋"},
    "field.dataset.help": {
        "en": "Which data the network learns from. 2-D sets can be drawn as a plane with a decision boundary; "
              "tables and images cannot.",
        "ko": "신경망이 학습할 데이터입니다. 2차원 데이터는 결정 경계와 함께 평면에 그릴 수 있고, 표와 이미지 데이터는 "
              "그릴 수 없습니다.",
    },
    "field.noise": {"en": "Noise", "ko": "노이즈"},
    "field.noise.help": {
        "en": "Random jitter added to every point of a generated 2-D set: more noise makes the classes overlap, so "
              "even a perfect model makes mistakes.",
        "ko": "생성된 2차원 데이터의 점마다 더하는 무작위 흔들림입니다. 노이즈가 크면 클래스가 겹쳐 완벽한 모델도 틀리게 "
              "됩니다.",
    },
    "field.n_samples": {"en": "Number of points", "ko": "점 개수"},
    "field.n_samples.help": {
        "en": "How many points a generated 2-D set has. More points show the true shape better, but each epoch "
              "takes longer.",
        "ko": "생성된 2차원 데이터의 점 개수입니다. 많을수록 실제 모양이 잘 드러나지만 에포크마다 시간이 더 걸립니다.",
    },
    "field.test_fraction": {"en": "Test fraction", "ko": "테스트 비율"},
    "field.test_fraction.help": {
        "en": "Share of the data hidden from training and used only for the final test: it measures how well the "
              "network does on data it has never seen.",
        "ko": "학습에서 빼 두었다가 마지막 테스트에만 쓰는 데이터 비율입니다. 신경망이 처음 보는 데이터에서 얼마나 잘 "
              "하는지(일반화) 잽니다.",
    },
    "field.val_fraction": {"en": "Validation fraction", "ko": "검증 비율"},
    "field.val_fraction.help": {
        "en": "Share of the data (of all rows, taken after the test share) checked after every epoch without "
              "training on it, to watch for overfitting; 0 checks on the test share instead.",
        "ko": "매 에포크가 끝날 때마다 학습 없이 성능만 확인하는 데이터 비율입니다(전체 행 기준, 테스트용을 뺀 뒤). "
              "과적합을 지켜볼 수 있습니다. 0이면 테스트 데이터로 확인합니다.",
    },
    "field.scaling": {"en": "Feature scaling", "ko": "특성 스케일링"},
    "field.scaling.help": {
        "en": "Features on very different scales slow learning down. Scaling puts them on a similar scale: "
              "standard (mean 0, std 1), minmax (to [0, 1]) or none; it is fit on the training split only.",
        "ko": "특성들의 크기가 크게 다르면 학습이 느려집니다. 스케일링은 특성들을 비슷한 크기로 맞춥니다: 표준화(평균 0, "
              "표준편차 1), 최소–최대([0, 1]로) 또는 안 함. 학습 데이터로만 맞춥니다.",
    },
    "field.csv_path": {"en": "CSV file", "ko": "CSV 파일"},
    "field.csv_path.help": {
        "en": "Your own table for the csv data set: one row per example, numeric feature columns and one target "
              "column (on the command line, the file's path).",
        "ko": "csv 데이터셋으로 쓸 직접 만든 표입니다. 한 행이 예제 하나이고, 숫자 특성 열들과 목표 열 하나가 있어야 "
              "합니다(명령줄에서는 파일 경로).",
    },
    "field.target": {"en": "Target column", "ko": "목표 열"},
    "field.target.help": {
        "en": "The column the network should predict; every other column is an input feature. Empty: the column "
              "called label, else the last column.",
        "ko": "신경망이 예측할 열입니다. 나머지 열은 모두 입력 특성이 됩니다. 비워 두면 이름이 `label`인 열, 없으면 마지막 "
              "열입니다.",
    },
    "field.task": {"en": "Task", "ko": "문제 유형"},
    "field.task.help": {
        "en": "Classification predicts a category (softmax + cross-entropy); regression predicts a number (linear "
              "output + mean squared error); auto decides from the target column.",
        "ko": "분류는 범주를 예측하고(softmax + 교차 엔트로피), 회귀는 숫자를 예측합니다(선형 출력 + 평균제곱오차). "
              "'목표 열을 보고 결정'은 목표 열의 값을 보고 둘 중 하나를 고릅니다.",
    },
    "field.csv_sha256": {"en": "CSV file fingerprint (SHA-256)", "ko": "CSV 파일 지문"},
    "field.csv_sha256.help": {
        "en": "A fingerprint of the CSV file's content, filled in when the file is read, so a run record says "
              "exactly which data it was trained on; training again on a different file is refused. Empty: not "
              "checked.",
        "ko": "CSV 파일 내용의 지문으로, 파일을 읽을 때 채워집니다. 그래서 실행 기록에 어떤 데이터로 학습했는지 정확히 "
              "남고, 다른 파일로 다시 학습하려 하면 거절됩니다. 비워 두면 확인하지 않습니다.",
    },
    # -- network ------------------------------------------------------------------------------
    "field.depth": {"en": "Hidden layers (depth)", "ko": "은닉층 수 (깊이)"},
    "field.depth.help": {
        "en": "Number of hidden layers. Deeper nets can draw more complex boundaries, but the gradient must pass "
              "back through every layer. 0: no hidden layer, i.e. softmax regression (or linear regression).",
        "ko": "은닉층의 개수입니다. 깊을수록 복잡한 경계를 그릴 수 있지만, 기울기가 돌아올 때 모든 층을 거쳐야 합니다. "
              "0이면 은닉층이 없는 소프트맥스 회귀(또는 선형 회귀)입니다.",
    },
    "field.width": {"en": "Neurons per layer (width)", "ko": "층당 뉴런 수 (너비)"},
    "field.width.help": {
        "en": "Neurons in every hidden layer. Wider layers have more parameters: (n_in + 1) · n_out per layer.",
        "ko": "은닉층마다의 뉴런 수입니다. 넓을수록 파라미터가 많아집니다: 층마다 (n_in + 1) · n_out개.",
    },
    "field.activation": {"en": "Activation", "ko": "활성화 함수"},
    "field.activation.help": {
        "en": "The non-linear function every hidden neuron applies; its slope decides how much gradient flows back "
              "through the layer.",
        "ko": "은닉 뉴런마다 적용하는 비선형 함수입니다. 그 기울기가 층을 거꾸로 지나는 기울기의 크기를 정합니다.",
    },
    "field.layer_widths": {"en": "Layer widths (overrides depth and width)", "ko": "층별 너비 (깊이와 너비 대신)"},
    "field.layer_widths.help": {
        "en": "Comma-separated widths of the hidden layers, input side first, e.g. 256,128 for the MNIST MLP "
              "784-256-128-10. Leave empty to use depth × width.",
        "ko": "쉼표로 구분한 은닉층별 너비(입력 쪽부터)입니다. 예: MNIST 다층 퍼셉트론 784-256-128-10이면 256,128. 비워 두면 "
              "깊이 × 너비를 씁니다.",
    },
    "field.layer_activations": {"en": "Choose the activation of each layer", "ko": "층마다 활성화 함수 고르기"},
    "field.layer_activations.help": {
        "en": "Give each hidden layer its own activation, input side first (e.g. sigmoid,relu), to see which layers "
              "stop learning. Empty: every layer uses the activation above.",
        "ko": "은닉층마다 다른 활성화 함수를 줍니다(입력 쪽부터, 예: sigmoid,relu). 어느 층이 학습을 멈추는지 보세요. "
              "비워 두면 모든 층이 위의 활성화 함수를 씁니다.",
    },
    "field.initializer": {"en": "Weight initializer", "ko": "가중치 초기화"},
    "field.initializer.help": {
        "en": "How the first weights are drawn. Their scale decides whether signals and gradients shrink, stay "
              "steady or explode from layer to layer.",
        "ko": "처음 가중치를 뽑는 방법입니다. 그 크기에 따라 신호와 기울기가 층을 지나며 줄어들지, 유지될지, 폭발할지가 "
              "정해집니다.",
    },
    "field.init_param": {"en": "Initializer parameter (0 = default)", "ko": "초기화 파라미터 (0 = 기본값)"},
    "field.init_param.help": {
        "en": "The initializer's own parameter: stddev (random_normal), limit (random_uniform), value (constant) "
              "or gain (orthogonal); 0 uses its default.",
        "ko": "초기화 방법의 파라미터입니다: 표준편차(무작위 정규분포), 한계(무작위 균등분포), 값(상수) 또는 "
              "배율(직교 행렬). 0이면 기본값을 씁니다.",
    },
    "field.dropout": {"en": "Dropout", "ko": "드롭아웃"},
    "field.dropout.help": {
        "en": "Share of hidden units switched off at random in each training step, so the network cannot rely on "
              "any single unit: it fights overfitting.",
        "ko": "학습 단계마다 무작위로 끄는 은닉 뉴런의 비율입니다. 특정 뉴런에 의존하지 못하게 해 과적합을 막습니다.",
    },
    "field.batchnorm": {"en": "BatchNorm", "ko": "배치 정규화"},
    "field.batchnorm.help": {
        "en": "Normalise every hidden layer's pre-activations over the batch (mean 0, std 1, then a learned scale "
              "and shift): keeps activations out of saturation.",
        "ko": "은닉층마다 활성화 전 값을 배치 단위로 정규화합니다(평균 0, 표준편차 1, 그다음 학습되는 크기와 이동). "
              "활성값이 포화되지 않게 돕습니다.",
    },
    "field.l2": {"en": "L2 weight decay", "ko": "L2 가중치 감쇠"},
    "field.l2.help": {
        "en": "Adds λ·Σw² to the loss, pulling weights towards zero: smaller weights give smoother boundaries and "
              "less overfitting. 0 = off.",
        "ko": "손실에 λ·Σw²를 더해 가중치를 0 쪽으로 당깁니다. 가중치가 작을수록 경계가 매끄럽고 과적합이 줄어듭니다. "
              "0이면 끕니다.",
    },
    # -- training -----------------------------------------------------------------------------
    "field.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "field.optimizer.help": {"en": "The rule that turns gradients into weight updates.",
                             "ko": "기울기를 가중치 갱신으로 바꾸는 규칙입니다."},
    "field.learning_rate": {"en": "Learning rate", "ko": "학습률"},
    "field.learning_rate.help": {
        "en": "Step size of every update. Too small learns slowly; too large overshoots and the loss can become NaN "
              "(diverge).",
        "ko": "갱신 한 번의 보폭입니다. 너무 작으면 느리게 배우고, 너무 크면 지나쳐서 손실이 NaN이 될 수 있습니다(발산).",
    },
    "field.batch_size": {"en": "Batch size", "ko": "배치 크기"},
    "field.batch_size.help": {
        "en": "Examples averaged into one gradient step. Small batches give many noisy updates; large batches give "
              "few smooth ones.",
        "ko": "기울기 한 단계에 평균 내는 예제 수입니다. 작으면 갱신이 잦지만 들쭉날쭉하고, 크면 매끄럽지만 갱신 횟수가 "
              "적습니다.",
    },
    "field.shuffle": {"en": "Shuffle every epoch", "ko": "에포크마다 섞기"},
    "field.shuffle.help": {
        "en": "Reshuffle the training examples before every epoch, so the batches differ each time. Off: every "
              "epoch sees the same batches in the same order.",
        "ko": "에포크마다 학습 예제를 새로 섞어 배치가 매번 달라지게 합니다. 끄면 모든 에포크가 같은 배치를 같은 순서로 "
              "봅니다.",
    },
    "field.stats_every_step": {"en": "Statistics at every step", "ko": "모든 단계에서 통계"},
    "field.stats_every_step.help": {
        "en": "The per-layer gradients and activations are measured between epochs over all of the next epoch's "
              "batches (small networks), or on 4 steps of every epoch, which keeps training fast. On: measured at "
              "every step, exact but up to twice as slow.",
        "ko": "층별 기울기와 활성값은 에포크 사이에 다음 에포크의 모든 배치로(작은 신경망) 또는 에포크마다 4단계에서 측정해 "
              "학습을 빠르게 유지합니다. 켜면 모든 단계에서 측정해 정확하지만 최대 두 배 느려집니다.",
    },
    "field.epochs": {"en": "Epochs", "ko": "에포크"},
    "field.epochs.help": {"en": "How many times training passes over all the training data.",
                          "ko": "학습 데이터 전체를 몇 번 반복해서 학습할지입니다."},
    "field.seed": {"en": "Random seed", "ko": "랜덤 시드"},
    "field.seed.help": {
        "en": "The same seed gives the same data, split, initial weights and batch order, so a run can be repeated "
              "exactly.",
        "ko": "시드가 같으면 데이터, 분할, 초기 가중치, 배치 순서가 같아 학습을 똑같이 재현할 수 있습니다.",
    },
    # -- messages about these fields -------------------------------------------------------------
    "config.err.sha256": {"en": "expected the 64 hexadecimal digits of a SHA-256 fingerprint, or nothing",
                          "ko": "파일 지문(16진수 64자리)이거나 비어 있어야 합니다"},
    "data.err.csv_changed": {
        "en": "The CSV file {file} is not the file this run was set up with: its fingerprint is {actual}, the "
              "settings' csv_sha256 is {expected}. Use the original file, or clear csv_sha256 to train on this one.",
        "ko": "CSV 파일 {file}은(는) 이 설정이 가리키는 파일이 아닙니다. 이 파일의 지문은 {actual}인데 설정에 "
              "적힌 지문은 {expected}입니다. 원래 파일을 쓰거나, 이 파일로 학습하려면 설정의 파일 지문을 비우세요.",
    },
}
