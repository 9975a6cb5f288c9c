# Reference values for survey/stats/weights.py: raking, design-based (linearisation) standard
# errors, design effects and svyglm, from R's survey package.
#
# Run from this folder:  Rscript weights.R
# Writes weights_data.csv (the seeded data set, generated here) and weights.json.
# R 4.x, survey 4.1-1 (r-cran-survey), jsonlite.
suppressMessages({library(survey); library(jsonlite)})

# ---- the data: 300 respondents of a talent-service survey, design weights w0 by sector --------
set.seed(20261204)
n <- 300
category <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.2, 0.3, 0.5))
sector <- sample(c("enterprise", "government", "hospital", "university"), n, replace = TRUE,
                 prob = c(0.35, 0.2, 0.1, 0.35))
region <- sample(c("north", "south", "west"), n, replace = TRUE)
base_w <- c(enterprise = 20, government = 15, hospital = 12, university = 10)
w0 <- round(base_w[sector] * runif(n, 0.8, 1.2), 3)
x1 <- sample(1:5, n, replace = TRUE)
x2 <- sample(1:5, n, replace = TRUE)
lik <- function(m) pmin(5, pmax(1, round(m + rnorm(n, 0, 0.9))))
shift <- c(A = 0.4, B = 0, C = -0.3)[category]
s1 <- lik(2.4 + 0.3 * x1 + shift)
s2 <- lik(2.8 + 0.2 * x2 + shift)
s3 <- lik(3.0 + 0.1 * x1 + 0.1 * x2)
s4 <- lik(3.2 + shift)
s2[c(7, 41, 88, 150, 233, 299)] <- NA
y <- 2 + 0.5 * x1 + 0.3 * x2 + c(enterprise = 0, government = 0.4, hospital = -0.3, university = 0.6)[sector] +
  rnorm(n, 0, 1 + 0.2 * x1)
d <- data.frame(id = sprintf("r%03d", 1:n), category, sector, region, w0, x1, x2, s1, s2, s3, s4,
                y = round(y, 4), stringsAsFactors = FALSE)
write.csv(d, "weights_data.csv", row.names = FALSE, na = "")
d <- read.csv("weights_data.csv", stringsAsFactors = FALSE)
d$idx <- 100 * (rowMeans(d[, c("s1", "s2", "s3", "s4")]) - 1) / 4   # satisfaction index, 0-100, NA if any item is

# ---- population margins (the city's register): both sum to N = 5000 ----------------------------
pop_category <- data.frame(category = c("A", "B", "C"), Freq = c(1200, 1500, 2300))
pop_sector <- data.frame(sector = c("enterprise", "government", "hospital", "university"),
                         Freq = c(2000, 900, 500, 1600))

base <- svydesign(ids = ~1, weights = ~w0, data = d)
raked <- rake(base, list(~category, ~sector), list(pop_category, pop_sector),
              control = list(maxit = 200, epsilon = 1e-13))
d$wr <- weights(raked)
fixed <- svydesign(ids = ~1, weights = ~wr, data = d)   # the raked weights taken as fixed

stat <- function(s) {
  out <- list(estimate = unname(coef(s)), se = unname(SE(s)), names = names(coef(s)))
  if (!is.null(attr(s, "deff"))) out$deff <- unname(diag(as.matrix(attr(s, "deff"))))
  out
}
by_stat <- function(s) list(group = as.character(s[[1]]), estimate = unname(coef(s)), se = unname(SE(s)))
wald <- function(m, terms) {  # regTermTest(m, terms, method = "Wald"): F on (k, residual df)
  t <- regTermTest(m, terms, method = "Wald")
  list(f = unname(t$Ftest), df1 = unname(t$df), df2 = unname(t$ddf), p_value = unname(t$p))
}
glm_stat <- function(m) list(names = names(coef(m)), estimate = unname(coef(m)), se = unname(SE(m)),
                             p_value = unname(summary(m)$coefficients[, 4]), df = m$df.residual,
                             wald_all = wald(m, ~x1 + x2 + sector), wald_sector = wald(m, ~sector))
designs <- list(base = base, raked = raked, fixed = fixed)
res <- list(
  weights_raked = unname(d$wr),
  kish_n = list(base = sum(d$w0)^2 / sum(d$w0^2), raked = sum(d$wr)^2 / sum(d$wr^2))
)
for (nm in names(designs)) {
  ds <- designs[[nm]]
  res[[nm]] <- list(
    # svymean(~y + x1, ds, deff = "replace")
    mean = stat(svymean(~y + x1, ds, deff = "replace")),
    # svymean(~y, ds, deff = TRUE): the SRS variance without replacement, (1 - n/N)
    mean_deff_fpc = stat(svymean(~y, ds, deff = TRUE)),
    # svymean(~s2, ds, na.rm = TRUE): a column with missing answers
    mean_s2 = stat(svymean(~s2, ds, na.rm = TRUE, deff = "replace")),
    total = stat(svytotal(~y, ds)),
    var_y = unname(coef(svyvar(~y, ds))),
    # proportions of each code of s1: svymean(~factor(s1))
    prop_s1 = stat(svymean(~factor(s1), ds, deff = "replace")),
    index = stat(svymean(~idx, ds, na.rm = TRUE, deff = "replace")),
    by_region_y = by_stat(svyby(~y, ~region, ds, svymean)),
    by_region_index = by_stat(svyby(~idx, ~region, ds, svymean, na.rm = TRUE)),
    # svyglm(y ~ x1 + x2 + sector, ds): WLS with the sandwich (linearisation) variance
    glm = glm_stat(svyglm(y ~ x1 + x2 + sector, ds))
  )
}
res$versions <- list(R = R.version.string, survey = as.character(packageVersion("survey")))
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = TRUE), "weights.json")
