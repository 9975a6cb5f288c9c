# Reference values for survey/stats/imputation.py, pooling.py and missing.py: multiple imputation
# by chained equations (predictive mean matching), Rubin's rules, and Little's MCAR test.
#
# Run from this folder:  Rscript mi.R
# Writes mi_data.csv (the seeded data set, generated here), mi.json and little_tiny.csv.
# R 4.x, mice 3.15.0, jsonlite. naniar and norm are not installed here, so Little's test is the
# published formula (Little 1988) with an EM written below, as naniar::mcar_test computes it.
suppressMessages({library(mice); library(jsonlite)})

# ---- the data: 400 respondents; four Likert items of one scale, two predictors, a group, y -------
set.seed(20261204)
n <- 400
lik <- function(m) pmin(5, pmax(1, round(m + rnorm(n, 0, 0.9))))
f <- rnorm(n)
g <- sample(1:2, n, replace = TRUE)
x1 <- lik(3 + 0.8 * f)
x2 <- lik(3 + 0.5 * f + 0.3 * (g == 2))
a1 <- lik(3 + 0.9 * f); a2 <- lik(3.2 + 0.8 * f); a3 <- lik(2.8 + 0.9 * f); a4 <- lik(3 + 0.7 * f)
y <- round(1 + 0.5 * x1 + 0.3 * x2 + 0.4 * (g == 2) + rnorm(n, 0, 1), 4)
# missing at random: more often missing where x1 (always observed) is low
p_mis <- plogis(-2.2 + 0.5 * (3 - x1))
a1[runif(n) < p_mis] <- NA
a3[runif(n) < p_mis] <- NA
x2[runif(n) < p_mis] <- NA
y[runif(n) < p_mis] <- NA
d <- data.frame(g, x1, x2, a1, a2, a3, a4, y)
write.csv(d, "mi_data.csv", row.names = FALSE)

# ---- mice: pmm for every incomplete column, 50 imputations, 10 iterations ---------------------
M <- 50
imp <- mice(d, m = M, maxit = 10, method = "pmm", seed = 7, printFlag = FALSE)

fit <- with(imp, lm(y ~ x1 + x2 + a1))
pooled <- pool(fit)
s <- summary(pooled, conf.int = TRUE)
per <- lapply(fit$analyses, function(m) summary(m)$coefficients)
est <- t(sapply(per, function(x) x[, "Estimate"]))
var <- t(sapply(per, function(x) x[, "Std. Error"]^2))
r2 <- pool.r.squared(fit)

fitg <- with(imp, lm(y ~ factor(g)))
pg <- summary(pool(fitg), conf.int = TRUE)

alpha <- function(x) { k <- ncol(x); v <- cov(x); k / (k - 1) * (1 - sum(diag(v)) / sum(v)) }
alphas <- sapply(1:M, function(i) alpha(complete(imp, i)[, c("a1", "a2", "a3", "a4")]))

# pool.scalar on the per-imputation estimates of x1 (Rubin's rules exactly)
ps <- pool.scalar(est[, "x1"], var[, "x1"], n = nrow(d), k = 4)

