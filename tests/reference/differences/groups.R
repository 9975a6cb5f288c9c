# Reference values for survey.stats.groups (compare_groups) and effect sizes.
# Run from this folder:  Rscript groups.R
# Writes the data sets used (CSV) and groups_expected.csv (case, quantity, value; 15 digits).
# R functions: t.test(var.equal=TRUE/FALSE), wilcox.test, car::leveneTest (center = median, its
# default), shapiro.test, aov/summary, oneway.test(var.equal=FALSE), kruskal.test, TukeyHSD.
# By hand (formulas below): Games-Howell, Dunn (Holm), Cohen's d, Hedges' g (exact J),
# d CI (noncentral t inversion), rank-biserial r and its Fisher-z CI, eta^2, omega^2,
# eta^2 CI (noncentral F inversion), epsilon^2.
suppressPackageStartupMessages(library(car))

out <- data.frame(case = character(), quantity = character(), value = character())
put <- function(case, quantity, value) {
  out <<- rbind(out, data.frame(case = case, quantity = quantity, value = format(value, digits = 15)))
}
put("meta", "R_version", 0); out$value[nrow(out)] <- R.version.string
put("meta", "car_version", 0); out$value[nrow(out)] <- as.character(packageVersion("car"))

tg <- ToothGrowth
tg$dose <- factor(tg$dose)
write.csv(ToothGrowth, "toothgrowth.csv", row.names = FALSE)
write.csv(PlantGrowth, "plantgrowth.csv", row.names = FALSE)
write.csv(iris, "iris.csv", row.names = FALSE)
write.csv(cbind(model = rownames(mtcars), mtcars), "mtcars.csv", row.names = FALSE)
set.seed(20240501)
noties <- data.frame(y = round(c(rnorm(9, 10, 2), rnorm(11, 12, 2)), 4), g = rep(c("x", "y"), c(9, 11)))
stopifnot(!any(duplicated(noties$y)))
write.csv(noties, "noties.csv", row.names = FALSE)

ncp_t <- function(t, df, target) uniroot(function(nc) pt(t, df, nc) - target, c(t - 8, t + 8), tol = 1e-13)$root
ncp_f <- function(f, df1, df2, target) {
  if (pf(f, df1, df2) <= target) return(0)
  uniroot(function(nc) pf(f, df1, df2, nc) - target, c(0, 10 * f * df1 + 100), tol = 1e-13)$root
}

two_groups <- function(case, y, g) {
  g <- factor(g)
  lv <- levels(g)
  x1 <- y[g == lv[1]]; x2 <- y[g == lv[2]]
  n1 <- length(x1); n2 <- length(x2)
  st <- t.test(x1, x2, var.equal = TRUE)
  we <- t.test(x1, x2, var.equal = FALSE)
  put(case, "student_t", st$statistic); put(case, "student_df", st$parameter); put(case, "student_p", st$p.value)
  put(case, "welch_t", we$statistic); put(case, "welch_df", we$parameter); put(case, "welch_p", we$p.value)
  wt <- suppressWarnings(wilcox.test(x1, x2))   # R default: exact if n < 50 and no ties, else normal with continuity
  put(case, "wilcox_W", wt$statistic); put(case, "wilcox_p", wt$p.value)
  lev <- leveneTest(y ~ g)   # center = median (Brown-Forsythe), car's default
  put(case, "levene_F", lev[1, "F value"]); put(case, "levene_p", lev[1, "Pr(>F)"])
  # same by hand, as the brief says (identical): anova(lm(abs(y - ave(y, g, FUN = median)) ~ g))
  put(case, "levene_F_hand", anova(lm(abs(y - ave(y, g, FUN = median)) ~ g))[1, "F value"])
  put(case, "shapiro_p_1", shapiro.test(x1)$p.value); put(case, "shapiro_p_2", shapiro.test(x2)$p.value)
  sp <- sqrt(((n1 - 1) * var(x1) + (n2 - 1) * var(x2)) / (n1 + n2 - 2))
  d <- (mean(x1) - mean(x2)) / sp
  m <- n1 + n2 - 2
  J <- exp(lgamma(m / 2) - lgamma((m - 1) / 2)) / sqrt(m / 2)
  tt <- d / sqrt(1 / n1 + 1 / n2)
  put(case, "cohen_d", d); put(case, "hedges_g", d * J)
  put(case, "d_ci_low", ncp_t(tt, m, 0.975) * sqrt(1 / n1 + 1 / n2))
  put(case, "d_ci_high", ncp_t(tt, m, 0.025) * sqrt(1 / n1 + 1 / n2))
  rrb <- 2 * wt$statistic / (n1 * n2) - 1
  se <- sqrt((n1 + n2 + 1) / (3 * n1 * n2))
  put(case, "rank_biserial", rrb)
  put(case, "rb_ci_low", tanh(atanh(rrb) - qnorm(0.975) * se)); put(case, "rb_ci_high", tanh(atanh(rrb) + qnorm(0.975) * se))
}

