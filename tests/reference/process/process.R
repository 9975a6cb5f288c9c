# Reference values for survey.stats.process: each PROCESS model written as a lavaan path model with
# product terms as observed variables and the indirect effects, conditional indirect effects and
# indices of moderated mediation as `:=` defined parameters.
# Run: cd tests/reference/process && Rscript process.R  -> process_data.csv, process.json
#      (Rscript process.R points: recompute the point estimates only, keeping the stored bootstrap)
# lavaan's ML estimate of these recursive observed-variable models is OLS per equation (the
# likelihood factors into one normal regression per equation), but lavaan reaches it by iterative
# optimisation, which stops about 1e-8 short (nlminb and BFGS alike on these data). The point
# estimates stored are therefore the closed form: lm() per equation, and every `:=` expression of
# the lavaan syntax evaluated at those coefficients; the largest difference from lavaan's own ML
# fit is stored beside them (lavaan_ml_max_abs_diff). The bootstrap (se = "bootstrap", percentile
# CIs, set.seed(1)) uses R's own random numbers, so its intervals agree only within Monte-Carlo
# error.
suppressPackageStartupMessages({library(lavaan); library(jsonlite)})
points_only <- "points" %in% commandArgs(trailingOnly = TRUE)
stored <- if (points_only) fromJSON("process.json", simplifyVector = FALSE)$cases else NULL
set.seed(20261204)
n <- 400
x <- rnorm(n); w <- round(runif(n, 1, 7)); c1 <- rnorm(n)
m1 <- 0.5 * x + 0.2 * w + 0.15 * x * (w - 4) + 0.2 * c1 + rnorm(n)
m2 <- 0.3 * x + 0.3 * m1 + rnorm(n)
y <- 0.1 * x + 0.4 * m1 + 0.3 * m2 + 0.05 * m1 * (w - 4) + 0.1 * x * (w - 4) + 0.2 * c1 + rnorm(n)
raw <- data.frame(x = x, w = w, m1 = m1, m2 = m2, y = y, c1 = c1)
write.csv(round(raw, 6), "process_data.csv", row.names = FALSE)
raw <- read.csv("process_data.csv")   # the rounded values the tests read

first <- c(7, 8, 58, 59); second <- c(14, 58, 59); direct <- c(8, 59); linear <- c(7, 8, 14)
prod <- function(a, b) paste0(a, ":", b)
safe <- function(t) gsub(":", "X", t)
lab <- function(o, t) paste0("b_", o, "_", safe(t))

equations <- function(model, m, cov) {
  eqs <- list()
  for (i in seq_along(m)) {
    terms <- "x"
    if (model == 6 && i > 1) terms <- c(terms, m[seq_len(i - 1)])
    if (model %in% first) terms <- c(terms, "w", prod("x", "w"))
    eqs[[m[i]]] <- c(terms, cov)
  }
  terms <- c("x", m)
  if (model %in% c(direct, second)) terms <- c(terms, "w")
  if (model %in% direct) terms <- c(terms, prod("x", "w"))
  if (model %in% second) terms <- c(terms, prod(m, "w"))
  eqs[["y"]] <- c(terms, cov)
  eqs
}

chains <- function(m) unlist(lapply(seq_along(m), function(k) combn(m, k, simplify = FALSE)), recursive = FALSE)

