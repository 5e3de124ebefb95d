"""UI text of live runs shared by Train and Compare: waiting in line, run-size limits,
failures and what to try, the replay pace, and gradient ratios in words."""

TEXT = {
    "live.wait": {"en": "Waiting in line: you are number {position}{wait}. The class shares this server; your run "
                        "starts as soon as one ends.",
                  "ko": "대기 중: {position}번째 순서입니다{wait}. 수업 전체가 이 서버를 함께 씁니다. 앞의 학습이 "
                        "끝나면 바로 시작합니다."},
    "live.wait_about": {"en": " (about {seconds})", "ko": " (약 {seconds})"},
    "live.error.too_large": {
        "en": "This run is too large for a server the whole class shares: {epochs} epochs × {samples:,} samples × "
              "{weights:,} weights. Try at most {max_epochs} epochs, a smaller network or fewer samples — or run "
              "NN Lab on your own computer, where there is no limit.",
        "ko": "이 학습은 수업 전체가 함께 쓰는 서버에서 돌리기에 너무 큽니다: {epochs} 에포크 × 샘플 {samples:,}개 × "
              "가중치 {weights:,}개. 에포크를 {max_epochs} 이하로 줄이거나, 더 작은 신경망이나 더 적은 샘플을 쓰세요. "
              "자기 컴퓨터에서 NN Lab을 실행하면 제한이 없습니다."},
    "live.error.crash": {"en": "Training stopped with an unexpected error ({error}). Try other settings; if it "
                               "happens again, tell your teacher.",
                         "ko": "예상하지 못한 오류로 학습이 멈췄습니다 ({error}). 다른 설정으로 다시 해 보세요. "
                               "또 일어나면 선생님께 알려 주세요."},
    "live.error.ray_missing": {
        "en": "Training on Ray is switched on (NNLAB_RAY_ADDRESS), but Ray is not installed on this server: "
              "`python3 -m pip install -r requirements-ray.txt`",
        "ko": "Ray에서 학습하도록 설정되어 있지만(`NNLAB_RAY_ADDRESS`) 이 서버에 Ray가 설치되어 있지 않습니다: "
              "`python3 -m pip install -r requirements-ray.txt`"},
    "live.error.ray_connect": {
        "en": "The Ray cluster at `{address}` (NNLAB_RAY_ADDRESS) could not be reached, so runs cannot train: "
              "`{detail}`. Tell your teacher.",
        "ko": "Ray 클러스터(`{address}`, `NNLAB_RAY_ADDRESS`)에 연결하지 못해 학습할 수 없습니다: `{detail}`. "
              "선생님께 알려 주세요."},
    "live.error.ray_connecting": {
        "en": "Still trying to reach the Ray cluster at `{address}` (NNLAB_RAY_ADDRESS) after {seconds} s: runs "
              "start once it answers. Tell your teacher.",
        "ko": "{seconds}초째 Ray 클러스터(`{address}`, `NNLAB_RAY_ADDRESS`)에 연결하는 중입니다. 연결되면 학습이 "
              "시작됩니다. 선생님께 알려 주세요."},
    "live.error.ray_lost": {
        "en": "The Ray worker training this run was lost (`{detail}`). Press Train to start it again.",
        "ko": "이 학습을 맡은 Ray 작업자가 사라졌습니다(`{detail}`). 학습 버튼을 눌러 다시 시작하세요."},
    "live.hint.diverged": {
        "en": "The loss became NaN or infinite: the learning rate ({lr}) is probably too high for {activation} "
              "with {initializer} initialisation and {optimizer}. Try a learning rate 10× smaller, or turn on "
              "BatchNorm.",
        "ko": "손실이 NaN 또는 무한대가 되었습니다. {activation}, {initializer} 초기화, {optimizer} 조합에 비해 "
              "학습률({lr})이 너무 큰 것 같습니다. 학습률을 10분의 1로 줄이거나 배치 정규화를 켜 보세요."},
    "live.crowded": {"en": "Many runs share the server right now: the other charts appear when your run ends.",
                     "ko": "지금은 많은 학습이 서버를 함께 쓰고 있어, 나머지 차트는 학습이 끝나면 나타납니다."},
    "live.ended_without_data": {
        "en": "No charts: the run ended before its first training step.",
        "ko": "차트가 없습니다: 첫 학습 단계 전에 학습이 끝났습니다."},
    "summary.optimizer": {"en": "{optimizer}, lr {lr:g}", "ko": "{optimizer}, 학습률 {lr:g}"},
    "summary.batch": {"en": "batch {batch}", "ko": "배치 {batch}"},
    "summary.epochs": {"en": "{epochs} epochs", "ko": "{epochs} 에포크"},
    "summary.dropout": {"en": "dropout {rate:g}", "ko": "드롭아웃 {rate:g}"},
    "summary.batchnorm": {"en": "BatchNorm", "ko": "배치 정규화"},
    "time.seconds": {"en": "{n} s", "ko": "{n}초"},
    "compare.btn.stop_run": {"en": "Stop {label}", "ko": "{label} 중지"},
    "play.pace": {"en": "Playback speed", "ko": "재생 속도"},
    "play.pace_help": {
        "en": "Training runs at full speed; the charts replay it at a pace a class can follow. Instant shows "
              "the latest numbers. Hold stops redrawing the charts so you can zoom and hover; training goes on.",
        "ko": "학습은 최고 속도로 진행되고, 차트는 수업에서 따라갈 수 있는 속도로 다시 보여 줍니다. "
              "'즉시'는 최신 결과를 바로 보여 줍니다. '멈춤'은 차트를 멈춰 확대하거나 값을 볼 수 있게 합니다. "
              "학습은 계속됩니다."},
    "play.slow": {"en": "Slow", "ko": "느리게"},
    "play.normal": {"en": "Normal", "ko": "보통"},
    "play.instant": {"en": "Instant", "ko": "즉시"},
    "play.hold": {"en": "⏸ Hold", "ko": "⏸ 멈춤"},
    "play.showing": {"en": "Showing epoch {shown} of {epochs} (trained: {trained}).",
                     "ko": "{epochs} 에포크 중 {shown} 에포크를 보여 주는 중 (학습 완료: {trained})."},
    "ratio.sentence": {"en": "Right now the gradient of {first} is {words} that of {last}.",
                       "ko": "지금 {first}의 기울기는 {last}의 {words}입니다."},
    "ratio.definition": {
        "en": "**Gradient ratio** = the weight-gradient size ‖∂L/∂W‖ of the first hidden layer ÷ that of the last "
              "hidden layer (L1 ÷ L10 in a 10-layer net). 1 = even; 1e-4 = the first layer gets 10,000× less: the "
              "vanishing gradient. The output layer is left out: its gradient comes straight from the loss.",
        "ko": "**기울기 비** = 첫 은닉층의 가중치 기울기 크기 ‖∂L/∂W‖ ÷ 마지막 은닉층의 크기 (10층 신경망이면 "
              "L1 ÷ L10). 1 = 같음, 1e-4 = 첫 층의 기울기가 10,000배 작음: 기울기 소실입니다. 출력층은 손실에서 "
              "바로 기울기를 받으므로 비교에서 뺍니다.",
    },
    "ratio.same": {"en": "about the same as", "ko": "거의 같은 크기"},
    "ratio.times": {"en": "about {n} times", "ko": "약 {n}배"},
    "ratio.percent": {"en": "about {n}% of", "ko": "약 {n}%"},
    "ratio.fraction": {"en": "about 1/{n} of", "ko": "약 {n}분의 1"},
}
