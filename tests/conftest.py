"""Shared fixtures: small real datasets, loaded once per session."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# No background warm-ups in the test process: a page test would leave one compiling while
# later tests count built trainers. test_warmer.py switches it on; browser-test servers too.
os.environ["NNLAB_PREWARM"] = "0"


@pytest.fixture(autouse=True, scope="session")
def _tensorflow_first():
    """Import TensorFlow before any test runs a page: a background thread importing it while
    AppTest compiles a page script can trip CPython 3.11's "AST constructor recursion depth
    mismatch" (two threads compiling at once), which made page tests flaky."""
    from nnlab.tf_import import import_tensorflow

    import_tensorflow()


@pytest.fixture(scope="session")
def xor_data():
    from nnlab import datasets
    from nnlab.config import RunConfig

    return datasets.load(RunConfig(dataset="xor", n_samples=200, seed=0))


@pytest.fixture(scope="session")
def spiral_data():
    from nnlab import datasets
    from nnlab.config import RunConfig

    return datasets.load(RunConfig(dataset="spiral", n_samples=400, noise=0.1, seed=0))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, attach the end of its Streamlit server's log to the report
    (CI shows only the report, and the server's own traceback is usually the real cause)."""
    report = yield
    server = getattr(item, "funcargs", {}).get("server")
    if report.failed and isinstance(server, str):
        from browser_support import server_log_tail

        tail = server_log_tail(server)
        if tail:
            report.sections.append(("streamlit server log (tail)", tail))
    return report
