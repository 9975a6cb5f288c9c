# Reference values for item_analysis:  Rscript item_analysis.R -> item_analysis.json
# Groups: totals sorted, m = round(0.27 n); low = total <= m-th lowest, high = total >= m-th highest.
# Calls: t.test(high, low, var.equal = TRUE) and t.test(high, low) (Welch) per item;
#        psych::alpha(x)$item.stats$r.drop for the CITC.
source("_common.R")
one <- function(x) {
  tot <- rowSums(x); n <- length(tot); m <- round(0.27 * n); s <- sort(tot)
  lo <- tot <= s[m]; hi <- tot >= s[n - m + 1]
  st <- t(sapply(colnames(x), function(v) {
    a <- t.test(x[hi, v], x[lo, v], var.equal = TRUE); w <- t.test(x[hi, v], x[lo, v])
    c(a$statistic, a$parameter, a$p.value, w$statistic, w$parameter, w$p.value)
  }))
  list(items = colnames(x), n_low = sum(lo), n_high = sum(hi), cut_low = s[m], cut_high = s[n - m + 1],
       t = unname(st[, 1]), df = unname(st[, 2]), p = unname(st[, 3]),
       welch_t = unname(st[, 4]), welch_df = unname(st[, 5]), welch_p = unname(st[, 6]),
       citc = psych::alpha(x, warnings = FALSE)$item.stats$r.drop)
}
out <- list(saq_statistics = one(saq_keyed[, saq_scales$statistics]),
            bfi_cc_C = one(bfi_keyed(bfi_cc[, bfi_scales$C])))
save_json(out, "item_analysis.json", "item_analysis.R")
