# Reference values for survey.models.sem with a residual variance fixed at zero (semopy's own
# baseline fit fails on it; ours is solved in closed form). Run: Rscript sem_fixed_variance.R
library(lavaan)
d <- read.csv("../../data/ecsi_satisfaction.csv", row.names = 1)
fit <- sem("SAT =~ sat1 + sat2 + sat3 + sat4\nsat1 ~~ 0*sat1", data = d, estimator = "ML")
fm <- fitMeasures(fit, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "gfi", "logl", "aic", "bic", "npar"))
write.csv(data.frame(measure = names(fm), value = format(unname(fm), digits = 15)), "sem_fixed_variance_fit.csv", row.names = FALSE)
print(fm)
writeLines(c(R.version.string, paste("lavaan", packageVersion("lavaan")), "call: sem('SAT =~ sat1 + sat2 + sat3 + sat4\\nsat1 ~~ 0*sat1', data = d, estimator = 'ML')"), "sem_fixed_variance.txt")
