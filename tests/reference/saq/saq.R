# Reference values for tests/saq: Field's SAQ (tests/data/field_saq.sav, n = 2571, 23 items).
# Run from this folder:  Rscript saq.R   (writes saq_r.json; needs psych, haven, jsonlite)
#
# Calls (package versions are stored in the JSON's meta):
#   psych::KMO(saq)                                  overall and per-item MSA
#   psych::cortest.bartlett(cor(saq), n = 2571)      Bartlett's test of sphericity
#   eigen(cor(saq))$values                           initial eigenvalues
#   psych::principal(saq, nfactors = 4, rotate = "varimax")   R's varimax (stats::varimax, eps = 1e-5)
#   psych::principal(saq, nfactors = 4, rotate = "none") then stats::varimax(L, eps = 1e-14):
#       the varimax iterated to convergence, as SPSS reports it
#   psych::alpha(subscale, keys = ...)               Question_03 reversed in the statistics subscale
suppressPackageStartupMessages({library(psych); library(jsonlite)})
saq <- as.data.frame(haven::zap_labels(haven::read_sav("../../data/field_saq.sav")))
items <- names(saq)
R <- cor(saq)
n <- nrow(saq)

k <- psych::KMO(saq)
b <- psych::cortest.bartlett(R, n = n)
ev <- eigen(R)$values

pc_r <- psych::principal(saq, nfactors = 4, rotate = "varimax")
L_r <- unclass(pc_r$loadings)
pc_none <- psych::principal(saq, nfactors = 4, rotate = "none")
L0 <- unclass(pc_none$loadings)
vm <- stats::varimax(L0, normalize = TRUE, eps = 1e-14)
L_conv <- unclass(vm$loadings)

mat <- function(L) {
  out <- lapply(seq_len(ncol(L)), function(j) unname(L[, j]))
  names(out) <- paste0("C", seq_len(ncol(L)))
  c(list(items = rownames(L)), out)
}

scales <- list(
  computers = sprintf("Question_%02d", c(6, 7, 10, 13, 14, 15, 18)),
  statistics = sprintf("Question_%02d", c(1, 3, 4, 5, 12, 16, 20, 21)),
  maths = sprintf("Question_%02d", c(8, 11, 17)),
  peers = sprintf("Question_%02d", c(2, 9, 19, 22, 23)))
alphas <- lapply(names(scales), function(s) {
  cols <- scales[[s]]
  keys <- ifelse(cols == "Question_03", -1, 1)
  a <- psych::alpha(saq[, cols], keys = keys, warnings = FALSE)
  list(items = cols, raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
       r_drop = unname(a$item.stats$r.drop), alpha_if_deleted = unname(a$alpha.drop$raw_alpha))
})
names(alphas) <- names(scales)

out <- list(
  n = n,
  kmo = list(overall = k$MSA, items = names(k$MSAi), msa = unname(k$MSAi)),
  bartlett = list(chisq = b$chisq, df = b$df, p_value = b$p.value),
  eigenvalues = ev,
  principal_varimax_r = c(mat(L_r), list(ss = unname(colSums(L_r^2)))),
  principal_unrotated = mat(L0),
  varimax_converged = c(mat(L_conv), list(ss = unname(colSums(L_conv^2)))),
  alphas = alphas,
  meta = list(script = "tests/reference/saq/saq.R", R = R.version.string,
              psych = as.character(packageVersion("psych")), haven = as.character(packageVersion("haven")),
              jsonlite = as.character(packageVersion("jsonlite")), generated = format(Sys.Date())))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "saq_r.json")
