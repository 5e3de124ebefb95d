"""UI text of sharing a page and of presenter mode: the copy-link button, warnings about a
page's own link values (``nnlab.ui.page_state``), and the presenter controls
(``nnlab.ui.presenter``)."""

TEXT = {
    "share.copy": {"en": "Copy link to this page", "ko": "이 화면 링크 복사"},
    "share.copied": {"en": "Link copied — paste it in the class chat", "ko": "링크를 복사했습니다 — 수업 채팅에 붙여 넣으세요"},
    "share.copy_failed": {"en": "Copy this link:", "ko": "이 링크를 복사하세요:"},
    "share.copy_help": {
        "en": "The link holds everything this page shows: the settings, the compared values, the open lesson, "
              "the language and presenter mode. Whoever opens it gets the same setup.",
        "ko": "링크에는 이 화면의 모든 것이 담겨 있습니다: 설정, 비교하는 값, 열려 있는 수업, 언어, 발표 모드. "
              "링크를 연 사람은 누구나 같은 설정을 보게 됩니다.",
    },
    "share.url_bad": {
        "en": "The link's value {value} for {param} was ignored: it should be {accepts}. The page uses its usual "
              "value instead.",
        "ko": "링크의 {param} 값 {value}은(는) 무시했습니다: {accepts}이어야 합니다. 대신 기본값을 씁니다.",
    },
    "share.accepts.number": {"en": "a number from {low} to {high}", "ko": "{low}부터 {high} 사이의 수"},
    "share.accepts.whole": {"en": "a whole number from {low} to {high}", "ko": "{low}부터 {high} 사이의 정수"},
    "share.accepts.choice": {"en": "one of {choices}", "ko": "다음 중 하나({choices})"},
    "share.accepts.list": {"en": "{low} to {high} of {choices}, separated by commas",
                           "ko": "쉼표로 구분한 {low}~{high}개의 값({choices})"},
    "share.accepts.bool": {"en": "1 (on) or 0 (off)", "ko": "1(켬) 또는 0(끔)"},
    "share.accepts.numbers": {"en": "{n} numbers separated by commas", "ko": "쉼표로 구분한 수 {n}개"},
    "present.toggle": {"en": "Presenter mode", "ko": "발표 모드"},
    "present.toggle.help": {
        "en": "For the projector: larger chart text and lines, the lesson's explanation in large type, and the "
              "advanced controls hidden. The link keeps it on, so students who open it see the same view.",
        "ko": "프로젝터용 화면: 차트 글자와 선을 키우고, 수업 설명을 크게 보여 주며, 고급 설정은 숨깁니다. "
              "링크에도 남으므로 링크를 연 학생도 같은 화면을 봅니다.",
    },
    "present.hide": {"en": "Hidden from the class", "ko": "학생 화면에서 숨길 항목"},
    "present.hide.help": {
        "en": "Controls chosen here keep their values but are not shown while presenter mode is on; sections "
              "(Show the code, Inside the network, Distributions over time) are left out of the page. The choice "
              "is part of the link.",
        "ko": "여기 고른 설정은 값은 그대로 두고 발표 모드에서만 숨기며, 고른 항목(코드 보기, 신경망 속 보기, 시간에 "
              "따른 분포)은 페이지에서 뺍니다. 이 선택도 링크에 담깁니다.",
    },
    "present.hidden_note": {"en": "{n} controls are hidden (presenter mode).",
                            "ko": "설정 {n}개를 숨겼습니다(발표 모드)."},
    "present.preset": {"en": "Preset box", "ko": "프리셋 상자"},
}
