"""Common-method bias (共同方法偏差): Harman's single-factor test, the one-factor CFA, the
unmeasured latent method construct and the marker-variable correction.

Thesis chapters with self-reported scales report these (周浩 & 龙立荣, 2004; Podsakoff et al.,
2003). Each is verified against R (``tests/reference/method_bias/method_bias.R``):

- **Harman's single-factor test**: the share of the items' total variance taken by the first
  unrotated principal component (``psych::principal(nfactors = 1, rotate = "none")``, eigenvalue
  1 / k) and by one unrotated common factor (``psych::fa(nfactors = 1, rotate = "none")``, minres,
  SS loadings / k), with the number of components whose eigenvalue exceeds 1. A first factor under
  40% (the rule 周浩 & 龙立荣 cite) or 50% (Podsakoff et al.) is read as no serious bias.
- **One-factor CFA**: every item on one factor against the measurement model (lavaan
  ``cfa`` + ``anova``): Δχ² (the two are nested), Δdf, its p value, and ΔCFI. A one-factor model
  that fits much worse rules out a single method factor that explains everything.
- **ULMC** (unmeasured latent method construct; Podsakoff et al., 2003; Williams et al., 1989):
  the measurement model plus a method factor loading on every item, orthogonal to the traits
  (lavaan ``M =~ all items; T ~~ 0*M``). Reported: the fit change against the measurement model
  (Δχ², ΔCFI, ΔTLI, ΔRMSEA; 温忠麟's rule reads ΔCFI and ΔTLI above .10 or ΔRMSEA above .05 as
  serious bias), each item's standardized trait loading with and without the method factor, its
  method loading, and the mean variance explained by traits and by the method factor. The model is
  estimated here by maximum likelihood (factor variances fixed to 1, analytic gradient, started
  from the measurement model's solution), because semopy, started from its default values, falls
  into a degenerate solution (trait variances 0) on ordinary data. A solution that does not
  converge, or has a negative variance or a standardized loading of 1 or more, is reported as
  inadmissible and its numbers are not interpreted.
- **Marker variable** (Lindell & Whitney, 2001): r_M is the marker's correlation with the
  substantive variables that is smallest in absolute value; every correlation among them is
  adjusted, r_A = (r − r_M)/(1 − r_M), and tested with t = r_A/√((1 − r_A²)/(N − 3)), df = N − 3.
  The substantive variables are the factors' item means (with a model) or the items.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num, fmt_p, fmt_stat
from ._diffutil import lang_style
from .factorability import checked_correlation
from .fit import ml_fit_measures

__all__ = ["CommonMethodBiasResult", "common_method_bias"]

FIT_COLUMNS = ["chisq", "df", "p_value", "chisq_df", "cfi", "tli", "rmsea", "srmr"]


@dataclass(frozen=True, repr=False)
class CommonMethodBiasResult(Result):
    """The common-method-bias checks of one set of items.

    ``harman``: one row per method (``pca``, ``fa``): ``first_share`` (0–1) and
    ``first_variance`` (the first eigenvalue for PCA, the factor's SS loadings for FA). ``models``: one row per fitted model (``one_factor``,
    ``measurement``, ``ulmc``) with ``chisq, df, p_value, chisq_df, cfi, tli, rmsea, srmr``.
    ``comparisons``: ``one_factor`` and ``ulmc`` against the measurement model: ``delta_chisq``,
    ``delta_df``, ``p_value``, ``delta_cfi``, ``delta_tli``, ``delta_rmsea`` (measurement minus
    one-factor; ULMC minus measurement). ``ulmc_loadings``: per item ``factor``,
    ``trait_loading`` (measurement model), ``ulmc_trait_loading``, ``change``,
    ``method_loading`` (all standardized). ``marker_table``: per pair of variables ``r``,
    ``r_adjusted``, ``statistic`` (t), ``df``, ``p_value``.
    """

    harman: pd.DataFrame
    n: int
    k: int
    n_eigen_over_1: int
    threshold: float = 0.40
    models: pd.DataFrame | None = None
    comparisons: pd.DataFrame | None = None
    ulmc_loadings: pd.DataFrame | None = None
    method_variance: float = float("nan")
    trait_variance: float = float("nan")
    ulmc_admissible: bool | None = None
    marker: str | None = None
    marker_r: float = float("nan")
    marker_table: pd.DataFrame | None = None
    issues: tuple[str, ...] = field(default_factory=tuple)
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def label(self, key: str, lang: str = "en") -> str:
        """The label of a construct or the marker in ``lang`` (its id when none is known)."""
        return str(self.labels.get(lang, {}).get(key, key))

    @property
    def first_share(self) -> float:
        """The first unrotated component's share of the variance (Harman's test as usually quoted)."""
        return float(self.harman.loc["pca", "first_share"])

    def to_frame(self) -> pd.DataFrame:
        """Harman's shares, one row per method."""
        return self.harman.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        d = 3 if style == "gb" else 2

        def pct(x: float) -> str:
            return f"{100 * x:.2f}%"

        def b(x: float) -> str:
            return fmt_num(x, digits=d, bounded=True, style=style)

        share, fa_share, cut = self.first_share, float(self.harman.loc["fa", "first_share"]), self.threshold
        other = 0.50 if cut != 0.50 else 0.40
        out = []
        if lang == "zh":
            if share < cut:
                verdict = f"低于{100 * cut:g}%的临界标准" + ("（亦低于Podsakoff等（2003）提出的50%标准）" if other == 0.5 and share < 0.5 else "") + "，不存在严重的共同方法偏差"
            elif other == 0.5 and share < 0.5:
                verdict = f"超过{100 * cut:g}%的临界标准，但低于Podsakoff等（2003）提出的50%标准，可能存在一定的共同方法偏差，需结合其他检验判断"
            else:
                verdict = f"超过{100 * cut:g}%的临界标准，可能存在较严重的共同方法偏差"
            out.append(f"采用Harman单因素检验对全部{self.k}个题项进行未旋转的主成分分析，特征值大于1的因子共{self.n_eigen_over_1}个，"
                       f"第一个因子解释的变异量为{pct(share)}，{verdict}（周浩、龙立荣，2004）；"
                       f"以单个公因子（最小残差法）提取时，其解释的变异量为{pct(fa_share)}。")
        else:
            rules = f"{'below' if share < cut else 'above'} the {100 * cut:g}% criterion and {'below' if share < other else 'above'} the {100 * other:g}% criterion"
            verdict = ("no serious common-method bias" if share < min(cut, other) else "possible common-method bias, to be judged with the other checks"
                       if share < max(cut, other) else "serious common-method bias")
            out.append(f"In Harman's single-factor test, an unrotated principal component analysis of all {self.k} items gave "
                       f"{self.n_eigen_over_1} components with eigenvalues above 1; the first explained {pct(share)} of the variance, "
                       f"{rules} (Zhou & Long, 2004; Podsakoff et al., 2003), which indicates {verdict}. "
                       f"A single common factor (minres) explained {pct(fa_share)}.")
        if self.comparisons is not None and "one_factor" in self.comparisons.index:
            c, m = self.comparisons.loc["one_factor"], self.models.loc["one_factor"]
            chi = fmt_stat("Δχ²", c["delta_chisq"], df=int(c["delta_df"]), style=style)
            worse = c["p_value"] < 0.05
            if lang == "zh":
                out.append(f"验证性因子分析中，单因子模型的拟合（CFI = {b(m['cfi'])}，RMSEA = {b(m['rmsea'])}）"
                           f"{'显著差于' if worse else '与'}测量模型{'' if worse else '无显著差异'}（{chi}，{fmt_p(c['p_value'], style=style)}，"
                           f"ΔCFI = {b(c['delta_cfi'])}），{'说明不存在能解释全部题项的单一方法因子' if worse else '不能排除共同方法偏差'}。")
            else:
                out.append(f"A one-factor CFA (CFI = {b(m['cfi'])}, RMSEA = {b(m['rmsea'])}) fit "
                           f"{'significantly worse than' if worse else 'no worse than'} the measurement model ({chi}, "
                           f"{fmt_p(c['p_value'], style=style)}, ΔCFI = {b(c['delta_cfi'])}), "
                           f"{'so no single method factor accounts for the items' if worse else 'so common-method bias cannot be ruled out'}.")
        if self.comparisons is not None and "ulmc" in self.comparisons.index:
            if not self.ulmc_admissible:
                why = [i for i in self.issues if "ULMC" in i]
                out.append("加入方法因子的模型（ULMC）的解不可接受（" + "；".join(why) + "），不予解释。" if lang == "zh"
                           else "The model with an unmeasured method factor (ULMC) is inadmissible (" + "; ".join(why) + ") and is not interpreted.")
            else:
                c = self.comparisons.loc["ulmc"]
                serious = c["delta_cfi"] > 0.1 or c["delta_tli"] > 0.1 or c["delta_rmsea"] < -0.05
                change = self.ulmc_loadings["change"].abs().max()
                if lang == "zh":
                    out.append(f"在测量模型中加入一个与各特质因子正交、负荷于全部题项的方法因子后，ΔCFI = {b(c['delta_cfi'])}，"
                               f"ΔTLI = {b(c['delta_tli'])}，ΔRMSEA = {b(c['delta_rmsea'])}，"
                               f"{'模型拟合明显改善，存在较严重的共同方法偏差' if serious else '模型拟合没有明显改善（ΔCFI、ΔTLI均未超过0.10，RMSEA的降幅未超过0.05），不存在明显的共同方法偏差'}；"
                               f"方法因子平均解释{pct(self.method_variance)}的题项方差（特质因子为{pct(self.trait_variance)}），"
                               f"各题项的标准化特质载荷最大变化为{b(change)}。")
                else:
                    out.append(f"Adding an unmeasured method factor, orthogonal to the traits and loading on every item, changed the fit by "
                               f"ΔCFI = {b(c['delta_cfi'])}, ΔTLI = {b(c['delta_tli'])}, ΔRMSEA = {b(c['delta_rmsea'])} "
                               f"{', a marked improvement: common-method bias is likely' if serious else ', no marked improvement (ΔCFI and ΔTLI ≤ .10, ΔRMSEA ≥ −.05)'}; "
                               f"the method factor explained {pct(self.method_variance)} of the items' variance on average "
                               f"(traits {pct(self.trait_variance)}), and no standardized trait loading changed by more than {b(change)}.")
        if self.marker_table is not None:
            t = self.marker_table
            lost = t[(t["p_value"] >= 0.05) & (t["r_p_value"] < 0.05)]
            rm = fmt_num(self.marker_r, digits=d, bounded=True, style=style)
            if lang == "zh":
                tail = "校正后所有原本显著的相关仍然显著，共同方法偏差不影响结论" if lost.empty else "校正后以下相关不再显著：" + "、".join(f"{self.label(a, lang)}–{self.label(b_, lang)}" for a, b_ in zip(lost["var1"], lost["var2"]))
                out.append(f"以“{self.label(self.marker, lang)}”为标记变量（Lindell & Whitney, 2001），r_M = {rm}，{tail}。")
            else:
                tail = "every correlation that was significant remained so" if lost.empty else "these correlations were no longer significant: " + ", ".join(f"{self.label(a, lang)}–{self.label(b_, lang)}" for a, b_ in zip(lost["var1"], lost["var2"]))
                out.append(f"With {self.label(self.marker, lang)} as the marker variable (Lindell & Whitney, 2001), r_M = {rm}; after the correction {tail}.")
        return out


