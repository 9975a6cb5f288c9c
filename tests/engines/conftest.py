"""A rating log split over three Parquet files, and a two-worker local Dask cluster."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

ITEMS = [f"q{i}" for i in range(1, 7)]


def rating_frame(n: int = 30_000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, 2))
    f[:, 1] = 0.5 * f[:, 0] + np.sqrt(0.75) * f[:, 1]  # two correlated factors: q1–q3 and q4–q6
    x = np.clip(np.rint(3 + f[:, [0, 0, 0, 1, 1, 1]] + rng.normal(scale=0.9, size=(n, len(ITEMS)))), 1, 5)
    frame = pd.DataFrame(x, columns=ITEMS)
    frame["overall"] = x @ np.linspace(0.3, 0.8, len(ITEMS)) / 3 + rng.normal(size=n)
    frame.loc[rng.choice(n, 40, replace=False), "q2"] = np.nan
    frame.loc[rng.choice(n, 25, replace=False), "q5"] = np.nan
    frame["region"] = pd.Series(rng.choice(["east", "west", "north"], n)).where(rng.random(n) > 0.01)
    frame["channel"] = rng.choice(["online", "desk"], n)
    return frame


@pytest.fixture(scope="session")
def ratings() -> pd.DataFrame:
    return rating_frame()


@pytest.fixture(scope="session")
def parquet_folder(ratings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("log")
    cuts = np.linspace(0, len(ratings), 4).astype(int)
    for i in range(3):
        ratings.iloc[cuts[i] : cuts[i + 1]].reset_index(drop=True).to_parquet(folder / f"part-{i}.parquet", row_group_size=4_000)
    return folder


@pytest.fixture(scope="session")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="session", params=["duckdb", "dask"])
def lazy(request, parquet_folder, cluster):
    from survey.engines import scan

    scheduler = cluster.scheduler_address if request.param == "dask" else None
    lazy = scan(parquet_folder, engine=request.param, scheduler=scheduler)
    yield lazy
    lazy.engine.close()
