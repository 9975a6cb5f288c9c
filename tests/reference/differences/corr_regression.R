# Reference values for survey.stats.correlation and survey.stats.regression.
# Run from this folder:  Rscript corr_regression.R   -> corr_regression_expected.csv
# cor.test (Pearson: t test, Fisher-z CI; Spearman: exact = FALSE, t approximation),
# lm + summary.lm + confint, standardized beta from lm(scale(y) ~ scale(x)), car::vif,
# anova(m1, m2) for the F-change of hierarchical steps.
suppressPackageStartupMessages(library(car))
out <- data.frame(case = character(), quantity = character(), value = character())
put <- function(case, quantity, value) {
  out <<- rbind(out, data.frame(case = case, quantity = quantity, value = format(value, digits = 15)))
}
put("meta", "R_version", 0); out$value[nrow(out)] <- R.version.string
put("meta", "car_version", 0); out$value[nrow(out)] <- as.character(packageVersion("car"))
write.csv(airquality, "airquality.csv", row.names = FALSE)
lk <- read.csv("likert.csv", fileEncoding = "UTF-8")

cors <- function(case, d, vars, method) {
  for (i in 2:length(vars)) for (j in 1:(i - 1)) {
    a <- vars[i]; b <- vars[j]
    ct <- suppressWarnings(cor.test(d[[a]], d[[b]], method = method, exact = FALSE))
    key <- paste0(a, "|", b)
    put(case, paste0("r:", key), ct$estimate); put(case, paste0("p:", key), ct$p.value)
    put(case, paste0("n:", key), sum(complete.cases(d[[a]], d[[b]])))
    if (method == "pearson") { put(case, paste0("lo:", key), ct$conf.int[1]); put(case, paste0("hi:", key), ct$conf.int[2]) }
  }
}
cors("mtcars_pearson", mtcars, c("mpg", "wt", "hp", "qsec"), "pearson")
cors("mtcars_spearman", mtcars, c("mpg", "wt", "hp", "qsec"), "spearman")
cors("airq_pairwise", airquality, c("Ozone", "Solar.R", "Wind", "Temp"), "pearson")
# Spearman CI by Fisher z with se = 1/sqrt(n-3) (the approximation our code documents)
sp <- cor(mtcars$mpg, mtcars$wt, method = "spearman"); z <- atanh(sp); se <- 1 / sqrt(nrow(mtcars) - 3)
put("mtcars_spearman", "lo:wt|mpg", tanh(z - qnorm(0.975) * se)); put("mtcars_spearman", "hi:wt|mpg", tanh(z + qnorm(0.975) * se))

reg <- function(case, d, y, blocks) {
  d <- d[complete.cases(d[, c(y, unlist(blocks))]), ]
  prev <- NULL
  for (s in seq_along(blocks)) {
    xs <- unlist(blocks[1:s])
    f <- reformulate(xs, y)
    m <- lm(f, data = d)
    sm <- summary(m); cf <- coef(sm); ci <- confint(m)
    ms <- lm(reformulate(paste0("scale(", xs, ")"), paste0("scale(", y, ")")), data = d)
    b <- coef(ms)
    vf <- if (length(xs) > 1) vif(m) else setNames(1, xs)
    for (t in rownames(cf)) {
      key <- paste0(s, ":", t)
      put(case, paste0("B:", key), cf[t, 1]); put(case, paste0("SE:", key), cf[t, 2])
      put(case, paste0("t:", key), cf[t, 3]); put(case, paste0("p:", key), cf[t, 4])
      put(case, paste0("lo:", key), ci[t, 1]); put(case, paste0("hi:", key), ci[t, 2])
      if (t != "(Intercept)") { put(case, paste0("beta:", key), b[paste0("scale(", t, ")")]); put(case, paste0("vif:", key), vf[t]) }
    }
    fs <- sm$fstatistic
    put(case, paste0("r2:", s), sm$r.squared); put(case, paste0("adjr2:", s), sm$adj.r.squared)
    put(case, paste0("F:", s), fs[1]); put(case, paste0("df1:", s), fs[2]); put(case, paste0("df2:", s), fs[3])
    put(case, paste0("Fp:", s), pf(fs[1], fs[2], fs[3], lower.tail = FALSE))
    if (!is.null(prev)) {
      a <- anova(prev, m)
      put(case, paste0("Fchange:", s), a$F[2]); put(case, paste0("pchange:", s), a$`Pr(>F)`[2])
      put(case, paste0("dfchange:", s), a$Df[2])
    }
    put(case, paste0("n:", s), nrow(d))
    prev <- m
  }
}
reg("mtcars", mtcars, "mpg", list(c("wt"), c("hp", "qsec"), c("am")))
reg("likert", lk, "os", list(c("gender"), c("hygiene"), c("motivator")))
reg("airq", airquality, "Ozone", list(c("Solar.R", "Wind", "Temp")))

write.csv(out, "corr_regression_expected.csv", row.names = FALSE)
