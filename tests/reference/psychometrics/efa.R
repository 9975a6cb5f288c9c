# Reference values for efa:  Rscript efa.R -> efa.json
# Calls: psych::fa(x, nfactors, fm, rotate)   (fm: minres, pa, ml; rotate: none, varimax, promax,
#        oblimin, quartimax).  psych conventions: "varimax" = stats::varimax (Kaiser normalisation);
#        "promax" = psych::kaiser(., "Promax"): rows Kaiser-normalised, then varimax + promax (m = 4);
#        "oblimin" and "quartimax" = GPArotation defaults (normalize = FALSE).
#        psych::principal(x, nfactors, rotate = "varimax") for SPSS-style principal components.
source("_common.R")
fit <- function(f, x) {
  L <- unclass(f$loadings)
  list(items = colnames(x), factors = colnames(L), loadings = L, communality = unname(f$communality),
       uniquenesses = unname(f$uniquenesses), e_values = f$e.values, values = f$values,
       Phi = if (is.null(f$Phi)) NULL else unclass(f$Phi),
       ss_loadings = unname(f$Vaccounted["SS loadings", ]),
       proportion = unname(f$Vaccounted["Proportion Var", ]))
}
out <- list()
x <- bfi_cc
for (fm in c("minres", "pa", "ml")) for (rot in c("none", "varimax", "promax", "oblimin", "quartimax")) {
  f <- suppressWarnings(psych::fa(x, nfactors = 5, fm = fm, rotate = rot))
  out[[paste("bfi", fm, rot, sep = "_")]] <- fit(f, x)
}
out$bfi_minres_1 <- fit(psych::fa(bfi_cc[, bfi_scales$C], nfactors = 1, fm = "minres"), bfi_cc[, bfi_scales$C])
for (rot in c("none", "varimax", "promax", "oblimin")) {
  f <- psych::principal(bfi_cc, nfactors = 5, rotate = rot)
  out[[paste("bfi_pc", rot, sep = "_")]] <- fit(list(loadings = f$loadings, communality = f$communality,
     uniquenesses = f$uniquenesses, e.values = f$values, values = f$values, Phi = f$Phi,
     Vaccounted = f$Vaccounted), bfi_cc)
}
s <- psych::principal(saq, nfactors = 4, rotate = "varimax")
out$saq_pc_varimax <- fit(list(loadings = s$loadings, communality = s$communality, uniquenesses = s$uniquenesses,
   e.values = s$values, values = s$values, Phi = NULL, Vaccounted = s$Vaccounted), saq)
f <- psych::fa(saq, nfactors = 4, fm = "minres", rotate = "oblimin")
out$saq_minres_oblimin <- fit(f, saq)
save_json(out, "efa.json", "efa.R")