# ---------------------------------------------------------------------------- ULMC estimation
def _ulmc_parts(theta: np.ndarray, p: int, m: int, trait_of: np.ndarray):
    lt, lm = theta[:p], theta[p : 2 * p]
    n_r = m * (m - 1) // 2
    r_vals, psi = theta[2 * p : 2 * p + n_r], theta[2 * p + n_r :]
    lam = np.zeros((p, m + 1))
    lam[np.arange(p), trait_of] = lt
    lam[:, m] = lm
    phi = np.eye(m + 1)
    iu = np.triu_indices(m, 1)
    phi[iu] = r_vals
    phi[(iu[1], iu[0])] = r_vals
    return lam, phi, psi


def _fit_ulmc(s_n: np.ndarray, trait_of: np.ndarray, m: int, start: np.ndarray):
    """ML estimates of the ULMC (factor variances 1); returns (theta, converged)."""
    p = s_n.shape[0]
    _, logdet_s = np.linalg.slogdet(s_n)
    iu = np.triu_indices(m, 1)

    def f_and_grad(theta):
        lam, phi, psi = _ulmc_parts(theta, p, m, trait_of)
        sigma = lam @ phi @ lam.T + np.diag(psi)
        sign, logdet = np.linalg.slogdet(sigma)
        if sign <= 0:
            return 1e10, np.zeros_like(theta)
        inv = np.linalg.inv(sigma)
        f = logdet + np.trace(s_n @ inv) - logdet_s - p
        g = inv - inv @ s_n @ inv
        d_lam = 2 * g @ lam @ phi
        d_phi = lam.T @ g @ lam
        grad = np.concatenate([d_lam[np.arange(p), trait_of], d_lam[:, m], 2 * d_phi[:m, :m][iu], np.diag(g)])
        return float(f), grad

    res = optimize.minimize(f_and_grad, start, jac=True, method="BFGS", options={"gtol": 1e-9, "maxiter": 20000})
    _, grad = f_and_grad(res.x)
    return res.x, bool(np.max(np.abs(grad)) < 1e-5), float(res.fun)


