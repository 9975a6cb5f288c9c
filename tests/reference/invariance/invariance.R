# Reference values for higher-order CFA and measurement invariance:  Rscript invariance.R -> invariance.json
# Also writes ../../data/holzinger_swineford_1939.csv (lavaan's HolzingerSwineford1939, write.csv).
# Calls (lavaan defaults: ML, likelihood = "normal", marker-variable identification, expected information):
#   higher order:  cfa(model, data); fitMeasures(fit, FIT); standardizedSolution(fit) (std.all);
#                  parameterEstimates(fit) (unstandardized loadings, their se and p);
#                  CR = (sum l)^2 / ((sum l)^2 + sum(1 - l^2)), AVE = mean(l^2) from std.all loadings,
#                  at both levels (second level from the standardized second-order loadings).
#   invariance:    cfa(model, data, group = g, meanstructure = TRUE, group.equal = EQ) with EQ =
#                  none (configural), "loadings" (metric), c("loadings", "intercepts") (scalar),
#                  c("loadings", "intercepts", "residuals") (strict); fitMeasures(fit, FIT);
#                  standardizedSolution (std.all) and parameterEstimates (est, se) of the loadings;
#                  lavTestLRT(previous, current) for the chi-square difference.
suppressPackageStartupMessages({library(lavaan); library(jsonlite)})
FIT <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr", "logl", "aic", "bic", "npar")
write.csv(HolzingerSwineford1939, "../../data/holzinger_swineford_1939.csv", row.names = FALSE)
hs <- read.csv("../../data/holzinger_swineford_1939.csv")
ecsi <- read.csv("../../data/ecsi_satisfaction.csv")
hs_first <- "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
hs_higher <- paste0(hs_first, "\nability =~ visual + textual + speed")
ecsi_first <- paste("image =~ imag1 + imag2 + imag3 + imag4 + imag5",
                    "quality =~ qual1 + qual2 + qual3 + qual4 + qual5",
                    "satisfaction =~ sat1 + sat2 + sat3 + sat4",
                    "loyalty =~ loy1 + loy2 + loy3 + loy4", sep = "\n")
ecsi_higher <- paste0(ecsi_first, "\ncsi =~ image + quality + satisfaction + loyalty")
ecsi_mg_model <- paste("quality =~ qual1 + qual2 + qual3 + qual4 + qual5",
                       "satisfaction =~ sat1 + sat2 + sat3 + sat4",
                       "loyalty =~ loy1 + loy2 + loy3 + loy4", sep = "\n")
crave <- function(ld, f) { l <- ld$est.std[ld$lhs == f]; c(cr = sum(l)^2 / (sum(l)^2 + sum(1 - l^2)), ave = mean(l^2)) }
higher <- function(model, data, first, second) {
  fit <- cfa(model, data = data)
  ss <- standardizedSolution(fit)
  ld <- ss[ss$op == "=~", ]
  pe <- parameterEstimates(fit)
  pe <- pe[pe$op == "=~", ]
  cr <- lapply(c(first, second), function(f) as.list(crave(ld, f)))
  names(cr) <- c(first, second)
  list(model = model, fit = as.list(unclass(fitMeasures(fit, FIT))), n = nobs(fit),
       loadings = list(factor = ld$lhs, item = ld$rhs, est_std = ld$est.std, est = pe$est, se = pe$se, pvalue = pe$pvalue),
       cr_ave = cr)
}
steps <- list(configural = "", metric = "loadings", scalar = c("loadings", "intercepts"),
              strict = c("loadings", "intercepts", "residuals"))
invariance <- function(model, data, group) {
  fits <- lapply(steps, function(eq) cfa(model, data = data, group = group, meanstructure = TRUE, group.equal = eq))
  out <- lapply(fits, function(fit) {
    ss <- standardizedSolution(fit)
    ld <- ss[ss$op == "=~", ]
    pe <- parameterEstimates(fit)
    pe <- pe[pe$op == "=~", ]
    list(fit = as.list(unclass(fitMeasures(fit, FIT))),
         loadings = list(group = lavInspect(fit, "group.label")[ld$group], factor = ld$lhs, item = ld$rhs, est_std = ld$est.std,
                         est = pe$est, se = pe$se))
  })
  for (i in 2:length(fits)) {
    lrt <- lavTestLRT(fits[[i - 1]], fits[[i]])
    out[[i]]$lrt <- list(chisq_diff = lrt[["Chisq diff"]][2], df_diff = lrt[["Df diff"]][2], pvalue = lrt[["Pr(>Chisq)"]][2])
  }
  list(model = model, group = group, n = as.list(setNames(lavInspect(fits[[1]], "nobs"), lavInspect(fits[[1]], "group.label"))),
       steps = out)
}
out <- list(
  higher_order = list(hs = higher(hs_higher, hs, c("visual", "textual", "speed"), "ability"),
                      ecsi = higher(ecsi_higher, ecsi, c("image", "quality", "satisfaction", "loyalty"), "csi"),
                      hs_first_order = as.list(unclass(fitMeasures(cfa(hs_first, data = hs), FIT)))),
  invariance = list(hs = invariance(hs_first, hs, "school"),
                    ecsi = invariance(ecsi_mg_model, ecsi, "gender")),
  meta = list(script = "invariance.R", R = R.version.string, lavaan = as.character(packageVersion("lavaan")),
              generated = format(Sys.time(), "%Y-%m-%d")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "invariance.json")
