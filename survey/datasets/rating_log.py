"""A synthetic service-rating log of any size, written to Parquet chunk by chunk.

One row per service event: ``event`` (its number), ``region``, ``department``, ``month``
(``"2025-01"`` …), ``n_items`` ratings ``q1`` … on a 1–5 scale, and ``overall`` (1–10). The ratings
come from ``n_factors`` correlated latent factors (items in equal consecutive blocks) plus noise, with
region and department shifts of the means; ``overall`` is driven by the planted drivers
(:data:`DRIVERS`, the first item of each block and the second of the first two) plus noise. A share
``missing`` of ratings is left empty at random. No chunk holds more than ``chunk_rows`` rows in
memory, so the log can be far larger than memory.

>>> import tempfile, pyarrow.parquet as pq
>>> path = write_rating_log(tempfile.mkdtemp() + "/log.parquet", 1_000, n_items=8, seed=1)
>>> pq.ParquetFile(path).metadata.num_rows
1000
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["write_rating_log", "REGIONS", "DEPARTMENTS", "planted_drivers"]

REGIONS = ("north", "south", "east", "west", "central", "northeast", "northwest", "southwest")
DEPARTMENTS = ("tax", "permits", "social security", "housing", "health", "employment", "transport", "education",
               "civil affairs", "talent services", "business registry", "public security")
_REGION_SHIFT = np.linspace(-0.25, 0.25, len(REGIONS))
_DEPARTMENT_SHIFT = np.linspace(0.2, -0.2, len(DEPARTMENTS))


def planted_drivers(n_items: int = 40, n_factors: int = 4) -> dict[str, float]:
    """The items that drive ``overall`` and their weights (one 0–100 point is 0.1 overall)."""
    block = n_items // n_factors
    items = [f"q{f * block + 1}" for f in range(n_factors)] + [f"q{f * block + 2}" for f in range(min(2, n_factors))]
    weights = np.linspace(0.6, 0.2, len(items))
    return dict(zip(items, weights.tolist()))


def _chunk(rng: np.random.Generator, start: int, rows: int, n_items: int, n_factors: int, missing: float):
    import pyarrow as pa

    block = n_items // n_factors
    corr = np.full((n_factors, n_factors), 0.4) + 0.6 * np.eye(n_factors)
    f = rng.standard_normal((rows, n_factors)) @ np.linalg.cholesky(corr).T
    region = rng.integers(0, len(REGIONS), rows)
    department = rng.integers(0, len(DEPARTMENTS), rows)
    month = rng.integers(1, 13, rows)
    loading = np.repeat(np.arange(n_factors), block)[:n_items] if block else np.zeros(n_items, int)
    latent = 3.4 + 0.9 * f[:, loading] + rng.normal(scale=0.8, size=(rows, n_items))
    latent += (_REGION_SHIFT[region] + _DEPARTMENT_SHIFT[department])[:, None]
    ratings = np.clip(np.rint(latent), 1, 5).astype(np.int8)
    drivers = planted_drivers(n_items, n_factors)
    score = sum(w * ratings[:, int(q[1:]) - 1] for q, w in drivers.items()) / sum(drivers.values())
    overall = np.clip(np.rint(2.2 * score - 1 + rng.normal(scale=0.9, size=rows)), 1, 10).astype(np.int8)
    columns = {
        "event": pa.array(np.arange(start, start + rows, dtype=np.int64)),
        "region": pa.DictionaryArray.from_arrays(pa.array(region.astype(np.int32)), pa.array(REGIONS)),
        "department": pa.DictionaryArray.from_arrays(pa.array(department.astype(np.int32)), pa.array(DEPARTMENTS)),
        "month": pa.array([f"2025-{m:02d}" for m in range(1, 13)]).take(pa.array(month - 1)),
    }
    for j in range(n_items):
        columns[f"q{j + 1}"] = pa.array(ratings[:, j], mask=rng.random(rows) < missing)
    columns["overall"] = pa.array(overall)
    return pa.table(columns)


def write_rating_log(path, n_rows: int, *, n_items: int = 40, n_factors: int = 4, seed: int = 0,
                     missing: float = 0.002, chunk_rows: int = 250_000, n_files: int = 1) -> Path:
    """Write ``n_rows`` rating events to ``path`` (a ``.parquet`` file, or a folder of ``n_files``
    files ``part-0000.parquet`` …); the same arguments give the same data. Returns ``path``."""
    import pyarrow.parquet as pq

    if n_rows < 1 or n_items < n_factors or n_factors < 1 or n_files < 1:
        raise ValueError("write_rating_log: need n_rows >= 1, n_items >= n_factors >= 1 and n_files >= 1")
    path = Path(path)
    targets = [path] if n_files == 1 else [path / f"part-{i:04d}.parquet" for i in range(n_files)]
    if n_files > 1:
        path.mkdir(parents=True, exist_ok=True)
    bounds = np.linspace(0, n_rows, n_files + 1).astype(np.int64)
    chunk_index = 0
    for target, lo, hi in zip(targets, bounds[:-1], bounds[1:]):
        writer = None
        for start in range(int(lo), int(hi), chunk_rows):
            rows = min(chunk_rows, int(hi) - start)
            table = _chunk(np.random.default_rng([seed, chunk_index]), start, rows, n_items, n_factors, missing)
            chunk_index += 1
            writer = writer or pq.ParquetWriter(target, table.schema)
            writer.write_table(table, row_group_size=min(rows, 125_000))
        if writer is not None:
            writer.close()
    return path
