"""UI text of the Compare page and its charts (keys ``compare.*``), English and Korean."""

TEXT = {
    # -- page --------------------------------------------------------------------------------
    "compare.title": {"en": "Compare", "ko": "비교"},
    "compare.intro": {
        "en": "Race several activations (or initializers, optimizers, depths) side by side. Every run uses the "
              "same data split, the same seed, identical initial weights wherever the shapes match, and the "
              "same batch order — so any difference comes from the compared setting alone.",
        "ko": "여러 활성화 함수(또는 초기화, 옵티마이저, 깊이)를 나란히 경주시킵니다. 모든 실행은 같은 데이터 분할, "
              "같은 시드, (모양이 같은 층에서는) 똑같은 초기 가중치, 같은 배치 순서를 씁니다. 그래서 차이는 오직 "
              "비교하는 설정 하나에서만 생깁니다.",
    },
    "compare.variable": {"en": "Compare", "ko": "비교할 설정"},
    "compare.variable.help": {
        "en": "The one setting that differs between the runs. Every other setting comes from the sidebar.",
        "ko": "실행마다 달라지는 단 하나의 설정입니다. 나머지 설정은 모두 사이드바에서 가져옵니다.",
    },
    "compare.var.activation": {"en": "Activation function", "ko": "활성화 함수"},
    "compare.var.initializer": {"en": "Weight initializer", "ko": "가중치 초기화"},
    "compare.var.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "compare.var.depth": {"en": "Depth (hidden layers)", "ko": "깊이 (은닉층 수)"},
    "compare.var.batch_size": {"en": "Batch size", "ko": "배치 크기"},
    "compare.var.learning_rate": {"en": "Learning rate", "ko": "학습률"},
    "compare.var.dropout": {"en": "Dropout rate", "ko": "드롭아웃 비율"},
    "compare.var.batchnorm": {"en": "BatchNorm (off / on)", "ko": "배치 정규화 (끔 / 켬)"},
    "compare.var.seed": {"en": "Random seed", "ko": "난수 시드"},
    "compare.label.depth": {"en": "depth {value}", "ko": "깊이 {value}"},
    "compare.label.batch_size": {"en": "batch {value}", "ko": "배치 {value}"},
    "compare.label.learning_rate": {"en": "learning rate {value}", "ko": "학습률 {value}"},
    "compare.label.dropout": {"en": "dropout {value}", "ko": "드롭아웃 {value}"},
    "compare.label.batchnorm": {"en": "BatchNorm {value}", "ko": "배치 정규화 {value}"},
    "compare.label.seed": {"en": "seed {value}", "ko": "시드 {value}"},
    "compare.value.on": {"en": "on", "ko": "켬"},
    "compare.value.off": {"en": "off", "ko": "끔"},
    "compare.values": {"en": "Values to compare (2–8)", "ko": "비교할 값 (2–8개)"},
    "compare.values.help": {
        "en": "Each value becomes one run, drawn in its own colour in every chart.",
        "ko": "값 하나가 실행 하나가 되고, 모든 차트에서 같은 색으로 그려집니다.",
    },
    "compare.values.count": {"en": "Pick between 2 and 8 values (now {n}).",
                             "ko": "값을 2개에서 8개 사이로 고르세요 (지금 {n}개)."},
    "compare.same.activation": {
        "en": "Same initial weights for every activation: the weights do not depend on the activation.",
        "ko": "모든 활성화 함수가 똑같은 초기 가중치에서 출발합니다. 가중치는 활성화 함수와 무관합니다.",
    },
    "compare.same.optimizer": {
        "en": "Same initial weights for every optimizer; only the update rule differs (same learning rate).",
        "ko": "모든 옵티마이저가 똑같은 초기 가중치에서 출발하고, 업데이트 규칙만 다릅니다 (학습률도 같음).",
    },
    "compare.same.initializer": {
        "en": "Here the initial weights are what differs; data, seed and batch order are shared.",
        "ko": "여기서는 초기 가중치가 바로 비교 대상입니다. 데이터, 시드, 배치 순서는 같습니다.",
    },
    "compare.same.depth": {
        "en": "Layers of the same shape start from identical weights across depths (the first layer, "
              "every {w}×{w} layer and the output layer use the same seeds).",
        "ko": "깊이가 달라도 모양이 같은 층은 똑같은 가중치에서 출발합니다 (첫 층, {w}×{w} 층들, 출력층이 같은 "
              "시드를 씁니다).",
    },
    "compare.same.batch_size": {
        "en": "Same initial weights and the same shuffled order of the data; only how many examples make one "
              "step differs (small batches: more steps per epoch, each noisier).",
        "ko": "초기 가중치와 데이터를 섞는 순서는 같고, 한 번의 업데이트에 쓰는 예제 수만 다릅니다 (작은 배치: 에포크당 "
              "업데이트가 많고, 하나하나가 더 들쭉날쭉합니다).",
    },
    "compare.same.learning_rate": {
        "en": "Same initial weights and batch order; only the step size differs.",
        "ko": "초기 가중치와 배치 순서는 같고, 한 걸음의 크기(학습률)만 다릅니다.",
    },
    "compare.same.dropout": {
        "en": "Same initial weights and batch order; only the share of units switched off in each training step "
              "differs (dropout is off when the network is evaluated).",
        "ko": "초기 가중치와 배치 순서는 같고, 학습 단계마다 꺼 두는 유닛의 비율만 다릅니다 (평가할 때는 드롭아웃을 "
              "쓰지 않습니다).",
    },
    "compare.same.batchnorm": {
        "en": "Same initial weights for the dense layers and the same batch order; one run normalises every "
              "hidden layer's inputs with BatchNorm.",
        "ko": "Dense 층의 초기 가중치와 배치 순서는 같고, 한 실행만 모든 은닉층의 입력을 배치 정규화합니다.",
    },
    "compare.same.seed": {
        "en": "The same network on the same data split; each seed gives other initial weights and another batch "
              "order. Together the runs make the ensemble under the summary table.",
        "ko": "같은 데이터 분할에서 같은 신경망을 학습합니다. 시드마다 초기 가중치와 배치 순서가 달라집니다. 이 실행들을 "
              "합친 것이 요약 표 아래의 앙상블입니다.",
    },
    "compare.btn.compare": {"en": "Compare", "ko": "비교 시작"},
    "compare.btn.compare_help": {"en": "Train one network per value, all at the same time.",
                                 "ko": "값마다 신경망 하나씩, 모두 동시에 학습시킵니다."},
    "compare.btn.again": {"en": "Run again", "ko": "다시 실행"},
    "compare.btn.again_help": {"en": "Start the same comparison again with the current settings.",
                               "ko": "현재 설정으로 같은 비교를 다시 시작합니다."},
    "compare.btn.stop_all": {"en": "Stop all", "ko": "모두 중지"},
    "compare.btn.stop_all_help": {"en": "Stop every run of this comparison.",
                                  "ko": "이 비교의 모든 실행을 멈춥니다."},
    "compare.btn.stop": {"en": "Stop", "ko": "중지"},
    "compare.btn.clear": {"en": "Clear", "ko": "지우기"},
    "compare.btn.clear_help": {"en": "Stop and forget this comparison.", "ko": "이 비교를 멈추고 지웁니다."},
    "compare.frozen_note": {"en": "Live charts paused: training continues in the background.",
                            "ko": "실시간 차트를 멈췄습니다. 학습은 뒤에서 계속됩니다."},
    "compare.blocked": {"en": "Fix the settings first: {error}", "ko": "먼저 설정을 고치세요: {error}"},
    "compare.empty": {
        "en": "Pick what to compare, then click **Compare**. Try: activation, the default six, spiral, 8 layers.",
        "ko": "비교할 설정을 고른 뒤 **비교 시작**을 누르세요. 추천: 활성화 함수, 기본 6개, 나선 데이터, 8층.",
    },
    "compare.data_failed": {"en": "The data could not be loaded: {error}", "ko": "데이터를 불러오지 못했습니다: {error}"},
    "compare.running_for": {"en": "Comparing **{variable}**: {values}", "ko": "**{variable}** 비교 중: {values}"},
    "compare.settings_changed": {
        "en": "The sidebar settings changed since this comparison started; click Run again to use them.",
        "ko": "이 비교를 시작한 뒤 사이드바 설정이 바뀌었습니다. 새 설정을 쓰려면 다시 실행을 누르세요.",
    },
    "compare.status.heading": {"en": "Runs", "ko": "실행 상태"},
    "compare.curves.heading": {"en": "Validation curves", "ko": "검증 곡선"},
    "compare.grad.heading": {"en": "Gradients through the layers", "ko": "층별 기울기"},
    "compare.grad.caption": {
        "en": "Each line is one run. On a log scale, a line that falls towards the input (left) means the first "
              "layers get gradients orders of magnitude smaller than the last ones: the vanishing gradient.",
        "ko": "선 하나가 실행 하나입니다. 로그 눈금에서 입력 쪽(왼쪽)으로 갈수록 선이 떨어지면, 앞쪽 층이 뒤쪽 층보다 "
              "수십~수천 배 작은 기울기를 받는다는 뜻입니다. 바로 기울기 소실입니다.",
    },
    "compare.grad.epoch": {"en": "Epoch shown in the layer charts below (0 = latest)",
                           "ko": "아래 층별 차트에 보여 줄 에포크 (0 = 최신)"},
    "compare.grad.gap": {
        "en": "First ÷ last hidden layer gradient: **{worst}** {worst_ratio}, **{best}** {best_ratio} "
              "({decades:.1f} orders of magnitude apart)",
        "ko": "첫 은닉층 ÷ 마지막 은닉층 기울기: **{worst}** {worst_ratio}, **{best}** {best_ratio} "
              "({decades:.1f}자릿수 차이)",
    },
    "compare.act.heading": {"en": "Dead and saturated units", "ko": "죽은 뉴런과 포화된 뉴런"},
    "compare.act.caption": {
        "en": "Dead: the unit outputs exactly 0 (ReLU's negative side). Saturated: its slope is below 5% of the "
              "maximum (sigmoid/tanh far from 0; a ReLU unit on its flat side counts too). Neither passes much "
              "gradient back.",
        "ko": "죽은 뉴런: 출력이 정확히 0 (ReLU의 음수 쪽). 포화: 기울기가 최댓값의 5% 미만 (0에서 먼 sigmoid/tanh, "
              "평평한 쪽의 ReLU도 포함). 둘 다 기울기를 거의 전달하지 못합니다.",
    },
    "compare.boundary.heading": {"en": "Decision boundaries", "ko": "결정 경계"},
    "compare.summary.heading": {"en": "Summary", "ko": "요약"},
    "compare.summary.caption": {
        "en": "Click a column header to sort. Gradient ratio: in the last epoch. Dead and saturated: mean over "
              "hidden layers in the last epoch. – under the target columns: the run has not reached the target.",
        "ko": "열 이름을 누르면 정렬됩니다. 기울기 비: 마지막 에포크의 값. 죽은/포화 뉴런: 마지막 에포크의 은닉층 평균. "
              "목표 열의 –: 아직 목표에 닿지 못한 실행.",
    },
    "compare.target.accuracy": {"en": "Target validation accuracy (%)", "ko": "목표 검증 정확도 (%)"},
    "compare.target.mae": {"en": "Target validation MAE", "ko": "목표 검증 MAE"},
    "compare.target.help": {
        "en": "The table reports how many epochs (and seconds) each run needed to reach this.",
        "ko": "각 실행이 이 값에 도달하는 데 걸린 에포크 수(와 초)를 표에 보여 줍니다.",
    },
    "compare.download": {"en": "Download the table (CSV)", "ko": "표 내려받기 (CSV)"},
    "compare.col.run": {"en": "Run", "ko": "실행"},
    "compare.col.status": {"en": "Status", "ko": "상태"},
    "compare.col.train": {"en": "Train {metric}", "ko": "학습 {metric}"},
    "compare.col.val": {"en": "Val {metric}", "ko": "검증 {metric}"},
    "compare.col.test": {"en": "Test {metric}", "ko": "테스트 {metric}"},
    "compare.col.best_epoch": {"en": "Best epoch", "ko": "최고 에포크"},
    "compare.col.epochs_to_target": {"en": "Epochs to target", "ko": "목표까지 에포크"},
    "compare.col.seconds_to_target": {"en": "Seconds to target", "ko": "목표까지 초"},
    "compare.col.epochs": {"en": "Epochs", "ko": "에포크"},
    "compare.col.seconds": {"en": "Seconds", "ko": "초"},
    "compare.col.samples_per_second": {"en": "Samples/s", "ko": "샘플/초"},
    "compare.col.grad_ratio": {"en": "Gradient ratio L1/last hidden", "ko": "기울기 비 L1/마지막 은닉층"},
    "compare.col.dead_pct": {"en": "Dead %", "ko": "죽은 뉴런 %"},
    "compare.col.saturated_pct": {"en": "Saturated %", "ko": "포화 %"},
    "compare.col.diverged": {"en": "Diverged", "ko": "발산"},
    "compare.metric.accuracy": {"en": "accuracy %", "ko": "정확도 %"},
    "compare.metric.mae": {"en": "MAE", "ko": "MAE"},
    "compare.status.queued": {"en": "queued", "ko": "대기"},
    "compare.status.running": {"en": "running", "ko": "학습 중"},
    "compare.status.paused": {"en": "paused", "ko": "일시정지"},
    "compare.status.finished": {"en": "finished", "ko": "완료"},
    "compare.status.stopped": {"en": "stopped", "ko": "중지됨"},
    "compare.status.diverged": {"en": "diverged", "ko": "발산"},
    "compare.status.failed": {"en": "failed", "ko": "실패"},
    "compare.ensemble.heading": {"en": "Ensemble", "ko": "앙상블"},
    "compare.ensemble.caption": {
        "en": "Average the predicted class probabilities of the {n} finished runs ({members}) on the test set and "
              "take the most likely class. The lecture claims ensembles add a few points over the best single model.",
        "ko": "완료된 실행 {n}개({members})가 테스트 세트에서 예측한 클래스 확률을 평균 내어 가장 큰 클래스를 고릅니다. "
              "강의에서는 앙상블이 가장 좋은 단일 모델보다 몇 퍼센트포인트 더 좋다고 합니다.",
    },
    "compare.ensemble.acc": {"en": "Ensemble test accuracy", "ko": "앙상블 테스트 정확도"},
    "compare.ensemble.best": {"en": "Best single run ({label})", "ko": "가장 좋은 단일 실행 ({label})"},
    "compare.ensemble.wait": {
        "en": "The ensemble appears once at least two classification runs have finished.",
        "ko": "분류 실행이 두 개 이상 끝나면 앙상블 결과가 나타납니다.",
    },
    "compare.ensemble.delta": {"en": "{delta:+.1f} pts vs best run", "ko": "{delta:+.1f}%p (최고 단일 대비)"},
    # -- charts ------------------------------------------------------------------------------
    "compare.chart.epoch": {"en": "Epoch", "ko": "에포크"},
    "compare.chart.loss.ce": {"en": "Validation loss (cross-entropy)", "ko": "검증 손실 (교차 엔트로피)"},
    "compare.chart.loss.mse": {"en": "Validation loss (MSE)", "ko": "검증 손실 (MSE)"},
    "compare.chart.val_loss.title": {"en": "Validation loss per epoch", "ko": "에포크별 검증 손실"},
    "compare.chart.step_loss.title": {"en": "Training loss per step", "ko": "스텝별 학습 손실"},
    "compare.chart.step_loss.subtitle": {"en": "One point per batch, placed at its epoch so the runs line up",
                                         "ko": "배치마다 한 점, 에포크 위치에 그려 실행끼리 나란히 봅니다"},
    "compare.chart.step_loss.ce": {"en": "Training loss (cross-entropy)", "ko": "학습 손실 (교차 엔트로피)"},
    "compare.chart.step_loss.mse": {"en": "Training loss (MSE)", "ko": "학습 손실 (MSE)"},
    "compare.chart.step_epoch": {"en": "Epoch (step ÷ steps per epoch)", "ko": "에포크 (스텝 ÷ 에포크당 스텝 수)"},
    "compare.loss_view": {"en": "Loss chart", "ko": "손실 차트"},
    "compare.loss_view.epoch": {"en": "Validation loss per epoch", "ko": "에포크별 검증 손실"},
    "compare.loss_view.step": {"en": "Training loss per step", "ko": "스텝별 학습 손실"},
    "compare.loss_view.help": {
        "en": "Per step shows the loss of every batch: small batches make it jitter (the batch-size lesson).",
        "ko": "스텝별 보기는 배치마다의 손실을 보여 줍니다. 배치가 작을수록 크게 흔들립니다 (배치 크기 실습).",
    },
    "compare.chart.val_accuracy.title": {"en": "Validation accuracy per epoch", "ko": "에포크별 검증 정확도"},
    "compare.chart.val_mae.title": {"en": "Validation MAE per epoch", "ko": "에포크별 검증 MAE"},
    "compare.chart.accuracy.y": {"en": "Validation accuracy (%)", "ko": "검증 정확도 (%)"},
    "compare.chart.mae.y": {"en": "Validation MAE (target units)", "ko": "검증 MAE (목표값 단위)"},
    "compare.chart.target": {"en": "target", "ko": "목표"},
    "compare.chart.layer_axis": {"en": "Layer (input → output)", "ko": "층 (입력 → 출력)"},
    "compare.chart.test_accuracy.title": {"en": "Test accuracy per run", "ko": "실행별 테스트 정확도"},
    "compare.chart.test_mae.title": {"en": "Test MAE per run", "ko": "실행별 테스트 MAE"},
    "compare.chart.test_accuracy.y": {"en": "Test accuracy (%)", "ko": "테스트 정확도 (%)"},
    "compare.chart.test_mae.y": {"en": "Test MAE (target units)", "ko": "테스트 MAE (목표값 단위)"},
    "compare.chart.run_axis": {"en": "Run", "ko": "실행"},
    "compare.chart.hidden_axis": {"en": "Hidden layer (input → output)", "ko": "은닉층 (입력 → 출력)"},
    "compare.chart.grad.y": {"en": "Weight-gradient norm ‖∂L/∂W‖ (log)", "ko": "가중치 기울기 크기 ‖∂L/∂W‖ (로그)"},
    "compare.chart.profile.title": {"en": "Gradient profile ({when})", "ko": "층별 기울기 프로필 ({when})"},
    "compare.chart.latest": {"en": "latest epoch", "ko": "최신 에포크"},
    "compare.chart.at_epoch": {"en": "epoch {epoch}", "ko": "에포크 {epoch}"},
    "compare.chart.ratio.title": {"en": "Gradient ratio L1 / last hidden layer", "ko": "기울기 비 L1 / 마지막 은닉층"},
    "compare.chart.ratio.y": {"en": "‖∂L/∂W‖ of L1 ÷ last hidden layer (log)",
                              "ko": "L1 ÷ 마지막 은닉층의 ‖∂L/∂W‖ (로그)"},
    "compare.chart.dead_fraction.title": {"en": "Dead units (output = 0)", "ko": "죽은 뉴런 (출력 = 0)"},
    "compare.chart.saturated_fraction.title": {"en": "Saturated units (slope < 5%)",
                                               "ko": "포화된 뉴런 (기울기 < 5%)"},
    "compare.chart.dead_fraction.y": {"en": "Dead units (%)", "ko": "죽은 뉴런 (%)"},
    "compare.chart.saturated_fraction.y": {"en": "Saturated units (%)", "ko": "포화된 뉴런 (%)"},
    "compare.chart.boundary.title": {"en": "Decision boundary of each run (training points)",
                                     "ko": "실행별 결정 경계 (학습 데이터 점)"},
    "compare.chart.boundary.points": {"en": "training points", "ko": "학습 데이터"},
}
