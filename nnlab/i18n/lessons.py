"""Text of the lessons (keys ``lesson.*``): per lesson its title, what to watch for and why
(``watch``), and the claim the class should see (``claim``, formatted with the numbers
``Lesson.check`` measured), English and Korean."""

TEXT = {
    "lesson.topic.lecture": {"en": "From the lecture notes", "ko": "강의 노트의 실험"},
    "lesson.topic.classic": {"en": "Classic results", "ko": "고전 논문의 결과"},
    "lesson.claim.held": {"en": "Seen in this run: {text}", "ko": "이번 실행에서 확인: {text}"},
    "lesson.claim.missed": {"en": "Not seen in this run: {text}", "ko": "이번 실행에서는 보이지 않음: {text}"},
    # -- the lesson box on a page and the cards on Home (nnlab.ui.lessons) -----------------------
    "lesson.home.heading": {"en": "Lessons", "ko": "실습"},
    "lesson.home.intro": {
        "en": "Each lesson opens an experiment with all its settings and says what to look at. Run it with one "
              "click; share the page's link and every student gets the same setup.",
        "ko": "실습을 열면 실험의 설정이 모두 갖춰지고 무엇을 볼지 알려 줍니다. 버튼 한 번으로 실행하고, 페이지 "
              "링크를 공유하면 모든 학생이 같은 설정으로 시작합니다.",
    },
    "lesson.open": {"en": "Open on {page}", "ko": "{page} 페이지에서 열기"},
    "lesson.card.open": {"en": "Open the lesson", "ko": "실습 열기"},
    "lesson.source.lecture": {"en": "lecture {n}", "ko": "강의 {n}"},
    "lesson.source.et_al": {"en": "et al.", "ko": "등"},
    "lesson.watch": {"en": "What to watch for", "ko": "무엇을 볼까요"},
    "lesson.see": {"en": "What you should see", "ko": "보여야 할 결과"},
    "lesson.btn.run": {"en": "Run it", "ko": "실행하기"},
    "lesson.btn.run_help": {"en": "Train the lesson's runs with the settings shown (the same as the page's own "
                                  "button below).",
                            "ko": "보이는 설정으로 실습을 학습시킵니다(아래 페이지 버튼과 같습니다)."},
    "lesson.btn.reset": {"en": "Reset to lesson", "ko": "실습 설정으로 되돌리기"},
    "lesson.btn.reset_help": {"en": "Put back every setting of the lesson after you changed some.",
                              "ko": "바꾼 설정을 실습의 설정으로 모두 되돌립니다."},
    "lesson.btn.leave": {"en": "Leave lesson", "ko": "실습 닫기"},
    "lesson.btn.leave_help": {"en": "Close this box and keep the current settings.",
                              "ko": "이 상자를 닫고 지금 설정은 그대로 둡니다."},
    "lesson.runs": {"en": "The lesson compares these runs: {runs}", "ko": "이 실습에서 비교하는 실행: {runs}"},
    "lesson.unknown": {"en": "The link names the lesson {name}, which does not exist; it was ignored. "
                             "Lessons: {names}.",
                       "ko": "링크에 있는 실습 {name}은(는) 없는 실습이라 무시했습니다. 실습 목록: {names}."},
    "lesson.wrong_page": {"en": "The lesson “{title}” opens on another page:", "ko": "실습 “{title}”은(는) 다른 페이지에서 열립니다:"},
    "lesson.run_it": {"en": "Press ▶️ Run it; when the runs have finished, this box says whether the class saw it.",
                      "ko": "▶️ 실행하기를 누르세요. 실행이 끝나면 결과가 보였는지 이 상자에 나옵니다."},
    "lesson.changed": {"en": "The settings differ from the lesson's now.",
                       "ko": "지금 설정은 실습의 설정과 다릅니다."},
    "lesson.not_compared": {"en": "The runs compared are not the lesson's, so there is no verdict.",
                            "ko": "비교한 실행이 실습의 실행과 달라서 결과를 판정하지 않습니다."},
    # the teaching pages judge their own numbers (pages/neuron.py, pages/softmax.py)
    "lesson.neuron.todo": {
        "en": "Show the lecture's example at its last step without a bias, then tick Bias (or pick the example "
              "with a bias) and show it again: this box then says whether the class saw it.",
        "ko": "강의 예제를 편향 없이 마지막 스텝까지 보여 준 뒤, 편향을 켜고(또는 편향이 있는 예제를 골라) 다시 "
              "보여 주세요. 그러면 결과가 보였는지 이 상자에 나옵니다.",
    },
    "lesson.neuron.need_bias": {
        "en": "Without a bias the output is {without:.2f} after {steps} steps. Now tick Bias and show the last step "
              "again.",
        "ko": "편향 없이 {steps}번 학습한 뒤 출력은 {without:.2f}입니다. 이제 편향을 켜고 마지막 스텝을 다시 "
              "보여 주세요.",
    },
    "lesson.neuron.need_no_bias": {
        "en": "With a bias the output is {with_bias:.2f} after {steps} steps. Now untick Bias and show the last step "
              "again.",
        "ko": "편향과 함께 {steps}번 학습한 뒤 출력은 {with_bias:.2f}입니다. 이제 편향을 끄고 마지막 스텝을 다시 "
              "보여 주세요.",
    },
    "lesson.softmax.todo": {
        "en": "Train the iris model below: once its probabilities are computed by hand, this box says whether "
              "they match the model's.",
        "ko": "아래에서 붓꽃 모델을 학습시키세요. 확률을 손으로 계산하고 나면 모델의 확률과 같은지 이 상자에 "
              "나옵니다.",
    },
    # what the class should see, in words (the claim with numbers appears after a run)
    "lesson.mnist_mlp.see": {"en": "The test accuracy passes 90%.", "ko": "테스트 정확도가 90%를 넘습니다."},
    "lesson.single_neuron.see": {"en": "Without a bias the output stays at 0.5; with a bias it gets close to 1.",
                                 "ko": "편향이 없으면 출력이 0.5에 머물고, 편향이 있으면 1 가까이 갑니다."},
    "lesson.run.softmax": {"en": "softmax regression", "ko": "소프트맥스 회귀"},
    "lesson.run.normal": {"en": "N(0, 1) weights", "ko": "N(0, 1) 가중치"},
    "lesson.run.xavier": {"en": "Xavier", "ko": "Xavier 초기화"},
    "lesson.run.deep_wide": {"en": "deeper and wider", "ko": "더 깊고 넓게"},
    "lesson.run.dropout": {"en": "with dropout", "ko": "드롭아웃 추가"},
    "lesson.mnist_ladder.see": {
        "en": "Xavier initialisation lifts the same network well above N(0, 1) weights; more layers add little.",
        "ko": "같은 신경망이라도 Xavier 초기화가 N(0, 1) 가중치보다 훨씬 높은 정확도를 냅니다. 층을 더 쌓는 효과는 "
              "작습니다.",
    },
    "lesson.xor_depth.see": {"en": "ReLU solves XOR (90% or more); sigmoid stays near chance.",
                             "ko": "ReLU는 XOR을 풀고(90% 이상), sigmoid는 우연 수준에 머뭅니다."},
    "lesson.boston_swish_gelu.see": {"en": "Both end with a test MAE of at most 4 (thousand dollars).",
                                     "ko": "둘 다 테스트 MAE가 4(천 달러) 이하로 끝납니다."},
    "lesson.batch_size.see": {"en": "The per-step loss of batch 8 jitters far more than that of batch 150.",
                              "ko": "배치 8의 스텝별 손실이 배치 150보다 훨씬 크게 흔들립니다."},
    "lesson.adam_adagrad.see": {"en": "Adam ends with the lower training loss.",
                                "ko": "Adam이 더 낮은 학습 손실로 끝납니다."},
    "lesson.iris_mlp.see": {"en": "The test accuracy passes 90%.", "ko": "테스트 정확도가 90%를 넘습니다."},
    "lesson.softmax_by_hand.see": {"en": "Your hand computation gives exactly the model's probabilities.",
                                   "ko": "손으로 계산한 확률이 모델의 확률과 정확히 같습니다."},
    "lesson.ensemble.see": {
        "en": "The ensemble's test accuracy is at least the average single run's, usually close to the best run's.",
        "ko": "앙상블의 테스트 정확도가 실행 하나의 평균 이상이고, 대개 가장 좋은 실행에 가깝습니다.",
    },
    "lesson.vanishing_gradients.see": {
        "en": "With sigmoid the first hidden layer gets less than a thousandth of the last one's gradient; with "
              "ReLU more than a hundredth.",
        "ko": "sigmoid에서는 첫 은닉층의 기울기가 마지막 은닉층의 1000분의 1도 안 되고, ReLU에서는 100분의 1보다 "
              "큽니다.",
    },
    "lesson.zero_init.see": {"en": "The units of each layer stay identical and the accuracy stays near chance.",
                             "ko": "각 층의 유닛이 서로 똑같이 남고 정확도는 우연 수준에 머뭅니다."},
    "lesson.xavier_vs_he.see": {"en": "With Xavier the loss hardly moves (less than 2%); with He it clearly drops.",
                                "ko": "Xavier는 손실이 거의 움직이지 않고(2% 미만), He는 뚜렷하게 내려갑니다."},
    "lesson.glorot_bengio.see": {"en": "Sigmoid ends with the lowest validation accuracy of the three.",
                                 "ko": "셋 중 sigmoid의 검증 정확도가 가장 낮습니다."},
    "lesson.selu.see": {"en": "In the last layer SELU's activations keep a spread near 1; ReLU's fade towards 0.",
                        "ko": "마지막 층에서 SELU 활성값의 표준편차는 1 가까이 유지되고, ReLU는 0으로 사라집니다."},
    "lesson.batchnorm_rescue.see": {"en": "With BatchNorm the validation accuracy is at least 10 points higher.",
                                    "ko": "배치 정규화를 쓰면 검증 정확도가 10%p 이상 높습니다."},
    "lesson.dying_relu.see": {"en": "At least half of the hidden units end up dead.",
                              "ko": "은닉 유닛의 절반 이상이 죽습니다."},
    "lesson.dropout.see": {"en": "With dropout the gap between training and validation accuracy is smaller.",
                           "ko": "드롭아웃을 쓰면 학습 정확도와 검증 정확도의 차이가 줄어듭니다."},
    "lesson.optimizer_race.see": {"en": "Adam ends with a lower training loss than plain SGD.",
                                  "ko": "Adam이 기본 SGD보다 낮은 학습 손실로 끝납니다."},
    # -- the lecture notes ----------------------------------------------------------------------
    "lesson.mnist_mlp.title": {"en": "MNIST MLP 784-256-128-10", "ko": "MNIST 다층 퍼셉트론 784-256-128-10"},
    "lesson.mnist_mlp.watch": {
        "en": "The network of the first lecture: ReLU, He initialisation, plain SGD with learning rate 0.1 and "
              "batches of 100, pixels scaled to [0, 1], 30% of the images held out for the test. Watch the "
              "validation accuracy pass 90% within a few epochs, then read the classification report: which "
              "digits does it confuse?",
        "ko": "첫 강의의 신경망입니다. ReLU, He 초기화, 학습률 0.1의 SGD, 배치 크기 100, 픽셀은 [0, 1]로 조정하고 "
              "이미지의 30%는 테스트용으로 남겨 둡니다. 검증 정확도가 몇 에포크 만에 90%를 넘는 것을 보고, "
              "분류 보고서에서 어떤 숫자끼리 헷갈리는지 살펴보세요.",
    },
    "lesson.mnist_mlp.claim": {"en": "test accuracy {accuracy:.1%} (at least {low:.0%})",
                               "ko": "테스트 정확도 {accuracy:.1%} ({low:.0%} 이상)"},
    "lesson.single_neuron.title": {"en": "One neuron, with and without bias", "ko": "뉴런 하나: 편향이 있을 때와 없을 때"},
    "lesson.single_neuron.watch": {
        "en": "The input is 0, so w·x is 0 whatever the weight: without a bias the sigmoid neuron is stuck at "
              "0.5 and can never reach the target 1. Switch the bias on and it gets there. The bias lets a "
              "neuron shift its curve.",
        "ko": "입력이 0이라서 가중치가 얼마든 w·x는 0입니다. 편향이 없으면 sigmoid 뉴런은 0.5에 머물러 목표값 1에 "
              "결코 닿지 못합니다. 편향을 켜면 도달합니다. 편향은 뉴런의 곡선을 옆으로 옮길 수 있게 해 줍니다.",
    },
    "lesson.single_neuron.claim": {"en": "output after 1000 steps: without bias {without:.2f}, with bias {with:.2f}",
                                   "ko": "1000번 학습한 뒤 출력: 편향 없이 {without:.2f}, 편향과 함께 {with:.2f}"},
    "lesson.xor_depth.title": {"en": "XOR with 9 layers: sigmoid vs ReLU", "ko": "9층 XOR: sigmoid 대 ReLU"},
    "lesson.xor_depth.watch": {
        "en": "The same 9-layer network on XOR, once with sigmoid and once with ReLU. The sigmoid net stays at "
              "chance (about 50%) because its gradients vanish before they reach the first layers; the ReLU "
              "net solves it. Look at the gradient profile across the layers.",
        "ko": "같은 9층 신경망을 XOR에 sigmoid로 한 번, ReLU로 한 번 학습합니다. sigmoid 신경망은 기울기가 앞쪽 "
              "층까지 오기 전에 사라져서(기울기 소실) 우연 수준(약 50%)에 머물고, ReLU 신경망은 문제를 풉니다. "
              "층별 기울기 그래프를 보세요.",
    },
    "lesson.xor_depth.claim": {"en": "validation accuracy: ReLU {relu:.0%}, sigmoid {sigmoid:.0%}",
                               "ko": "검증 정확도: ReLU {relu:.0%}, sigmoid {sigmoid:.0%}"},
    "lesson.mnist_ladder.title": {"en": "The MNIST ladder: from softmax to dropout",
                                  "ko": "MNIST 사다리: 소프트맥스에서 드롭아웃까지"},
    "lesson.mnist_ladder.watch": {
        "en": "The lecture's ladder of MNIST accuracies, one rung per run: softmax regression (no hidden layer), "
              "a 784-256-256-10 ReLU net with N(0, 1) weights, the same net with Xavier initialisation, a deeper "
              "and wider net, and that net with dropout. Compare the test accuracy of each rung: the big step "
              "comes from the initialisation, not from more layers.",
        "ko": "강의에 나온 MNIST 정확도 사다리를 한 칸에 실행 하나씩 올라갑니다. 소프트맥스 회귀(은닉층 없음), 가중치를 "
              "N(0, 1)로 뽑은 784-256-256-10 ReLU 신경망, 같은 신경망에 Xavier 초기화, 더 깊고 넓은 신경망, 그 "
              "신경망에 드롭아웃. 칸마다 테스트 정확도를 비교하세요. 큰 도약은 층을 늘려서가 아니라 가중치 초기화에서 "
              "나옵니다.",
    },
    "lesson.mnist_ladder.claim": {
        "en": "test accuracy: softmax {softmax:.1%}, N(0, 1) {normal:.1%}, Xavier {xavier:.1%}, deeper and wider "
              "{deep_wide:.1%}, with dropout {dropout:.1%}",
        "ko": "테스트 정확도: 소프트맥스 {softmax:.1%}, N(0, 1) {normal:.1%}, Xavier {xavier:.1%}, 더 깊고 넓게 "
              "{deep_wide:.1%}, 드롭아웃 {dropout:.1%}",
    },
    "lesson.boston_swish_gelu.title": {"en": "Boston housing: swish and GELU with BatchNorm",
                                       "ko": "보스턴 집값: swish와 GELU, 배치 정규화"},
    "lesson.boston_swish_gelu.watch": {
        "en": "A regression: predict a district's median house price (in $1000s) from 13 features with two "
              "smooth activations and BatchNorm. Both reach a similar error; watch the validation MAE flatten "
              "and compare how fast each gets there.",
        "ko": "회귀 문제입니다. 13개 특성으로 지역의 주택 가격 중앙값(천 달러 단위)을 예측합니다. 매끄러운 두 활성화 "
              "함수와 배치 정규화를 씁니다. 둘 다 비슷한 오차에 이르니, 검증 MAE가 평평해지는 모습과 어느 쪽이 더 "
              "빨리 도달하는지 비교하세요.",
    },
    "lesson.boston_swish_gelu.claim": {"en": "the worse test MAE is {mae:.2f} (at most {high:.1f}, in $1000s)",
                                       "ko": "더 나쁜 쪽의 테스트 MAE {mae:.2f} ({high:.1f} 이하, 천 달러 단위)"},
    "lesson.batch_size.title": {"en": "Batch size and a noisy loss", "ko": "배치 크기와 손실의 흔들림"},
    "lesson.batch_size.watch": {
        "en": "The same network with batches of 8, 32 and 150. Small batches take many small, noisy steps: the "
              "per-step loss jumps up and down. Large batches take few, smooth steps. Compare the thin per-step "
              "loss lines, and how many steps each run takes per epoch.",
        "ko": "같은 신경망을 배치 크기 8, 32, 150으로 학습합니다. 작은 배치는 작고 들쭉날쭉한 걸음을 많이 걷습니다. "
              "스텝별 손실이 위아래로 튑니다. 큰 배치는 적고 매끄러운 걸음을 걷습니다. 스텝별 손실의 가는 선과 "
              "에포크당 스텝 수를 비교하세요.",
    },
    "lesson.batch_size.claim": {"en": "step-to-step loss noise: batch 8 {small:.3f}, batch 150 {large:.3f}",
                                "ko": "스텝 간 손실의 흔들림: 배치 8은 {small:.3f}, 배치 150은 {large:.3f}"},
    "lesson.adam_adagrad.title": {"en": "Adam vs Adagrad", "ko": "Adam 대 Adagrad"},
    "lesson.adam_adagrad.watch": {
        "en": "Both give every weight its own step size. Adagrad adds up all past squared gradients, so its "
              "steps only shrink and it slows down; Adam averages recent ones and keeps moving. Watch the two "
              "loss curves part.",
        "ko": "두 옵티마이저 모두 가중치마다 자기 걸음 크기를 씁니다. Adagrad는 지난 기울기의 제곱을 모두 더해서 걸음이 "
              "계속 작아지고 느려집니다. Adam은 최근 기울기의 평균을 써서 계속 나아갑니다. 두 손실 곡선이 "
              "벌어지는 모습을 보세요.",
    },
    "lesson.adam_adagrad.claim": {"en": "final training loss: Adam {winner:.3f}, Adagrad {loser:.3f}",
                                  "ko": "마지막 학습 손실: Adam {winner:.3f}, Adagrad {loser:.3f}"},
    "lesson.iris_mlp.title": {"en": "Iris classifier 4-200-100-3 with Adam", "ko": "붓꽃 분류기 4-200-100-3 (Adam)"},
    "lesson.iris_mlp.watch": {
        "en": "The iris network of the backpropagation lecture: 4 measurements in, 3 species out, two ReLU "
              "layers, Adam for 50 epochs. It learns in a few seconds; the history plot is the one the lecture "
              "draws. Then open Softmax & backprop to compute its probabilities by hand.",
        "ko": "역전파 강의의 붓꽃 신경망입니다. 측정값 4개를 받아 품종 3개를 구분하고, ReLU 층 두 개와 Adam으로 50 "
              "에포크 학습합니다. 몇 초 만에 배우고, 학습 기록 그래프는 강의에서 그린 그래프와 같습니다. 이어서 "
              "'소프트맥스와 역전파'에서 확률을 손으로 계산해 보세요.",
    },
    "lesson.iris_mlp.claim": {"en": "test accuracy {accuracy:.1%} (at least {low:.0%})",
                              "ko": "테스트 정확도 {accuracy:.1%} ({low:.0%} 이상)"},
    "lesson.softmax_by_hand.title": {"en": "Softmax by hand", "ko": "소프트맥스 손으로 계산하기"},
    "lesson.softmax_by_hand.watch": {
        "en": "Take one flower, multiply by the trained weights, add the bias, exponentiate and divide by the "
              "sum: the probabilities you get are exactly the model's. Then follow one backward pass through a "
              "tiny network, partial derivative by partial derivative.",
        "ko": "꽃 한 송이의 측정값에 학습된 가중치를 곱하고 편향을 더한 뒤, 지수를 취해 합으로 나누면 모델이 낸 "
              "확률과 정확히 같습니다. 이어서 작은 신경망의 역전파를 편미분 하나하나 따라가 보세요.",
    },
    "lesson.softmax_by_hand.claim": {"en": "largest gap between the hand computation and the model: {gap:.0e}",
                                     "ko": "손으로 계산한 값과 모델의 값 사이 가장 큰 차이: {gap:.0e}"},
    "lesson.ensemble.title": {"en": "An ensemble of five seeds", "ko": "시드 다섯 개로 만든 앙상블"},
    "lesson.ensemble.watch": {
        "en": "The same network trained five times, once per random seed: each run starts from other weights and "
              "sees the batches in another order, so each ends a little differently, and some are lucky. The "
              "ensemble asks all five, like a panel of experts, and averages their class probabilities. Compare "
              "the runs' test accuracies with the ensemble's under the summary table, and the decision "
              "boundaries of the runs.",
        "ko": "같은 신경망을 난수 시드만 바꿔 다섯 번 학습합니다. 실행마다 초기 가중치와 배치 순서가 달라서 결과가 "
              "조금씩 다르고, 운이 좋은 실행도 있습니다. 앙상블은 전문가 다섯 명에게 따로 묻듯이 다섯 실행의 클래스 "
              "확률을 평균합니다. 요약 표 아래에서 각 실행의 테스트 정확도와 앙상블의 정확도를 비교하고, 실행별 결정 "
              "경계도 살펴보세요.",
    },
    "lesson.ensemble.claim": {
        "en": "test accuracy: ensemble {ensemble:.1%}, average single run {mean:.1%}, best single run {best:.1%}",
        "ko": "테스트 정확도: 앙상블 {ensemble:.1%}, 실행 하나의 평균 {mean:.1%}, 가장 좋은 실행 {best:.1%}",
    },
    # -- classic results ------------------------------------------------------------------------------
    "lesson.vanishing_gradients.title": {"en": "Vanishing gradients: 10-layer sigmoid vs ReLU",
                                         "ko": "기울기 소실: 10층 sigmoid 대 ReLU"},
    "lesson.vanishing_gradients.watch": {
        "en": "The sigmoid's slope is at most 0.25, so every layer the error passes back through shrinks it: "
              "after ten layers the first layer gets about a millionth of the last one's gradient and barely "
              "learns. ReLU passes gradients through with slope 1. Watch the gradient profile: a steep slope "
              "for sigmoid, nearly flat for ReLU.",
        "ko": "sigmoid의 기울기는 최대 0.25라서, 오차가 층을 하나 거꾸로 지날 때마다 작아집니다. 10층을 지나면 첫 "
              "층은 마지막 층 기울기의 약 백만분의 1만 받아 거의 배우지 못합니다. ReLU는 기울기 1로 그대로 "
              "전달합니다. 층별 기울기 그래프를 보세요. sigmoid는 가파르게 떨어지고 ReLU는 거의 평평합니다.",
    },
    "lesson.vanishing_gradients.claim": {
        "en": "first / last hidden layer gradient: sigmoid {sigmoid:.1e}, ReLU {relu:.2g}",
        "ko": "첫 은닉층 / 마지막 은닉층 기울기: sigmoid {sigmoid:.1e}, ReLU {relu:.2g}",
    },
    "lesson.zero_init.title": {"en": "All-zero initialisation", "ko": "가중치를 모두 0으로 초기화"},
    "lesson.zero_init.watch": {
        "en": "Every weight starts at 0, so every unit of a layer computes the same thing and receives the same "
              "gradient: the units move together and stay copies of each other, and the network is no better "
              "than one unit per layer. Watch the accuracy stay at chance.",
        "ko": "모든 가중치가 0에서 출발하면 한 층의 유닛이 모두 같은 값을 계산하고 같은 기울기를 받습니다. 유닛들이 "
              "함께 움직여 서로의 복사본으로 남고, 신경망은 층마다 유닛 하나인 것과 다를 바가 없습니다. 정확도가 "
              "우연 수준에 머무는 것을 보세요.",
    },
    "lesson.zero_init.claim": {"en": "largest weight difference between two units of a layer: {spread:.1g}; "
                                     "validation accuracy {accuracy:.0%}",
                               "ko": "한 층의 두 유닛 사이 가장 큰 가중치 차이: {spread:.1g}, 검증 정확도 {accuracy:.0%}"},
    "lesson.xavier_vs_he.title": {"en": "Xavier vs He in a 30-layer ReLU net", "ko": "30층 ReLU 신경망: Xavier 대 He"},
    "lesson.xavier_vs_he.watch": {
        "en": "ReLU zeroes half of its inputs, so with Xavier's variance the signal halves at every layer: after "
              "30 layers almost nothing is left and the loss does not move. He et al. (2015) doubled the variance "
              "(2/fan_in) and the same network learns.",
        "ko": "ReLU는 입력의 절반을 0으로 만들기 때문에, Xavier의 분산으로는 신호가 층마다 절반으로 줄어듭니다. 30층을 "
              "지나면 거의 남지 않아 손실이 움직이지 않습니다. He 등(2015)은 분산을 두 배(2/fan_in)로 늘렸고, 같은 "
              "신경망이 학습합니다.",
    },
    "lesson.xavier_vs_he.claim": {"en": "the training loss got {xavier:.1f}% below its first epoch with Xavier and "
                                        "{he:.1f}% with He",
                                  "ko": "학습 손실이 첫 에포크보다 Xavier는 {xavier:.1f}%, He는 {he:.1f}% 낮아졌습니다"},
    "lesson.glorot_bengio.title": {"en": "Glorot & Bengio 2010: softsign, tanh, sigmoid",
                                   "ko": "Glorot & Bengio 2010: softsign, tanh, sigmoid 비교"},
    "lesson.glorot_bengio.watch": {
        "en": "Five hidden layers on MNIST digits, the paper's comparison scaled down. Sigmoid outputs are not "
              "centred on zero and its slope is at most 0.25, so the signal that trains the lower layers fades "
              "and it learns slowest of the three; the zero-centred tanh and softsign do far better. Compare the "
              "gradient profiles and the activation means per layer.",
        "ko": "MNIST 숫자에 은닉층 5개, 논문의 비교를 작게 줄인 실험입니다. sigmoid의 출력은 0을 중심으로 하지 않고 "
              "기울기는 최대 0.25라서, 아래쪽 층을 학습시키는 신호가 약해져 셋 중 가장 느리게 배웁니다. 0을 중심으로 "
              "하는 tanh와 softsign은 훨씬 잘 배웁니다. 층별 기울기와 활성값 평균을 비교하세요.",
    },
    "lesson.glorot_bengio.claim": {
        "en": "validation accuracy: softsign {softsign:.0%}, tanh {tanh:.0%}, sigmoid {sigmoid:.0%}",
        "ko": "검증 정확도: softsign {softsign:.0%}, tanh {tanh:.0%}, sigmoid {sigmoid:.0%}",
    },
    "lesson.selu.title": {"en": "SELU keeps 30 layers normalised", "ko": "SELU: 30층에서도 정규화가 유지됨"},
    "lesson.selu.watch": {
        "en": "SELU with LeCun initialisation is built so that activations keep mean 0 and standard deviation 1 "
              "from layer to layer (Klambauer et al. 2017). ReLU with Xavier loses a little at every layer. "
              "Watch the activation spread per layer: flat for SELU, fading for ReLU.",
        "ko": "SELU와 LeCun 초기화는 층을 지나도 활성값의 평균 0, 표준편차 1이 유지되도록 만들어졌습니다(Klambauer 등 "
              "2017). Xavier 초기화의 ReLU는 층마다 조금씩 줄어듭니다. 층별 활성값 분포를 보세요. SELU는 "
              "평평하고 ReLU는 사라져 갑니다.",
    },
    "lesson.selu.claim": {"en": "activation std in the 30th layer: SELU {selu:.2f}, ReLU {relu:.1e}",
                          "ko": "30번째 층의 활성값 표준편차: SELU {selu:.2f}, ReLU {relu:.1e}"},
    "lesson.batchnorm_rescue.title": {"en": "BatchNorm rescues a deep sigmoid net",
                                      "ko": "배치 정규화가 깊은 sigmoid 신경망을 살림"},
    "lesson.batchnorm_rescue.watch": {
        "en": "A 10-layer sigmoid network cannot learn the two moons: its gradients vanish. BatchNorm re-centres "
              "and re-scales each layer's inputs so the sigmoids work in their steep middle part, and the same "
              "network learns (Ioffe & Szegedy 2015).",
        "ko": "10층 sigmoid 신경망은 두 개의 반달 데이터를 배우지 못합니다. 기울기가 사라지기 때문입니다. 배치 정규화는 "
              "각 층의 입력을 다시 가운데로 모으고 크기를 맞춰 sigmoid가 가파른 가운데 부분에서 일하게 하고, 같은 "
              "신경망이 학습합니다(Ioffe & Szegedy 2015).",
    },
    "lesson.batchnorm_rescue.claim": {"en": "validation accuracy: without {plain:.0%}, with BatchNorm {batchnorm:.0%}",
                                      "ko": "검증 정확도: 배치 정규화 없이 {plain:.0%}, 배치 정규화와 함께 {batchnorm:.0%}"},
    "lesson.dying_relu.title": {"en": "Dying ReLU", "ko": "죽은 ReLU"},
    "lesson.dying_relu.watch": {
        "en": "With a far too high learning rate for Adam, one big step pushes many ReLU units to where their "
              "input is negative for every example: they output 0, get no gradient and never come back. Watch "
              "the dead-unit percentage climb.",
        "ko": "Adam에 학습률을 너무 크게 주면, 큰 걸음 한 번에 많은 ReLU 유닛의 입력이 모든 예제에서 음수가 됩니다. 그 "
              "유닛은 0만 내고 기울기를 받지 못해 다시 살아나지 않습니다. 죽은 유닛 비율이 오르는 것을 보세요.",
    },
    "lesson.dying_relu.claim": {"en": "{dead:.0f}% of the hidden units are dead",
                                "ko": "은닉 유닛의 {dead:.0f}%가 죽었습니다"},
    "lesson.dropout.title": {"en": "Dropout against overfitting", "ko": "드롭아웃으로 과적합 막기"},
    "lesson.dropout.watch": {
        "en": "A wide network on 200 noisy points learns the noise: its training accuracy keeps rising while "
              "the validation accuracy does not (overfitting). Dropout switches off half the units at random in "
              "every step, so no unit can rely on another: the gap between training and validation narrows.",
        "ko": "넓은 신경망이 노이즈가 많은 점 200개를 배우면 노이즈까지 외웁니다. 학습 정확도는 계속 오르는데 검증 "
              "정확도는 오르지 않습니다(과적합). 드롭아웃은 단계마다 유닛의 절반을 무작위로 꺼서 어떤 유닛도 다른 "
              "유닛에 기댈 수 없게 합니다. 학습과 검증 사이의 차이가 줄어듭니다.",
    },
    "lesson.dropout.claim": {"en": "training − validation accuracy over the last quarter of the epochs: without "
                                   "{plain:+.0%}, with dropout {dropout:+.0%}",
                             "ko": "마지막 4분의 1 에포크 동안 학습 − 검증 정확도: 드롭아웃 없이 {plain:+.0%}, 드롭아웃과 "
                                   "함께 {dropout:+.0%}"},
    "lesson.optimizer_race.title": {"en": "Optimizer race", "ko": "옵티마이저 경주"},
    "lesson.optimizer_race.watch": {
        "en": "Six optimizers from the same start with the same learning rate. Plain SGD crawls, momentum and "
              "Nesterov roll faster, and the adaptive ones (Adagrad, RMSprop, Adam) scale each weight's step. "
              "Watch which loss curve drops first.",
        "ko": "옵티마이저 여섯 개가 같은 출발점, 같은 학습률로 달립니다. 기본 SGD는 느리게 기어가고, 모멘텀과 "
              "Nesterov는 더 빨리 굴러가며, 적응형(Adagrad, RMSprop, Adam)은 가중치마다 걸음 크기를 조절합니다. "
              "어느 손실 곡선이 먼저 떨어지는지 보세요.",
    },
    "lesson.optimizer_race.claim": {"en": "final training loss: Adam {winner:.3f}, SGD {loser:.3f}",
                                    "ko": "마지막 학습 손실: Adam {winner:.3f}, SGD {loser:.3f}"},
}
