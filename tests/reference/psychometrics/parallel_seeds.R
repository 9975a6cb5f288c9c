# How often psych::fa.parallel (defaults: quant = .95) retains each number of factors on the bfi
# Agreeableness items, over 20 seeds:  Rscript parallel_seeds.R -> parallel_seeds.json
# Call: set.seed(s); psych::fa.parallel(bfi_cc[, paste0("A", 1:5)], fm = "minres", fa = "fa", n.iter = 20, plot = FALSE)$nfact
source("_common.R")
a <- bfi_cc[, paste0("A", 1:5)]
nfact <- sapply(1:20, function(s) {
  set.seed(s)
  invisible(capture.output(p <- psych::fa.parallel(a, fm = "minres", fa = "fa", n.iter = 20, plot = FALSE)))
  p$nfact
})
save_json(list(bfi_a = list(nfact = nfact)), "parallel_seeds.json", "parallel_seeds.R")
print(table(nfact))