run <- function(name, model, m, cov = character(), center = FALSE, n_boot = 5000) {
  d <- raw
  cen <- if (center) c("x", "w", if (model %in% second) m) else character()
  for (v in cen) d[[v]] <- d[[v]] - mean(d[[v]])
  eqs <- equations(model, m, cov)
  for (t in unique(unlist(eqs))) if (grepl(":", t)) { p <- strsplit(t, ":")[[1]]; d[[safe(t)]] <- d[[p[1]]] * d[[p[2]]] }
  lines <- c()
  for (o in names(eqs)) {
    rhs <- paste0(lab(o, eqs[[o]]), "*", safe(eqs[[o]]), collapse = " + ")
    lines <- c(lines, paste0(o, " ~ ", lab(o, "intercept"), "*1 + ", rhs))
  }
  if (model != 6 && length(m) > 1) lines <- c(lines, paste(m[1], "~~", m[2]))
  defs <- list()
  exprs <- list()
  moderated <- model %in% c(first, second, direct)
  probe <- if (moderated) as.numeric(quantile(raw$w, c(.16, .5, .84), type = 7)) else numeric()
  u <- probe - if (center) mean(raw$w) else 0
  num <- function(v) formatC(v, digits = 17, format = "g")
  if (!moderated) {
    ch <- if (model == 6) chains(m) else as.list(m)
    tot <- c()
    for (k in seq_along(ch)) {
      s <- ch[[k]]; terms <- lab(s[1], "x")
      if (length(s) > 1) for (j in 2:length(s)) terms <- c(terms, lab(s[j], s[j - 1]))
      terms <- c(terms, lab("y", s[length(s)]))
      nm <- paste0("ind", k); exprs[[nm]] <- paste(terms, collapse = "*"); lines <- c(lines, paste0(nm, " := ", exprs[[nm]]))
      defs[[nm]] <- list(kind = "indirect", path = paste(c("x", s, "y"), collapse = " → "), mediators = paste(s, collapse = " → "))
      tot <- c(tot, nm)
    }
    if (length(ch) > 1) {
      exprs[["totind"]] <- paste(tot, collapse = " + "); lines <- c(lines, paste0("totind := ", exprs[["totind"]]))
      defs[["totind"]] <- list(kind = "indirect", path = "total", mediators = paste(m, collapse = " → "))
    }
  } else {
    for (mi in m) {
      for (j in seq_along(u)) {
        a <- if (model %in% first) paste0("(", lab(mi, "x"), " + ", lab(mi, prod("x", "w")), "*", num(u[j]), ")") else lab(mi, "x")
        b <- if (model %in% second) paste0("(", lab("y", mi), " + ", lab("y", prod(mi, "w")), "*", num(u[j]), ")") else lab("y", mi)
        nm <- paste0("cind_", mi, "_", j); exprs[[nm]] <- paste0(a, "*", b); lines <- c(lines, paste0(nm, " := ", exprs[[nm]]))
        defs[[nm]] <- list(kind = "indirect", path = paste("x", mi, "y", sep = " → "), mediators = mi, w_value = probe[j])
      }
      if (model %in% linear) {
        idx <- if (model == 14) paste0(lab(mi, "x"), "*", lab("y", prod(mi, "w"))) else paste0(lab(mi, prod("x", "w")), "*", lab("y", mi))
        nm <- paste0("imm_", mi); exprs[[nm]] <- idx; lines <- c(lines, paste0(nm, " := ", idx))
        defs[[nm]] <- list(kind = "index", mediators = mi)
      }
    }
    if (model %in% direct) for (j in seq_along(u)) {
      nm <- paste0("cdir_", j)
      exprs[[nm]] <- paste0(lab("y", "x"), " + ", lab("y", prod("x", "w")), "*", num(u[j])); lines <- c(lines, paste0(nm, " := ", exprs[[nm]]))
      defs[[nm]] <- list(kind = "direct", w_value = probe[j])
    }
  }
  syntax <- paste(lines, collapse = "\n")
  # closed form: one lm() per equation; the `:=` expressions evaluated at its coefficients
  env <- new.env()
  coefs <- list()
  for (o in names(eqs)) {
    b <- coef(lm(reformulate(safe(eqs[[o]]), response = o), data = d))
    for (k in seq_along(b)) {
      t <- c("intercept", eqs[[o]])[k]
      assign(lab(o, t), unname(b[k]), envir = env)
      coefs[[length(coefs) + 1]] <- list(outcome = o, term = if (k == 1) "(Intercept)" else t, estimate = unname(b[k]))
    }
  }
  point <- list()
  for (nm in names(exprs)) { point[[nm]] <- eval(parse(text = exprs[[nm]]), envir = env); assign(nm, point[[nm]], envir = env) }
  point <- unlist(point)
  fit <- sem(syntax, data = d, meanstructure = TRUE)
  pe <- parameterEstimates(fit)
  labs <- c(sapply(coefs, function(c) lab(c$outcome, c$term)), names(exprs))
  closed <- c(sapply(coefs, function(c) c$estimate), point)
  ml_diff <- max(abs(pe$est[match(labs, pe$label)] - closed))
  if (points_only) {
    old <- stored[[name]]
    secs <- old$boot_seconds
    boot <- lapply(old$effects, function(e) e[c("boot_se", "ci_low", "ci_high")])
  } else {
    set.seed(1)
    t0 <- Sys.time()
    bfit <- sem(syntax, data = d, meanstructure = TRUE, se = "bootstrap", bootstrap = n_boot)
    secs <- as.numeric(Sys.time() - t0, units = "secs")
    pb <- parameterEstimates(bfit, boot.ci.type = "perc", level = 0.95)
    boot <- lapply(names(defs), function(nm) { rb <- pb[pb$label == nm, ]; list(boot_se = rb$se, ci_low = rb$ci.lower, ci_high = rb$ci.upper) })
  }
  effects <- list()
  for (k in seq_along(defs)) {
    nm <- names(defs)[k]
    effects[[k]] <- c(list(name = nm), defs[[nm]], list(estimate = point[[nm]]), boot[[k]])
  }
  cat(name, "bootstrap seconds:", secs, "\n")
  list(model = model, m = m, w = if (moderated) "w" else NULL, covariates = cov, center = center, n_boot = n_boot,
       lavaan_syntax = syntax, coefficients = coefs, effects = effects, lavaan_ml_max_abs_diff = ml_diff,
       boot_seconds = secs)
}

cases <- list(
  m4_single = run("m4_single", 4, c("m1")),
  m4_parallel = run("m4_parallel", 4, c("m1", "m2"), cov = "c1"),
  m6_serial = run("m6_serial", 6, c("m1", "m2"), cov = "c1"),
  m7 = run("m7", 7, c("m1")),
  m7_parallel_centered = run("m7_parallel_centered", 7, c("m1", "m2"), center = TRUE),
  m8 = run("m8", 8, c("m1"), cov = "c1"),
  m14 = run("m14", 14, c("m1", "m2")),
  m58 = run("m58", 58, c("m1")),
  m59_centered = run("m59_centered", 59, c("m1"), cov = "c1", center = TRUE)
)
out <- list(cases = cases, meta = list(script = "process.R", data = "process_data.csv", R = R.version.string,
  lavaan = as.character(packageVersion("lavaan")), bootstrap_seed = 1, probe = "quantile(w, c(.16, .5, .84), type = 7)"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null"), "process.json")
