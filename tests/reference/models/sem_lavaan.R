# Reference values for survey.models.sem: lavaan::sem (ML) on the ECSI data, two models.
# Run: cd tests/reference/models && Rscript sem_lavaan.R
library(lavaan)
d <- read.csv("../../data/ecsi_satisfaction.csv", row.names = 1)
meas <- "
IMAG =~ imag1 + imag2 + imag3 + imag4 + imag5
EXPE =~ expe1 + expe2 + expe3 + expe4 + expe5
QUAL =~ qual1 + qual2 + qual3 + qual4 + qual5
VAL =~ val1 + val2 + val3 + val4
SAT =~ sat1 + sat2 + sat3 + sat4
LOY =~ loy1 + loy2 + loy3 + loy4
"
models <- list(
  full = paste(meas, "EXPE ~ IMAG\nQUAL ~ EXPE\nVAL ~ EXPE + QUAL\nSAT ~ IMAG + EXPE + QUAL + VAL\nLOY ~ IMAG + SAT"),
  reduced = "
IMAG =~ imag1 + imag2 + imag3 + imag4 + imag5
VAL =~ val1 + val2 + val3 + val4
SAT =~ sat1 + sat2 + sat3 + sat4
LOY =~ loy1 + loy2 + loy3 + loy4
SAT ~ IMAG + VAL
LOY ~ IMAG + SAT
")
for (nm in names(models)) {
  fit <- sem(models[[nm]], data = d, estimator = "ML")
  pe <- parameterEstimates(fit, standardized = TRUE)[, c("lhs", "op", "rhs", "est", "se", "std.all")]
  write.csv(format(pe, digits = 15), paste0("sem_lavaan_", nm, ".csv"), row.names = FALSE)
  fm <- fitMeasures(fit, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr", "gfi", "logl", "aic", "bic", "npar"))
  write.csv(data.frame(measure = names(fm), value = format(unname(fm), digits = 15)), paste0("sem_lavaan_", nm, "_fit.csv"), row.names = FALSE)
  cat(nm, "converged", lavInspect(fit, "converged"), "\n"); print(fm)
}
writeLines(c(R.version.string, paste("lavaan", packageVersion("lavaan")), "call: sem(model, data = d, estimator = 'ML')"), "sem_lavaan.txt")
