# Reference values for polychoric / polychoric_pair / polyserial and cor = "polychoric":
#   Rscript polychoric.R -> polychoric.json     (run from this folder; data: ../psychometrics/bfi.csv)
# Calls (package versions in meta):
#   psych::polychoric(x)                       defaults: global = TRUE (thresholds from each item's
#        answers), correct = .5 (continuity correction, used only when global is FALSE), smooth = TRUE
#   psych::polychoric(x) with items of unequal numbers of categories: psych sets global = FALSE
#        (per-pair thresholds, empty cells given .5)         -> our thresholds = "pairwise"
#   polycor::polychor(x, y, std.err = TRUE)                 two-step (thresholds fixed), SE, chisq
#   polycor::polychor(x, y, ML = TRUE, std.err = TRUE, control = list(reltol = 1e-14, maxit = 20000))
#        polycor's ML uses optim's Nelder-Mead, which stalls short of the maximum in 11 parameters
#        even with this control (rho off by up to 1e-3): the "ml" values here are polycor as it
#        stops; the tests use polychoric_ml.R, which restarts it until it settles.
#   polycor::polyserial(x, y, std.err = TRUE) and ML = TRUE (same control): rho and SE
#   psych::fa(x, nfactors, fm = "minres", rotate, cor = "poly"); psych::fa.parallel(x, cor = "poly")
#   psych::alpha(rho) (ordinal alpha, Zumbo, Gadermann & Zeisser 2007) and omega_total from
#        psych::fa(rho, 1, fm = "minres") loadings, rho = psych::polychoric(x)$rho
suppressPackageStartupMessages({library(psych); library(polycor); library(jsonlite)})
versions <- function() list(R = R.version.string, psych = as.character(packageVersion("psych")),
  polycor = as.character(packageVersion("polycor")), mvtnorm = as.character(packageVersion("mvtnorm")),
  mnormt = as.character(packageVersion("mnormt")), GPArotation = as.character(packageVersion("GPArotation")))
bfi_raw <- read.csv("../psychometrics/bfi.csv")
items <- c(paste0("A", 1:5), paste0("C", 1:5), paste0("E", 1:5), paste0("N", 1:5), paste0("O", 1:5))
bfi_cc <- na.omit(bfi_raw[, items])
rev_items <- c("A1", "C4", "C5", "E1", "E2", "O2", "O5")
keyed <- function(d) { for (v in intersect(rev_items, names(d))) d[[v]] <- 7 - d[[v]]; d }
scales <- list(A = paste0("A", 1:5), C = paste0("C", 1:5), E = paste0("E", 1:5), N = paste0("N", 1:5), O = paste0("O", 1:5))
out <- list()
p <- psych::polychoric(bfi_cc)
out$bfi_cc <- list(items = colnames(p$rho), rho = unname(p$rho), tau = unname(p$tau), n = nrow(bfi_cc))
pm <- psych::polychoric(bfi_raw[, scales$A])          # pairwise complete, global thresholds
out$bfi_raw_A <- list(items = colnames(pm$rho), rho = unname(pm$rho), tau = unname(pm$tau))
uneq <- bfi_cc[, scales$C]; uneq$C1 <- c(1, 1, 2, 2, 3, 3)[uneq$C1]   # C1 collapsed to 3 categories
pu <- suppressWarnings(psych::polychoric(uneq))
out$unequal_C <- list(items = colnames(pu$rho), rho = unname(pu$rho))
ctl <- list(reltol = 1e-14, maxit = 20000)
pairs <- list(c("A1", "A2"), c("C1", "E3"), c("N1", "N2"), c("O2", "O5"))
for (pr in pairs) {
  x <- bfi_cc[[pr[1]]]; y <- bfi_cc[[pr[2]]]
  two <- polycor::polychor(x, y, std.err = TRUE)
  ml <- polycor::polychor(x, y, ML = TRUE, std.err = TRUE, control = ctl)
  out[[paste0("pair_", pr[1], "_", pr[2])]] <- list(x = pr[1], y = pr[2],
    two_step = list(rho = two$rho, se = sqrt(two$var[1, 1]), row_cuts = two$row.cuts, col_cuts = two$col.cuts,
                    chisq = two$chisq, df = two$df),
    ml = list(rho = ml$rho, se = sqrt(ml$var[1, 1]), row_cuts = ml$row.cuts, col_cuts = ml$col.cuts,
              chisq = ml$chisq, df = ml$df))
}
set.seed(17)
n <- nrow(bfi_cc)
cont <- 0.5 * as.numeric(scale(bfi_cc$A2 + bfi_cc$A3)) + rnorm(n)   # a continuous partner
out$polyserial_data <- list(x = cont)
for (it in c("A2", "C1")) {
  two <- polycor::polyserial(cont, bfi_cc[[it]], std.err = TRUE)
  ml <- polycor::polyserial(cont, bfi_cc[[it]], ML = TRUE, std.err = TRUE, control = ctl)
  out[[paste0("polyserial_", it)]] <- list(y = it, two_step = list(rho = two$rho, se = sqrt(two$var[1, 1]), cuts = two$cuts),
    ml = list(rho = ml$rho, se = sqrt(ml$var[1, 1]), cuts = ml$cuts))
}
fa_out <- function(f) list(loadings = unclass(f$loadings), communality = unname(f$communality),
  Phi = if (is.null(f$Phi)) NULL else unclass(f$Phi))
out$fa_poly_minres_varimax <- fa_out(psych::fa(bfi_cc, nfactors = 5, fm = "minres", rotate = "varimax", cor = "poly"))
out$fa_poly_minres_oblimin <- fa_out(psych::fa(bfi_cc, nfactors = 5, fm = "minres", rotate = "oblimin", cor = "poly"))
set.seed(1)
fp <- suppressWarnings(psych::fa.parallel(bfi_cc, cor = "poly", fa = "fa", n.iter = 5, plot = FALSE))
out$parallel_poly <- list(fa_values = fp$fa.values, nfact = fp$nfact)
for (s in names(scales)) {
  x <- keyed(bfi_cc[, scales[[s]]])
  rho <- psych::polychoric(x)$rho
  a <- psych::alpha(rho, warnings = FALSE)
  l <- as.numeric(psych::fa(rho, 1, fm = "minres")$loadings)
  out[[paste0("ordinal_", s)]] <- list(alpha = a$total$raw_alpha, average_r = a$total$average_r,
    r_drop = a$item.stats$r.drop, alpha_if_deleted = a$alpha.drop$raw_alpha,
    omega_total = sum(l)^2 / (sum(l)^2 + sum(1 - l^2)))
}
out$meta <- list(script = "polychoric.R", versions = versions(), generated = format(Sys.time(), "%Y-%m-%d"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "polychoric.json")
