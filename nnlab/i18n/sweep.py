"""Texts of sweeps (``nnlab.sweep`` and ``python -m nnlab sweep``): grid errors
(``config.err.grid_*``), sweep errors (``sweep.err.*``), sweep files (``sweep.file.*``),
the metric columns (``sweep.metric.*``) and the command's messages (``sweep.cli.*``)."""

TEXT = {
    # -- a bad grid (ConfigError codes) ---------------------------------------------------------
    "config.err.grid_syntax": {"en": "expected FIELD=value1,value2 (e.g. --grid activation=relu,tanh)",
                               "ko": "`필드=값1,값2` 형식이어야 합니다(예: `--grid activation=relu,tanh`)"},
    "config.err.grid_values": {"en": "give at least one value to try (e.g. depth=2,6,10)",
                               "ko": "시도할 값을 하나 이상 주세요(예: `depth=2,6,10`)"},
    "config.err.grid_seed": {"en": "a sweep varies the seed with its number of seeds (CLI: --seeds N), not in the grid",
                             "ko": "스윕은 시드를 그리드가 아니라 시드 개수로 바꿉니다(명령줄: `--seeds N`)"},
    "config.err.not_in_grid": {"en": "cannot vary in a sweep; fields that can: {fields}",
                               "ko": "스윕에서 바꿀 수 없는 설정입니다. 바꿀 수 있는 설정: {fields}"},
    # -- sweep errors (nnlab.sweep.SweepError) ------------------------------------------------------
    "sweep.err.empty_grid": {"en": "The grid is empty: give at least one field to vary (e.g. --grid activation=relu,tanh).",
                             "ko": "그리드가 비어 있습니다. 바꿀 설정을 하나 이상 주세요(예: `--grid activation=relu,tanh`)."},
    "sweep.err.too_many": {"en": "{shape} is {trials} trials, more than the {max} a sweep may have; "
                                 "use fewer values or seeds, or split it into several sweeps.",
                           "ko": "{shape}는 시행 {trials}개로, 스윕 하나에 허용되는 {max}개보다 많습니다. "
                                 "값이나 시드를 줄이거나 스윕을 여러 개로 나누세요."},
    "sweep.err.backend": {"en": "unknown backend {backend}; choose one of: {choices}",
                          "ko": "없는 백엔드 {backend}입니다. 다음 중 하나를 고르세요: {choices}"},
    "sweep.err.ray_missing": {"en": "The ray backend needs Ray, which is not installed: "
                                    "python3 -m pip install -r requirements-ray.txt",
                              "ko": "ray 백엔드에는 Ray가 필요한데 설치되어 있지 않습니다: "
                                    "`python3 -m pip install -r requirements-ray.txt`"},
    "sweep.err.ray_connect": {"en": "Ray could not start or join the cluster at {address}: {detail} (a cluster "
                                    "with token authentication also needs RAY_AUTH_MODE=token and its token)",
                              "ko": "Ray를 시작하거나 {address}의 클러스터에 연결하지 못했습니다: {detail} (토큰 "
                                    "인증을 쓰는 클러스터라면 `RAY_AUTH_MODE=token`과 그 토큰도 필요합니다)"},
    "sweep.err.ray_client": {"en": "{address} is a Ray Client address; run the sweep on a node of the cluster "
                                   "instead (e.g. on the head node: RAY_ADDRESS=auto), so each trial's row is "
                                   "written as it ends",
                             "ko": "{address}는 Ray 클라이언트 주소입니다. 시행마다 결과 행을 바로 쓸 수 있도록 클러스터의 "
                                   "노드에서 스윕을 실행하세요(예: 헤드 노드에서 `RAY_ADDRESS=auto`)"},
    # -- sweep files (nnlab.sweep.SweepFileError) ----------------------------------------------------
    "sweep.file.missing": {"en": "The sweep file {detail} does not exist.",
                           "ko": "스윕 파일 {detail}이(가) 없습니다."},
    "sweep.file.unreadable": {"en": "This is not a readable CSV file ({detail}).",
                              "ko": "읽을 수 있는 CSV 파일이 아닙니다({detail})."},
    "sweep.file.columns": {"en": "This is not a sweep table made by NN Lab: wrong columns ({detail}).",
                           "ko": "NN Lab이 만든 스윕 표가 아닙니다. 열이 맞지 않습니다({detail})."},
    "sweep.file.empty": {"en": "The sweep file {detail} has no trials yet.",
                         "ko": "스윕 파일 {detail}에 아직 시행이 없습니다."},
    "sweep.file.too_big": {"en": "The sweep file {detail} has more than {max} rows.",
                           "ko": "스윕 파일 {detail}의 행이 {max}개보다 많습니다."},
    "sweep.file.values": {"en": "The sweep file has a bad value in column {detail}.",
                          "ko": "스윕 파일의 {detail} 열에 잘못된 값이 있습니다."},
    "sweep.file.other_grid": {"en": "{detail} holds a sweep over other fields ({found}, not {given}); "
                                    "give another --out file.",
                              "ko": "{detail}에는 다른 설정({given}이 아니라 {found})의 스윕이 들어 있습니다. "
                                    "다른 --out 파일을 주세요."},
    "sweep.file.other_settings": {"en": "{detail} holds a sweep with other base settings (trial {trial} "
                                        "differs); give another --out file.",
                                  "ko": "{detail}에는 기본 설정이 다른 스윕이 들어 있습니다(시행 {trial}이 "
                                        "다릅니다). 다른 --out 파일을 주세요."},
    # -- metric columns ----------------------------------------------------------------------------
    "sweep.metric.test_metric": {"en": "Test metric", "ko": "테스트 지표"},
    "sweep.metric.test_accuracy": {"en": "Test accuracy", "ko": "테스트 정확도"},
    "sweep.metric.test_mae": {"en": "Test MAE", "ko": "테스트 MAE"},
    "sweep.metric.test_loss": {"en": "Test loss", "ko": "테스트 손실"},
    "sweep.metric.val_loss": {"en": "Validation loss", "ko": "검증 손실"},
    "sweep.metric.train_loss": {"en": "Training loss", "ko": "학습 손실"},
    "sweep.metric.grad_ratio": {"en": "Gradient ratio (first ÷ last hidden layer)",
                                "ko": "기울기 비율(첫 은닉층 ÷ 마지막 은닉층)"},
    "sweep.metric.epochs_trained": {"en": "Epochs trained", "ko": "학습한 에포크"},
    "sweep.metric.seconds": {"en": "Seconds", "ko": "초"},
    # -- the command (python -m nnlab sweep) ----------------------------------------------------
    "sweep.cli.start": {"en": "{shape} = {trials} trials on the {backend} backend → {out}",
                        "ko": "{shape} = 시행 {trials}개, {backend} 백엔드 → {out}"},
    "sweep.cli.skipped": {"en": "{skipped} of {trials} trials are already in {out}: skipped",
                          "ko": "시행 {trials}개 중 {skipped}개는 이미 {out}에 있어 건너뜁니다"},
    "sweep.cli.done": {"en": "{ran} trials trained in {seconds} s; the table has {finished} finished, {diverged} "
                             "diverged and {failed} failed → {out} (run records: {records})",
                       "ko": "{seconds}초 동안 시행 {ran}개 학습. 표에는 완료 {finished}개, 발산 {diverged}개, "
                             "실패 {failed}개 → {out} (실행 기록: {records})"},
    "sweep.cli.best": {"en": "Best trials by {metric}:", "ko": "{metric} 기준 가장 좋은 시행:"},
    "sweep.cli.no_best": {"en": "No trial finished.", "ko": "끝난 시행이 없습니다."},
    "sweep.cli.failed": {"en": "{failed} trials failed; run the same command again to retry them "
                               "(the errors are in {records}).",
                         "ko": "시행 {failed}개가 실패했습니다. 같은 명령을 다시 실행하면 다시 시도합니다"
                               "(오류는 {records}에 있습니다)."},
    "sweep.cli.interrupted": {"en": "interrupted: {done} of {trials} trials are in {out}; run the same command "
                                    "again to go on",
                              "ko": "중단됨: 시행 {trials}개 중 {done}개가 {out}에 있습니다. 같은 명령을 다시 "
                                    "실행하면 이어서 합니다"},
}
