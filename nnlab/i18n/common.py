"""UI text shared by every page: app title, navigation, language picker, landing page, and the
messages about bad settings and data (``value.*``, ``config.err.*``, ``data.err.*``)."""

TEXT = {
    "app.title": {"en": "NN Lab", "ko": "NN Lab"},
    "app.tagline": {"en": "See why activations, initializers, dropout and optimizers matter.",
                    "ko": "활성화 함수, 초기화, 드롭아웃, 옵티마이저가 왜 중요한지 눈으로 확인하세요."},
    "lang.label": {"en": "Language / 언어", "ko": "Language / 언어"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.train": {"en": "Train", "ko": "학습"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.sweep": {"en": "Sweep", "ko": "스윕"},
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
    "home.sweep": {"en": "Train a grid of settings × seeds in the background and read it as a heatmap.",
                   "ko": "설정 조합 × 시드를 백그라운드에서 학습하고 결과를 히트맵으로 읽습니다."},
    "home.explorer": {"en": "Plot every activation and its derivative; see how gradients shrink through depth.",
                      "ko": "활성화 함수와 도함수를 그려 보고, 깊이에 따라 기울기가 줄어드는 것을 봅니다."},
    "home.neuron": {"en": "Fit one neuron with and without a bias, step by step.",
                    "ko": "편향이 있을 때와 없을 때 뉴런 하나를 한 단계씩 학습시킵니다."},
    "home.softmax": {"en": "Compute softmax by hand and follow one backpropagation step through the chain rule.",
                     "ko": "소프트맥스를 손으로 계산하고, 연쇄 법칙으로 역전파 한 단계를 따라갑니다."},
    # -- messages about bad input (nnlab.config.ConfigError / nnlab.datasets.DatasetError codes) ----------
    "value.truncated": {"en": "({n} characters)", "ko": "(모두 {n}자)"},
    "value.items": {"en": "({n} in all)", "ko": "(모두 {n}개)"},
    "value.empty": {"en": "(empty)", "ko": "(빈 값)"},
    "config.err.unknown": {"en": "unknown setting; known settings: {known}",
                           "ko": "없는 설정입니다. 쓸 수 있는 설정: {known}"},
    "config.err.twice": {"en": "given twice ({keys}); give it once", "ko": "두 번 주어졌습니다({keys}). 한 번만 주세요"},
    "config.err.not_a_dict": {"en": "expected a mapping of setting names to values",
                              "ko": "설정 이름과 값의 목록이어야 합니다"},
    "config.err.bool": {"en": "expected true or false", "ko": "`true` 또는 `false`여야 합니다"},
    "config.err.int": {"en": "expected a whole number", "ko": "정수여야 합니다"},
    "config.err.float": {"en": "expected a number", "ko": "숫자여야 합니다"},
    "config.err.text": {"en": "expected text", "ko": "글자여야 합니다"},
    "config.err.int_list": {"en": "expected comma-separated whole numbers, e.g. 256,128",
                            "ko": "쉼표로 구분한 정수여야 합니다(예: 256,128)"},
    "config.err.name_list": {"en": "expected comma-separated names", "ko": "쉼표로 구분한 이름이어야 합니다"},
    "config.err.range": {"en": "must be between {low} and {high}", "ko": "{low}에서 {high} 사이여야 합니다"},
    "config.err.finite": {"en": "must be a finite number between {low} and {high}",
                          "ko": "{low}에서 {high} 사이의 유한한 숫자여야 합니다"},
    "config.err.choice": {"en": "choose one of: {choices}", "ko": "다음 중 하나를 고르세요: {choices}"},
    "config.err.layer_width": {"en": "every width must be between 1 and {high}",
                               "ko": "층마다 너비가 1에서 {high} 사이여야 합니다"},
    "config.err.layer_count": {"en": "between 1 and {high} layers", "ko": "층은 1개에서 {high}개까지 둘 수 있습니다"},
    "config.err.per_layer": {"en": "give one activation per hidden layer ({depth}), or none",
                             "ko": "은닉층마다 활성화 함수를 하나씩({depth}개) 주거나, 하나도 주지 마세요"},
    "config.err.csv_file": {"en": "the csv dataset needs a file: set csv_path (CLI: --csv FILE)",
                            "ko": "CSV 데이터셋에는 파일이 필요합니다. 파일을 올리세요(명령줄: --csv 파일)"},
    "config.err.fractions": {"en": "test_fraction + val_fraction must leave at least 20% of the data for training",
                             "ko": "테스트 비율과 검증 비율을 더한 값이 0.8보다 작아야 합니다(학습용으로 20% 이상 남겨야 "
                                   "합니다)"},
    "data.err.mnist_npz_missing": {"en": "The MNIST file {path} was not found; check the path (or unset {env}).",
                                   "ko": "MNIST 파일 {path}을(를) 찾을 수 없습니다. 경로를 확인하세요({env} 설정을 "
                                         "지워도 됩니다)."},
    "data.err.mnist_npz_invalid": {
        "en": "The MNIST file {path} is not a valid mnist.npz with x_train, y_train, x_test and y_test arrays "
              "({detail}).",
        "ko": "MNIST 파일 {path}은(는) `x_train`, `y_train`, `x_test`, `y_test` 배열이 든 올바른 `mnist.npz` 파일이 "
              "아닙니다({detail}).",
    },
    "data.err.mnist_offline": {
        "en": "The 'mnist_full' data set (70,000 images) needs internet to download once ({reason}); use 'mnist' "
              "(5,000-image offline sample) instead.",
        "ko": "'MNIST 전체' 데이터셋(이미지 70,000개)은 처음 한 번 인터넷에서 내려받아야 합니다({reason}). 대신 "
              "인터넷 없이 쓸 수 있는 'MNIST 표본'(이미지 5,000개)을 고르세요.",
    },
    "data.err.csv_no_file": {"en": "No CSV file was given; set csv_path (CLI: --csv FILE) or upload a file.",
                             "ko": "CSV 파일이 없습니다. 파일을 올리세요(명령줄: --csv 파일)."},
    "data.err.csv_folder": {"en": "The CSV file {file} is a folder, not a file; give the path of the .csv file "
                                  "inside it.",
                            "ko": "{file}은(는) 파일이 아니라 폴더입니다. 그 안에 있는 .csv 파일의 경로를 주세요."},
    "data.err.csv_not_found": {"en": "The CSV file {file} was not found; check the path and the spelling of the "
                                     "file name.",
                               "ko": "CSV 파일 {file}을(를) 찾을 수 없습니다. 경로와 파일 이름의 철자를 확인하세요."},
    "data.err.csv_spreadsheet": {"en": "The file {file} is a spreadsheet, not a CSV file; save it as 'CSV UTF-8' and "
                                       "load that.",
                                 "ko": "{file}은(는) CSV가 아니라 스프레드시트 파일입니다. 'CSV UTF-8' 형식으로 "
                                       "저장한 뒤 그 파일을 올리세요."},
    "data.err.csv_empty": {"en": "The CSV file {file} is empty; it needs a header row of column names and rows of "
                                 "data.",
                           "ko": "CSV 파일 {file}이(가) 비어 있습니다. 첫 줄에 열 이름이, 그 아래에 데이터 행이 "
                                 "있어야 합니다."},
    "data.err.csv_malformed_line": {
        "en": "The CSV file {file} is not a well-formed CSV table (line {line} has {saw} values, the header "
              "{expected}); every row must have as many comma-separated values as the header.",
        "ko": "CSV 파일 {file}의 형식이 올바르지 않습니다({line}번째 줄에는 값이 {saw}개, 머리글에는 {expected}개 "
              "있습니다). 모든 행에 머리글과 같은 개수의 값이 쉼표로 구분되어 있어야 합니다.",
    },
    "data.err.csv_malformed": {
        "en": "The CSV file {file} is not a well-formed CSV table ({detail}); every row must have as many "
              "comma-separated values as the header.",
        "ko": "CSV 파일 {file}의 형식이 올바르지 않습니다({detail}). 모든 행에 머리글과 같은 개수의 값이 쉼표로 "
              "구분되어 있어야 합니다.",
    },
    "data.err.csv_not_text": {"en": "The CSV file {file} is not a text CSV file (is it a spreadsheet or an image?); "
                                    "save it as 'CSV UTF-8' and load that.",
                              "ko": "{file}은(는) 텍스트 CSV 파일이 아닙니다(스프레드시트나 이미지인가요?). "
                                    "'CSV UTF-8' 형식으로 저장한 뒤 그 파일을 올리세요."},
    "data.err.csv_unreadable": {"en": "The CSV file {file} could not be read ({detail}); check that it exists and "
                                      "that you may read it.",
                                "ko": "CSV 파일 {file}을(를) 읽을 수 없습니다({detail}). 파일이 있는지, 읽을 권한이 "
                                      "있는지 확인하세요."},
    "data.err.csv_no_rows": {"en": "The CSV file {file} has a header but no rows of data; add at least {min_rows} "
                                   "rows.",
                             "ko": "CSV 파일 {file}에는 머리글만 있고 데이터 행이 없습니다. 행을 {min_rows}개 이상 "
                                   "넣으세요."},
    "data.err.csv_one_column": {"en": "The CSV file {file} has only one column ({column}); it needs at least one "
                                      "feature column and a target column separated by commas.",
                                "ko": "CSV 파일 {file}에는 열이 하나({column})뿐입니다. 특성 열이 하나 이상, 목표 열이 "
                                      "하나 있어야 하고, 값은 쉼표로 구분해야 합니다."},
    "data.err.table_columns": {"en": "The CSV table needs at least one feature column and a target column.",
                               "ko": "CSV 표에는 특성 열이 하나 이상, 목표 열이 하나 있어야 합니다."},
    "data.err.duplicate_columns": {"en": "The CSV file has repeated column names ({columns}); give every column its "
                                         "own name.",
                                   "ko": "CSV 파일에 같은 열 이름이 여러 번 나옵니다({columns}). 열마다 다른 이름을 "
                                         "붙이세요."},
    "data.err.target_missing": {"en": "The target column {target} is not in the CSV file; its columns are: "
                                      "{columns}.",
                                "ko": "목표 열 {target}이(가) CSV 파일에 없습니다. 이 파일의 열: {columns}."},
    "data.err.target_empty": {"en": "The target column {target} has {count} empty cell(s); fill them in or delete "
                                    "those rows.",
                              "ko": "목표 열 {target}에 빈 칸이 {count}개 있습니다. 채우거나 그 행을 지우세요."},
    "data.err.feature_not_numeric": {"en": "The feature column {column} is not numeric; convert it to numbers or "
                                           "delete it (or choose it as the target column).",
                                     "ko": "특성 열 {column}이(가) 숫자가 아닙니다. 숫자로 바꾸거나 지우세요(또는 이 "
                                           "열을 목표 열로 고르세요)."},
    "data.err.features_not_numeric": {"en": "The feature columns {columns} are not numeric; convert them to numbers "
                                            "or delete them (or choose one as the target column).",
                                      "ko": "특성 열 {columns}이(가) 숫자가 아닙니다. 숫자로 바꾸거나 지우세요(또는 "
                                            "그중 하나를 목표 열로 고르세요)."},
    "data.err.features_not_finite": {"en": "Feature column(s) {columns} contain empty or non-finite cells; fill them "
                                           "in or delete those rows.",
                                     "ko": "특성 열 {columns}에 빈 칸이나 유한하지 않은 값(inf 등)이 있습니다. "
                                           "채우거나 그 행을 지우세요."},
    "data.err.too_large": {"en": "Column(s) {columns} hold values beyond ±{limit}, too large to train on; rescale "
                                 "them (e.g. other units) or fix those rows.",
                           "ko": "열 {columns}에 ±{limit}를 넘는 값이 있어 학습에 쓸 수 없습니다. 단위를 바꾸는 "
                                 "등으로 값을 줄이거나 그 행을 고치세요."},
    "data.err.regression_not_numeric": {"en": "The target column {target} is not numeric, so it cannot be a "
                                              "regression target; use task=classification (or auto).",
                                        "ko": "목표 열 {target}이(가) 숫자가 아니어서 회귀 목표가 될 수 없습니다. "
                                              "문제 유형을 분류(또는 자동 결정)로 바꾸세요."},
    "data.err.target_not_finite": {"en": "The target column {target} has non-finite values (inf); fix those rows.",
                                   "ko": "목표 열 {target}에 유한하지 않은 값(inf 등)이 있습니다. 그 행을 고치세요."},
    "data.err.one_class": {"en": "The target column {target} has only one value ({value}); classification needs at "
                                 "least two classes, so pick another target column.",
                           "ko": "목표 열 {target}의 값이 하나({value})뿐입니다. 분류하려면 클래스가 두 개 이상 "
                                 "있어야 하니 다른 목표 열을 고르세요."},
    "data.err.too_many_classes": {"en": "The target column {target} has {count} distinct values, too many classes "
                                        "(at most {max}); use task=regression or another target.",
                                  "ko": "목표 열 {target}에 서로 다른 값이 {count}개 있어 클래스가 너무 많습니다"
                                        "(최대 {max}개). 문제 유형을 회귀로 바꾸거나 다른 목표 열을 고르세요."},
    "data.err.unknown_task": {"en": "Unknown task {task}; choose auto, classification or regression.",
                              "ko": "알 수 없는 문제 유형 {task}입니다. `auto`, `classification`, `regression` 중에서 "
                                    "고르세요."},
    "data.err.unknown_dataset": {"en": "Unknown dataset {name}; choose one of: {choices}.",
                                 "ko": "알 수 없는 데이터셋 {name}입니다. 다음 중에서 고르세요: {choices}."},
    "data.err.unknown_scaling": {"en": "Unknown scaling {scaling}; choose standard, minmax or none.",
                                 "ko": "알 수 없는 스케일링 {scaling}입니다. `standard`, `minmax`, `none` 중에서 고르세요."},
    "data.err.too_few_rows": {"en": "The data has only {rows} rows, too few to split into training, validation and "
                                    "test sets; use at least {min_rows} rows.",
                              "ko": "데이터가 {rows}행뿐이라 학습·검증·테스트용으로 나눌 수 없습니다. {min_rows}행 "
                                    "이상인 파일을 쓰세요."},
    "data.err.too_few_train": {"en": "With test_fraction {test_fraction} and val_fraction {val_fraction}, only "
                                     "{train} of the {rows} rows are left for training; use more rows or lower the "
                                     "fractions.",
                               "ko": "테스트 비율 {test_fraction}, 검증 비율 {val_fraction}로 나누면 {rows}행 중 "
                                     "학습에 남는 행이 {train}개뿐입니다. 행을 늘리거나 비율을 낮추세요."},
    "data.err.grid_not_2d": {"en": "A decision-boundary grid needs 2 features, but {name} has {dim}; pick one of "
                                   "the 2-D data sets.",
                             "ko": "결정 경계를 그리려면 특성이 2개여야 하는데 {name}에는 {dim}개 있습니다. 2차원 "
                                   "데이터셋 중 하나를 고르세요."},
    "plots.fullscreen": {"en": "Full screen (Esc to leave)", "ko": "전체 화면 (Esc로 나가기)"},
}
