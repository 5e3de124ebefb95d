"""UI text of the registries (``nnlab.registry``): the display name and one-line summary of
every activation (``act.*``), initializer (``init.*``), optimizer (``opt.*``), data set
(``dataset.*``) and preset (``preset.*``), the registry error (``registry.*``), and the
display names of built-in data sets' columns. English and Korean.

Proper names stay as they are in Korean (ReLU, Adam, MNIST, Xavier / Glorot, He, LeCun);
what Korean has a word for is said in Korean ("Random normal" → "무작위 정규분포").
"""

TEXT = {
    # -- the registry error (nnlab.registry.UnknownName) ----------------------------------------
    "registry.err.unknown": {"en": "unknown {kind} {name}; choose one of: {choices}",
                             "ko": "알 수 없는 {kind} {name}입니다. 다음 중 하나를 고르세요: {choices}"},
    "registry.kind.activation": {"en": "activation", "ko": "활성화 함수"},
    "registry.kind.initializer": {"en": "initializer", "ko": "가중치 초기화"},
    "registry.kind.optimizer": {"en": "optimizer", "ko": "옵티마이저"},
    "registry.kind.dataset": {"en": "dataset", "ko": "데이터셋"},
    "registry.kind.preset": {"en": "preset", "ko": "프리셋"},
    # -- activations ----------------------------------------------------------------------------
    "act.linear.display": {"en": "Linear (identity)", "ko": "선형 (항등 함수)"},
    "act.linear.summary": {
        "en": "Passes the input through unchanged: stacking linear layers is still one linear map.",
        "ko": "입력을 그대로 내보냅니다. 선형 층을 아무리 쌓아도 하나의 선형 변환일 뿐입니다."},
    "act.sigmoid.display": {"en": "Sigmoid", "ko": "Sigmoid"},
    "act.sigmoid.summary": {
        "en": "Squashes to (0, 1); its slope is at most 0.25, so gradients shrink layer after layer.",
        "ko": "출력을 0과 1 사이로 압축합니다. 기울기가 최대 0.25라서 층을 지날수록 기울기가 사라집니다."},
    "act.tanh.display": {"en": "Tanh", "ko": "Tanh"},
    "act.tanh.summary": {
        "en": "Squashes to (-1, 1) and is zero-centred; still saturates for large |x|.",
        "ko": "출력을 -1과 1 사이로 압축하고 평균이 0 근처입니다. 입력이 크면 여전히 포화됩니다."},
    "act.relu.display": {"en": "ReLU", "ko": "ReLU"},
    "act.relu.summary": {
        "en": "Zero for negative inputs, identity for positive: slope 1 keeps gradients alive, but units can die.",
        "ko": "음수는 0, 양수는 그대로 내보냅니다. 기울기 1이 기울기 소실을 막지만, 뉴런이 죽을 수 있습니다."},
    "act.leaky_relu.display": {"en": "Leaky ReLU", "ko": "Leaky ReLU"},
    "act.leaky_relu.summary": {
        "en": "Like ReLU but with a small slope (0.01) for negative inputs, so no unit is ever fully dead.",
        "ko": "ReLU와 같지만 음수 쪽에 작은 기울기(0.01)를 두어 뉴런이 완전히 죽지 않습니다."},
    "act.elu.display": {"en": "ELU", "ko": "ELU"},
    "act.elu.summary": {
        "en": "ReLU for positive inputs, a smooth exponential curve down to -1 for negative ones.",
        "ko": "양수는 ReLU와 같고, 음수는 -1까지 부드럽게 내려가는 지수 곡선입니다."},
    "act.selu.display": {"en": "SELU", "ko": "SELU"},
    "act.selu.summary": {
        "en": "A scaled ELU that keeps activations near mean 0 and variance 1 (self-normalising) with LeCun init.",
        "ko": "스케일을 조정한 ELU로, LeCun 초기화와 함께 쓰면 활성값의 평균 0, 분산 1을 유지합니다."},
    "act.gelu.display": {"en": "GELU", "ko": "GELU"},
    "act.gelu.summary": {
        "en": "Weights the input by how likely it is to be positive: a smooth ReLU used in Transformers.",
        "ko": "입력이 양수일 확률만큼 입력을 통과시키는 부드러운 ReLU입니다(트랜스포머에서 사용)."},
    "act.swish.display": {"en": "Swish / SiLU", "ko": "Swish / SiLU"},
    "act.swish.summary": {
        "en": "x times sigmoid(x): smooth, dips slightly below zero, found by automated search to beat ReLU.",
        "ko": "x에 sigmoid(x)를 곱한 함수로, 부드럽고 0 아래로 살짝 내려갑니다. 자동 탐색으로 찾은 ReLU 대안입니다."},
    "act.mish.display": {"en": "Mish", "ko": "Mish"},
    "act.mish.summary": {
        "en": "x times tanh(softplus(x)): smooth and non-monotonic, similar to swish.",
        "ko": "x에 tanh(softplus(x))를 곱한 함수로, swish와 비슷하게 부드럽고 단조롭지 않습니다."},
    "act.softplus.display": {"en": "Softplus", "ko": "Softplus"},
    "act.softplus.summary": {
        "en": "A smooth version of ReLU: log(1 + e^x); its slope is the sigmoid.",
        "ko": "ReLU를 부드럽게 만든 log(1 + e^x)이며, 기울기가 바로 sigmoid입니다."},
    "act.softsign.display": {"en": "Softsign", "ko": "Softsign"},
    "act.softsign.summary": {
        "en": "x / (1 + |x|): like tanh but approaches ±1 slowly (polynomially), so it saturates more gently.",
        "ko": "x / (1 + |x|)로 tanh와 비슷하지만 ±1에 천천히 다가가 포화가 완만합니다."},
    "act.hard_sigmoid.display": {"en": "Hard sigmoid", "ko": "하드 sigmoid"},
    "act.hard_sigmoid.summary": {
        "en": "A cheap piecewise-linear sigmoid: 0 below -3, 1 above 3, a straight line in between.",
        "ko": "계산이 싼 구간별 직선 sigmoid입니다. -3 아래는 0, 3 위는 1, 그 사이는 직선입니다."},
    "act.relu6.display": {"en": "ReLU6", "ko": "ReLU6"},
    "act.relu6.summary": {
        "en": "ReLU capped at 6, used in mobile networks to keep activations small.",
        "ko": "최댓값을 6으로 제한한 ReLU로, 모바일 신경망에서 활성값을 작게 유지하려고 씁니다."},
    # -- initializers -----------------------------------------------------------------------------
    "init.zeros.display": {"en": "Zeros", "ko": "모두 0"},
    "init.zeros.summary": {
        "en": "Every weight starts at 0: all units in a layer stay identical and the network cannot learn.",
        "ko": "모든 가중치를 0으로 둡니다. 같은 층의 뉴런이 모두 똑같이 움직여 학습이 되지 않습니다."},
    "init.constant.display": {"en": "Constant", "ko": "상수"},
    "init.constant.summary": {
        "en": "Every weight starts at the same value: the symmetry is never broken.",
        "ko": "모든 가중치를 같은 값으로 둡니다. 대칭이 깨지지 않아 뉴런들이 똑같이 학습됩니다."},
    "init.random_normal.display": {"en": "Random normal", "ko": "무작위 정규분포"},
    "init.random_normal.summary": {
        "en": "Weights from a normal distribution with a fixed stddev: too small vanishes, too large explodes.",
        "ko": "고정된 표준편차의 정규분포에서 뽑습니다. 너무 작으면 신호가 사라지고, 너무 크면 폭발합니다."},
    "init.random_uniform.display": {"en": "Random uniform", "ko": "무작위 균등분포"},
    "init.random_uniform.summary": {
        "en": "Weights uniform in [-limit, limit] with a fixed limit, ignoring the layer's size.",
        "ko": "층의 크기와 상관없이 고정된 한계 a에 대해 [-a, a] 구간에서 균등하게 뽑습니다."},
    "init.glorot_uniform.display": {"en": "Xavier / Glorot uniform", "ko": "Xavier / Glorot 균등분포"},
    "init.glorot_uniform.summary": {
        "en": "Uniform with variance 2/(fan_in+fan_out): keeps signals steady for sigmoid and tanh.",
        "ko": "분산 2/(fan_in+fan_out)의 균등분포입니다. sigmoid와 tanh에서 신호 크기를 유지합니다."},
    "init.glorot_normal.display": {"en": "Xavier / Glorot normal", "ko": "Xavier / Glorot 정규분포"},
    "init.glorot_normal.summary": {
        "en": "Normal with variance 2/(fan_in+fan_out) (truncated): the Xavier rule for sigmoid and tanh.",
        "ko": "분산 2/(fan_in+fan_out)의 (절단) 정규분포입니다. sigmoid와 tanh를 위한 Xavier 방식입니다."},
    "init.he_normal.display": {"en": "He normal", "ko": "He 정규분포"},
    "init.he_normal.summary": {
        "en": "Normal with variance 2/fan_in (truncated): made for ReLU, which zeroes half its inputs.",
        "ko": "분산 2/fan_in의 (절단) 정규분포입니다. 입력의 절반을 0으로 만드는 ReLU를 위해 만들었습니다."},
    "init.he_uniform.display": {"en": "He uniform", "ko": "He 균등분포"},
    "init.he_uniform.summary": {
        "en": "Uniform with variance 2/fan_in: the He rule for ReLU with a uniform draw.",
        "ko": "분산 2/fan_in의 균등분포입니다. ReLU를 위한 He 방식의 균등분포 버전입니다."},
    "init.lecun_normal.display": {"en": "LeCun normal", "ko": "LeCun 정규분포"},
    "init.lecun_normal.summary": {
        "en": "Normal with variance 1/fan_in (truncated): the partner of SELU.",
        "ko": "분산 1/fan_in의 (절단) 정규분포입니다. SELU와 짝을 이룹니다."},
    "init.lecun_uniform.display": {"en": "LeCun uniform", "ko": "LeCun 균등분포"},
    "init.lecun_uniform.summary": {
        "en": "Uniform with variance 1/fan_in: the LeCun rule with a uniform draw.",
        "ko": "분산 1/fan_in의 균등분포입니다. LeCun 방식의 균등분포 버전입니다."},
    "init.orthogonal.display": {"en": "Orthogonal", "ko": "직교 행렬"},
    "init.orthogonal.summary": {
        "en": "A random orthogonal matrix (times a gain): preserves the length of the signal through the layer.",
        "ko": "무작위 직교 행렬(에 배율을 곱한 것)입니다. 층을 지나도 신호의 길이가 보존됩니다."},
    # the initializers' optional parameter (RunConfig.init_param), by its Keras keyword
    "init.param.stddev": {"en": "stddev", "ko": "표준편차"},
    "init.param.limit": {"en": "limit", "ko": "한계"},
    "init.param.value": {"en": "value", "ko": "값"},
    "init.param.gain": {"en": "gain", "ko": "배율"},
    # -- optimizers -------------------------------------------------------------------------------
    "opt.sgd.display": {"en": "SGD", "ko": "SGD"},
    "opt.sgd.summary": {"en": "Plain gradient descent: step against the gradient, scaled by the learning rate.",
                        "ko": "기본 경사하강법: 기울기의 반대 방향으로 학습률만큼 이동합니다."},
    "opt.momentum.display": {"en": "Momentum", "ko": "모멘텀"},
    "opt.momentum.summary": {
        "en": "SGD that keeps 90% of the previous step: rolls through flat spots and small bumps.",
        "ko": "이전 이동의 90%를 유지하는 SGD입니다. 평평한 곳과 작은 굴곡을 관성으로 지나갑니다."},
    "opt.nesterov.display": {"en": "Nesterov momentum", "ko": "Nesterov 모멘텀"},
    "opt.nesterov.summary": {"en": "Momentum that looks ahead before computing the gradient.",
                             "ko": "기울기를 구하기 전에 관성 방향으로 미리 가 보는 모멘텀입니다."},
    "opt.adagrad.display": {"en": "Adagrad", "ko": "Adagrad"},
    "opt.adagrad.summary": {"en": "Each weight gets its own step size, shrinking as its squared gradients add up.",
                            "ko": "가중치마다 학습률을 따로 두고, 기울기 제곱이 쌓일수록 학습률을 줄입니다."},
    "opt.rmsprop.display": {"en": "RMSprop", "ko": "RMSprop"},
    "opt.rmsprop.summary": {"en": "Divides each step by a running average of recent squared gradients.",
                            "ko": "최근 기울기 제곱의 이동평균으로 나누어 이동 크기를 조절합니다."},
    "opt.adam.display": {"en": "Adam", "ko": "Adam"},
    "opt.adam.summary": {"en": "Momentum plus RMSprop-style scaling: a robust default.",
                         "ko": "모멘텀과 RMSprop식 크기 조절을 합친 방법으로, 무난한 기본 선택입니다."},
    "opt.adamw.display": {"en": "AdamW", "ko": "AdamW"},
    "opt.adamw.summary": {"en": "Adam with weight decay applied directly to the weights.",
                          "ko": "가중치 감쇠를 가중치에 직접 적용하는 Adam입니다."},
    "opt.nadam.display": {"en": "Nadam", "ko": "Nadam"},
    "opt.nadam.summary": {"en": "Adam with Nesterov momentum.", "ko": "Nesterov 모멘텀을 쓰는 Adam입니다."},
    # -- data sets --------------------------------------------------------------------------------
    "dataset.xor.display": {"en": "XOR (4 quadrants)", "ko": "XOR (사분면 4개)"},
    "dataset.xor.summary": {
        "en": "Points in four quadrants, one class where x1 and x2 have the same sign: no single line separates them.",
        "ko": "네 사분면의 점들로, x1과 x2의 부호가 같으면 한 클래스입니다. 직선 하나로는 나눌 수 없습니다."},
    "dataset.circles.display": {"en": "Circles", "ko": "원과 고리"},
    "dataset.circles.summary": {"en": "A disc inside a ring: the boundary must be a closed curve.",
                                "ko": "고리 안에 원판이 있는 데이터로, 경계가 닫힌 곡선이어야 합니다."},
    "dataset.moons.display": {"en": "Two moons", "ko": "두 반달"},
    "dataset.moons.summary": {"en": "Two interleaving half circles: a gently curved boundary.",
                              "ko": "서로 맞물린 두 반달 모양으로, 완만하게 휘어진 경계가 필요합니다."},
    "dataset.spiral.display": {"en": "Spiral", "ko": "나선"},
    "dataset.spiral.summary": {
        "en": "Two interleaved spirals: the hardest 2-D set, it needs depth and a good activation.",
        "ko": "서로 감긴 두 나선으로, 가장 어려운 2차원 데이터입니다. 깊이와 좋은 활성화 함수가 필요합니다."},
    "dataset.blobs.display": {"en": "Three blobs", "ko": "점 구름 3개"},
    "dataset.blobs.summary": {
        "en": "Three Gaussian clouds: an easy three-class problem, separable by straight lines.",
        "ko": "세 개의 가우시안 점 구름으로, 직선으로 나눌 수 있는 쉬운 3-클래스 문제입니다."},
    "dataset.iris.display": {"en": "Iris flowers", "ko": "붓꽃"},
    "dataset.iris.summary": {"en": "150 flowers, 4 measurements, 3 species: the classic small table.",
                             "ko": "꽃 150송이의 측정값 4개로 품종 3가지를 맞히는 고전적인 작은 표 데이터입니다."},
    "dataset.digits.display": {"en": "Digits (8x8)", "ko": "손글씨 숫자 (8x8)"},
    "dataset.digits.summary": {"en": "1,797 handwritten digits as 8x8 grey images (64 features), 10 classes.",
                               "ko": "손글씨 숫자 1,797개를 8x8 흑백 이미지(특성 64개)로 담은 10-클래스 데이터입니다."},
    "dataset.mnist.display": {"en": "MNIST sample (5,000)", "ko": "MNIST 표본 (5,000개)"},
    "dataset.mnist.summary": {"en": "5,000 handwritten digits (28x28, 784 features), 500 per digit; works offline.",
                              "ko": "손글씨 숫자 5,000개(28x28, 특성 784개, 숫자마다 500개)로, 인터넷 없이 사용할 수 "
                                    "있습니다."},
    "dataset.mnist_full.display": {"en": "MNIST full (70,000)", "ko": "MNIST 전체 (70,000개)"},
    "dataset.mnist_full.summary": {
        "en": "All 70,000 MNIST digits; downloaded once (needs internet), slower to train.",
        "ko": "MNIST 숫자 70,000개 전체로, 처음 한 번 내려받아야 하고(인터넷 필요) 학습이 느립니다."},
    "dataset.boston.display": {"en": "Boston housing", "ko": "보스턴 집값"},
    "dataset.boston.summary": {
        "en": "506 Boston districts, 13 features: predict the median house price (regression).",
        "ko": "보스턴 지역 506곳의 특성 13개로 주택 가격 중앙값을 예측하는 회귀 문제입니다."},
    "dataset.diabetes.display": {"en": "Diabetes", "ko": "당뇨병"},
    "dataset.diabetes.summary": {
        "en": "442 patients, 10 features: predict disease progression after one year (regression).",
        "ko": "환자 442명의 특성 10개로 1년 뒤 당뇨병 진행 정도를 예측하는 회귀 문제입니다."},
    "dataset.csv.display": {"en": "Your CSV file", "ko": "내 CSV 파일"},
    "dataset.csv.summary": {
        "en": "Your own table: one row per example, numeric feature columns and a target column.",
        "ko": "직접 올린 표 데이터입니다. 한 행이 예제 하나이고, 숫자 특성 열들과 목표 열이 있어야 합니다."},
    # the built-in data sets' column names as shown (a record keeps the source's own names)
    "dataset.iris.target": {"en": "species", "ko": "품종"},
    "dataset.iris.feature.0": {"en": "sepal length (cm)", "ko": "꽃받침 길이 (cm)"},
    "dataset.iris.feature.1": {"en": "sepal width (cm)", "ko": "꽃받침 너비 (cm)"},
    "dataset.iris.feature.2": {"en": "petal length (cm)", "ko": "꽃잎 길이 (cm)"},
    "dataset.iris.feature.3": {"en": "petal width (cm)", "ko": "꽃잎 너비 (cm)"},
    "dataset.digits.target": {"en": "digit", "ko": "숫자"},
    "dataset.mnist.target": {"en": "digit", "ko": "숫자"},
    "dataset.mnist_full.target": {"en": "digit", "ko": "숫자"},
    "dataset.boston.target": {"en": "MEDV", "ko": "주택 가격 중앙값"},
    "dataset.diabetes.target": {"en": "progression", "ko": "진행 정도"},
    # -- presets ------------------------------------------------------------------------------------
    "preset.default.display": {"en": "Defaults (3×16 ReLU, spiral)", "ko": "기본값 (3×16 ReLU, 나선)"},
    "preset.deep_sigmoid_spiral.display": {"en": "10-layer sigmoid on spiral (vanishing gradients)",
                                           "ko": "나선 데이터, 10층 sigmoid (기울기 소실)"},
    "preset.deep_relu_spiral.display": {"en": "10-layer ReLU on spiral (gradients survive)",
                                        "ko": "나선 데이터, 10층 ReLU (기울기 유지)"},
    "preset.deep_sigmoid_xor.display": {"en": "10-layer sigmoid on XOR", "ko": "XOR 데이터, 10층 sigmoid"},
    "preset.deep_relu_xor.display": {"en": "10-layer ReLU on XOR", "ko": "XOR 데이터, 10층 ReLU"},
    "preset.mnist_mlp.display": {"en": "MNIST MLP 784-256-128-10 (ReLU, He, SGD 0.1)",
                                 "ko": "MNIST 다층 퍼셉트론 784-256-128-10 (ReLU, He, SGD 0.1)"},
    "preset.iris.display": {"en": "Iris classifier 4-200-100-3 (ReLU, Adam)",
                            "ko": "붓꽃 분류기 4-200-100-3 (ReLU, Adam)"},
    "preset.boston_swish.display": {"en": "Boston housing: swish + BatchNorm (regression)",
                                    "ko": "보스턴 집값: swish + 배치 정규화 (회귀)"},
    "preset.boston_gelu.display": {"en": "Boston housing: GELU + BatchNorm (regression)",
                                   "ko": "보스턴 집값: GELU + 배치 정규화 (회귀)"},
}
