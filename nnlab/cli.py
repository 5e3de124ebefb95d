"""Command line: ``python -m nnlab list``, ``python -m nnlab train --flags … --out run.json``,
``python -m nnlab code --flags … --out model.py``, ``python -m nnlab lesson NAME --out lesson.json`` and
``python -m nnlab sweep --flags … --grid FIELD=v1,v2 … --seeds N --out sweep.csv`` (``nnlab.sweep``).

Train flags are generated from the RunConfig field specs (``config.FIELD_SPECS``): one flag
per field (``--batch-size`` ↔ ``batch_size``) plus its short alias (``--lr``, ``--csv``, which
links accept too), its help text from the catalog (English) with the allowed values and
the default. ``code`` takes the same flags (``add_config_flags``) and writes the settings as a
runnable Keras script (``nnlab.codegen``) instead of training. Values are parsed by
``RunConfig.from_flat``, so a bad value gives the same ConfigError as a link or the
constructor. A CSV run records the file's content hash (``csv_sha256``). Bad input ends with exit code 2 and one line on stderr; a run that
diverges still writes its record and exits with 3. A lesson trains its runs headless, prints
what to watch for and whether its claim held, and exits with 1 when the claim was not seen.
"""

from __future__ import annotations

import argparse
import sys
import time

from nnlab import activations, codegen, datasets, i18n, initializers, optimizers, sweep
from nnlab.config import FIELD_SPECS, ConfigError, RunConfig
from nnlab.fields import FieldSpec

ALIASES = {name: fs.flags[1:] for name, fs in FIELD_SPECS.items() if fs.alias}  # the URL accepts the same short names
EXIT_USAGE = 2
EXIT_DIVERGED = 3
EXIT_CLAIM_NOT_SEEN = 1
EXIT_TRIALS_FAILED = 1  # a sweep in which some trial failed (rerun to retry them)


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        raise UsageError(f"{message} (see: python -m nnlab {self.prog.split()[-1]} --help)")


