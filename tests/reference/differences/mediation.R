# Reference values for survey.stats.mediation (paths) and moderation (simple slopes, JN).
# Run from this folder:  Rscript mediation.R  -> mediation_expected.csv
# Paths a, b, c, c' from lm; simple slopes by the pick-a-point method: refit
# lm(y ~ xc * I(w - w0)) so the slope of x at w0 is an ordinary lm coefficient (independent of
# our variance formula); JN points by uniroot on that refit's |t| - t_crit.
out <- data.frame(case = character(), quantity = character(), value = character())
put <- function(case, quantity, value) {
  out <<- rbind(out, data.frame(case = case, quantity = quantity, value = format(value, digits = 15)))
}
put("meta", "R_version", 0); out$value[nrow(out)] <- R.version.string
lk <- read.csv("likert.csv", fileEncoding = "UTF-8")
mt <- mtcars

med <- function(case, d, x, m, y, covs = character()) {
  fa <- coef(summary(lm(reformulate(c(x, covs), m), d)))
  fb <- coef(summary(lm(reformulate(c(x, m, covs), y), d)))
  fc <- coef(summary(lm(reformulate(c(x, covs), y), d)))
  rows <- list(a = fa[x, ], b = fb[m, ], c = fc[x, ], `c'` = fb[x, ])
  for (p in names(rows)) { put(case, paste0("est:", p), rows[[p]][1]); put(case, paste0("se:", p), rows[[p]][2]); put(case, paste0("p:", p), rows[[p]][4]) }
  a <- fa[x, 1]; b <- fb[m, 1]
  put(case, "sobel_z", a * b / sqrt(b^2 * fa[x, 2]^2 + a^2 * fb[m, 2]^2))
}
med("lk_med", lk, "hygiene", "motivator", "os")
med("lk_med_cov", lk, "hygiene", "motivator", "os", c("gender"))
med("mt_med", mt, "wt", "hp", "mpg")

moder <- function(case, d, x, w, y) {
  d$xc <- d[[x]] - mean(d[[x]]); wm <- mean(d[[w]]); ws <- sd(d[[w]])
  d$wc <- d[[w]] - wm
  m <- lm(reformulate(c("xc", "wc", "xc:wc"), y), d)
  cf <- coef(summary(m))
  put(case, "b_x", cf["xc", 1]); put(case, "b_w", cf["wc", 1]); put(case, "b_xw", cf["xc:wc", 1])
  put(case, "se_xw", cf["xc:wc", 2]); put(case, "p_xw", cf["xc:wc", 4])
  r0 <- summary(lm(reformulate(c("xc", "wc"), y), d))$r.squared
  put(case, "r2_change", summary(m)$r.squared - r0)
  slope_at <- function(w0) { d$ww <- d[[w]] - w0; coef(summary(lm(reformulate(c("xc", "ww", "xc:ww"), y), d)))["xc", ] }
  for (lv in c("low", "mean", "high")) {
    w0 <- wm + c(low = -1, mean = 0, high = 1)[lv] * ws
    s <- slope_at(w0)
    put(case, paste0("slope:", lv), s[1]); put(case, paste0("slope_se:", lv), s[2]); put(case, paste0("slope_p:", lv), s[4])
  }
  tc <- qt(0.975, nrow(d) - 4)
  f <- function(w0) abs(slope_at(w0)[3]) - tc
  grid <- seq(min(d[[w]]) - 3 * ws, max(d[[w]]) + 3 * ws, length.out = 400)
  vals <- sapply(grid, f)
  k <- 0
  for (i in 1:(length(grid) - 1)) if (sign(vals[i]) != sign(vals[i + 1])) {
    k <- k + 1; put(case, paste0("jn:", k), uniroot(f, c(grid[i], grid[i + 1]), tol = 1e-13)$root)
  }
  put(case, "jn_count", k)
}
moder("mt_mod", mt, "hp", "wt", "mpg")
moder("lk_mod", lk, "hygiene", "motivator", "os")
write.csv(out, "mediation_expected.csv", row.names = FALSE)
