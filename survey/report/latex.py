r"""LaTeX writer: booktabs tables (``Styler.to_latex(hrules=True)``: the three-line look).

Chinese documents use the ``ctexart`` class (compile with XeLaTeX); English ones ``article``.
Captions carry the same labels as the other formats (``\caption*{表4-1\quad …}``), so numbers
agree everywhere. Greek letters and math signs become math-mode commands, so the text also
compiles with pdfLaTeX when it has no Chinese.

>>> latex_inline("Cronbach's *α* = 0.87 & 5% of n_1")
"Cronbach's \\textit{$\\alpha$} = 0.87 \\& 5\\% of n\\_1"
"""

from __future__ import annotations

import pandas as pd

from .document import Layout, Placed, runs

__all__ = ["render_latex", "latex_inline", "latex_table"]

_CHARS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
    "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\n": r"\\ ",
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "ε": r"$\varepsilon$",
    "η": r"$\eta$", "θ": r"$\theta$", "λ": r"$\lambda$", "μ": r"$\mu$", "ρ": r"$\rho$", "σ": r"$\sigma$",
    "τ": r"$\tau$", "φ": r"$\varphi$", "χ": r"$\chi$", "ω": r"$\omega$", "Δ": r"$\Delta$", "Σ": r"$\Sigma$",
    "Ω": r"$\Omega$", "−": r"$-$", "≤": r"$\leq$", "≥": r"$\geq$", "×": r"$\times$", "±": r"$\pm$",
    "²": r"\textsuperscript{2}", "³": r"\textsuperscript{3}", "…": r"\ldots{}", "√": r"$\surd$",
}


def _escape(text: str) -> str:
    return "".join(_CHARS.get(ch, ch) for ch in text)


def latex_inline(text: str) -> str:
    """Markup to LaTeX: ``*x*`` becomes ``\\textit{x}``, special characters escaped."""
    return "".join(f"\\textit{{{_escape(c)}}}" if it else _escape(c) for c, it in runs(text))


def latex_table(p: Placed) -> str:
    """The ``tabular`` of one table, with ``\\toprule``, ``\\midrule``, ``\\bottomrule``."""
    t = p.block
    header = [latex_inline(h) or "{}" for h in t.header]
    # Styler needs unique column labels; a trailing empty group keeps duplicates apart invisibly.
    seen: dict[str, int] = {}
    unique = []
    for h in header:
        seen[h] = seen.get(h, 0) + 1
        unique.append(h if seen[h] == 1 else h + "{}" * (seen[h] - 1))
    frame = pd.DataFrame([[latex_inline(c) for c in r] for r in t.body], columns=unique, dtype=object)
    fmt = "".join({"left": "l", "center": "c", "right": "r"}[a] for a in t.align)
    return frame.style.hide(axis="index").to_latex(hrules=True, column_format=fmt)


def _caption(layout: Layout, p: Placed) -> str:
    if layout.style == "gb":
        return f"\\caption*{{{_escape(p.label)}\\quad {latex_inline(p.text)}}}"
    return f"\\caption*{{\\textbf{{{_escape(p.label)}}}\\\\\\textit{{{latex_inline(p.text)}}}}}"


def _note(layout: Layout, p: Placed) -> str:
    if not p.note:
        return ""
    return f"\\par\\smallskip{{\\raggedright\\footnotesize {latex_inline(layout.note_prefix() + p.note)}\\par}}\n"


def render_latex(layout: Layout) -> str:
    """A complete LaTeX document (``ctexart`` for Chinese, ``article`` for English)."""
    zh = layout.lang == "zh"
    gb = layout.style == "gb"
    out = [
        "% Written by survey. Compile with XeLaTeX" + (" (Chinese needs the ctex class)." if zh else "."),
        "\\documentclass[12pt,a4paper]{" + ("ctexart" if zh else "article") + "}",
        "\\usepackage{booktabs}",
        "\\usepackage{graphicx}",
        "\\usepackage[margin=2.54cm]{geometry}",
        "\\usepackage{caption}",
        "\\captionsetup{" + ("font=small,labelformat=empty" if gb else "justification=raggedright,singlelinecheck=false") + "}",
        "\\begin{document}",
    ]
    if layout.title:
        out.append(f"\\begin{{center}}\\Large\\bfseries {latex_inline(layout.title)}\\end{{center}}")
    sections = ("section", "subsection", "subsubsection", "paragraph", "paragraph", "paragraph")
    for p in layout.items:
        if p.kind == "heading":
            out.append(f"\\{sections[p.level - 1]}*{{{latex_inline(p.text)}}}")
        elif p.kind == "paragraph":
            out.append(latex_inline(p.text) + "\n")
        elif p.kind == "table":
            out.append(
                "\\begin{table}[htbp]\n" + ("\\centering\n" if gb else "") + _caption(layout, p) + "\n"
                + latex_table(p) + _note(layout, p) + "\\end{table}"
            )
        elif p.kind == "figure":
            asset = layout.assets.get(p.key)
            path = asset.png_path if asset else f"figures/{p.key}.png"
            width = p.block.width_cm or 14.0
            image = f"\\includegraphics[width={width:g}cm,height=0.8\\textheight,keepaspectratio]{{{path}}}"
            cap = _caption(layout, p)
            inner = f"{image}\n{cap}" if gb else f"{cap}\n{image}"
            out.append("\\begin{figure}[htbp]\n\\centering\n" + inner + "\n" + _note(layout, p) + "\\end{figure}")
    out.append("\\end{document}")
    return "\n".join(out) + "\n"
