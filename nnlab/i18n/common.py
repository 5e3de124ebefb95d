"""UI text shared by every page: app title, navigation, language picker, landing page."""

TEXT = {
    "app.title": {"en": "NN Lab", "ko": "NN Lab"},
    "app.tagline": {"en": "See why activations, initializers, dropout and optimizers matter.",
                    "ko": "활성화 함수, 초기화, 드롭아웃, 옵티마이저가 왜 중요한지 눈으로 확인하세요."},
    "lang.label": {"en": "Language / 언어", "ko": "Language / 언어"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.train": {"en": "Train", "ko": "학습"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.explorer": {"en": "Activation explorer", "ko": "활성화 함수 탐색"},
    "nav.neuron": {"en": "Single neuron", "ko": "뉴런 하나"},
    "nav.softmax": {"en": "Softmax & backprop", "ko": "소프트맥스와 역전파"},
    "home.intro": {
        "en": "NN Lab trains real Keras networks live in your browser. Change one setting, "
              "train, and watch what happens to the loss, the accuracy and the gradients of every layer.",
        "ko": "NN Lab은 실제 Keras 신경망을 브라우저에서 실시간으로 학습시킵니다. 설정 하나를 바꾸고 "
              "학습시킨 뒤 손실, 정확도, 층마다의 기울기가 어떻게 변하는지 지켜보세요.",
    },
    "home.pages": {"en": "Pages", "ko": "페이지"},
    "home.train": {"en": "Train one network and watch its loss, accuracy and per-layer gradients live.",
                   "ko": "신경망 하나를 학습시키며 손실, 정확도, 층별 기울기를 실시간으로 봅니다."},
    "home.compare": {"en": "Race several activations (or initializers, optimizers, depths) from the same initial weights.",
                     "ko": "같은 초기 가중치에서 여러 활성화 함수(또는 초기화, 옵티마이저, 깊이)를 동시에 비교합니다."},
    "home.explorer": {"en": "Plot every activation and its derivative; see how gradients shrink through depth.",
                      "ko": "활성화 함수와 도함수를 그려 보고, 깊이에 따라 기울기가 줄어드는 것을 봅니다."},
    "home.neuron": {"en": "Fit one neuron with and without a bias, step by step.",
                    "ko": "편향이 있을 때와 없을 때 뉴런 하나를 한 단계씩 학습시킵니다."},
    "home.softmax": {"en": "Compute softmax by hand and follow one backpropagation step through the chain rule.",
                     "ko": "소프트맥스를 손으로 계산하고, 연쇄 법칙으로 역전파 한 단계를 따라갑니다."},
}