def _ulmc(frame: pd.DataFrame, factors: dict[str, list[str]], meas) -> dict:
    items = list(frame.columns)
    fnames = list(factors)
    p, m = len(items), len(fnames)
    trait_of = np.array([next(j for j, f in enumerate(fnames) if i in factors[f]) for i in items])
    s_n = np.cov(frame.to_numpy(), rowvar=False, ddof=0)
    sd = np.sqrt(np.diag(s_n))
    std = meas.std_loadings.set_index("item")["estimate"].reindex(items).to_numpy()
    r0 = meas.factor_correlations.loc[fnames, fnames].to_numpy()[np.triu_indices(m, 1)]
    best = None
    for share in (0.2, 0.4):  # two starting points for the method loadings; the better optimum is kept
        start = np.concatenate([std * sd, share * sd, r0, np.clip(1 - std**2 - share**2, 0.1, None) * sd**2])
        theta, converged, fval = _fit_ulmc(s_n, trait_of, m, start)
        if best is None or fval < best[2] - 1e-10:
            best = (theta, converged, fval)
    theta, converged, _ = best
    lam, phi, psi = _ulmc_parts(theta, p, m, trait_of)
    for j in range(m + 1):  # reflect each factor so that its loadings sum positive
        if lam[:, j].sum() < 0:
            lam[:, j] *= -1
            phi[j, :] *= -1
            phi[:, j] *= -1
    sigma = lam @ phi @ lam.T + np.diag(psi)
    n_free = 2 * p + m * (m - 1) // 2 + p
    fit = ml_fit_measures(s_n, sigma, n=len(frame), n_free=n_free, what="ULMC")
    implied_sd = np.sqrt(np.diag(sigma))
    trait_std = lam[np.arange(p), trait_of] / implied_sd
    method_std = lam[:, m] / implied_sd
    issues = []
    if not converged:
        issues.append("the ULMC estimation did not converge")
    if (psi < 0).any():
        issues.append("negative residual variances (Heywood case) in the ULMC: " + ", ".join(np.array(items)[psi < 0]))
    over = [items[i] for i in np.flatnonzero((np.abs(trait_std) >= 1) | (np.abs(method_std) >= 1))]
    if over:
        issues.append(f"standardized loadings of 1 or more in the ULMC: {over}")
    if m > 1 and np.linalg.eigvalsh(phi[:m, :m]).min() <= 0:
        issues.append("the trait correlation matrix of the ULMC is not positive definite")
    if fit["df"] <= 0:
        issues.append(f"the ULMC has {int(fit['df'])} degrees of freedom: it is not identified with these factors")
    loadings = pd.DataFrame(
        {"factor": [fnames[j] for j in trait_of], "trait_loading": std, "ulmc_trait_loading": trait_std,
         "change": std - trait_std, "method_loading": method_std},
        index=pd.Index(items, name="item"),
    )
    return {"fit": fit, "loadings": loadings, "issues": issues, "method_variance": float(np.mean(method_std**2)),
            "trait_variance": float(np.mean(trait_std**2))}


