# Reference values for omega:  Rscript omega.R -> omega.json
# omega_total (McDonald, one factor): hand computation from psych::fa(x, 1, fm = "minres") loadings,
#   (sum l)^2 / ((sum l)^2 + sum(1 - l^2)).
# Schmid-Leiman: psych::omega(x, nfactors = g, fm = "minres", plot = FALSE) -> omega_h, omega.tot.
source("_common.R")
one_factor <- function(x) {
  l <- as.numeric(psych::fa(x, 1, fm = "minres")$loadings)
  list(loadings = l, omega_total = sum(l)^2 / (sum(l)^2 + sum(1 - l^2)))
}
sl <- function(x, g) {
  o <- suppressWarnings(psych::omega(x, nfactors = g, fm = "minres", plot = FALSE))
  list(omega_h = o$omega_h, omega_tot = o$omega.tot, g_loadings = unname(o$schmid$sl[, "g"]),
       u2 = unname(o$schmid$sl[, "u2"]), key = o$key)
}
out <- list()
for (s in names(bfi_scales)) out[[paste0("bfi_cc_", s)]] <- one_factor(bfi_keyed(bfi_cc[, bfi_scales[[s]]]))
for (s in names(saq_scales)) out[[paste0("saq_", s)]] <- one_factor(saq_keyed[, saq_scales[[s]]])
out$sl_bfi_5 <- sl(bfi_keyed(bfi_cc), 5)
out$sl_bfi_3 <- sl(bfi_keyed(bfi_cc), 3)
out$sl_saq_4 <- sl(saq_keyed, 4)
out$sl_saq_unkeyed_4 <- sl(saq, 4)   # psych flips Question_03 itself (key = -1)
save_json(out, "omega.json", "omega.R")
