"""Classroom load, reduced for CI (issue 10 item 5): sessions train at once against one server.

The measurement of ``bench/classroom_load.py`` (imported, not copied) against one
``streamlit run`` server as it starts (no warm-up run first), spiral, the clicks spread over
one second. Per session it asserts that the run finished, that its gradient chart shows its
own network (depth + 1 layers, in the websocket messages and, in a Chromium tab, in the
drawn figure), that no exception box appeared, and that its first chart arrived within 20 s
of its click: generous, as CI machines are loaded; the full bench's target is 5 s for 30
sessions.

* six headless-Chromium tabs (``clients="chromium"``), depths 2–7, 10 epochs each;
* a mixed class (``clients="mixed"``): one Chromium tab and two wire sessions
  (``bench/wire_client.py``: Streamlit's websocket protocol without a browser), 20 epochs.

Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser_support import browser_marks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from classroom_load import Report, print_report, run_classroom  # noqa: E402

pytestmark = browser_marks()

FIRST_CHART_LIMIT = 20.0  # seconds from a click to its first chart message


def _class(sessions: int, epochs: int, **kwargs) -> tuple[Report, str]:
    lines: list[str] = []
    # warm=False: no throwaway run before the class; what the server does at start-up is part of the test
    report = run_classroom("train", sessions=sessions, epochs=epochs, depths=list(range(2, 2 + sessions)),
                           warm=False, idle=2.0, click_spread=1.0, run_timeout=90, deadline=300, log=lines.append,
                           **kwargs)
    print_report(report, log=lines.append)
    table = "\n".join(lines)
    print(table)  # shown by pytest with -s, or when the test fails
    assert [s.depth for s in report.sessions] == list(range(2, 2 + sessions))
    return report, table


def _assert_each_session_trained_its_own_network(report: Report, table: str) -> None:
    for s in report.sessions:
        who = f"session {s.index} ({s.client}, depth {s.depth})"
        assert not s.error, f"{who}: {s.error}\n{table}"
        assert s.finished, f"{who} did not finish: {s.status}\n{table}"
        drawn = None if s.client == "wire" else s.depth + 1  # a wire session draws nothing
        assert (s.layers_ws, s.layers_dom) == (s.depth + 1, drawn), f"{who} shows another network\n{table}"
        assert s.own_network, f"{who}\n{table}"
        assert s.exceptions == 0, f"{who}: exception box {s.exception_text}\n{table}"
        assert s.first_chart_s is not None and s.first_chart_s <= FIRST_CHART_LIMIT, \
            f"{who}: first chart {s.first_chart_s} s after its click\n{table}"


def test_six_sessions_train_at_once_and_each_sees_its_own_network():
    report, table = _class(6, 10, clients="chromium")
    assert {s.client for s in report.sessions} == {"chromium"}
    _assert_each_session_trained_its_own_network(report, table)


def test_a_mixed_class_of_wire_sessions_and_a_tab_each_sees_its_own_network():
    report, table = _class(3, 20, clients="mixed", browsers=1)
    assert [s.client for s in report.sessions] == ["chromium", "wire", "wire"]
    _assert_each_session_trained_its_own_network(report, table)