# ---------------------------------------------------------------------------- marker variable
def marker_correction(composites: pd.DataFrame, marker: pd.Series) -> tuple[float, pd.DataFrame]:
    """Lindell & Whitney's (2001) correction of every correlation among ``composites``."""
    n = len(composites)
    r_marker = composites.corrwith(marker)
    r_m = float(r_marker.iloc[int(np.argmin(np.abs(r_marker.to_numpy())))])
    corr = composites.corr()
    rows = []
    cols = list(composites.columns)
    df = n - 3
    for a in range(len(cols)):
        for b in range(a + 1, len(cols)):
            r = float(corr.iloc[a, b])
            r_adj = (r - r_m) / (1 - r_m)
            t_r = r / np.sqrt((1 - r**2) / df)
            t_adj = r_adj / np.sqrt((1 - r_adj**2) / df)
            rows.append({"var1": cols[a], "var2": cols[b], "r": r, "r_p_value": float(2 * stats.t.sf(abs(t_r), df)),
                         "r_adjusted": r_adj, "statistic": float(t_adj), "df": df, "p_value": float(2 * stats.t.sf(abs(t_adj), df))})
    return r_m, pd.DataFrame(rows)


# ---------------------------------------------------------------------------- the public function
def _model_of(model) -> dict[str, list[str]]:
    from .cfa import parse_measurement_model

    factors, covs = parse_measurement_model(model)
    if covs:
        raise AnalysisError("common_method_bias: residual covariances ('a ~~ b') are not supported in the model")
    flat = sum(factors.values(), [])
    dup = sorted({i for i in flat if flat.count(i) > 1})
    if dup:
        raise AnalysisError(f"common_method_bias: items on more than one factor: {dup}")
    return factors


