r"""Markdown writer (pipe tables; figures linked as ``figures/<key>.png``).

>>> import pandas as pd
>>> from survey.report.document import Document
>>> doc = Document(lang="en", style="apa")
>>> _ = doc.add_table(pd.DataFrame({"Scale": ["A"], "*α*": [".87"]}), "Reliability", note="N = 250.")
>>> print(render_markdown(doc.layout()))
**Table 1**
<BLANKLINE>
*Reliability*
<BLANKLINE>
| Scale   |  *α*  |
|:--------|:-----:|
| A       |  .87  |
<BLANKLINE>
*Note.* N = 250.
<BLANKLINE>
"""

from __future__ import annotations

import re

from .document import Layout, Placed, plain, runs

__all__ = ["render_markdown", "md_inline"]

_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _TAG_START.sub(r"\\<", text)


def md_inline(text: str) -> str:
    """Markup to Markdown: italics kept, every other Markdown character escaped."""
    out = []
    for chunk, italic in runs(text):
        esc = _escape(chunk).replace("\n", " ")
        if italic:
            core = esc.strip()
            lead, trail = esc[: len(esc) - len(esc.lstrip())], esc[len(esc.rstrip()) :]
            out.append(f"{lead}*{core}*{trail}" if core else esc)
        else:
            out.append(esc)
    return "".join(out)


def _block(text: str) -> str:
    """A paragraph that cannot turn into a heading, quote or list by accident."""
    line = md_inline(text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)


def _table(t) -> str:
    from tabulate import tabulate

    header = [md_inline(h) for h in t.header]
    body = [[md_inline(c) for c in r] for r in t.body]
    return tabulate(body, headers=header, tablefmt="pipe", disable_numparse=True, colalign=list(t.align) or None)


def _apa_caption(p: Placed) -> list[str]:
    title = plain(p.text)
    return [f"**{_escape(p.label)}**", f"*{_escape(title)}*" if title.strip() else ""]


def render_markdown(layout: Layout) -> str:
    """The whole document as Markdown text (ends with one newline)."""
    parts: list[str] = []
    offset = 1 if layout.title else 0
    if layout.title:
        parts.append("# " + md_inline(layout.title))
    gb = layout.style == "gb"
    for p in layout.items:
        if p.kind == "heading":
            parts.append("#" * min(6, p.level + offset) + " " + md_inline(p.text))
        elif p.kind == "paragraph":
            parts.append(_block(p.text))
        elif p.kind == "table":
            parts.extend([f"**{md_inline(layout.caption(p))}**"] if gb else _apa_caption(p))
            parts.append(_table(p.block))
            if p.note:
                parts.append(_block(layout.note_prefix() + p.note))
        elif p.kind == "figure":
            asset = layout.assets.get(p.key)
            path = asset.png_path if asset else f"figures/{p.key}.png"
            alt = _escape(plain(layout.caption(p)))
            image = f"![{alt}]({path})"
            if gb:
                parts.extend([image, f"**{md_inline(layout.caption(p))}**"])
            else:
                parts.extend(_apa_caption(p) + [image])
            if p.note:
                parts.append(_block(layout.note_prefix() + p.note))
    return "\n\n".join(x for x in parts if x != "") + "\n"
