# Reference values for kmo / bartlett:  Rscript factorability.R -> factorability.json
# Calls: psych::KMO(R), psych::cortest.bartlett(R, n)
source("_common.R")
one <- function(x) {
  R <- cor(x); k <- psych::KMO(R); b <- psych::cortest.bartlett(R, n = nrow(x))
  list(items = colnames(x), n = nrow(x), kmo_overall = k$MSA, kmo_per_item = unname(k$MSAi),
       bartlett_chisq = b$chisq, bartlett_df = b$df, bartlett_p = b$p.value, log_det = log(det(R)))
}
out <- list(bfi_cc = one(bfi_cc), bfi_cc_A = one(bfi_cc[, bfi_scales$A]), saq = one(saq))
save_json(out, "factorability.json", "factorability.R")
