# Reference values for common_method_bias:  Rscript method_bias.R -> method_bias.json
# Data: ../psychometrics/holzinger.csv (lavaan's HolzingerSwineford1939, n = 301) and
#       ../psychometrics/bfi.csv (psych's bfi; A, C, E items, reverse keys 7 - x, complete cases).
# Calls:
#   Harman: psych::principal(X, nfactors = 1, rotate = "none")$values[1] / k;
#           psych::fa(X, nfactors = 1, rotate = "none")$Vaccounted["Proportion Var", 1] (minres)
#   CFA:    lavaan::cfa(measurement); lavaan::cfa("G =~ all items"); anova(one, measurement);
#           fitMeasures(c("chisq","df","pvalue","cfi","tli","rmsea","srmr"))
#   ULMC:   lavaan::cfa(measurement + "M =~ all items" + "T ~~ 0*M" for every trait T), admissible when
#           it converged with positive latent and residual variances; anova() when it runs;
#           lavInspect(fit, "std")$lambda (std.all loadings); the same model with std.lv = TRUE
#           (ulmc_std_lv: a second start, since the ULMC has several optima)
# The marker-variable correction (Lindell & Whitney 2001) is checked by hand in the test.
suppressPackageStartupMessages({library(psych); library(lavaan); library(jsonlite)})
versions <- list(R = R.version.string, psych = as.character(packageVersion("psych")),
                 lavaan = as.character(packageVersion("lavaan")))
fits <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr")
run <- function(data, scales) {
  items <- unlist(scales, use.names = FALSE)
  X <- data[, items]
  pc <- principal(X, nfactors = 1, rotate = "none")
  fa1 <- fa(X, nfactors = 1, rotate = "none")
  meas <- paste(sapply(names(scales), function(s) paste(s, "=~", paste(scales[[s]], collapse = " + "))), collapse = "\n")
  one <- paste("G =~", paste(items, collapse = " + "))
  ulmc <- paste(meas, paste("M =~", paste(items, collapse = " + ")),
                paste(sapply(names(scales), function(s) paste(s, "~~ 0*M")), collapse = "\n"), sep = "\n")
  f_meas <- cfa(meas, data = data); f_one <- cfa(one, data = data); f_ulmc <- cfa(ulmc, data = data)
  a <- anova(f_one, f_meas)
  ok <- lavInspect(f_ulmc, "converged") && all(diag(lavInspect(f_ulmc, "cov.lv")) > 0) && all(diag(lavInspect(f_ulmc, "theta")) > 0)
  a2 <- if (ok) tryCatch(anova(f_meas, f_ulmc), error = function(e) NULL) else NULL
  lds <- function(f) { L <- lavInspect(f, "std")$lambda; i <- which(L != 0, arr.ind = TRUE)
    data.frame(lhs = colnames(L)[i[, 2]], rhs = rownames(L)[i[, 1]], est.std = L[i]) }
  list(harman = list(pca_share = pc$values[1] / length(items), pca_first = pc$values[1],
                     n_eigen_over_1 = sum(eigen(cor(X))$values > 1),
                     fa_share = fa1$Vaccounted["Proportion Var", 1], fa_ss = fa1$Vaccounted["SS loadings", 1]),
       fit = list(one_factor = as.list(fitMeasures(f_one, fits)), measurement = as.list(fitMeasures(f_meas, fits)),
                  ulmc = if (ok) as.list(fitMeasures(f_ulmc, fits)) else NULL),
       anova_one = list(delta_chisq = a[["Chisq diff"]][2], delta_df = a[["Df diff"]][2], p_value = a[["Pr(>Chisq)"]][2]),
       anova_ulmc = if (!is.null(a2)) list(delta_chisq = a2[["Chisq diff"]][2], delta_df = a2[["Df diff"]][2], p_value = a2[["Pr(>Chisq)"]][2]) else NULL,
       ulmc_admissible = ok, ulmc_lv_variances = as.list(diag(lavInspect(f_ulmc, "cov.lv"))),
       loadings_measurement = lds(f_meas), loadings_ulmc = if (ok) lds(f_ulmc) else NULL,
       ulmc_converged = lavInspect(f_ulmc, "converged"), n = nobs(f_meas),
       ulmc_std_lv = { g <- cfa(ulmc, data = data, std.lv = TRUE)
         list(converged = lavInspect(g, "converged"), chisq = if (lavInspect(g, "converged")) fitMeasures(g, "chisq")[[1]] else NULL,
              min_theta = min(diag(lavInspect(g, "theta"))), lv_variances = as.list(diag(lavInspect(g, "cov.lv")))) })
}
# sim.csv: 400 answers on a 1..5 scale, three traits of four items each with a shared method
# component (loadings .15-.45), and a marker item that shares only the method component (written
# by this script).
set.seed(1)
n <- 400; m <- rnorm(n); f <- matrix(rnorm(n * 3), n) %*% chol(matrix(c(1, .4, .3, .4, 1, .35, .3, .35, 1), 3))
cut5 <- function(x) as.integer(cut(x, c(-Inf, -1.3, -.4, .5, 1.4, Inf)))
ml <- c(.45, .25, .35, .15, .4, .3, .2, .45, .25, .35, .3, .4)
sim <- data.frame(lapply(setNames(1:12, paste0(rep(c("P", "Q", "R"), each = 4), 1:4)),
  function(j) cut5(.7 * f[, (j - 1) %/% 4 + 1] + ml[j] * m + rnorm(n, sd = .55))))
sim$marker <- cut5(.35 * m + rnorm(n, sd = .9))
write.csv(sim, "sim.csv", row.names = FALSE)
sim_scales <- list(P = paste0("P", 1:4), Q = paste0("Q", 1:4), R = paste0("R", 1:4))
hs <- read.csv("../psychometrics/holzinger.csv")
hs_scales <- list(visual = c("x1", "x2", "x3"), textual = c("x4", "x5", "x6"), speed = c("x7", "x8", "x9"))
bfi <- read.csv("../psychometrics/bfi.csv")
bfi_scales <- list(A = paste0("A", 1:5), C = paste0("C", 1:5), E = paste0("E", 1:5))
bfi <- na.omit(bfi[, c(unlist(bfi_scales), "age")])
for (v in c("A1", "C4", "C5", "E1", "E2")) bfi[[v]] <- 7 - bfi[[v]]
out <- list(sim = run(sim, sim_scales), hs = run(hs, hs_scales), bfi = run(bfi, bfi_scales),
            meta = list(script = "method_bias.R", versions = versions, generated = format(Sys.time(), "%Y-%m-%d")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "method_bias.json")
