"""The template catalogues: one module per topic, each with a template per finding key and language.

A topic module defines ``TEMPLATES = {"zh": {key: template}, "en": {key: template}}`` and, where
its templates choose words, ``WORDS = {"zh": {word: text}, "en": {word: text}}``. Adding a language
is adding one more block to each topic module; adding a topic is adding a module and its name to
``TOPICS``.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

TOPICS = ("reliability", "item_analysis", "descriptives", "factorability", "efa", "groups", "regression", "index", "two_factor", "prca", "ipa", "kano", "drivers", "triangulation", "interviews", "pooling")


@cache
def _module(topic: str):
    if topic not in TOPICS:
        raise KeyError(f"no findings catalogue for topic {topic!r}; catalogues: {TOPICS}")
    return import_module(f"{__name__}.{topic}")


def template(key: str, lang: str) -> str:
    """The template of ``key`` in ``lang``; a missing one is an error naming both."""
    topic = key.split(".", 1)[0]
    table = _module(topic).TEMPLATES
    if lang not in table:
        raise KeyError(f"the {topic} catalogue has no templates in {lang!r} (it has {sorted(table)})")
    if key not in table[lang]:
        raise KeyError(f"the {topic} catalogue has no {lang!r} template for {key!r}")
    return table[lang][key]


def words(topic: str, lang: str) -> dict[str, str]:
    """The words a topic's templates choose from, in ``lang`` (empty when it has none)."""
    return getattr(_module(topic), "WORDS", {}).get(lang, {})


def known(key: str) -> bool:
    """Whether some language of the key's topic has a template for ``key``."""
    topic = key.split(".", 1)[0]
    return topic in TOPICS and any(key in block for block in _module(topic).TEMPLATES.values())
