"""The interview section: coding counts, agreement, critical incidents and the joint display."""

from __future__ import annotations

from .context import Context, SkipSection


def interviews(ctx: Context) -> None:
    raise SkipSection(ctx.t("访谈部分尚未接入报告", "interview reporting is not wired in yet"))
