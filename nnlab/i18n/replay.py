"""UI text of replaying an ended run (the epoch scrubber, play/pause, the epoch marker on the
charts) and of opening a saved run (``run.json``), with what is wrong with a file that
cannot be opened (``runfile.err.<code>``, one per ``nnlab.runfile.ERROR_CODES``)."""

TEXT = {
    "replay.epoch": {"en": "Epoch shown", "ko": "보여 줄 에포크"},
    "replay.epoch_help": {
        "en": "Move to any epoch of the run: every chart redraws as it was at the end of that epoch — the loss "
              "so far, the gradient profile, the decision boundary. Nothing is trained again.",
        "ko": "학습의 어느 에포크로든 옮겨 보세요. 모든 차트가 그 에포크가 끝났을 때의 모습으로 다시 그려집니다. "
              "그때까지의 손실, 기울기 분포, 결정 경계가 보입니다. 다시 학습하지 않습니다."},
    "replay.play": {"en": "Play", "ko": "재생"},
    "replay.pause": {"en": "Pause", "ko": "일시 정지"},
    "replay.play_help": {
        "en": "Play the run again epoch by epoch, from the start (or from the epoch shown), at the playback speed.",
        "ko": "학습을 처음부터(또는 지금 보이는 에포크부터) 재생 속도에 맞춰 에포크별로 다시 보여 줍니다."},
    "replay.heading": {"en": "Replay: the run epoch by epoch", "ko": "다시 보기: 에포크별 학습 과정"},
    "replay.mark": {"en": "epoch {epoch}", "ko": "에포크 {epoch}"},
    "saved.open": {"en": "Open a saved run", "ko": "저장한 학습 열기"},
    "saved.upload": {"en": "Run record (JSON)", "ko": "학습 기록 (JSON)"},
    "saved.upload_help": {
        "en": "A run saved with this page's JSON download, or written by `python -m nnlab train … --out run.json`. "
              "It opens as a finished run you can replay epoch by epoch; nothing is trained.",
        "ko": "이 페이지의 JSON 다운로드로 저장했거나 `python -m nnlab train … --out run.json`으로 만든 학습 "
              "기록입니다. 끝난 학습으로 열려 에포크별로 다시 볼 수 있습니다. 다시 학습하지는 않습니다."},
    "saved.showing": {"en": "Showing the saved run **{name}**. Train starts a new run with the sidebar's settings.",
                      "ko": "저장한 학습 **{name}**을(를) 보여 주는 중입니다. 학습 버튼은 사이드바 설정으로 새 학습을 "
                            "시작합니다."},
    "saved.close": {"en": "Close the saved run", "ko": "저장한 학습 닫기"},
    "saved.use_settings": {"en": "Use its settings", "ko": "이 설정 쓰기"},
    "saved.use_settings_help": {"en": "Put the saved run's settings into the sidebar, to train it again or change it.",
                                "ko": "저장한 학습의 설정을 사이드바에 넣어, 다시 학습하거나 바꿔 볼 수 있게 합니다."},
    "saved.failed": {"en": "Cannot open {name}: {reason}", "ko": "{name}을(를) 열 수 없습니다: {reason}"},
    "saved.no_points": {"en": "The data points are not in the file: the decision boundary is drawn without them.",
                        "ko": "파일에 데이터 점이 없어 결정 경계만 그립니다."},
    "runfile.err.too_large": {"en": "the file is {mb} MB; a run record is at most {max_mb} MB.",
                              "ko": "파일이 {mb}MB입니다. 학습 기록은 {max_mb}MB 이하입니다."},
    "runfile.err.empty": {"en": "the file is empty.", "ko": "파일이 비어 있습니다."},
    "runfile.err.not_text": {"en": "it is not a text file (a run record is JSON text).",
                             "ko": "텍스트 파일이 아닙니다 (학습 기록은 JSON 텍스트입니다)."},
    "runfile.err.truncated": {"en": "the file ends too early: it was cut off while saving or copying.",
                              "ko": "파일이 중간에 끊겼습니다. 저장하거나 복사하다가 잘린 것 같습니다."},
    "runfile.err.not_json": {"en": "it is not valid JSON (line {line}, column {column}).",
                             "ko": "올바른 JSON이 아닙니다 ({line}번째 줄, {column}번째 칸)."},
    "runfile.err.not_a_run": {"en": "it is JSON, but not an NN Lab run record (it has no `schema_version`).",
                              "ko": "JSON이지만 NN Lab 학습 기록이 아닙니다 (`schema_version`이 없습니다)."},
    "runfile.err.lesson": {"en": "it holds a lesson's {runs} runs, not one run.",
                           "ko": "학습 하나가 아니라 수업 실험의 학습 {runs}개가 들어 있습니다."},
    "runfile.err.version": {"en": "it is a run record of schema version {found}; this app reads version {supported}.",
                            "ko": "스키마 버전 {found}의 학습 기록입니다. 이 앱은 버전 {supported}을(를) 읽습니다."},
    "runfile.err.config": {"en": "its settings are not valid here: {error}",
                           "ko": "설정이 올바르지 않습니다: {error}"},
    "runfile.err.missing": {"en": "the part `{part}` is missing.", "ko": "`{part}` 부분이 없습니다."},
    "runfile.err.mismatch": {"en": "the part `{part}` does not fit the rest of the record (wrong length or type).",
                             "ko": "`{part}` 부분이 나머지 기록과 맞지 않습니다 (길이나 형식이 다릅니다)."},
    "runfile.err.frames": {"en": "the replay frames in `{part}` are damaged (epochs out of order or a wrong grid).",
                           "ko": "`{part}`의 다시 보기 프레임이 손상되었습니다 (에포크 순서나 격자 크기가 다릅니다)."},
    "runfile.err.running": {"en": "the run had not ended when it was saved (status: {status}).",
                            "ko": "저장할 때 학습이 끝나지 않은 상태였습니다 (상태: {status})."},
}
