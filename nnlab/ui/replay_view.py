"""The epoch scrubber: replaying an ended run (Train) or group of runs (Compare), or a run
opened from a saved ``run.json``, at any epoch.

``scrub_view(key, snaps, ids, render)`` draws, in one ``st.fragment``, a ▶ Play / ⏸ Pause
button and a slider over the recorded epochs (1 … the last trained epoch), then calls the
page's own ``render(snaps, frames, frame_key)`` — the same function the live view calls
(``nnlab.ui.live.live_view``) — with every snapshot cut at the slider's epoch by
``nnlab.replay.frame``. So every chart the page draws from its frames follows the slider:
the loss and metric so far (with a marker at the epoch, ``nnlab.charts.epoch_mark``), the
gradient profile, the decision boundary from the frame recorded last by then, and any view
that reads ``nnlab.replay.shown_epoch(frame)`` (see ``nnlab.replay``: one line per view).

Moving the slider reruns only the fragment. Play advances the slider by one step of the
page's playback speed (``nnlab.replay.Pace``: about ten redraws for a whole run at
"normal") every ``PLAY_SECONDS`` and stops at the last epoch; pressing Play at the last
epoch starts from epoch 1. The slider starts at the last epoch (the run as it ended) and
goes back there whenever the runs shown change (``ids``).

A page switches from its live view to this when ``nnlab.ui.live.caught_up(key, jobs)``:
every run has ended and the paced replay has shown it to the end. A saved run (a
``run.json``, ``nnlab.ui.saved_run``) opens here directly.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from nnlab import replay
from nnlab.ui.clicks import once
from nnlab.ui.common import t

PLAY_SECONDS = 1.0
MIN_EPOCHS = 2  # a slider needs two positions


def _state(key: str, ids: tuple) -> dict:
    state = st.session_state.get(f"nnlab.scrub.{key}")
    if state is None or state["ids"] != ids:
        state = st.session_state[f"nnlab.scrub.{key}"] = {"ids": ids, "playing": False}
        st.session_state.pop(slider_key(key), None)  # a new run starts at its end
    return state


def slider_key(key: str) -> str:
    """The epoch slider's widget key (its value is the epoch shown)."""
    return f"{key}_replay_epoch"


def _set_playing(key: str, playing: bool, last: int) -> None:
    """The Play/Pause button's intent (an intent, not a toggle: harmless if a click arrives twice)."""
    state = st.session_state.get(f"nnlab.scrub.{key}")
    if state is None:
        return
    state["playing"] = playing
    state["hold"] = playing
    if playing and st.session_state.get(slider_key(key), last) >= last:
        st.session_state[slider_key(key)] = 1  # from the start


def shown(key: str, last: int) -> int:
    """The epoch the scrubber of ``key`` shows (the last one until it is moved)."""
    return max(1, min(int(st.session_state.get(slider_key(key), last)), last))


def scrub_view(key: str, snaps: Callable[[], list[dict]], ids: tuple,
               render: Callable[[list[dict], list[dict], tuple], None], *, pace: str = replay.DEFAULT_PACE) -> None:
    """The scrubber and the page's charts at its epoch (see the module docstring). ``snaps``
    returns the ended runs' snapshots; ``ids`` names them (the position resets when it
    changes); ``key`` must be unique on the page."""
    state = _state(key, ids)
    run_every = PLAY_SECONDS if state["playing"] else None

    @st.fragment(run_every=run_every, key=key)  # the live view's key and layout: its charts stay mounted
    def _panel():
        now = snaps()
        last = replay.last_epoch(now)
        if last < MIN_EPOCHS:
            st.container(key=f"{key}_replay_controls")  # empty, where the live view has it
            render(now, now, (ids, "end"))
            return
        skey = slider_key(key)
        playing = state["playing"]
        controls = st.container(horizontal=True, vertical_alignment="bottom", key=f"{key}_replay_controls")
        if controls.button(t("replay.pause") if playing else t("replay.play"), icon="⏸️" if playing else "▶️",
                           key=f"{key}_replay_play", help=t("replay.play_help"),
                           **once(_set_playing, key, not playing, last)):
            st.rerun()  # the whole page: starts or stops the fragment's timer
        if playing and run_every is not None:
            if state.pop("hold", False):  # the run right after Play shows where it starts
                pass
            else:
                step = replay.Pace(pace if pace != "instant" else replay.DEFAULT_PACE)
                st.session_state[skey] = step.next_epoch(shown(key, last), last, last)
                if st.session_state[skey] >= last:
                    state["playing"] = False
                    st.rerun()  # the whole page, once: it stops the timer and draws the end
        st.session_state[skey] = shown(key, last)  # within range (a shorter run replaced a longer one)
        controls.slider(t("replay.epoch"), 1, last, key=skey, help=t("replay.epoch_help"))
        epoch = shown(key, last)
        frames = [replay.frame(s, epoch) for s in now]
        render(now, frames, (ids, epoch))

    _panel()


__all__ = ["MIN_EPOCHS", "PLAY_SECONDS", "scrub_view", "shown", "slider_key"]
