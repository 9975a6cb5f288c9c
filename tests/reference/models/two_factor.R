# Reference values for survey.models.two_factor on two_factor_synthetic.csv.
# Run: cd tests/reference/models && Rscript two_factor.R
library(MASS)
d <- read.csv("two_factor_synthetic.csv")
d$hygiene <- rowMeans(d[, c("subsidy", "housing", "schooling")])
d$motivator <- rowMeans(d[, c("platform", "growth", "recognition")])
res <- list()
for (y in c("overall", "sat1")) {
  f <- lm(reformulate(c("hygiene", "motivator"), y), d)
  cf <- summary(f)$coefficients
  beta <- cf[c("hygiene", "motivator"), 1] * sapply(d[, c("hygiene", "motivator")], sd) / sd(d[[y]])
  h1 <- lm(reformulate("hygiene", y), d); m1 <- lm(reformulate("motivator", y), d)
  a_h <- anova(h1, f); a_m <- anova(m1, f)
  # piecewise around c = 3, Wald test of equal slopes by hand from vcov
  c0 <- 3
  d$h_neg <- pmin(d$hygiene - c0, 0); d$h_pos <- pmax(d$hygiene - c0, 0)
  d$m_neg <- pmin(d$motivator - c0, 0); d$m_pos <- pmax(d$motivator - c0, 0)
  pw <- lm(reformulate(c("h_neg", "h_pos", "m_neg", "m_pos"), y), d)
  V <- vcov(pw); b <- coef(pw)
  wald <- function(a, c) (b[a] - b[c])^2 / (V[a, a] + V[c, c] - 2 * V[a, c])
  row <- data.frame(outcome = y,
    b_hygiene = cf["hygiene", 1], se_hygiene = cf["hygiene", 2], b_motivator = cf["motivator", 1], se_motivator = cf["motivator", 2],
    beta_hygiene = beta[1], beta_motivator = beta[2], r2 = summary(f)$r.squared,
    delta_r2_motivator_last = summary(f)$r.squared - summary(h1)$r.squared, f_motivator_last = a_h$F[2],
    delta_r2_hygiene_last = summary(f)$r.squared - summary(m1)$r.squared, f_hygiene_last = a_m$F[2],
    h_neg = b["h_neg"], h_pos = b["h_pos"], m_neg = b["m_neg"], m_pos = b["m_pos"],
    wald_h = wald("h_neg", "h_pos"), wald_m = wald("m_neg", "m_pos"))
  res[[y]] <- row
}
out <- do.call(rbind, res)
write.csv(format(out, digits = 15), "two_factor_expected.csv", row.names = FALSE)
# ordinal logit, explicit level order 1 < 2 < ... < 5
d$sat1f <- factor(d$sat1, levels = sort(unique(d$sat1)), ordered = TRUE)
po <- polr(sat1f ~ hygiene + motivator, data = d, method = "logistic", Hess = TRUE)
ord <- data.frame(term = c(names(coef(po)), names(po$zeta)), estimate = c(coef(po), po$zeta),
                  se = sqrt(diag(vcov(po))))
write.csv(format(ord, digits = 15), "two_factor_polr_expected.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("MASS", packageVersion("MASS")),
             "calls: lm(); anova(lm1, lm2); piecewise lm with Wald (b1-b2)^2/var; polr(sat1f ~ hygiene + motivator, method='logistic')"),
           "two_factor_expected.txt")
print(out); print(ord)