k_groups <- function(case, y, g) {
  g <- factor(g)
  lv <- levels(g); k <- length(lv); N <- length(y)
  a <- summary(aov(y ~ g))[[1]]
  put(case, "anova_F", a[1, "F value"]); put(case, "anova_df1", a[1, "Df"]); put(case, "anova_df2", a[2, "Df"]); put(case, "anova_p", a[1, "Pr(>F)"])
  ssb <- a[1, "Sum Sq"]; ssw <- a[2, "Sum Sq"]; msw <- a[2, "Mean Sq"]
  put(case, "eta2", ssb / (ssb + ssw)); put(case, "omega2", (ssb - (k - 1) * msw) / (ssb + ssw + msw))
  f <- a[1, "F value"]; df1 <- k - 1; df2 <- N - k
  lo <- ncp_f(f, df1, df2, 0.975); hi <- ncp_f(f, df1, df2, 0.025)
  put(case, "eta2_ci_low", lo / (lo + df1 + df2 + 1)); put(case, "eta2_ci_high", hi / (hi + df1 + df2 + 1))
  w <- oneway.test(y ~ g, var.equal = FALSE)
  put(case, "welch_F", w$statistic); put(case, "welch_df1", w$parameter[1]); put(case, "welch_df2", w$parameter[2]); put(case, "welch_p", w$p.value)
  kw <- kruskal.test(y ~ g)
  put(case, "kruskal_H", kw$statistic); put(case, "kruskal_df", kw$parameter); put(case, "kruskal_p", kw$p.value)
  put(case, "epsilon2", kw$statistic / (N - 1))
  lev <- leveneTest(y ~ g)
  put(case, "levene_F", lev[1, "F value"]); put(case, "levene_p", lev[1, "Pr(>F)"])
  tk <- TukeyHSD(aov(y ~ g))$g   # rows "B-A": diff = mean(B) - mean(A)
  for (r in rownames(tk)) {
    put(case, paste0("tukey_diff:", r), tk[r, "diff"]); put(case, paste0("tukey_lwr:", r), tk[r, "lwr"])
    put(case, paste0("tukey_upr:", r), tk[r, "upr"]); put(case, paste0("tukey_p:", r), tk[r, "p adj"])
  }
  # Games-Howell by hand: t = diff/se, se = sqrt(vi/ni + vj/nj), Welch df, p = ptukey(|t|*sqrt(2), k, df)
  mn <- tapply(y, g, mean); vr <- tapply(y, g, var); nn <- tapply(y, g, length)
  for (i in 1:(k - 1)) for (j in (i + 1):k) {
    r <- paste0(lv[j], "-", lv[i])
    diff <- mn[j] - mn[i]; vi <- vr[i] / nn[i]; vj <- vr[j] / nn[j]
    se <- sqrt(vi + vj); df <- (vi + vj)^2 / (vi^2 / (nn[i] - 1) + vj^2 / (nn[j] - 1))
    crit <- qtukey(0.95, k, df) / sqrt(2)
    put(case, paste0("gh_diff:", r), diff); put(case, paste0("gh_df:", r), df)
    put(case, paste0("gh_p:", r), ptukey(abs(diff / se) * sqrt(2), k, df, lower.tail = FALSE))
    put(case, paste0("gh_lwr:", r), diff - crit * se); put(case, paste0("gh_upr:", r), diff + crit * se)
  }
  # Dunn (1964) by hand with tie correction, Holm-adjusted
  rk <- rank(y); mr <- tapply(rk, g, mean)
  tie <- table(y); Tt <- sum(tie^3 - tie)
  v <- N * (N + 1) / 12 - Tt / (12 * (N - 1))
  zs <- c(); nm <- c()
  for (i in 1:(k - 1)) for (j in (i + 1):k) {
    zs <- c(zs, (mr[i] - mr[j]) / sqrt(v * (1 / nn[i] + 1 / nn[j]))); nm <- c(nm, paste0(lv[i], "|", lv[j]))
  }
  ph <- p.adjust(2 * pnorm(-abs(zs)), "holm")
  for (q in seq_along(zs)) { put(case, paste0("dunn_z:", nm[q]), zs[q]); put(case, paste0("dunn_p:", nm[q]), ph[q]) }
}

two_groups("tg_supp", ToothGrowth$len, ToothGrowth$supp)
two_groups("mtcars_am", mtcars$mpg, mtcars$am)
two_groups("noties", noties$y, noties$g)
k_groups("plant", PlantGrowth$weight, PlantGrowth$group)
k_groups("iris_sw", iris$Sepal.Width, iris$Species)
k_groups("tg_dose", ToothGrowth$len, tg$dose)

write.csv(out, "groups_expected.csv", row.names = FALSE)
