"""The analysis plan: one YAML file that says what to read, what to run and how to write it.

Paths in a plan are relative to the plan file. Errors point at the exact field and line.

Example
-------
.. code-block:: yaml

    title: {zh: 高层次人才服务满意度研究, en: Talent-service satisfaction}
    questionnaire: talent_service          # bundled name or a path
    data: data/export.xlsx
    language: zh                            # zh, en or both
    style: gb                               # gb (Chinese thesis) or apa
    chapter: 4
    seed: 2026
    screening: {speeder_fraction: 0.333}
    weights: {design: w0, rake: margins.yaml}   # optional: design weights, raking to the register
    analyses:
      sample_profile: {suppress_below: 5}
      reliability: {}
      group_differences: {by: [gender, talent_category]}
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import PlanError, Problem
from ..schema.model import Text
from ..schema.yaml_reader import did_you_mean, read_yaml_file, validation_problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Screening(_Strict):
    """Screening rules (each on unless set false) and their thresholds."""

    duplicate_id: bool = True
    duplicate_answers: bool = True
    invalid: bool = True
    partial: bool = True
    attention_failed: bool = True
    speeder: bool = True
    straightliner: bool = True
    speeder_fraction: float | None = Field(None, gt=0, lt=1)
    speeder_seconds: float | None = Field(None, gt=0)
    partial_threshold: float | None = Field(None, gt=0, le=1)
    straightline_min_items: int | None = Field(None, ge=2)
    straightline_scope: Literal["all", "any"] | None = None

    def thresholds(self) -> dict:
        """The thresholds the quality checks take (``assess(responses, **screening.thresholds())``)."""
        keys = ("speeder_fraction", "speeder_seconds", "partial_threshold", "straightline_min_items", "straightline_scope")
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if k in keys}


class Interviews(_Strict):
    transcripts: str = Field(description="folder of transcripts (.txt, .md, .docx)")
    coding: str | None = Field(None, description="human coding file (CSV or xlsx)")
    attributes: str | None = Field(None, description="interviewee attribute table (CSV or xlsx)")
    codebook: str = Field(description="bundled codebook name (talent_services, herzberg16) or a YAML path")
    incidents: str | None = Field(None, description="critical-incident sequences file (CSV: segment_id, coder, code, sequence_id, valence, range)")
    incident_codebook: str = Field("herzberg16", description="codebook of the critical-incident factors")
    coder: str | None = Field(None, description="the coder whose codes are counted (default: the first in the file)")
    links: dict[str, list[str]] = Field(default_factory=dict, description="survey construct -> interview codes that are its evidence")
    redaction: str | None = Field(None, description="YAML with the names, employers and addresses to redact from quotes")
    key_file: str | None = Field(None, description="file holding the pseudonym key (kept out of every output)")


class PolicyDocuments(_Strict):
    """Policy texts coded on a two-dimensional framework (政策文本分析; see docs/policy.md)."""

    documents: str = Field(description="folder of policy documents (.txt, .md, .docx, .pdf)")
    metadata: str | None = Field(None, description="CSV or xlsx: file, doc_id, title, issuer, date (default: read from the file names)")
    framework: str = Field("talent_policy", description="bundled framework name (talent_policy) or a YAML path")
    coding: str | list[str] | None = Field(None, description="coding file(s) (CSV or xlsx: segment_id, coder, code), clause ids as segment ids")
    coder: str | None = Field(None, description="the coder whose codes are counted (default: the first in the file)")
    dimensions: list[str] | None = Field(None, min_length=2, max_length=2, description="the matrix's row and column dimensions (default: the framework's first two)")

    def coding_files(self) -> list[str]:
        return [] if self.coding is None else [self.coding] if isinstance(self.coding, str) else list(self.coding)


class Weights(_Strict):
    """Survey weights: design weights and/or raking to population margins (see docs/methods.md)."""

    design: str | None = Field(None, description="item or metadata column holding the design weights (1/inclusion probability)")
    rake: str | dict[str, dict[str | int | float, float]] | None = Field(
        None, description="population margins: a YAML ({variable: {category: count}}) or CSV (margin, category, count) file, or the mapping itself")
    trim: float | None = Field(None, gt=1, description="cap each weight at this multiple of the mean weight")
    suppress_below: int | None = Field(None, ge=1, description="hide cells of weighted breakdowns with fewer respondents")


class Missing(_Strict):
    """How a section treats missing answers: ``listwise`` (the default), ``pairwise`` (reliability
    only) or ``mi`` (multiple imputation by chained equations, pooled by Rubin's rules). Written
    ``missing: mi`` or ``missing: {method: mi, m: 20, seed: 7}``."""

    method: Literal["listwise", "pairwise", "mi"] = "listwise"
    m: int = Field(20, ge=2, description="imputations (mi)")
    seed: int | None = Field(None, description="seed of the imputations (default: the plan's seed)")
    maxit: int = Field(5, ge=1, description="iterations of each chain (mi)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        return {"method": value} if isinstance(value, str) else value


def _no_pairwise(value: Missing) -> Missing:
    if value.method == "pairwise":
        raise ValueError("pairwise deletion is not defined for this section; use listwise or mi")
    return value


class MissingData(_Strict):
    """The missing-data report: pattern table, Little's MCAR test and the pattern figure."""

    items: list[str] | None = Field(None, description="item ids (default: every item of the multi-item constructs)")


class SampleProfile(_Strict):
    suppress_below: int | None = Field(None, ge=1, description="hide cells with fewer respondents")
    items: list[str] | None = Field(None, description="demographic item ids (default: every item with role demographic)")


class Reliability(_Strict):
    ci_level: float = Field(0.95, gt=0, lt=1)
    constructs: list[str] | None = Field(None, description="construct ids (default: every multi-item construct)")
    item_analysis: bool = True
    correlation: Literal["pearson", "polychoric"] = "pearson"
    missing: Missing = Missing()


class Validity(_Strict):
    efa: bool = True
    cfa: bool = True
    rotation: Literal["varimax", "promax", "oblimin", "quartimax", "none"] = "varimax"
    method: Literal["minres", "pa", "ml", "pc"] = "minres"
    constructs: list[str] | None = Field(None, description="construct ids (default: every multi-item construct)")
    instruments: list[list[str]] | None = Field(
        None, description="groups of constructs analysed together, one factor analysis each (default: the hygiene and motivator "
                          "constructs together, every other construct alone)")
    correlation: Literal["pearson", "polychoric"] = "pearson"
    missing: Literal["listwise", "fiml"] = Field(
        "listwise", description="missing answers in the CFA: listwise (complete rows) or fiml (full-information ML)")

    @model_validator(mode="after")
    def _one_cfa_estimator(self):
        if self.cfa and self.missing == "fiml" and self.correlation == "polychoric":
            raise ValueError("missing: fiml fits the CFA by maximum likelihood, while correlation: polychoric makes it "
                             "ordinal (DWLS on complete rows); choose one of the two")
        return self


class GroupDifferences(_Strict):
    by: list[str] = Field(min_length=1, description="demographic item ids")
    constructs: list[str] | None = None
    test: Literal["auto", "student", "welch", "mann_whitney", "anova", "welch_anova", "kruskal"] = "auto"
    post_hoc: Literal["auto", "tukey", "games_howell", "dunn"] | None = Field(
        "auto", description="pairwise comparisons after a significant test of 3+ groups; auto: Tukey after ANOVA, Games–Howell after Welch, Dunn (Holm) after Kruskal–Wallis")
    p_adjust: Literal["holm", "bonferroni", "hochberg", "fdr_bh", "fdr_by"] = Field("holm", description="correction across the family of comparisons")
    missing: Missing = Missing()

    _missing = field_validator("missing")(_no_pairwise)


class Correlation(_Strict):
    method: Literal["pearson", "spearman"] = "pearson"
    constructs: list[str] | None = None


class Regression(_Strict):
    outcome: str
    blocks: list[list[str]] | None = None
    predictors: list[str] | None = None
    missing: Missing = Missing()

    _missing = field_validator("missing")(_no_pairwise)


class TwoFactor(_Strict):
    outcome: str | None = Field(None, description="outcome construct (default: the first construct with role outcome)")
    low: tuple[float, float] = (1, 2)
    high: tuple[float, float] = (4, 5)
    n_boot: int = Field(1000, ge=0)
    band: float = Field(0.2, gt=0, lt=1)


class Kano(_Strict):
    pass


class IPA(_Strict):
    importance: Literal["stated", "correlation", "beta", "partial", "relative_weights"] = "stated"
    centre: Literal["scale", "data"] = "data"
    outcome: str | None = Field(None, description="outcome construct (default: the first construct with role outcome)")


class Drivers(_Strict):
    outcome: str | None = Field(None, description="outcome construct (default: the first construct with role outcome)")
    n_boot: int = Field(500, ge=0)


class SatisfactionIndex(_Strict):
    constructs: list[str] | None = None
    by: list[str] = Field(default_factory=list)


class InterviewAnalysis(_Strict):
    quotes_per_code: int = Field(2, ge=0)


class PublishedComparison(_Strict):
    reference: str = Field(description="YAML of published values, relative to the plan")


class Descriptives(_Strict):
    """Construct descriptives and one Likert distribution figure per response scale."""

    constructs: list[str] | None = Field(None, description="construct ids (default: every multi-item construct)")
    items: list[str] | None = Field(None, description="items drawn in the distribution figures (default: the constructs' items)")
    by: list[str] = Field(default_factory=list, description="demographic item ids: descriptives by group, one table each")
    pomp: bool = Field(False, description="add the mean on a 0–100 POMP scale, so that constructs on different ranges can be compared")


class CommonMethodBias(_Strict):
    """Common-method bias checks (共同方法偏差检验)."""

    constructs: list[str] | None = Field(None, description="construct ids (default: every multi-item scale)")
    marker: str | None = Field(None, description="a marker item, theoretically unrelated to the constructs (Lindell & Whitney)")
    cfa: bool = Field(True, description="compare a one-factor CFA with the measurement model")
    ulmc: bool = Field(True, description="fit the unmeasured latent method construct")
    threshold: float = Field(0.40, gt=0, lt=1, description="the Harman criterion the report names (0.40 or 0.50)")


class Power(_Strict):
    """Sample size or power for the methods section (样本量与统计检验力)."""

    test: Literal["t_two", "t_paired", "t_one", "anova", "correlation", "regression", "proportions", "sem"]
    effect_size: float | None = Field(None, description="Cohen's d, f, r, f² or h (not for sem)")
    power: float = Field(0.80, gt=0, lt=1, description="the power wanted (ignored when n is given)")
    n: float | None = Field(None, gt=1, description="give n to report the power it achieves instead of the n needed")
    level: float = Field(0.05, gt=0, lt=1, description="the significance level")
    alternative: Literal["two-sided", "greater", "less"] = "two-sided"
    k: int | None = Field(None, ge=2, description="groups (anova)")
    u: int | None = Field(None, ge=1, description="predictors (regression)")
    df: int | None = Field(None, ge=1, description="model degrees of freedom (sem)")
    rmsea0: float = Field(0.05, ge=0, description="RMSEA under the null (sem)")
    rmsea_a: float = Field(0.08, ge=0, description="RMSEA under the alternative (sem)")


class MultipleResponse(_Strict):
    """Multiple-choice (多选题) items: counts, response and case percentages, tests by group."""

    items: list[str] | None = Field(None, description="multiple-choice item ids (default: every multiple item)")
    by: list[str] = Field(default_factory=list, description="grouping items: each option's share compared across groups")
    p_adjust: Literal["holm", "bonferroni", "hochberg", "fdr_bh", "fdr_by"] = Field("holm", description="correction across the options")


class Process(_Strict):
    model: Literal[4, 6, 7, 8, 14, 58, 59] = Field(description="Hayes' PROCESS model number")
    x: str = Field(description="focal predictor (construct or item id)")
    m: list[str] = Field(min_length=1, description="mediators, in causal order for model 6")
    y: str = Field(description="outcome")
    w: str | None = Field(None, description="moderator (models 7, 8, 14, 58, 59)")
    covariates: list[str] = Field(default_factory=list, description="entered in every equation")
    center: bool = Field(False, description="mean-centre the variables that form products")
    w_values: Literal["percentiles", "mean_sd"] | list[float] = Field("percentiles", description="probe values of the moderator")
    n_boot: int = Field(5000, ge=100, description="bootstrap resamples for the indirect effects")
    ci_level: float = Field(0.95, gt=0, lt=1)


class Invariance(_Strict):
    """Measurement invariance across groups (测量不变性检验): multi-group CFA, level by level."""

    group: str = Field(description="the item whose answers form the groups (e.g. gender)")
    constructs: list[str] | None = Field(None, description="construct ids, one factor each (default: every multi-item construct)")
    model: str | None = Field(None, description="a lavaan-style measurement model over item ids, instead of constructs")
    levels: list[Literal["configural", "metric", "scalar", "strict"]] = Field(
        ["configural", "metric", "scalar", "strict"], min_length=1, description="the levels to fit, from configural on, in this order")


class OpenEnded(_Strict):
    """Open-ended answers (开放题): word statistics, and with a coding file the interview coding path."""

    items: list[str] | None = Field(None, description="text item ids or '<item>_other' columns (default: every text item)")
    by: list[str] = Field(default_factory=list, description="group items: codes counted by group")
    top_n: int = Field(20, ge=1, description="words in the frequency table and figure")
    stop_words: list[str] | str | None = Field(None, description="words added to the bundled stop words (a list, or a UTF-8 file one word a line)")
    user_dict: list[str] | str | None = Field(None, description="words jieba keeps whole (a list, or a jieba dictionary file)")
    non_answers: list[str] | None = Field(None, description="answers that say nothing (default: the bundled list: 无, 没有, /, n/a …)")
    codebook: str | None = Field(None, description="bundled codebook name or a YAML path (needed with coding)")
    coding: dict[str, str] = Field(default_factory=dict, description="item id -> coding file (CSV or xlsx: segment_id = respondent id, coder, code)")
    coder: str | None = Field(None, description="the coder whose codes are counted (default: the first in the file)")
    quotes_per_code: int = Field(1, ge=0, description="representative answers per code, redacted")
    redaction: str | None = Field(None, description="YAML with the names, employers and addresses to redact from quoted answers")
    key_file: str | None = Field(None, description="file holding the pseudonym key (kept out of every output)")

    @model_validator(mode="after")
    def _coding_needs_codebook(self):
        if self.coding and self.codebook is None:
            raise ValueError("a coding file needs a codebook (codebook: talent_services, herzberg16 or a YAML path)")
        return self


class Analyses(_Strict):
    sample_profile: SampleProfile | None = None
    reliability: Reliability | None = None
    validity: Validity | None = None
    published_comparison: PublishedComparison | None = None
    descriptives: Descriptives | None = None
    group_differences: GroupDifferences | None = None
    correlation: Correlation | None = None
    regression: Regression | None = None
    two_factor: TwoFactor | None = None
    kano: Kano | None = None
    ipa: IPA | None = None
    drivers: Drivers | None = None
    satisfaction_index: SatisfactionIndex | None = None
    interviews: InterviewAnalysis | None = None
    common_method_bias: CommonMethodBias | None = None
    multiple_response: MultipleResponse | None = None
    power: Power | list[Power] | None = None
    process: Process | list[Process] | None = None
    invariance: Invariance | None = None
    missing_data: MissingData | None = None
    open_ended: OpenEnded | None = None


class Plan(_Strict):
    """An analysis plan (see the module docstring for an example)."""

    title: Text
    study_type: Literal["general", "policy"] = Field(
        "general", description="general: neutral wording (描述性统计); policy: a 现状–问题–对策 study (现状分析, a summary that leads to countermeasures)")
    questionnaire: str
    data: str
    format: str = "auto"
    sheet: str | None = None
    on_invalid: Literal["raise", "flag"] = "flag"
    engine: Literal["memory", "duckdb", "dask"] = Field(
        "memory", description="memory: load the export; duckdb or dask: read a Parquet file or folder, or a DuckDB table, where it lies (docs/scale.md)")
    scheduler: str | None = Field(None, description="address of a Dask scheduler (engine: dask); none: local threads")
    interviews: Interviews | None = None
    policy_documents: PolicyDocuments | None = None
    language: Literal["zh", "en", "both"] = "zh"
    style: Literal["gb", "apa"] = "gb"
    chapter: int = Field(4, ge=1)
    seed: int = 2026
    screening: Screening = Screening()
    weights: Weights | None = None
    analyses: Analyses = Analyses()
    outputs: list[Literal["md", "html", "docx", "tex", "xlsx"]] = ["md", "html", "docx", "tex", "xlsx"]
    base_dir: Path = Field(Path("."), exclude=True, description="folder that relative paths start from (set by the loader)")

    @model_validator(mode="after")
    def _missing_answers_reach_their_sections(self):
        """A section that handles missing answers (mi, fiml, the missing-data report) sees none when
        screening drops every respondent with one; say so instead of reporting 0% missing."""
        a, s = self.analyses, self.screening
        asking = [name for name in ("reliability", "group_differences", "regression")
                  if getattr(a, name) is not None and getattr(a, name).missing.method == "mi"]
        asking += ["validity (missing: fiml)"] * (a.validity is not None and a.validity.missing == "fiml")
        asking += ["missing_data"] * (a.missing_data is not None)
        if asking and s.partial and (s.partial_threshold is None or s.partial_threshold >= 1):
            raise ValueError(f"{', '.join(asking)} handle missing answers, but screening excludes every respondent with one "
                             "(the partial-complete rule at 100%), so they would see none: set screening: {partial: false}, "
                             "or a partial_threshold below 1")
        return self

    def path(self, value: str) -> Path:
        p = Path(value)
        return p if p.is_absolute() else self.base_dir / p


def load_plan(path: str | Path, *, overrides: dict[str, Any] | None = None) -> Plan:
    """Read and validate a plan file; ``overrides`` replace top-level fields (e.g. ``data``)."""
    path = Path(path)
    if not path.is_file():
        raise PlanError(f"no plan at {path}", [Problem(str(path), "file not found")])
    data, lines, problems = read_yaml_file(path)
    if problems:
        raise PlanError(f"{path.name}: the plan is not valid YAML", problems)
    if not isinstance(data, dict):
        raise PlanError(f"{path.name}: a plan must be a mapping", [Problem(path.name, f"found {type(data).__name__}")])
    data = {**data, **(overrides or {}), "base_dir": path.resolve().parent}
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        out = validation_problems(exc, lines, path.name, brackets=False, model=Plan)
        raise PlanError(f"{path.name}: the plan is not valid ({len(out)} problem(s))", out) from None


def plan_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _referenced_ids(plan: Plan) -> list[tuple[str, str]]:
    """(field path, id) for every item or construct id the plan names."""
    a = plan.analyses
    refs: list[tuple[str, str]] = []

    def add(path: str, ids) -> None:
        if isinstance(ids, str):
            refs.append((path, ids))
        else:
            refs.extend((f"{path}[{i}]", x) for i, x in enumerate(ids or []))

    if a.sample_profile is not None:
        add("analyses.sample_profile.items", a.sample_profile.items)
    if a.reliability is not None:
        add("analyses.reliability.constructs", a.reliability.constructs)
    if a.validity is not None:
        add("analyses.validity.constructs", a.validity.constructs)
        for k, group in enumerate(a.validity.instruments or []):
            add(f"analyses.validity.instruments[{k}]", group)
    if a.descriptives is not None:
        add("analyses.descriptives.constructs", a.descriptives.constructs)
        add("analyses.descriptives.items", a.descriptives.items)
        add("analyses.descriptives.by", a.descriptives.by)
    if a.group_differences is not None:
        add("analyses.group_differences.by", a.group_differences.by)
        add("analyses.group_differences.constructs", a.group_differences.constructs)
    if a.correlation is not None:
        add("analyses.correlation.constructs", a.correlation.constructs)
    if a.regression is not None:
        add("analyses.regression.outcome", a.regression.outcome)
        add("analyses.regression.predictors", a.regression.predictors)
        for k, block in enumerate(a.regression.blocks or []):
            add(f"analyses.regression.blocks[{k}]", block)
    for name in ("two_factor", "ipa", "drivers"):
        section = getattr(a, name)
        if section is not None and section.outcome is not None:
            add(f"analyses.{name}.outcome", section.outcome)
    if a.satisfaction_index is not None:
        add("analyses.satisfaction_index.constructs", a.satisfaction_index.constructs)
        add("analyses.satisfaction_index.by", a.satisfaction_index.by)
    if plan.interviews is not None:
        add("interviews.links", list(plan.interviews.links))
    if a.common_method_bias is not None:
        add("analyses.common_method_bias.constructs", a.common_method_bias.constructs)
        if a.common_method_bias.marker is not None:
            add("analyses.common_method_bias.marker", a.common_method_bias.marker)
    if a.missing_data is not None:
        add("analyses.missing_data.items", a.missing_data.items)
    if a.multiple_response is not None:
        add("analyses.multiple_response.items", a.multiple_response.items)
        add("analyses.multiple_response.by", a.multiple_response.by)
    if a.invariance is not None:
        add("analyses.invariance.group", a.invariance.group)
        add("analyses.invariance.constructs", a.invariance.constructs)
    if a.open_ended is not None:
        items = a.open_ended.items or []
        add("analyses.open_ended.items", [i.removesuffix("_other") for i in items])
        add("analyses.open_ended.by", a.open_ended.by)
        add("analyses.open_ended.coding", [i.removesuffix("_other") for i in a.open_ended.coding])
    processes = a.process if isinstance(a.process, list) else [a.process] if a.process is not None else []
    for k, spec in enumerate(processes):
        at = "analyses.process" if not isinstance(a.process, list) else f"analyses.process[{k}]"
        add(f"{at}.x", spec.x)
        add(f"{at}.m", spec.m)
        add(f"{at}.y", spec.y)
        if spec.w is not None:
            add(f"{at}.w", spec.w)
        add(f"{at}.covariates", spec.covariates)
    return refs


def check_plan_ids(plan: Plan, questionnaire) -> None:
    """Every item or construct the plan names exists in the questionnaire; otherwise a PlanError
    that lists each unknown id with its field and the closest known id, before anything runs."""
    known = [*questionnaire.item_ids, *(c.id for c in questionnaire.constructs)]
    problems = [
        Problem(f"plan at {path}", f"{value!r} is neither an item nor a construct of questionnaire {questionnaire.id}"
                + did_you_mean(value, known))
        for path, value in _referenced_ids(plan) if value not in known
    ]
    if problems:
        raise PlanError(f"the plan names {len(problems)} id(s) that the questionnaire does not have", problems)
