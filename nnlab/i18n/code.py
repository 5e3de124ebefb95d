"""Text of "Show the code" (``nnlab.codegen``, ``nnlab.ui.code_view``): the Train page's
expander (``code.*``) and the comments and printed lines of the generated Keras code
(``code.c.*``, ``code.print.*``), English and Korean. Names of packages and Keras objects
are code spans (backticks), so the Korean comments read as Korean."""

TEXT = {
    # -- the Train page's expander ------------------------------------------------------------
    "code.title": {"en": "Show the code", "ko": "코드 보기"},
    "code.style": {"en": "Style", "ko": "작성 방식"},
    "code.style.sequential": {"en": "`Sequential`, like the iris lecture",
                              "ko": "`Sequential` 순차 모델 (붓꽃 강의처럼)"},
    "code.style.functional": {"en": "Functional `Model`, like the Boston housing lecture",
                              "ko": "`Model` 함수형 모델 (보스턴 집값 강의처럼)"},
    "code.caption": {
        "en": "The sidebar's settings as plain Keras code: the same data and split, the same layers and parameter "
              "counts (see `model.summary()`) and the same first weights as NN Lab's network. It runs without "
              "NN Lab; copy it with the button at the top right of the box.",
        "ko": "사이드바 설정을 그대로 옮긴 케라스 코드입니다. 데이터와 분할, 층과 파라미터 수(`model.summary()`로 "
              "확인), 초기 가중치가 NN Lab의 신경망과 같습니다. NN Lab 없이 실행되며, 상자 오른쪽 위의 버튼으로 "
              "복사할 수 있습니다."},
    "code.caption_diff": {
        "en": "Its loss curve differs a little from the app's: `model.fit` also trains on the last, smaller batch "
              "and draws its own batch order and dropout masks.",
        "ko": "손실 곡선은 앱과 조금 다릅니다. `model.fit`은 마지막의 작은 배치로도 학습하고, 배치 순서와 "
              "드롭아웃 마스크를 따로 정하기 때문입니다."},
    "code.download": {"en": "Download as a Python file", "ko": "파이썬 파일로 내려받기"},
    "code.download_help": {"en": "Saves `nnlab-model.py`; run it with `python nnlab-model.py`.",
                           "ko": "`nnlab-model.py`로 저장합니다. `python nnlab-model.py`로 실행하세요."},
    # -- comments in the generated code ---------------------------------------------------------
    "code.c.header": {"en": "NN Lab's settings as Keras code: {dataset}, hidden layers {layers}",
                      "ko": "NN Lab 설정을 옮긴 케라스 코드: {dataset}, 은닉층 {layers}"},
    "code.c.no_hidden": {"en": "none", "ko": "없음"},
    "code.c.needs": {"en": "Runs without NN Lab; it needs `pip install {packages}`",
                     "ko": "NN Lab 없이 실행됩니다. 필요한 패키지: `pip install {packages}`"},
    "code.c.seed": {"en": "One seed fixes the data, the split, the first weights, the batch order and dropout",
                    "ko": "시드 하나로 데이터, 분할, 초기 가중치, 배치 순서, 드롭아웃을 고정합니다"},
    "code.c.data": {"en": "1. Data: {dataset}", "ko": "1. 데이터: {dataset}"},
    "code.c.generator": {"en": "NN Lab's generator, copied as it is (NumPy only)",
                         "ko": "NN Lab의 데이터 생성 함수를 그대로 옮겼습니다 (NumPy만 사용)"},
    "code.c.pixels": {"en": "Pixels to [0, 1]: divide by the brightest grey level ({max})",
                      "ko": "픽셀 값을 [0, 1]로: 가장 밝은 값({max})으로 나눕니다"},
    "code.c.download": {"en": "Downloads the 70,000 MNIST images once (needs internet)",
                        "ko": "MNIST 이미지 70,000장을 한 번 내려받습니다 (인터넷 필요)"},
    "code.c.csv_file": {"en": "Your CSV file: put its path here", "ko": "내 CSV 파일: 경로를 여기에 적으세요"},
    "code.c.target": {"en": "The column to predict", "ko": "예측할 열"},
    "code.c.task_guess": {
        "en": "Classification assumed: to predict a number, choose the task “regression” in NN Lab",
        "ko": "분류로 가정했습니다. 숫자를 예측하려면 NN Lab에서 작업을 “회귀”로 고르세요"},
    "code.c.classes": {"en": "Class names → 0, 1, 2, …", "ko": "클래스 이름 → 0, 1, 2, …"},
    "code.c.split": {"en": "2. Split: {test} of the rows for the test first, then {val} for validation",
                     "ko": "2. 분할: 먼저 전체의 {test}를 테스트용으로, 그다음 {val}를 검증용으로 떼어 둡니다"},
    "code.c.split_no_val": {
        "en": "2. Split: {test} of the rows for the test; no validation split, so it validates on the test rows",
        "ko": "2. 분할: 전체의 {test}를 테스트용으로 떼어 둡니다. 검증용 분할이 없어 테스트 데이터로 검증합니다"},
    "code.c.stratify": {"en": "`stratify`: every split keeps the class proportions",
                        "ko": "`stratify`: 나눈 데이터마다 클래스 비율이 같습니다"},
    "code.c.scale.standard": {
        "en": "3. Scaling, fitted on the training rows only: mean 0 and standard deviation 1 per feature",
        "ko": "3. 스케일링 (학습 데이터로만 맞춤): 특성마다 평균 0, 표준편차 1"},
    "code.c.scale.minmax": {"en": "3. Scaling, fitted on the training rows only: every feature to [0, 1]",
                            "ko": "3. 스케일링 (학습 데이터로만 맞춤): 특성마다 [0, 1] 범위로"},
    "code.c.scale.none": {"en": "3. No scaling", "ko": "3. 스케일링 없음"},
    "code.c.scale.image_standard": {
        "en": "3. Every pixel standardised with the training rows' mean and standard deviation (at least {floor}, "
              "so nearly blank border pixels do not blow up)",
        "ko": "3. 픽셀마다 학습 데이터의 평균과 표준편차로 표준화 (표준편차는 최소 {floor}: 거의 비어 있는 "
              "가장자리 픽셀이 너무 커지지 않게)"},
    "code.c.scale.image_none": {"en": "3. Pixels stay in [0, 1]", "ko": "3. 픽셀 값은 [0, 1] 그대로"},
    "code.c.model": {"en": "4. Model: input → hidden layers: {n} → output layer",
                     "ko": "4. 모델: 입력 → 은닉층 {n}개 → 출력층"},
    "code.c.order": {"en": "Each hidden layer: Dense → BatchNorm → activation → Dropout, as in NN Lab",
                     "ko": "은닉층마다 Dense → 배치 정규화 → 활성화 함수 → 드롭아웃 (NN Lab과 같은 순서)"},
    "code.c.init": {
        "en": "First weights: {init}. Layer i draws them with seed `SEED * 1000 + i`, the output layer with "
              "`SEED * 1000 + {out}`: NN Lab's rule, so they are the app's first weights",
        "ko": "초기 가중치: {init}. 시드는 i번째 층이 `SEED * 1000 + i`, 출력층이 `SEED * 1000 + {out}`입니다. "
              "NN Lab과 같은 규칙이라 초기 가중치도 앱과 같습니다"},
    "code.c.init_fixed": {"en": "First weights: {init}", "ko": "초기 가중치: {init}"},
    "code.c.l2": {"en": "L2: the loss gets {l2} × (sum of squared weights) of every Dense layer",
                  "ko": "L2: 손실에 {l2} × (모든 Dense 층 가중치의 제곱합)을 더합니다"},
    "code.c.out.classification": {"en": "Output: one probability per class (softmax)",
                                  "ko": "출력층: 클래스마다 확률 하나 (softmax)"},
    "code.c.out.regression": {"en": "Output: one number, no activation", "ko": "출력층: 숫자 하나, 활성화 함수 없음"},
    "code.c.summary": {
        "en": "Parameters: (inputs + 1) × units per Dense layer, 4 × units per BatchNorm: NN Lab's parameter table",
        "ko": "파라미터 수: Dense 층은 (입력 수 + 1) × 뉴런 수, 배치 정규화는 4 × 뉴런 수 (NN Lab의 파라미터 표와 같음)"},
    "code.c.compile": {"en": "5. Optimizer, loss and metric", "ko": "5. 옵티마이저, 손실 함수, 평가 지표"},
    "code.c.fit": {"en": "6. Training", "ko": "6. 학습"},
    "code.c.test": {"en": "7. Test on rows the network never trained on",
                    "ko": "7. 학습에 쓰지 않은 데이터로 테스트"},
    "code.print.classification": {"en": "test loss {loss}, test accuracy {metric}",
                                  "ko": "테스트 손실 {loss}, 테스트 정확도 {metric}"},
    "code.print.regression": {"en": "test loss {loss}, test MAE {metric}", "ko": "테스트 손실 {loss}, 테스트 MAE {metric}"},
}
