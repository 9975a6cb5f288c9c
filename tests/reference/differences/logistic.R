# Reference values for survey.stats.logistic.
# Run from this folder:  Rscript logistic.R  -> logistic_expected.csv
# MASS::polr (logit, Hess = TRUE, tight optimiser tolerance) on ologit_ucla.csv (the file
# statsmodels ships with its polr reference values) and on likert.csv (labels with explicit levels);
# Brant test by hand (Brant 1990, the formula of R's brant package) from the cumulative glm fits;
# glm(family = binomial) with Wald CIs (confint.default) for the binary model.
suppressPackageStartupMessages(library(MASS))
out <- data.frame(case = character(), quantity = character(), value = character())
put <- function(case, quantity, value) {
  out <<- rbind(out, data.frame(case = case, quantity = quantity, value = format(value, digits = 15)))
}
put("meta", "R_version", 0); out$value[nrow(out)] <- R.version.string
put("meta", "MASS_version", 0); out$value[nrow(out)] <- as.character(packageVersion("MASS"))

brant_hand <- function(y, X) {   # y: integer 1..K, X: predictor matrix (no intercept)
  K <- max(y); p <- ncol(X); m <- K - 1; Xc <- cbind(1, X)
  fits <- lapply(1:m, function(j) glm.fit(Xc, as.numeric(y > j), family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100)))
  B <- sapply(fits, function(f) f$coefficients[-1]); pis <- sapply(fits, function(f) f$fitted.values)
  inv <- lapply(1:m, function(j) solve(t(Xc) %*% (Xc * (pis[, j] * (1 - pis[, j])))))
  V <- matrix(0, m * p, m * p)
  for (j in 1:m) for (l in j:m) {
    v <- if (j == l) inv[[j]] else inv[[j]] %*% (t(Xc) %*% (Xc * (pis[, l] - pis[, j] * pis[, l]))) %*% inv[[l]]
    blk <- v[-1, -1, drop = FALSE]
    V[((j - 1) * p + 1):(j * p), ((l - 1) * p + 1):(l * p)] <- blk
    V[((l - 1) * p + 1):(l * p), ((j - 1) * p + 1):(j * p)] <- t(blk)
  }
  bstar <- as.vector(B)
  wald <- function(cols) {
    D <- NULL
    for (j in 2:m) for (c in cols) { d <- rep(0, m * p); d[c] <- 1; d[(j - 1) * p + c] <- -1; D <- rbind(D, d) }
    db <- D %*% bstar
    c(stat = as.numeric(t(db) %*% solve(D %*% V %*% t(D)) %*% db), df = nrow(D))
  }
  res <- rbind(omnibus = wald(1:p), t(sapply(1:p, function(i) wald(i))))
  rownames(res) <- c("omnibus", colnames(X)); res
}

ord <- function(case, d, y, xs, levels) {
  d <- d[complete.cases(d[, c(y, xs)]), ]
  d$yy <- factor(d[[y]], levels = levels)
  f <- reformulate(xs, "yy")
  m <- polr(f, data = d, method = "logistic", Hess = TRUE, control = list(reltol = 1e-15, maxit = 10000))
  cf <- coef(summary(m))
  for (t in rownames(cf)) { put(case, paste0("est:", t), cf[t, 1]); put(case, paste0("se:", t), cf[t, 2]) }
  m0 <- polr(yy ~ 1, data = d, method = "logistic", Hess = TRUE, control = list(reltol = 1e-15))
  put(case, "loglik", logLik(m)); put(case, "loglik0", logLik(m0))
  put(case, "mcfadden", 1 - as.numeric(logLik(m)) / as.numeric(logLik(m0)))
  br <- brant_hand(as.integer(d$yy), as.matrix(d[, xs]))
  for (t in rownames(br)) { put(case, paste0("brant:", t), br[t, "stat"]); put(case, paste0("brant_df:", t), br[t, "df"]) }
}
ucla <- read.csv("ologit_ucla.csv")
ord("ucla", ucla, "apply", c("pared", "public", "gpa"), c("unlikely", "somewhat likely", "very likely"))
lk <- read.csv("likert.csv", fileEncoding = "UTF-8")
ord("likert_label", lk, "sat_label", c("hygiene", "motivator", "gender"), c("不满意", "一般", "满意"))
ord("likert_os", lk, "os", c("hygiene", "motivator"), 1:5)

g <- glm(leave ~ hygiene + motivator + gender, family = binomial, data = lk, control = glm.control(epsilon = 1e-14))
cf <- coef(summary(g)); ci <- confint.default(g)
for (t in rownames(cf)) {
  put("leave", paste0("est:", t), cf[t, 1]); put("leave", paste0("se:", t), cf[t, 2]); put("leave", paste0("p:", t), cf[t, 4])
  put("leave", paste0("lo:", t), ci[t, 1]); put("leave", paste0("hi:", t), ci[t, 2])
}
put("leave", "deviance", g$deviance); put("leave", "null_deviance", g$null.deviance); put("leave", "aic", AIC(g))
n <- nrow(lk); ll <- as.numeric(logLik(g)); ll0 <- -g$null.deviance / 2
cs <- 1 - exp(2 * (ll0 - ll) / n)
put("leave", "nagelkerke", cs / (1 - exp(2 * ll0 / n)))
write.csv(out, "logistic_expected.csv", row.names = FALSE)
