# Reference values for FIML (casewise ML with a mean structure) cfa and sem:  Rscript fiml.R -> fiml.json
# Data: lavaan::HolzingerSwineford1939 (301 x 15, as exported by ../psychometrics/make_data.R to
#   ../psychometrics/holzinger.csv), items x1..x9; 10% of the item cells set missing completely at
#   random with set.seed(20261204) and one uniform draw per cell (row-major), written to
#   holzinger_mcar10.csv (id + x1..x9, empty cell = missing).
# Calls: lavaan::cfa(model, data, missing = "fiml") and lavaan::sem(model, data, missing = "fiml")
#   (ML, marker-variable identification, meanstructure, observed information, defaults otherwise);
#   fitMeasures(fit) (all); parameterEstimates(fit); standardizedSolution(fit) (std.all);
#   lavInspect(fit, "nobs"); the saturated (H1) moments by EM: lavInspect(fit, "sampstat.h1").
#   sem_x: a model with an observed predictor (x7) and an observed outcome (x8), fitted with
#   fixed.x = FALSE (the observed predictor is a random variable with its own mean and variance).
suppressPackageStartupMessages({library(lavaan); library(jsonlite)})
hs <- read.csv("../psychometrics/holzinger.csv")
items <- paste0("x", 1:9)
d <- hs[, c("id", items)]
set.seed(20261204)
u <- matrix(runif(nrow(d) * length(items)), nrow = nrow(d), byrow = TRUE)
for (j in seq_along(items)) d[u[, j] < 0.10, items[j]] <- NA
write.csv(d, "holzinger_mcar10.csv", row.names = FALSE, na = "")
d <- read.csv("holzinger_mcar10.csv")   # fit exactly what is stored
run <- function(fit) {
  pe <- parameterEstimates(fit)
  ss <- standardizedSolution(fit)
  h1 <- lavInspect(fit, "sampstat.h1")
  list(fit = as.list(unclass(fitMeasures(fit))),
       estimates = list(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se,
                        est_std = ss$est.std),
       h1 = list(cov = unclass(h1$cov), mean = as.numeric(h1$mean)),
       nobs = lavInspect(fit, "nobs"), ntotal = lavInspect(fit, "ntotal"),
       converged = lavInspect(fit, "converged"))
}
cfa_model <- "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
sem_model <- "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\ntextual ~ visual\nspeed ~ textual"
sem_x_model <- "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\ntextual ~ visual + x7\nx8 ~ textual"
out <- list(cfa = run(lavaan::cfa(cfa_model, data = d, missing = "fiml")),
            sem = run(lavaan::sem(sem_model, data = d, missing = "fiml")),
            sem_x = run(lavaan::sem(sem_x_model, data = d, missing = "fiml", fixed.x = FALSE)),
            models = list(cfa = cfa_model, sem = sem_model, sem_x = sem_x_model),
            missing_cells = sum(is.na(d[, items])), n_rows = nrow(d))
out$meta <- list(script = "fiml.R", R = R.version.string, lavaan = as.character(packageVersion("lavaan")),
                 generated = format(Sys.time(), "%Y-%m-%d"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "fiml.json")
