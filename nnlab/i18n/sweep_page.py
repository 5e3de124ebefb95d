"""UI text of the Sweep page and its charts (keys ``sweep.page.*``, ``sweep.grid.*``,
``sweep.run.*``, ``sweep.file.*``, ``sweep.chart.*``, ``sweep.col.*``), English and Korean."""

TEXT = {
    # -- page --------------------------------------------------------------------------------
    "sweep.page.title": {"en": "Sweep", "ko": "스윕"},
    "sweep.page.intro": {
        "en": "Try every combination of a few settings, each with several seeds, and keep what works. The other "
              "settings come from the sidebar; every trial trains as an ordinary run, one after another.",
        "ko": "설정 몇 개의 모든 조합을 시드 여러 개로 시도하고 잘 되는 것을 고릅니다. 나머지 설정은 사이드바에서 "
              "가져오고, 시행은 보통 실행처럼 하나씩 차례로 학습합니다.",
    },
    "sweep.page.empty": {"en": "Choose the grid above and press Run sweep, or open a sweep file.",
                         "ko": "위에서 그리드를 고르고 스윕 실행을 누르거나, 스윕 파일을 여세요."},
    "sweep.lesson.load": {"en": "Glorot & Bengio: activation × initialization at 5 layers",
                          "ko": "Glorot & Bengio: 5층에서 활성화 함수 × 초기화"},
    "sweep.lesson.help": {
        "en": "Loads the classic grid, scaled down: spiral, 5 hidden layers of 16, 20 epochs; sigmoid, tanh and "
              "ReLU × Xavier/Glorot uniform, He normal and random normal; 2 seeds (18 trials).",
        "ko": "고전적인 그리드를 작게 줄여 불러옵니다: 나선 데이터, 16개짜리 은닉층 5개, 20 에포크; sigmoid, tanh, "
              "ReLU × Xavier/Glorot 균등분포, He 정규분포, 무작위 정규분포; 시드 2개 (시행 18개).",
    },
    # -- the grid --------------------------------------------------------------------------------
    "sweep.grid.fields": {"en": "Settings to vary (up to 3)", "ko": "바꿀 설정 (3개까지)"},
    "sweep.grid.fields.help": {
        "en": "Each combination of their values is one trial, trained once per seed. Every other setting comes from "
              "the sidebar.",
        "ko": "값들의 조합 하나가 시행 하나이고, 시드마다 한 번씩 학습합니다. 나머지 설정은 모두 사이드바에서 가져옵니다.",
    },
    "sweep.grid.seeds": {"en": "Seeds", "ko": "시드 수"},
    "sweep.grid.seeds.help": {
        "en": "Each combination trains this many times from other random starts (the sidebar's seed and the next "
              "ones); the charts show the mean and the spread.",
        "ko": "조합마다 이만큼 다른 무작위 시작점에서 학습합니다 (사이드바의 시드와 그다음 시드들). 차트는 평균과 "
              "퍼짐을 보여 줍니다.",
    },
    "sweep.grid.values": {"en": "Values of {field} (2–8)", "ko": "{field}의 값 (2–8개)"},
    "sweep.grid.none": {"en": "Choose at least one setting to vary.", "ko": "바꿀 설정을 하나 이상 고르세요."},
    "sweep.grid.too_few": {"en": "Pick at least 2 values of {field}.", "ko": "{field}의 값을 2개 이상 고르세요."},
    "sweep.grid.size": {"en": "**{sizes} combinations × seeds: {seeds} = {trials} trials**, {epochs:,} epochs in all.",
                        "ko": "**{sizes} 조합 × 시드 {seeds}개 = 시행 {trials}개**, 모두 {epochs:,} 에포크."},
    "sweep.grid.too_large": {
        "en": "This sweep is too large for this shared server: {trials} trials, {epochs:,} epochs in all (the "
              "limits are {max_trials} trials and {max_epochs:,} epochs). Use fewer values, seeds or epochs, or run "
              "it from the command line (`python -m nnlab sweep`) and open its file here.",
        "ko": "이 스윕은 공용 서버에서 돌리기에 너무 큽니다: 시행 {trials}개, 모두 {epochs:,} 에포크 (한도는 시행 "
              "{max_trials}개, {max_epochs:,} 에포크). 값, 시드, 에포크를 줄이거나 명령줄에서 돌린 뒤 (`python -m "
              "nnlab sweep`) 그 파일을 여기서 여세요.",
    },
    # -- running ----------------------------------------------------------------------------------
    "sweep.run.start": {"en": "Run sweep", "ko": "스윕 실행"},
    "sweep.run.start_help": {"en": "Train every trial in the background; the heatmap fills in as they end.",
                             "ko": "모든 시행을 백그라운드에서 학습합니다. 끝나는 대로 히트맵이 채워집니다."},
    "sweep.run.stop": {"en": "Stop", "ko": "중지"},
    "sweep.run.progress": {"en": "**{done} of {total} trials** · about {eta} left",
                           "ko": "**시행 {total}개 중 {done}개** · 남은 시간 약 {eta}"},
    "sweep.run.now": {"en": "Now: {trial}. {status}", "ko": "지금: {trial}. {status}"},
    "sweep.run.seed": {"en": "seed {seed}", "ko": "시드 {seed}"},
    "sweep.run.stopped": {"en": "Stopped after {done} of {total} trials.",
                          "ko": "시행 {total}개 중 {done}개 뒤에 중지했습니다."},
    "sweep.run.finished": {"en": "All {total} trials done in {seconds}.", "ko": "시행 {total}개를 {seconds}에 마쳤습니다."},
    "sweep.run.failed": {"en": "The sweep stopped: {error}", "ko": "스윕이 멈췄습니다: {error}"},
    # -- a sweep file -----------------------------------------------------------------------------
    "sweep.file.open": {"en": "Open a sweep file", "ko": "스윕 파일 열기"},
    "sweep.file.open_help": {
        "en": "A CSV written by `python -m nnlab sweep … --out sweep.csv` (on this machine or on a Ray cluster), or "
              "downloaded from this page.",
        "ko": "`python -m nnlab sweep … --out sweep.csv` 명령이 쓴 CSV (이 컴퓨터나 Ray 클러스터에서), 또는 이 "
              "페이지에서 내려받은 CSV입니다.",
    },
    "sweep.file.pick": {"en": "Sweep CSV file", "ko": "스윕 CSV 파일"},
    "sweep.file.bad": {"en": "This file cannot be shown ({code}): {error}",
                       "ko": "이 파일은 보여 줄 수 없습니다 ({code}): {error}"},
    "sweep.file.heading": {"en": "{name}: {trials} trials", "ko": "{name}: 시행 {trials}개"},
    # -- views ------------------------------------------------------------------------------------
    "sweep.view.metric": {"en": "Metric", "ko": "지표"},
    "sweep.view.x": {"en": "Across", "ko": "가로축"},
    "sweep.view.y": {"en": "Down", "ko": "세로축"},
    "sweep.view.y.none": {"en": "(one row)", "ko": "(한 줄)"},
    "sweep.view.best": {"en": "Best configurations", "ko": "가장 좋은 설정"},
    "sweep.view.parallel_phone": {
        "en": "The parallel-coordinates view of every trial needs a wider screen (a laptop or the projector).",
        "ko": "모든 시행의 평행 좌표 그림은 더 넓은 화면(노트북이나 프로젝터)에서 보입니다.",
    },
    "sweep.view.table": {"en": "Every trial", "ko": "모든 시행"},
    "sweep.view.download": {"en": "Download the table (CSV)", "ko": "표 내려받기 (CSV)"},
    "sweep.col.status": {"en": "Status", "ko": "상태"},
    # -- charts --------------------------------------------------------------------------------
    "sweep.chart.percent": {"en": "{name} (%)", "ko": "{name} (%)"},
    "sweep.chart.seed": {"en": "Seed", "ko": "시드"},
    "sweep.chart.hover.range": {"en": "lowest–highest seed: {low} – {high}", "ko": "시드별 최저–최고: {low} – {high}"},
    "sweep.chart.hover.std": {"en": "standard deviation: {std}", "ko": "표준편차: {std}"},
    "sweep.chart.hover.n": {"en": "{n} of {trials} trials counted", "ko": "시행 {trials}개 중 {n}개 반영"},
    "sweep.chart.hover.diverged": {"en": "{n} diverged", "ko": "{n}개 발산"},
    "sweep.chart.hover.none": {"en": "no trial", "ko": "시행 없음"},
    "sweep.chart.heat.title": {"en": "{metric} by {y} and {x}", "ko": "{y}와 {x}에 따른 {metric}"},
    "sweep.chart.heat.title1": {"en": "{metric} by {x}", "ko": "{x}에 따른 {metric}"},
    "sweep.chart.heat.subtitle": {
        "en": "Each cell: the mean over its seeds (hover: the spread). “–”: no finished trial.",
        "ko": "칸마다 시드들의 평균 (마우스를 올리면 퍼짐). “–”: 끝난 시행 없음.",
    },
    "sweep.chart.parallel.title": {"en": "Every trial, coloured by {metric}", "ko": "모든 시행 ({metric}로 색칠)"},
    "sweep.chart.parallel.subtitle": {"en": "{n} trials, one line each. Drag along an axis to pick a range.",
                                      "ko": "시행 {n}개, 하나당 선 하나. 축을 따라 끌면 범위를 고릅니다."},
    "sweep.chart.parallel.left_out": {"en": "{n} without a value are left out.",
                                      "ko": "값이 없는 {n}개는 빠졌습니다."},
    "sweep.chart.best.title": {"en": "The {n} best configurations", "ko": "가장 좋은 설정 {n}개"},
    "sweep.chart.best.lower": {"en": "Lower is better. Line: lowest to highest seed.",
                               "ko": "낮을수록 좋음. 선: 시드별 최저–최고."},
    "sweep.chart.best.higher": {"en": "Higher is better. Line: lowest to highest seed.",
                                "ko": "높을수록 좋음. 선: 시드별 최저–최고."},
    "sweep.chart.best.none": {"en": "Highest first. Line: lowest to highest seed.",
                              "ko": "높은 값부터. 선: 시드별 최저–최고."},
    "sweep.col.rank": {"en": "Rank", "ko": "순위"},
    "sweep.col.mean": {"en": "{metric}: mean", "ko": "{metric}: 평균"},
    "sweep.col.std": {"en": "standard deviation", "ko": "표준편차"},
    "sweep.col.min": {"en": "lowest", "ko": "최저"},
    "sweep.col.max": {"en": "highest", "ko": "최고"},
    "sweep.col.n": {"en": "Seeds counted", "ko": "반영한 시드"},
    "sweep.col.diverged": {"en": "Diverged", "ko": "발산"},
}
