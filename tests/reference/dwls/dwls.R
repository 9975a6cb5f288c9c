# Reference values for the ordinal CFA (DWLS on polychoric correlations):  Rscript dwls.R -> dwls.json
# Data (made here, stored as likert5.csv): 500 respondents, two correlated factors (r = .4) with four
#   5-point items each; latent normal responses with standardized loadings .8 .7 .6 .5 (F1) and
#   .75 .65 .55 .45 (F2), and a cross-loading of .4 of a4 on F2 that the model leaves out (so the
#   model misfits), cut at -1.5, -.5, .4, 1.3 (F1 items) and -1.2, -.3, .6, 1.5 (F2 items);
#   MASS::mvrnorm with set.seed(20261204).
# Calls: lavaan::cfa(model, data, ordered = TRUE, estimator = "WLSMV") (delta parameterization,
#   marker-variable identification, polychoric correlations with two-step thresholds, DWLS with
#   the diagonal of the asymptotic covariance (Muthen 1984), robust scaled-shifted test);
#   fitMeasures(fit) (all); parameterEstimates(fit); standardizedSolution(fit);
#   lavInspect(fit, "sampstat") (thresholds, polychoric correlations); lavInspect(fit, "gamma").
suppressPackageStartupMessages({library(lavaan); library(jsonlite); library(MASS)})
set.seed(20261204)
lam <- c(.8, .7, .6, .5, .75, .65, .55, .45)
L <- cbind(c(lam[1:4], rep(0, 4)), c(0, 0, 0, .4, lam[5:8]))
S <- L %*% matrix(c(1, .4, .4, 1), 2) %*% t(L); diag(S) <- 1
z <- mvrnorm(500, rep(0, 8), S)
cuts <- list(c(-1.5, -.5, .4, 1.3), c(-1.2, -.3, .6, 1.5))
d <- as.data.frame(sapply(1:8, function(j) findInterval(z[, j], cuts[[1 + (j > 4)]]) + 1))
names(d) <- c(paste0("a", 1:4), paste0("b", 1:4))
write.csv(d, "likert5.csv", row.names = FALSE)
d <- read.csv("likert5.csv")
model <- "A =~ a1 + a2 + a3 + a4\nB =~ b1 + b2 + b3 + b4"
fit <- lavaan::cfa(model, data = d, ordered = TRUE, estimator = "WLSMV")
pe <- parameterEstimates(fit); ss <- standardizedSolution(fit)
st <- lavInspect(fit, "sampstat")
out <- list(model = model,
  fit = as.list(unclass(fitMeasures(fit))),
  estimates = list(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se, est_std = ss$est.std),
  thresholds = as.list(st$th), polychoric = unclass(st$cov), gamma = unclass(lavInspect(fit, "gamma")),
  nobs = lavInspect(fit, "nobs"),
  meta = list(script = "dwls.R", R = R.version.string, lavaan = as.character(packageVersion("lavaan")),
              generated = format(Sys.time(), "%Y-%m-%d")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "dwls.json")
