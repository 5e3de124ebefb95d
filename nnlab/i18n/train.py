"""UI text of the Train page, the shared settings sidebar, live status, results and the run
charts (keys ``train.*``, ``sidebar.*``, ``live.*``, ``results.*``, ``charts.*``), English and Korean."""

TEXT = {
    # -- page ----------------------------------------------------------------------------------
    "train.title": {"en": "Train a network", "ko": "신경망 학습"},
    "train.intro": {
        "en": "Choose the settings in the sidebar and click Train. Watch the loss fall and, below it, "
              "how big the gradient of every layer is: with deep sigmoid nets the first layers barely move.",
        "ko": "사이드바에서 설정을 고르고 학습을 누르세요. 손실이 줄어드는 모습과 그 아래 층마다의 기울기 크기를 "
              "지켜보세요. 깊은 sigmoid 신경망에서는 앞쪽 층이 거의 움직이지 않습니다.",
    },
    "train.btn.train": {"en": "Train", "ko": "학습"},
    "train.btn.train_help": {"en": "Start training with the settings in the sidebar.",
                             "ko": "사이드바의 설정으로 학습을 시작합니다."},
    "train.charts_soon": {"en": "The charts appear as soon as the first training steps are done.",
                          "ko": "첫 학습 단계가 끝나면 바로 차트가 나타납니다."},
    "train.btn.stop": {"en": "Stop", "ko": "중지"},
    "train.btn.stop_help": {"en": "Stop after the current chunk of steps; the results so far are kept.",
                            "ko": "지금 실행 중인 단계 묶음이 끝나면 멈춥니다. 지금까지의 결과는 남습니다."},
    "train.btn.pause": {"en": "Pause", "ko": "일시정지"},
    "train.btn.resume": {"en": "Resume", "ko": "계속"},
    "train.btn.pause_help": {"en": "Hold training where it is (to explain a chart), then resume.",
                             "ko": "학습을 잠시 멈춥니다(차트를 설명할 때). 다시 누르면 이어서 학습합니다."},
    "train.btn.reset": {"en": "Reset", "ko": "초기화"},
    "train.btn.reset_help": {"en": "Stop the run and clear its charts; the settings stay.",
                             "ko": "학습을 멈추고 차트를 지웁니다. 설정은 그대로입니다."},
    "train.frozen_note": {"en": "Charts frozen: training continues; switch the toggle off to follow it again.",
                          "ko": "차트가 멈춰 있습니다. 학습은 계속되며, 스위치를 끄면 다시 따라갑니다."},
    "train.blocked": {"en": "Cannot train yet: {error}", "ko": "아직 학습할 수 없습니다: {error}"},
    "train.empty": {
        "en": "Pick a data set and a network in the sidebar (or a preset such as “10-layer sigmoid on spiral”), "
              "then click **Train**.",
        "ko": "사이드바에서 데이터와 신경망을 고르고(또는 “나선 데이터, 10층 sigmoid” 같은 프리셋), **학습**을 누르세요.",
    },
    "train.grad.heading": {"en": "Gradients per layer: is every layer learning?",
                           "ko": "층별 기울기: 모든 층이 학습하고 있나요?"},
    "train.grad.caption": {
        "en": "Backpropagation multiplies one derivative per layer on the way back to the input. Sigmoid's slope "
              "is at most 0.25, so in a deep sigmoid net the layers near the input (L1, L2, …, dark colours) get "
              "gradients orders of magnitude smaller than the last layers: they hardly learn. ReLU keeps slope 1.",
        "ko": "역전파는 입력 쪽으로 돌아가며 층마다 미분값을 하나씩 곱합니다. sigmoid의 기울기는 최대 0.25라서 깊은 "
              "sigmoid 신경망에서는 입력에 가까운 층(L1, L2, …, 어두운 색)의 기울기가 마지막 층보다 몇 자릿수나 "
              "작아져 거의 학습하지 못합니다. ReLU는 기울기 1을 유지합니다.",
    },
    "train.act.caption": {
        "en": "Saturated: the activation's slope is below 5% of its maximum (sigmoid/tanh far from 0), so almost "
              "no gradient passes. Dead: the output is exactly 0 (ReLU with a negative input).",
        "ko": "포화: 활성화 함수의 기울기가 최댓값의 5% 미만(sigmoid/tanh가 0에서 멀리 있음)이라 기울기가 거의 "
              "전달되지 않습니다. 죽음: 출력이 정확히 0(음수 입력의 ReLU)입니다.",
    },
    "train.boundary.heading": {"en": "Decision boundary", "ko": "결정 경계"},
    "train.boundary.caption": {
        "en": "The background is the network's answer at every point of the plane (redrawn as it learns). "
              "Circles are training points, diamonds are test points the network never trained on.",
        "ko": "배경은 평면의 모든 점에서 신경망이 내놓는 답입니다(학습하면서 다시 그려집니다). "
              "동그라미는 학습 데이터, 마름모는 학습에 쓰지 않은 테스트 데이터입니다.",
    },
    # -- live status ------------------------------------------------------------------------------
    "live.starting": {"en": "Starting…", "ko": "시작하는 중…"},
    "live.compiling": {"en": "Loading the data and compiling the network…",
                       "ko": "데이터를 불러오고 신경망을 컴파일하는 중…"},
    "live.running": {"en": "Training: epoch {epoch} of {epochs}", "ko": "학습 중: {epochs} 에포크 중 {epoch}"},
    "live.pausing": {"en": "Pausing…", "ko": "일시정지하는 중…"},
    "live.paused": {"en": "Paused at epoch {epoch} of {epochs}.", "ko": "{epochs} 에포크 중 {epoch}에서 일시정지."},
    "live.finished": {"en": "Finished {epochs} epochs in {seconds}.", "ko": "{epochs} 에포크를 {seconds}에 마쳤습니다."},
    "live.stopped": {"en": "Stopped at epoch {epoch} of {epochs}.", "ko": "{epochs} 에포크 중 {epoch}에서 중지했습니다."},
    "live.diverged": {"en": "Diverged at step {step}. {hint}", "ko": "{step} 단계에서 발산했습니다. {hint}"},
    "live.failed": {"en": "The run failed: {error}", "ko": "학습에 실패했습니다: {error}"},
    "live.progress": {"en": "Epoch {epoch}/{epochs} · {speed} samples/s · ETA {eta}",
                      "ko": "에포크 {epoch}/{epochs} · 초당 {speed}개 샘플 · 남은 시간 {eta}"},
    # -- results ----------------------------------------------------------------------------------
    "results.title": {"en": "Results", "ko": "결과"},
    "results.test_loss": {"en": "Test loss", "ko": "테스트 손실"},
    "results.test_accuracy": {"en": "Test accuracy", "ko": "테스트 정확도"},
    "results.test_mae": {"en": "Test MAE", "ko": "테스트 MAE"},
    "results.speed": {"en": "Samples / second", "ko": "초당 샘플 수"},
    "results.speed_help": {"en": "Training throughput on this machine (forward + backward + statistics).",
                           "ko": "이 컴퓨터에서의 학습 처리량(순전파 + 역전파 + 통계)."},
    "results.report": {"en": "Classification report (test set)", "ko": "분류 보고서 (테스트 데이터)"},
    "results.report_help": {
        "en": "Precision: of the points predicted as a class, the share that really are. Recall: of the points of "
              "a class, the share found. F1: their harmonic mean. Support: test points per class. Accuracy: the "
              "share of all test points classified right. Macro avg: the plain mean over classes; weighted avg: "
              "the mean weighted by support.",
        "ko": "정밀도: 그 클래스로 예측한 것 중 실제로 맞은 비율. 재현율: 그 클래스의 실제 점 중 찾아낸 비율. "
              "F1: 두 값의 조화평균. 개수: 클래스별 테스트 점 수. 정확도: 전체 테스트 점 중 맞게 분류한 비율. "
              "매크로 평균은 클래스별 값의 단순 평균이고, 가중 평균은 클래스별 개수만큼 가중한 평균입니다.",
    },
    "results.precision": {"en": "precision", "ko": "정밀도"},
    "results.recall": {"en": "recall", "ko": "재현율"},
    "results.f1": {"en": "F1", "ko": "F1"},
    "results.support": {"en": "support", "ko": "개수"},
    "results.col.class": {"en": "Class", "ko": "클래스"},
    "results.row.accuracy": {"en": "accuracy", "ko": "정확도"},
    "results.row.macro_avg": {"en": "macro avg", "ko": "매크로 평균"},
    "results.row.weighted_avg": {"en": "weighted avg", "ko": "가중 평균"},
    "results.params": {"en": "Parameters", "ko": "파라미터"},
    "results.col.layer": {"en": "Layer", "ko": "층"},
    "results.col.shape": {"en": "In → out", "ko": "입력 → 출력"},
    "results.col.params": {"en": "Parameters", "ko": "파라미터 수"},
    "results.col.formula": {"en": "Formula", "ko": "계산식"},
    "results.row.total": {"en": "Total", "ko": "합계"},
    "results.layer.bn": {"en": "{layer} BatchNorm", "ko": "{layer} 배치 정규화"},
    "results.params_total": {"en": "This network has **{total}** parameters in all.",
                             "ko": "이 신경망의 파라미터는 모두 **{total}**개입니다."},
    "results.params_help": {
        "en": "A Dense layer with n_in inputs and n_out units has (n_in + 1) · n_out parameters: "
              "one weight per input per unit, plus one bias per unit.",
        "ko": "입력 n_in개, 뉴런 n_out개인 Dense 층의 파라미터 수는 (n_in + 1) · n_out입니다. "
              "뉴런마다 입력별 가중치 하나씩과 편향 하나가 있기 때문입니다.",
    },
    "results.params_help_bn": {
        "en": "A BatchNorm layer (after each hidden layer) has 4 parameters per unit: the scale γ and shift β are "
              "learned; the running mean and variance are only tracked during training, not learned.",
        "ko": "배치 정규화 층(은닉층마다 하나)은 뉴런마다 파라미터가 4개입니다. 배율 γ와 이동 β는 학습되고, 이동 평균과 분산은 "
              "학습 중에 기록만 할 뿐 학습되지 않습니다.",
    },
    "results.downloads": {"en": "Downloads", "ko": "내려받기"},
    "results.dl.csv": {"en": "History (CSV)", "ko": "학습 기록 (CSV)"},
    "results.dl.json": {"en": "Run record (JSON)", "ko": "실행 기록 (JSON)"},
    "results.dl.keras": {"en": "Trained model (.keras)", "ko": "학습된 모델 (.keras)"},
    "results.dl.keras_help": {"en": "Load it with `keras.models.load_model('file.keras')`.",
                              "ko": "`keras.models.load_model('file.keras')`로 불러올 수 있습니다."},
    # -- sidebar --------------------------------------------------------------------------------
    "sidebar.title": {"en": "Settings", "ko": "설정"},
    "sidebar.locked": {"en": "Settings are locked while the network trains. Stop the run to change them.",
                       "ko": "학습하는 동안에는 설정이 잠겨 있습니다. 바꾸려면 학습을 중지하세요."},
    "sidebar.preset": {"en": "Preset from the lecture notes", "ko": "강의 노트 프리셋"},
    "sidebar.preset.none": {"en": "Choose a preset…", "ko": "프리셋 선택…"},
    "sidebar.preset.current": {"en": "Current settings: {name}", "ko": "현재 설정: {name}"},
    "sidebar.help.preset": {"en": "Load a ready-made setting used in class; you can change any control afterwards.",
                            "ko": "수업에서 쓰는 설정을 한 번에 불러옵니다. 불러온 뒤 어떤 값이든 바꿀 수 있습니다."},
    "sidebar.section.data": {"en": "Data", "ko": "데이터"},
    "sidebar.section.network": {"en": "Network", "ko": "신경망"},
    "sidebar.section.training": {"en": "Training", "ko": "학습"},
    "sidebar.scaling.standard": {"en": "Standardise (mean 0, std 1)", "ko": "표준화 (평균 0, 표준편차 1)"},
    "sidebar.scaling.minmax": {"en": "Min–max to [0, 1]", "ko": "최소–최대 [0, 1]"},
    "sidebar.scaling.none": {"en": "None", "ko": "안 함"},
    "sidebar.csv_file": {"en": "CSV file", "ko": "CSV 파일"},
    "sidebar.csv_needed": {"en": "upload a CSV file first.", "ko": "먼저 CSV 파일을 올리세요."},
    "sidebar.csv_bad": {"en": "This file cannot be used: {error}", "ko": "이 파일은 쓸 수 없습니다: {error}"},
    "sidebar.see_error": {"en": "see the message in the sidebar.", "ko": "사이드바의 메시지를 보세요."},
    "sidebar.csv_kept": {"en": "The previously uploaded file is still used.", "ko": "이전에 올린 파일을 계속 씁니다."},
    "sidebar.csv_loaded": {"en": "{name}: {rows} rows, {cols} columns", "ko": "{name}: {rows}행, {cols}열"},
    "sidebar.task.auto": {"en": "Decide from the target", "ko": "목표 열을 보고 결정"},
    "sidebar.task.classification": {"en": "Classification", "ko": "분류"},
    "sidebar.task.regression": {"en": "Regression", "ko": "회귀"},
    "sidebar.advanced": {"en": "Advanced: layer widths and per-layer activations",
                         "ko": "고급: 층별 너비와 층별 활성화 함수"},
    "sidebar.layer_n": {"en": "Layer {n}", "ko": "{n}층"},
    "sidebar.init_param": {"en": "Initializer {name} (0 = default)", "ko": "초기화 {name} (0 = 기본값)"},
    "sidebar.init_param.default": {"en": "This initializer's default: {default}.",
                                   "ko": "이 초기화 방법의 기본값: {default}."},
    "sidebar.off": {"en": "off", "ko": "끔"},
    "sidebar.invalid": {"en": "{field}: {message}", "ko": "{field}: {message}"},
    "sidebar.url_bad": {
        "en": "The link's setting {field} = {value} was ignored: {reason}. It stays at {used}.",
        "ko": "링크의 설정 {field} = {value}은(는) 무시했습니다: {reason}. 값은 {used} 그대로입니다.",
    },
    "sidebar.url_conflict": {
        "en": "The link's setting {field} = {value} was ignored because it does not fit with the other settings: "
              "{reason}. It stays at {used}.",
        "ko": "링크의 설정 {field} = {value}은(는) 다른 설정과 맞지 않아 무시했습니다: {reason}. 값은 {used} "
              "그대로입니다.",
    },
    "sidebar.url_unknown": {"en": "The link contains {param}, which is not a setting; it was ignored.",
                            "ko": "링크에 있는 {param}은(는) 설정 이름이 아니어서 무시했습니다."},
    "sidebar.url_suggest": {"en": "Did you mean {name}?", "ko": "{name}을(를) 뜻했나요?"},
    "sidebar.url_repeated": {"en": "The link sets {field} {count} times; the last value, {value}, is used.",
                             "ko": "링크에 {field}이(가) {count}번 들어 있어 마지막 값 {value}을(를) 씁니다."},
    "sidebar.url_no_file": {
        "en": "A link cannot choose a data file, so {field} = {value} was ignored. To use your own table, choose "
              "the data set {dataset} in the sidebar and upload the file.",
        "ko": "링크로는 데이터 파일을 고를 수 없어 {field} = {value}을(를) 무시했습니다. 직접 만든 표를 쓰려면 "
              "사이드바에서 데이터셋 {dataset}을(를) 고르고 파일을 올리세요.",
    },
    "sidebar.help.csv_file": {"en": "Your own table: one row per example, numeric feature columns and one target "
                                    "column. Up to 50 MB.",
                              "ko": "직접 만든 표: 한 행이 예제 하나, 숫자 특성 열들과 목표 열 하나. 최대 50 MB."},
    # -- charts ---------------------------------------------------------------------------------
    "charts.waiting": {"en": "Waiting for the first numbers…", "ko": "첫 결과를 기다리는 중…"},
    "charts.epoch": {"en": "epoch", "ko": "에포크"},
    "charts.step": {"en": "training step (batches)", "ko": "학습 단계 (배치)"},
    "charts.train": {"en": "training", "ko": "학습"},
    "charts.val": {"en": "validation", "ko": "검증"},
    "charts.train_steps": {"en": "training (each step)", "ko": "학습 (단계별)"},
    "charts.loss.title": {"en": "Loss", "ko": "손실"},
    "charts.loss.ce": {"en": "cross-entropy loss", "ko": "교차 엔트로피 손실"},
    "charts.loss.mse": {"en": "mean squared error", "ko": "평균제곱오차"},
    "charts.accuracy.title": {"en": "Accuracy", "ko": "정확도"},
    "charts.accuracy.y": {"en": "accuracy (%)", "ko": "정확도 (%)"},
    "charts.mae.title": {"en": "Mean absolute error", "ko": "평균절대오차"},
    "charts.mae.y": {"en": "MAE (target units)", "ko": "MAE (목표값 단위)"},
    "charts.grad.y": {"en": "‖∂loss/∂W‖ (log scale)", "ko": "‖∂손실/∂W‖ (로그 눈금)"},
    "charts.grad.lines.title": {"en": "Weight-gradient size per layer", "ko": "층별 가중치 기울기 크기"},
    "charts.grad.heat.title": {"en": "Gradient size: layer × epoch", "ko": "기울기 크기: 층 × 에포크"},
    "charts.grad.colorbar": {"en": "‖∂loss/∂W‖", "ko": "‖∂손실/∂W‖"},
    "charts.grad.bar.title": {"en": "Gradient per layer at step {step}", "ko": "{step} 단계의 층별 기울기"},
    "charts.layer_axis": {"en": "layer (input at the bottom)", "ko": "층 (아래가 입력 쪽)"},
    "charts.layer_axis_x": {"en": "layer (input → output)", "ko": "층 (입력 → 출력)"},
    "charts.act.title": {"en": "Saturated and dead units per layer", "ko": "층별 포화·죽은 뉴런"},
    "charts.act.saturated": {"en": "saturated", "ko": "포화"},
    "charts.act.dead": {"en": "dead (output 0)", "ko": "죽음 (출력 0)"},
    "charts.act.y": {"en": "share of activations (%)", "ko": "활성값 비율 (%)"},
    "charts.boundary.title": {"en": "Decision boundary", "ko": "결정 경계"},
    "charts.boundary.prob": {"en": "P(class {cls})", "ko": "P(클래스 {cls})"},
    "charts.boundary.train": {"en": "train, class {cls}", "ko": "학습, 클래스 {cls}"},
    "charts.boundary.test": {"en": "test, class {cls}", "ko": "테스트, 클래스 {cls}"},
    "charts.boundary.x": {"en": "x1 (scaled input)", "ko": "x1 (스케일된 입력)"},
    "charts.boundary.y": {"en": "x2 (scaled input)", "ko": "x2 (스케일된 입력)"},
    "charts.cm.title": {"en": "Confusion matrix (test set)", "ko": "혼동 행렬 (테스트 데이터)"},
    "charts.cm.x": {"en": "predicted class", "ko": "예측한 클래스"},
    "charts.cm.y": {"en": "true class", "ko": "실제 클래스"},
    "charts.cm.count": {"en": "points", "ko": "개수"},
    "charts.cm.hover": {"en": "true %{y}, predicted %{x}: %{z}", "ko": "실제 %{y}, 예측 %{x}: %{z}"},
    "charts.pred.title": {"en": "Predicted vs true (test set)", "ko": "예측값 대 실제값 (테스트 데이터)"},
    "charts.pred.x": {"en": "true value {target}", "ko": "실제값 {target}"},
    "charts.pred.y": {"en": "predicted value {target}", "ko": "예측값 {target}"},
    "charts.pred.ideal": {"en": "perfect prediction (y = x)", "ko": "완벽한 예측 (y = x)"},
    "charts.pred.points": {"en": "test points", "ko": "테스트 점"},
}