def _labels(q, factors: dict[str, list[str]], marker: str | None) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for lang, names in out.items():
        for cid in factors:
            names[cid] = q.construct(cid).name.get(lang)
        if marker is not None and marker in q.item_ids:
            item = q.item(marker)
            names[marker] = (item.short or item.row or item.text).get(lang)
    return out


def _from_responses(responses, constructs, marker) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    from .validity import SKIP_ROLES

    q = responses.require_questionnaire("common_method_bias")
    factors: dict[str, list[str]] = {}
    frames = []
    for c in q.constructs:
        if (constructs is not None and c.id not in constructs) or (constructs is None and (c.role in SKIP_ROLES | {"kano"} or len(c.items) < 2)):
            continue
        frame = responses.construct_items(c.id).rename(columns=str)
        factors[c.id] = list(frame.columns)
        frames.append(frame)
    unknown = sorted(set(constructs or []) - set(factors))
    if unknown:
        raise AnalysisError(f"common_method_bias: constructs not in questionnaire {q.id!r}: {unknown}")
    if not frames:
        raise AnalysisError("common_method_bias: the questionnaire has no construct with items to analyse")
    data = pd.concat(frames, axis=1)
    if marker is not None:
        if marker not in responses.data.columns:
            raise AnalysisError(f"common_method_bias: marker {marker!r} is not an item of the data")
        data[marker] = responses.data[marker]
    return data, factors


