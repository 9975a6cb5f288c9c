"""Write prca_synthetic.csv: 600 respondents, 4 attributes on 1-5 with planted penalty/reward.

Run once: python make_prca_data.py  (seeded; the CSV is what the tests and prca.R read).
"""
from pathlib import Path

import numpy as np
import pandas as pd


def main() -> None:
    rng = np.random.default_rng(20240501)
    n = 600
    x = pd.DataFrame(rng.integers(1, 6, size=(n, 4)), columns=["housing", "schooling", "platform", "career"])
    overall = (
        3.2
        - 0.8 * (x.housing <= 2) + 0.05 * (x.housing == 5)      # basic / hygiene-like
        - 0.6 * (x.schooling <= 2) + 0.1 * (x.schooling == 5)   # basic
        - 0.1 * (x.platform <= 2) + 0.7 * (x.platform == 5)     # excitement
        - 0.4 * (x.career <= 2) + 0.4 * (x.career == 5)         # performance
        + rng.normal(0, 0.6, n)
    )
    x.insert(0, "overall", overall.round(6))
    x.to_csv(Path(__file__).with_name("prca_synthetic.csv"), index=False)


if __name__ == "__main__":
    main()