# ---- Little's MCAR test: EM for the multivariate normal, then Little's d² ---------------------
em_norm <- function(x, tol = 1e-10, maxit = 10000) {
  n <- nrow(x); k <- ncol(x); obs <- !is.na(x)
  mu <- colMeans(x, na.rm = TRUE); sigma <- diag(apply(x, 2, var, na.rm = TRUE) * (colSums(obs) - 1) / colSums(obs))
  for (it in 1:maxit) {
    t1 <- rep(0, k); t2 <- matrix(0, k, k)
    for (i in 1:n) {
      o <- obs[i, ]; xi <- x[i, ]; ci <- matrix(0, k, k)
      if (any(!o)) {
        b <- solve(sigma[o, o, drop = FALSE], sigma[o, !o, drop = FALSE])
        xi[!o] <- mu[!o] + as.vector((xi[o] - mu[o]) %*% b)
        ci[!o, !o] <- sigma[!o, !o, drop = FALSE] - sigma[!o, o, drop = FALSE] %*% b
      }
      t1 <- t1 + xi; t2 <- t2 + xi %o% xi + ci
    }
    mu_new <- t1 / n; sigma_new <- t2 / n - mu_new %o% mu_new
    change <- max(abs(mu_new - mu), abs(sigma_new - sigma))
    mu <- mu_new; sigma <- sigma_new
    if (change < tol) break
  }
  list(mu = mu, sigma = sigma)
}
little <- function(x) {
  x <- as.matrix(x); x <- x[rowSums(!is.na(x)) > 0, , drop = FALSE]
  e <- em_norm(x); key <- apply(!is.na(x), 1, function(r) paste(as.integer(r), collapse = ""))
  d2 <- 0; df <- 0
  for (p in unique(key)) {
    rows <- x[key == p, , drop = FALSE]; o <- !is.na(rows[1, ])
    diff <- colMeans(rows[, o, drop = FALSE]) - e$mu[o]
    d2 <- d2 + nrow(rows) * as.numeric(t(diff) %*% solve(e$sigma[o, o, drop = FALSE]) %*% diff)
    df <- df + sum(o)
  }
  df <- df - ncol(x)
  list(statistic = d2, df = df, p_value = pchisq(d2, df, lower.tail = FALSE), mu = e$mu, sigma = e$sigma)
}
lt <- little(d[, c("x1", "x2", "a1", "a2", "a3", "a4", "y")])
tiny <- data.frame(a = c(1, 2, 3, NA, 5, 4, 2, NA), b = c(2, 1, NA, 3, 4, 5, 3, 2), c = c(1, 3, 2, 4, NA, 5, 4, 3))
write.csv(tiny, "little_tiny.csv", row.names = FALSE)
lt_tiny <- little(tiny)
pat <- md.pattern(d, plot = FALSE)

out <- list(
  mice_version = as.character(packageVersion("mice")), m = M, maxit = 10, seed = 7,
  call = "mice(d, m = 50, maxit = 10, method = 'pmm', seed = 7); pool(with(imp, lm(y ~ x1 + x2 + a1)))",
  regression = list(term = as.character(s$term), estimate = s$estimate, std.error = s$std.error, statistic = s$statistic,
                    df = s$df, p.value = s$p.value, conf.low = s[["2.5 %"]], conf.high = s[["97.5 %"]],
                    riv = pooled$pooled$riv, lambda = pooled$pooled$lambda, fmi = pooled$pooled$fmi,
                    ubar = pooled$pooled$ubar, b = pooled$pooled$b, t = pooled$pooled$t, dfcom = pooled$pooled$dfcom[1]),
  r2 = unname(r2[1, "est"]),
  per_imputation = list(terms = colnames(est), estimate = unname(est), variance = unname(var), r2 = sapply(fit$analyses, function(m) summary(m)$r.squared)),
  group = list(term = as.character(pg$term), estimate = pg$estimate, std.error = pg$std.error, df = pg$df, p.value = pg$p.value,
               ubar = pool(fitg)$pooled$ubar, b = pool(fitg)$pooled$b),
  alpha = list(mean = mean(alphas), sd = sd(alphas), per_imputation = alphas),
  pool_scalar = list(Q = est[, "x1"], U = var[, "x1"], n = nrow(d), k = 4, qbar = ps$qbar, ubar = ps$ubar, b = ps$b, t = ps$t,
                     df = ps$df, r = ps$r, fmi = ps$fmi),
  little = list(statistic = lt$statistic, df = lt$df, p_value = lt$p_value, mu = unname(lt$mu), sigma = unname(lt$sigma),
                columns = c("x1", "x2", "a1", "a2", "a3", "a4", "y")),
  little_tiny = list(statistic = lt_tiny$statistic, df = lt_tiny$df, p_value = lt_tiny$p_value, mu = unname(lt_tiny$mu),
                     sigma = unname(lt_tiny$sigma)),
  md_pattern = list(counts = as.integer(rownames(pat)[-nrow(pat)]), missing_per_variable = unname(pat[nrow(pat), -ncol(pat)]),
                    variables = colnames(pat)[-ncol(pat)])
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "mi.json")
