# Reference values for cronbach_alpha:  Rscript alpha.R  -> alpha.json
# Calls: psych::alpha(x)  (use = "pairwise" default; no check.keys: keys applied beforehand)
source("_common.R")
one <- function(x) {
  a <- psych::alpha(x, warnings = FALSE)
  list(n_rows = nrow(x), raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
       average_r = a$total$average_r, feldt_low = as.numeric(unlist(a$feldt$lower.ci)), feldt_high = as.numeric(unlist(a$feldt$upper.ci)),
       items = colnames(x), mean = a$item.stats$mean, sd = a$item.stats$sd, n = a$item.stats$n,
       raw_r = a$item.stats$raw.r, r_drop = a$item.stats$r.drop,
       alpha_if_deleted = a$alpha.drop$raw_alpha, std_alpha_if_deleted = a$alpha.drop$std.alpha)
}
out <- list()
for (s in names(bfi_scales)) out[[paste0("bfi_cc_", s)]] <- one(bfi_keyed(bfi_cc[, bfi_scales[[s]]]))
# pairwise-complete (psych default) on the raw bfi with its missing values
for (s in c("A", "C")) out[[paste0("bfi_pairwise_", s)]] <- one(bfi_keyed(bfi_raw[, bfi_scales[[s]]]))
for (s in names(saq_scales)) out[[paste0("saq_", s)]] <- one(saq_keyed[, saq_scales[[s]]])
out$note <- "bfi_cc: complete cases on all 25 items, psych::bfi.keys reversed as 7 - x; saq: Question_03 reversed as 6 - x; pairwise: raw bfi with NAs"
save_json(out, "alpha.json", "alpha.R")
