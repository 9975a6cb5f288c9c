# Reference values for survey.models.drivers (relative weights, general dominance) on mtcars.
# Run: cd tests/reference/models && Rscript drivers.R
# Hand computation from the formulas (Johnson 2000; Budescu 1993), no add-on package.
data(mtcars)
write.csv(mtcars, "mtcars.csv", row.names = TRUE)
y <- "mpg"; xs <- c("cyl", "disp", "hp", "wt")
R <- cor(mtcars[, c(y, xs)])
Rxx <- R[xs, xs]; rxy <- R[xs, y]
e <- eigen(Rxx, symmetric = TRUE)
Lam <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)   # symmetric square root
beta <- solve(Lam, rxy)
raw <- as.vector(Lam^2 %*% beta^2)
r2_lm <- summary(lm(mpg ~ cyl + disp + hp + wt, data = mtcars))$r.squared
# general dominance: average over subset sizes of the average gain in R2 (lm for every subset)
r2_of <- function(s) if (length(s) == 0) 0 else summary(lm(reformulate(s, y), data = mtcars))$r.squared
p <- length(xs); gen <- numeric(p)
for (j in seq_len(p)) {
  others <- xs[-j]; by_k <- numeric(p)
  for (k in 0:(p - 1)) {
    subs <- if (k == 0) list(character(0)) else combn(others, k, simplify = FALSE)
    by_k[k + 1] <- mean(sapply(subs, function(s) r2_of(c(s, xs[j])) - r2_of(s)))
  }
  gen[j] <- mean(by_k)
}
out <- data.frame(predictor = xs, raw = raw, rescaled = raw / sum(raw), general = gen)
write.csv(format(out, digits = 15), "drivers_mtcars_expected.csv", row.names = FALSE)
writeLines(c(paste("R", R.version.string), paste("r2_lm", format(r2_lm, digits = 15)),
             "call: hand formulas above; lm(mpg ~ cyl + disp + hp + wt, mtcars)"), "drivers_mtcars_expected.txt")
print(out); print(r2_lm)