def field_help(fs: FieldSpec, default: str) -> str:
    """A field's ``--help`` line: the catalog's help text, then what is allowed and the default."""
    allowed = ""
    if fs.range is not None:
        allowed = f"{fs.range[0]:g} to {fs.range[1]:g}; "
    elif fs.kind in ("choice", "name_list"):
        allowed = f"one of: {', '.join(fs.options())}; "
    elif fs.kind == "bool":
        allowed = "true or false; "
    text = f"{i18n.t(fs.help, 'en')} ({allowed}default: {default or 'none'})"
    return text.replace("%", "%%")  # argparse formats help with %


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nnlab", description="NN Lab: train small neural networks and see inside them.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="show every activation, initializer, optimizer and dataset")
    train = sub.add_parser("train", help="train one network and write its JSON run record")
    add_config_flags(train)
    train.add_argument("--out", help="write the JSON run record here")
    train.add_argument("--save-model", help="also save the trained Keras model (.keras)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    code = sub.add_parser("code", help="write the settings as runnable Keras code (as the Train page shows it)")
    add_config_flags(code)
    code.add_argument("--style", choices=list(codegen.STYLES), default="sequential",
                      help="Sequential model (like the iris lecture) or functional API (like the Boston housing "
                           "lecture) (default: sequential)")
    code.add_argument("--lang", choices=list(i18n.LANGUAGES), default="en", help="language of the code's comments")
    code.add_argument("--out", help="write the code to this file (default: print it)")
    lesson = sub.add_parser("lesson", help="train a lesson's runs and check what it claims")
    lesson.add_argument("name", help="the lesson (python -m nnlab list shows them)")
    lesson.add_argument("--out", help="write the lesson's runs and verdict as JSON here")
    lesson.add_argument("--quick", action="store_true", help="the lesson's reduced size (fewer epochs or samples)")
    lesson.add_argument("--lang", choices=list(i18n.LANGUAGES), default="en", help="language of the texts")
    lesson.add_argument("--quiet", action="store_true", help="no progress bar")
    sw = sub.add_parser("sweep", help="train every combination of a grid of settings (× seeds) and write one CSV "
                                      "row per trial; rerun to resume")
    add_config_flags(sw)  # the base config: every trial starts from these settings
    sw.add_argument("--grid", action="append", default=[], metavar="FIELD=V1,V2",
                    help="a setting to vary and its values, e.g. activation=sigmoid,tanh,relu (repeat for more "
                         "settings; the sweep tries every combination)")
    sw.add_argument("--seeds", default="1", metavar="N",
                    help=f"train each combination with N seeds: --seed, --seed + 1, … (1 to {sweep.MAX_SEEDS}; default: 1)")
    sw.add_argument("--backend", choices=list(sweep.BACKENDS), default="local",
                    help="local: in this process; ray: Ray Tune, on this machine or the cluster at --ray-address "
                         f"(needs: {sweep.INSTALL_RAY}) (default: local)")
    sw.add_argument("--ray-address", help="the Ray cluster to run on, e.g. ray://head:10001 or auto "
                                          "(default: $RAY_ADDRESS, or a Ray started here)")
    sw.add_argument("--out", required=True,
                    help="the sweep table (CSV); run records go beside it (.jsonl). Given again, finished trials "
                         "are skipped")
    sw.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def add_config_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per RunConfig field (and its alias), with its help, allowed values and default."""
    defaults = RunConfig().to_flat()
    for name, fs in FIELD_SPECS.items():
        parser.add_argument(*fs.flags, dest=name, metavar=fs.metavar, help=field_help(fs, defaults[name]))


def config_from_args(args: argparse.Namespace) -> RunConfig:
    flat = {name: getattr(args, name) for name in FIELD_SPECS if getattr(args, name) is not None}
    return RunConfig.from_flat(flat)


def cmd_list(out=sys.stdout) -> int:
    from nnlab.i18n import describe

    sections = [("Activations", activations.REGISTRY), ("Initializers", initializers.REGISTRY),
                ("Optimizers", optimizers.REGISTRY), ("Datasets", datasets.REGISTRY)]
    for title, table in sections:
        print(f"{title}:", file=out)
        for name, entry in table.items():
            print(f"  {name:<15} {entry.display:<24} {describe(entry)}", file=out)
        print(file=out)
    from nnlab import lessons

    print("Lessons (python -m nnlab lesson NAME):", file=out)
    for name, lesson in lessons.LESSONS.items():
        print(f"  {name:<22} {lesson.page:<8} {i18n.t(f'lesson.{name}.title')}", file=out)
    return 0


class _StatusLine:
    """One line on stderr, redrawn in place on a terminal, one line per update otherwise."""

    def __init__(self, stream=sys.stderr, width: int = 24):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()

    def show(self, line: str) -> None:
        if self.tty:
            self.stream.write("\r" + line[:160].ljust(100))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


class TerminalProgress(_StatusLine):
    """A one-line progress bar of a run."""

    def __init__(self, stream=sys.stderr, width: int = 24):
        super().__init__(stream, width)
        self._last_print = 0.0
        self._last_epoch = 0

    def on_update(self, record) -> None:
        snap_p = record.progress
        now = time.monotonic()
        epoch = snap_p["epoch"]
        if self.tty and now - self._last_print < 0.1:
            return
        if not self.tty and (epoch == self._last_epoch or now - self._last_print < 1.0):
            return
        self._last_print, self._last_epoch = now, epoch
        done = int(self.width * snap_p["fraction"])
        hist = record.history
        loss = hist["loss"][-1] if hist["loss"] else None
        metric = hist[record.metric][-1] if hist[record.metric] else None
        sps = snap_p["samples_per_second"]
        eta = snap_p["eta_seconds"]
        parts = [f"epoch {epoch}/{record.config.epochs}", f"[{'#' * done}{'.' * (self.width - done)}]"]
        if loss is not None:
            parts.append(f"loss {loss:.4f}")
        if metric is not None:
            parts.append(f"{record.metric} {metric:.4f}")
        if sps:
            parts.append(f"{sps:,.0f} samples/s")
        if eta is not None:
            parts.append(f"ETA {eta:.0f}s")
        self.show("  ".join(parts))


def _number(value) -> str:
    """A test figure for the summary line; a diverged run has none."""
    return "n/a" if value is None else f"{value:.4f}"


def cmd_train(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    data = datasets.load(config)  # bad CSVs etc. fail here, before TensorFlow is imported
    config = datasets.pin_csv(config, data)  # the record names the exact file it was trained on
    from nnlab import engine

    progress = None if args.quiet else TerminalProgress()
    record = engine.run(config, data, observer=progress)
    if progress:
        progress.close()
    snap = record.snapshot()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(record.to_json())
    if args.save_model:
        record.keras_model().save(args.save_model)
    test = snap["test"]
    metric = record.metric
    summary = (f"{snap['status']}: test {metric} {_number(test.get(metric))}, test loss {_number(test.get('loss'))} "
               f"({len(snap['history']['epoch'])} epochs, {snap['timing'].get('seconds', 0):.1f} s")
    sps = snap["timing"].get("samples_per_second")
    summary += f", {sps:,.0f} samples/s)" if sps else ")"
    if args.out:
        summary += f" → {args.out}"
    print(summary)
    if snap["status"] == "diverged":
        print(f"diverged at step {snap['diverged_at_step']}: {snap['hint']}", file=sys.stderr)
        return EXIT_DIVERGED
    return 0


def cmd_code(args: argparse.Namespace, out=sys.stdout) -> int:
    """Write the settings as Keras code (``nnlab.codegen``); no TensorFlow is imported. A CSV
    file is read and checked as ``train`` would (its target, task and size go into the code)."""
    config = config_from_args(args)
    frame = None
    if config.dataset == "csv":
        frame = datasets.load_csv_frame(config.csv_path)
        datasets.check_table(frame, config.target, config.task, config.test_fraction, config.val_fraction)
    code = codegen.keras_code(config, args.style, args.lang, frame)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(code)
        print(f"{args.style} Keras code, {len(code.splitlines())} lines → {args.out}", file=out)
    else:
        out.write(code)
    return 0


def cmd_lesson(args: argparse.Namespace, out=sys.stdout) -> int:
    """Train a lesson's runs (none for a teaching page), print the claim's verdict, write JSON."""
    import json

    from nnlab import lessons

    try:
        lesson = lessons.get(args.name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    lang = args.lang
    print(f"{i18n.t(f'lesson.{lesson.name}.title', lang)} ({lesson.source})", file=out)
    print(i18n.t(f"lesson.{lesson.name}.watch", lang), file=out)
    records = {}
    if lesson.page in ("train", "compare"):
        data = datasets.load(lesson.config(args.quick))  # one split for every run, as in lessons.run_lesson
        for label, config in lesson.run_configs(args.quick):
            progress = None if args.quiet else TerminalProgress()
            if progress:
                print(f"-- {label}", file=sys.stderr)
            from nnlab import engine

            records[label] = engine.run(config, data, observer=progress)
            if progress:
                progress.close()
    verdict = lesson.check({label: r.snapshot() for label, r in records.items()})
    claim = i18n.t(f"lesson.{lesson.name}.claim", lang, **verdict.seen)
    print(i18n.t("lesson.claim.held" if verdict.held else "lesson.claim.missed", lang, text=claim), file=out)
    if args.out:
        document = {"lesson": lesson.name, "quick": bool(args.quick),
                    "claim": {"held": verdict.held, "text": claim,
                              "seen": {k: None if isinstance(v, float) and v != v else v  # NaN → null
                                       for k, v in verdict.seen.items()}},
                    "runs": {label: json.loads(r.to_json()) for label, r in records.items()}}
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(document, fh, indent=1, ensure_ascii=False, allow_nan=False)
    return 0 if verdict.held else EXIT_CLAIM_NOT_SEEN


class SweepBar(_StatusLine):
    """The sweep's progress: trials done of all, a bar, the ETA and the last trial's result."""

    def __call__(self, p: "sweep.SweepProgress") -> None:
        done = int(self.width * p.done / p.total) if p.total else self.width
        parts = [f"trial {p.done}/{p.total}", f"[{'#' * done}{'.' * (self.width - done)}]"]
        if p.eta_seconds is not None:
            parts.append(f"ETA {_duration(p.eta_seconds)}")
        row = p.last_row
        if row is not None:
            value = row.get("test_metric")
            shown = row["status"] if value is None else f"{row.get('metric_name')} {value:.4f}"
            parts.append(f"{row['trial']}: {shown}")
        self.show("  ".join(parts))


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"


def sweep_from_args(args: argparse.Namespace) -> "sweep.Sweep":
    """The sweep the flags describe; ConfigError / SweepError on bad input."""
    base = config_from_args(args)
    grid: dict[str, list[str]] = {}
    for text in args.grid:
        name, values = sweep.parse_grid_arg(text)
        if name in grid:
            raise ConfigError(name, text, "twice", keys=[name, name])
        grid[name] = values
    return sweep.Sweep(base, grid, args.seeds)


def cmd_sweep(args: argparse.Namespace, out=sys.stdout) -> int:
    """Train the grid (skipping trials already in --out), then print the best trials."""
    from pathlib import Path

    plan = sweep_from_args(args)
    if args.backend == "ray":
        sweep.import_ray()  # say how to install Ray before anything else
    sweep._data_for(plan.trials()[0].config)  # a data set that cannot load fails here, with exit 2
    _check_writable(args.out)
    target = Path(args.out)
    print(i18n.t("sweep.cli.start", shape=plan.shape_text(), trials=f"{plan.size:,}", backend=args.backend,
                 out=args.out), file=out)
    bar = None if args.quiet else SweepBar()
    first: list = []

    def progress(p):
        if not first:
            first.append(p)
            if p.skipped:
                print(i18n.t("sweep.cli.skipped", skipped=p.skipped, trials=p.total, out=args.out), file=out)
                out.flush()
        if bar is not None and (p.last_row is not None or p.skipped < p.total):
            bar(p)

    started = time.perf_counter()
    try:
        table = sweep.run_sweep(plan, args.backend, target, progress=progress, ray_address=args.ray_address)
    except KeyboardInterrupt:
        if bar:
            bar.close()
        try:
            done = int(sweep.read_table(target, allow_empty=True)["status"].isin(sweep.DONE_STATUSES).sum())
        except sweep.SweepError:
            done = 0
        print("\nnnlab: " + i18n.t("sweep.cli.interrupted", done=done, trials=plan.size, out=args.out),
              file=sys.stderr)
        return 130
    if bar:
        bar.close()
    missing = plan.size - int(table["trial"].isin({t.key for t in plan.trials()}).sum())
    if missing:  # Ray Tune ends a search on Ctrl-C itself and returns: the sweep is not complete
        done = plan.size - missing
        print("nnlab: " + i18n.t("sweep.cli.interrupted", done=done, trials=plan.size, out=args.out), file=sys.stderr)
        return 130
    skipped = first[0].skipped if first else 0
    ran = plan.size - skipped
    keys = {t.key for t in plan.trials()}
    mine = table[table["trial"].isin(keys)]
    counts = mine["status"].value_counts()
    records = str(sweep.records_path(target))
    print(i18n.t("sweep.cli.done", ran=ran, finished=int(counts.get("finished", 0)),
                 diverged=int(counts.get("diverged", 0)), failed=int(counts.get("failed", 0)),
                 seconds=f"{time.perf_counter() - started:.1f}", out=args.out, records=records), file=out)
    best = sweep.best_trials(mine, 5)
    if best.empty:
        print(i18n.t("sweep.cli.no_best"), file=out)
    else:
        metric_name = best["metric_name"].iloc[0]
        print(i18n.t("sweep.cli.best", metric=sweep.metric_label("test_metric", "en", metric_name).lower()), file=out)
        shown = best[[*sweep.grid_columns(best), "seed", "test_metric", "test_loss", "grad_ratio", "epochs_trained"]]
        print(shown.rename(columns={"test_metric": f"test_{metric_name}"}).to_string(
            index=False, float_format=lambda v: f"{v:.4g}"), file=out)
    failed = int(counts.get("failed", 0))
    if failed:
        print(i18n.t("sweep.cli.failed", failed=failed, records=records), file=sys.stderr)
        return EXIT_TRIALS_FAILED
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "list":
            return cmd_list()
        if args.command == "sweep":  # checks its grid before it touches --out
            return cmd_sweep(args)
        if args.out:
            _check_writable(args.out)
        if args.command == "lesson":
            return cmd_lesson(args)
        if args.command == "code":
            return cmd_code(args)
        return cmd_train(args)
    except (UsageError, ConfigError, datasets.DatasetError, sweep.SweepError, OSError) as exc:
        print(f"nnlab: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nnnlab: interrupted", file=sys.stderr)
        return 130


def _check_writable(path: str) -> None:
    """Fail before training, not after, when --out cannot be written."""
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise OSError(f"cannot write --out {path}: {exc.strerror}") from None


if __name__ == "__main__":
    sys.exit(main())

