# Structure-only reference for parallel analysis (random):  Rscript parallel.R -> parallel.json
# Call: psych::fa.parallel(x, fm = "minres", fa = "both", n.iter = 20, plot = FALSE) with set.seed(1)
source("_common.R")
one <- function(x) {
  set.seed(1)
  p <- psych::fa.parallel(x, fm = "minres", fa = "both", n.iter = 20, plot = FALSE)
  list(nfact = p$nfact, ncomp = p$ncomp, fa_values = p$fa.values, pc_values = p$pc.values,
       fa_sim = p$fa.sim, pc_sim = p$pc.sim)
}
out <- list(bfi_cc = one(bfi_cc), saq = one(saq))
save_json(out, "parallel.json", "parallel.R")
