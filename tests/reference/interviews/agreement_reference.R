# Reference values for survey.interviews agreement and critical-incident tests.
# Rscript agreement_reference.R   (writes agreement_reference.csv and prop_test_reference.csv)
#
# Sources of the data:
#  - krippendorff_example.csv: the 4 coders x 12 units reliability matrix of Krippendorff, K.
#    (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for Communication
#    Departmental Papers 43, p. 8 (section C, nominal data with missing values; published
#    alpha = .743). The same matrix is the docstring example of the Python `krippendorff`
#    package 0.9.0 (krippendorff/krippendorff.py, alpha(), "page 8"), which prints 0.743.
#  - cohen_pairs.csv, cohen_binary.csv, fleiss_ratings.csv: seeded synthetic data from make_data.R.
#
# Calls:
#  - Cohen's kappa: psych::cohen.kappa(x)  (kappa, var.kappa, confid at alpha = .05)
#  - Fleiss' kappa: by hand (Fleiss 1971) with the z test standard error of Fleiss, Nee &
#    Landis (1979) as in irr::kappam.fleiss (irr is not installed here)
#  - Krippendorff's alpha (nominal): by hand from the coincidence matrix (Krippendorff 2011)
#  - two-proportion test: stats::prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
suppressMessages(library(psych))
out <- data.frame(case = character(), quantity = character(), value = character())
add <- function(case, quantity, value) out[nrow(out) + 1, ] <<- list(case, quantity, format(value, digits = 15))

# Krippendorff nominal alpha by hand ----------------------------------------------------------
k <- read.csv("krippendorff_example.csv", row.names = 1, na.strings = "")
vals <- sort(unique(na.omit(unlist(k))))
o <- matrix(0, length(vals), length(vals))
for (u in seq_len(ncol(k))) {
  v <- na.omit(k[, u]); m <- length(v)
  if (m < 2) next
  nu <- table(factor(v, levels = vals))
  o <- o + (outer(nu, nu) - diag(as.numeric(nu))) / (m - 1)
}
nc <- rowSums(o); n <- sum(nc)
Do <- sum(o) - sum(diag(o))
De <- (n^2 - sum(nc^2)) / (n - 1)
add("krippendorff_example", "alpha_nominal", 1 - Do / De)
add("krippendorff_example", "n_pairable_values", n)

# Cohen's kappa with psych --------------------------------------------------------------------
for (f in c("cohen_pairs", "cohen_binary")) {
  d <- read.csv(paste0(f, ".csv"), na.strings = "")
  d <- d[complete.cases(d), ]
  ck <- cohen.kappa(data.frame(as.character(d$coder_a), as.character(d$coder_b)))
  add(f, "kappa", ck$kappa)
  add(f, "var_kappa", ck$var.kappa)
  add(f, "ci_low", ck$confid[1, 1])
  add(f, "ci_high", ck$confid[1, 3])
  add(f, "n", ck$n.obs)
}

# Fleiss' kappa by hand -------------------------------------------------------------------------
r <- as.matrix(read.csv("fleiss_ratings.csv")[, -1])
cats <- sort(unique(as.vector(r)))
nij <- t(apply(r, 1, function(x) table(factor(x, levels = cats))))
N <- nrow(nij); nr <- ncol(r)
Pi <- (rowSums(nij^2) - nr) / (nr * (nr - 1))
pj <- colSums(nij) / (N * nr)
Pe <- sum(pj^2)
kappa <- (mean(Pi) - Pe) / (1 - Pe)
qj <- 1 - pj
se0 <- sqrt(2 / (N * nr * (nr - 1))) * sqrt(sum(pj * qj)^2 - sum(pj * qj * (qj - pj))) / sum(pj * qj)
z <- kappa / se0
add("fleiss_ratings", "kappa", kappa)
add("fleiss_ratings", "se0", se0)
add("fleiss_ratings", "z", z)
add("fleiss_ratings", "p_value", 2 * pnorm(abs(z), lower.tail = FALSE))

add("versions", "R", R.version.string)
add("versions", "prop_test_reference.csv", "stats::prop.test(c(x1, x2), c(n1, n2), correct = FALSE)")
add("versions", "psych", as.character(packageVersion("psych")))
write.csv(out, "agreement_reference.csv", row.names = FALSE)

# prop.test ---------------------------------------------------------------------------------------
cases <- data.frame(x1 = c(30, 41, 12, 3, 50), n1 = c(50, 76, 76, 20, 60), x2 = c(15, 11, 40, 0, 20), n2 = c(50, 63, 63, 25, 80))
res <- t(apply(cases, 1, function(z) {
  p <- prop.test(c(z[1], z[3]), c(z[2], z[4]), correct = FALSE)
  c(statistic = unname(p$statistic), p_value = p$p.value, ci_low = p$conf.int[1], ci_high = p$conf.int[2])
}))
pt <- cbind(cases, res)
pt[] <- lapply(pt, function(col) format(col, digits = 15))
write.csv(pt, "prop_test_reference.csv", row.names = FALSE)
cat("# stats::prop.test(correct = FALSE),", R.version.string, "\n")
