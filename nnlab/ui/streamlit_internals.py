"""Every place NN Lab relies on Streamlit internals (not its documented API), in one module.

Pages call ``install()`` (through ``nnlab.ui.common.page_setup``) before anything else. It
checks that each internal below still exists and applies the one replacement; if a
Streamlit upgrade moved or removed one of them it raises ``StreamlitInternalsChanged``
naming the internal and what depends on it, instead of NN Lab silently losing the fix.
Written against Streamlit 1.67.

1. ``streamlit.runtime.scriptrunner.script_runner._clean_problem_modules`` (replaced).
   Streamlit calls it after every script and fragment run, i.e. every second while a
   live view polls, and it calls ``keras.backend.clear_session()``. That is process-wide:
   it empties TensorFlow's kernel cache and Keras's global state under the training
   threads, which made training 5–10× slower in the app than on the command line. NN Lab
   keeps no per-run Keras state (trainers are pooled and reused), so ``install()``
   replaces it with ``after_run_cleanup``, which keeps only the matplotlib part.
2. ``streamlit.runtime.Runtime.instance()`` with ``is_active_session(session_id)`` and
   ``clear_user_info_for_session(session_id)`` (used by ``nnlab.ui.live``): whether a
   released session is really gone (not just a dropped websocket) before its jobs are
   stopped, and closing a session whose reconnect time runs out (Streamlit itself only
   reaps expired sessions when it next stores one).
3. ``streamlit.runtime.scriptrunner.get_script_run_ctx()`` (used by ``nnlab.ui.live``): the
   id of the browser session running the script, to ask (2) about it later.
4. ``streamlit.components.v2``'s component manager (``get_bidi_component_manager()``,
   ``register_from_manifest`` with ``ComponentManifest``/``ComponentConfig``), used by
   ``nnlab.ui.plots``: the chart component's files and plotly.js (from the plotly package)
   are served the way Streamlit serves an installed package's component, because the app
   is not an installed package (``register_component_assets``).
5. ``streamlit.delta_generator._use_warning_has_been_displayed`` (set to True; optional: if a
   Streamlit upgrade drops it, nothing else depends on it). The first element a process draws
   otherwise calls ``inspect.stack()`` to decide whether to warn that the script is not run by
   ``streamlit run``; that reads the source of every frame and matches each against every
   loaded module, and while TensorFlow imports on a fresh server (thousands of modules) it
   took seconds of the first visitor's first page (seen with py-spy). Under ``streamlit run``
   that warning never applies.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import streamlit

__all__ = ["Runtime", "StreamlitInternalsChanged", "after_run_cleanup", "component_manager", "get_script_run_ctx",
           "install", "register_component_assets"]


class StreamlitInternalsChanged(RuntimeError):
    """A Streamlit internal that NN Lab relies on is gone (after a Streamlit upgrade)."""


def _gone(what: str, why: str, detail: str = "") -> StreamlitInternalsChanged:
    return StreamlitInternalsChanged(
        f"Streamlit {streamlit.__version__} no longer has {what}, which NN Lab relies on: {why} "
        f"(see nnlab/ui/streamlit_internals.py; written against Streamlit 1.67).{detail}")


_CLEANUP = "streamlit.runtime.scriptrunner.script_runner._clean_problem_modules"
_CLEANUP_WHY = ("it is replaced so that Streamlit does not call keras.backend.clear_session() after "
                "every script run (that made live training 5-10x slower)")
_RUNTIME_WHY = "nnlab.ui.live asks it whether a released browser session is gone, and closes expiring ones"
_CTX_WHY = "nnlab.ui.live reads the running browser session's id from it"
_COMPONENTS_WHY = ("nnlab.ui.plots serves its chart component's files and plotly.js through it (charts that update "
                   "in place instead of being remounted every redraw)")

try:
    from streamlit.runtime import Runtime
except ImportError as exc:  # pragma: no cover - only after a Streamlit upgrade
    raise _gone("streamlit.runtime.Runtime", _RUNTIME_WHY, f" ({exc})") from exc
try:
    from streamlit.runtime.scriptrunner import get_script_run_ctx
except ImportError as exc:  # pragma: no cover - only after a Streamlit upgrade
    raise _gone("streamlit.runtime.scriptrunner.get_script_run_ctx", _CTX_WHY, f" ({exc})") from exc


try:
    from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager
    from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest
except ImportError as exc:  # pragma: no cover - only after a Streamlit upgrade
    raise _gone("streamlit.components.v2's component manager", _COMPONENTS_WHY, f" ({exc})") from exc


def component_manager():
    """The running Streamlit runtime's component manager (each AppTest has its own)."""
    return get_bidi_component_manager()


def register_component_assets(manager, project: str, component: str, asset_dir) -> None:
    """Serve the files in ``asset_dir`` (a ``pathlib.Path``) as component ``project.component``,
    as Streamlit does for an installed package that declares it in its ``pyproject.toml``."""
    register = getattr(manager, "register_from_manifest", None)
    if not callable(register):
        raise _gone("BidiComponentManager.register_from_manifest", _COMPONENTS_WHY)
    register(ComponentManifest(name=project, version="1",
                               components=[ComponentConfig(name=component, asset_dir=asset_dir.name)]),
             asset_dir.parent)


def after_run_cleanup() -> None:
    """Streamlit's after-run clean-up minus ``keras.backend.clear_session()`` (see 1 above)."""
    if "matplotlib.pyplot" in sys.modules:
        try:
            sys.modules["matplotlib.pyplot"].close("all")
        except Exception:  # noqa: BLE001 — as Streamlit: never fail a run over this
            pass


def _script_runner_module() -> ModuleType:
    try:
        from streamlit.runtime.scriptrunner import script_runner
    except ImportError as exc:
        raise _gone("streamlit.runtime.scriptrunner.script_runner", _CLEANUP_WHY, f" ({exc})") from exc
    return script_runner


def install(script_runner: Any = None, runtime: Any = None) -> None:
    """Check every internal listed above and replace the after-run clean-up. Idempotent;
    call first at start-up (``page_setup`` does). ``script_runner`` and ``runtime`` default
    to Streamlit's own module and ``Runtime`` class (tests pass stand-ins).

    Raises ``StreamlitInternalsChanged`` when one of them is missing."""
    module = _script_runner_module() if script_runner is None else script_runner
    current = getattr(module, "_clean_problem_modules", None)
    if not callable(current):
        raise _gone(_CLEANUP, _CLEANUP_WHY)
    runtime = Runtime if runtime is None else runtime
    for method in ("instance", "is_active_session", "clear_user_info_for_session"):
        if not callable(getattr(runtime, method, None)):
            raise _gone(f"streamlit.runtime.Runtime.{method}", _RUNTIME_WHY)
    if not callable(get_script_run_ctx):  # pragma: no cover - checked at import
        raise _gone("streamlit.runtime.scriptrunner.get_script_run_ctx", _CTX_WHY)
    if current is not after_run_cleanup:
        module._clean_problem_modules = after_run_cleanup
    from streamlit import delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True