def common_method_bias(
    data,
    *,
    model: str | dict | None = None,
    items: list[str] | None = None,
    constructs: list[str] | None = None,
    marker: str | None = None,
    cfa: bool = True,
    ulmc: bool = True,
    threshold: float = 0.40,
) -> CommonMethodBiasResult:
    """Harman's single-factor test, the one-factor CFA, the ULMC and the marker correction.

    Parameters
    ----------
    data : DataFrame or Responses
        Item columns (reverse-keyed items already reversed), or loaded responses: then the model is
        the questionnaire's constructs (those named in ``constructs``, or every construct of two or
        more items that is not demographic, an attention check, Kano or importance), reverse keys
        applied.
    model : str or dict, optional
        The measurement model, lavaan-style (``"A =~ a1 + a2 + a3"``) or ``{"A": [...]}``; the
        CFA comparisons and the ULMC need it (and at least two factors for the ULMC).
    items : list of str, optional
        The items of Harman's test when no model is given (default: every column but the marker).
    marker : str, optional
        A marker variable (a column, theoretically unrelated to the constructs): Lindell &
        Whitney's correction is applied to the correlations among the factors' item means.
    cfa, ulmc : bool
        Fit the one-factor / measurement CFA comparison, and the ULMC.
    threshold : float
        The Harman criterion the findings name (0.40; 0.50 is also quoted).

    Rows with a missing value in any item (or the marker) are dropped (listwise).
    """
    if not 0 < threshold < 1:
        raise AnalysisError(f"common_method_bias: threshold must lie between 0 and 1, got {threshold!r}")
    labels: dict = {}
    if not isinstance(data, pd.DataFrame):
        responses = data
        data, factors = _from_responses(responses, constructs, marker)
        labels = _labels(responses.questionnaire, factors, marker)
    elif model is not None:
        factors = _model_of(model)
    else:
        factors = {}
    if factors:
        cols = list(dict.fromkeys(sum(factors.values(), [])))
    else:
        cols = [str(c) for c in (items if items is not None else [c for c in data.columns if c != marker])]
    if marker is not None and marker in cols:
        raise AnalysisError(f"common_method_bias: the marker {marker!r} is also one of the items")
    absent = [c for c in cols + ([marker] if marker else []) if c not in data.columns]
    if absent:
        raise AnalysisError(f"common_method_bias: columns not in the data: {absent}")
    frame, corr, n = checked_correlation(data.loc[:, cols + ([marker] if marker else [])].dropna(), what="common_method_bias", min_items=3)
    marker_values = frame.pop(marker) if marker else None
    corr = np.corrcoef(frame.to_numpy(), rowvar=False)
    k = len(cols)
    eig = np.sort(np.linalg.eigvalsh(corr))[::-1]
    from .efa import efa

    fa = efa(frame, n_factors=1, method="minres", rotation="none")
    fa_ss = float(fa.variance["ss_loadings"].iloc[0])
    harman = pd.DataFrame(
        {"first_share": [eig[0] / k, fa_ss / k], "first_variance": [eig[0], fa_ss]},
        index=pd.Index(["pca", "fa"], name="method"),
    )
    issues = [f"the one-factor EFA: {i}" for i in fa.issues]
    fields: dict = {}
    if factors and cfa:
        fields.update(_cfa_checks(frame, factors, ulmc, issues))
    if marker is not None:
        composites = pd.DataFrame({f: frame[v].mean(axis=1) for f, v in factors.items()}) if factors else frame
        if composites.shape[1] < 2:
            raise AnalysisError("common_method_bias: the marker correction needs at least two substantive variables")
        if marker_values.nunique() < 2:
            raise AnalysisError(f"common_method_bias: the marker {marker!r} is constant")
        fields["marker_r"], fields["marker_table"] = marker_correction(composites, marker_values)
    return CommonMethodBiasResult(harman=harman, n=n, k=k, n_eigen_over_1=int((eig > 1).sum()), threshold=threshold,
                                  marker=marker, issues=tuple(issues), labels=labels, **fields)


def _cfa_checks(frame: pd.DataFrame, factors: dict[str, list[str]], with_ulmc: bool, issues: list[str]) -> dict:
    from .cfa import cfa as run_cfa

    name = "single_factor"
    while name in factors:
        name += "_"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        meas = run_cfa(frame, factors)
        one = run_cfa(frame, {name: list(frame.columns)})
    for label, res in (("measurement model", meas), ("one-factor model", one)):
        issues.extend(f"the {label}: {i}" for i in res.issues)
    rows = {"one_factor": one.fit, "measurement": meas.fit}
    comps = {"one_factor": _compare(meas.fit, one.fit)}
    out: dict = {}
    if with_ulmc:
        if len(factors) < 2:
            issues.append("the ULMC needs at least two factors (with one, the method factor is not identified)")
        else:
            u = _ulmc(frame, factors, meas)
            rows["ulmc"] = u["fit"]
            comps["ulmc"] = _compare(u["fit"], meas.fit)
            issues.extend(u["issues"])
            out.update(ulmc_loadings=u["loadings"], method_variance=u["method_variance"], trait_variance=u["trait_variance"],
                       ulmc_admissible=not u["issues"])
            if u["issues"]:
                warnings.warn("common_method_bias: inadmissible ULMC: " + "; ".join(u["issues"]), SurveyWarning, stacklevel=3)
    out["models"] = pd.DataFrame({k: v[FIT_COLUMNS] for k, v in rows.items()}).T.astype(float).rename_axis("model")
    out["comparisons"] = pd.DataFrame(comps).T.astype(float).rename_axis("comparison")
    return out


def _compare(richer: pd.Series, simpler: pd.Series) -> pd.Series:
    """The richer model (more parameters) against the simpler nested one: Δχ² test, fit changes."""
    d_chi = simpler["chisq"] - richer["chisq"]
    d_df = int(simpler["df"] - richer["df"])
    return pd.Series({
        "delta_chisq": d_chi, "delta_df": d_df, "p_value": float(stats.chi2.sf(d_chi, d_df)) if d_df > 0 else np.nan,
        "delta_cfi": richer["cfi"] - simpler["cfi"], "delta_tli": richer["tli"] - simpler["tli"],
        "delta_rmsea": richer["rmsea"] - simpler["rmsea"],
    })

