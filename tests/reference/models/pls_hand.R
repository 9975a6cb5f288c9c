# Independent hand implementation of PLS path modelling (mode A; Wold/Lohmoeller iteration on the
# data matrix, not on the covariance matrix) for the ECSI data, to check survey.models.pls.
# Run: cd tests/reference/models && Rscript pls_hand.R
d <- read.csv("../../data/ecsi_satisfaction.csv", row.names = 1)
blocks <- list(IMAG = paste0("imag", 1:5), EXPE = paste0("expe", 1:5), QUAL = paste0("qual", 1:5),
               VAL = paste0("val", 1:4), SAT = paste0("sat", 1:4), LOY = paste0("loy", 1:4))
lvs <- names(blocks)
P <- matrix(0, 6, 6, dimnames = list(lvs, lvs))          # P[to, from] = 1
P["EXPE", "IMAG"] <- 1; P["QUAL", "EXPE"] <- 1; P["VAL", c("EXPE", "QUAL")] <- 1
P["SAT", c("IMAG", "EXPE", "QUAL", "VAL")] <- 1; P["LOY", c("IMAG", "SAT")] <- 1
pstd <- function(v) (v - mean(v)) / sqrt(mean((v - mean(v))^2))   # population SD 1
fit <- function(scaled, scheme) {
  X <- as.matrix(d[, unlist(blocks)])
  X <- if (scaled) apply(X, 2, pstd) else scale(X, scale = FALSE)
  w <- lapply(blocks, function(b) rep(1, length(b)))
  for (it in 1:1000) {
    Y <- sapply(lvs, function(l) pstd(X[, blocks[[l]]] %*% w[[l]]))
    R <- cor(Y); A <- (P + t(P)) > 0
    E <- switch(scheme, centroid = sign(R) * A, factorial = R * A, path = {
      E <- matrix(0, 6, 6, dimnames = list(lvs, lvs))
      for (k in lvs) {
        pr <- lvs[P[k, ] == 1]; fo <- lvs[P[, k] == 1]
        if (length(pr)) E[pr, k] <- coef(lm(Y[, k] ~ Y[, pr] - 1))
        if (length(fo)) E[fo, k] <- R[k, fo]
      }
      E
    })
    Z <- Y %*% E
    wn <- lapply(lvs, function(l) as.vector(crossprod(X[, blocks[[l]]], Z[, l])) / nrow(X))
    names(wn) <- lvs
    # normalise so that each LV has population variance 1
    wn <- lapply(lvs, function(l) { s <- X[, blocks[[l]]] %*% wn[[l]]; wn[[l]] / sqrt(mean((s - mean(s))^2)) })
    names(wn) <- lvs
    w0 <- lapply(lvs, function(l) { s <- X[, blocks[[l]]] %*% w[[l]]; w[[l]] / sqrt(mean((s - mean(s))^2)) })
    done <- max(abs(unlist(wn) - unlist(w0))) < 1e-12
    w <- wn
    if (done) break
  }
  Y <- sapply(lvs, function(l) pstd(X[, blocks[[l]]] %*% w[[l]]))
  paths <- NULL; r2 <- setNames(rep(0, 6), lvs)
  for (k in lvs) {
    pr <- lvs[P[k, ] == 1]
    if (length(pr)) {
      f <- lm(Y[, k] ~ Y[, pr, drop = FALSE])
      paths <- rbind(paths, data.frame(from = pr, to = k, estimate = unname(coef(f)[-1])))
      r2[k] <- summary(f)$r.squared
    }
  }
  load <- unlist(lapply(lvs, function(l) cor(X[, blocks[[l]]], Y[, l])))
  list(outer = data.frame(item = unlist(blocks), weight = unlist(w), loading = load),
       paths = paths, r2 = data.frame(lv = lvs, r2 = r2), iter = it)
}
for (sc in c(TRUE, FALSE)) for (scheme in c("centroid", "factorial", "path")) {
  f <- fit(sc, scheme)
  tag <- paste0(scheme, if (sc) "_scaled" else "_raw")
  write.csv(format(f$outer, digits = 15), paste0("pls_hand_outer_", tag, ".csv"), row.names = FALSE)
  write.csv(format(f$paths, digits = 15), paste0("pls_hand_paths_", tag, ".csv"), row.names = FALSE)
  write.csv(format(f$r2, digits = 15), paste0("pls_hand_r2_", tag, ".csv"), row.names = FALSE)
  cat(tag, "iterations", f$iter, "\n")
}
writeLines(c(R.version.string, "hand implementation above; convergence: max |change of weight| < 1e-12"), "pls_hand.txt")
