"""Open the outputs in real clients: LibreOffice (docx -> PDF -> PNG) and headless Chromium (HTML).

Skipped when the programs are absent (Debian: libreoffice-writer-nogui, poppler-utils, chromium).
The PNG pages are kept in the pytest tmp folder for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from survey.report import write_document

from .demo import apa_document, gb_document

pytestmark = pytest.mark.slow  # end to end; `python -m pytest -m "not slow"` leaves it out

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rules(png: Path, min_fraction: float = 0.2) -> int:
    """Number of horizontal dark lines at least ``min_fraction`` of the page wide."""
    from PIL import Image

    im = Image.open(png).convert("L")
    w, h = im.size
    px = im.load()
    lines, previous = 0, False
    for y in range(h):
        run = best = 0
        for x in range(0, w):
            run = run + 1 if px[x, y] < 110 else 0
            best = max(best, run)
        dark = best >= min_fraction * w
        lines += dark and not previous
        previous = dark
    return lines


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    base = tmp_path_factory.mktemp("render")
    out = {name: write_document(build(), base / name, formats=("docx", "html"), manifest=False).out_dir
           for name, build in (("gb", gb_document), ("apa", apa_document))}
    plt.close("all")
    return out


@pytest.mark.skipif(not (LIBREOFFICE and POPPLER), reason="libreoffice and poppler-utils are not installed")
@pytest.mark.parametrize(("name", "expected"), [
    ("gb", ["表4-1量表信度分析结果", "图4-1各维度满意度均值", "Cronbach'sα系数为0.870", "注：N=250。*表示p<0.05",
            "保健因素80.8453.420.680.62**", "第4章实证分析"]),
    ("apa", ["Table1", "ReliabilityandDescriptiveStatisticsoftheScales", "Figure1", "Note.N=250.*p<.05.**p<.01.",
             "Hygienefactors8.853.420.68.62**"]),
])
def test_docx_renders_in_libreoffice(reports, tmp_path, name, expected):
    docx = reports[name] / "report.docx"
    env = dict(os.environ, HOME=str(tmp_path))  # a private LibreOffice profile
    subprocess.run([LIBREOFFICE, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, env=env, timeout=240, capture_output=True)
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60).stdout.decode()
    flat = _squash(text)
    for piece in expected:
        assert piece in flat, piece
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    page = next(tmp_path.glob("page-*1.png"))
    assert _rules(page) >= 3  # the table's three rules (and the figure's axis)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, timeout=60).stdout.decode() if shutil.which("pdffonts") else ""
    if name == "gb" and fonts:
        assert "CJK" in fonts or "Hei" in fonts or "Song" in fonts  # Chinese drawn with a real CJK font


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
@pytest.mark.parametrize("name", ["gb", "apa"])
def test_html_renders_in_chromium(reports, tmp_path, name):
    html = reports[name] / "report.html"
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,1600",
                    html.resolve().as_uri()], check=True, timeout=120, capture_output=True)
    assert shot.is_file()
    assert _rules(shot, min_fraction=0.15) >= 3
