# Reference values for cfa:  Rscript cfa.R -> cfa.json
# Calls: lavaan::cfa(model, data) (ML, marker-variable identification, defaults);
#        fitMeasures(fit, c("chisq","df","pvalue","cfi","tli","rmsea","rmsea.ci.lower","rmsea.ci.upper","srmr","gfi","logl","aic","bic","npar"));
#        standardizedSolution(fit) (std.all).
# CR, AVE by hand: CR = (sum l)^2 / ((sum l)^2 + sum(1 - l^2)), AVE = mean(l^2) from std.all loadings;
# HTMT with semTools::htmt(absolute = TRUE), htmt2 = FALSE (arithmetic means) and TRUE (HTMT2).
source("_common.R"); suppressPackageStartupMessages(library(lavaan))
run <- function(model, data, factors) {
  fit <- lavaan::cfa(model, data = data)
  fm <- fitMeasures(fit, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "srmr", "gfi", "logl", "aic", "bic", "npar"))
  ss <- standardizedSolution(fit)
  ld <- ss[ss$op == "=~", ]
  cr <- ave <- c()
  for (f in factors) { l <- ld$est.std[ld$lhs == f]; cr[f] <- sum(l)^2 / (sum(l)^2 + sum(1 - l^2)); ave[f] <- mean(l^2) }
  # semTools::htmt on absolute correlations (Henseler et al. 2015), arithmetic (htmt2 = FALSE) and HTMT2
  htmt <- semTools::htmt(model, data = data, absolute = TRUE, htmt2 = FALSE)[factors, factors]
  htmt2 <- semTools::htmt(model, data = data, absolute = TRUE, htmt2 = TRUE)[factors, factors]
  fcor <- ss[ss$op == "~~" & ss$lhs != ss$rhs & ss$lhs %in% factors, ]
  list(fit = as.list(unclass(fm)), loadings = list(factor = ld$lhs, item = ld$rhs, est_std = ld$est.std),
       factor_cor = list(lhs = fcor$lhs, rhs = fcor$rhs, est_std = fcor$est.std),
       cr = as.list(cr), ave = as.list(ave), htmt = unclass(htmt), htmt2 = unclass(htmt2), n = nobs(fit))
}
hs <- read.csv("holzinger.csv")
hs_model <- "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9"
bfi_model <- paste(sapply(names(bfi_scales), function(s) paste(s, "=~", paste(bfi_scales[[s]], collapse = " + "))), collapse = "\n")
out <- list(hs = run(hs_model, hs, c("visual", "textual", "speed")),
            bfi = run(bfi_model, bfi_keyed(bfi_cc), names(bfi_scales)),
            models = list(hs = hs_model, bfi = bfi_model))
save_json(out, "cfa.json", "cfa.R")
