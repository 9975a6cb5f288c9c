# Reference values for survey.stats.crosstabs and survey.stats.descriptives.
# Run from this folder:  Rscript crosstab_descriptives.R  -> crosstab_descriptives_expected.csv
# chisq.test(correct = FALSE / TRUE), fisher.test, Cramér's V by hand; skewness/kurtosis as SPSS
# (G1, G2 = e1071 type 2) with SPSS standard errors, by hand.
out <- data.frame(case = character(), quantity = character(), value = character())
put <- function(case, quantity, value) {
  out <<- rbind(out, data.frame(case = case, quantity = quantity, value = format(value, digits = 15)))
}
put("meta", "R_version", 0); out$value[nrow(out)] <- R.version.string
lk <- read.csv("likert.csv", fileEncoding = "UTF-8")

xt <- function(case, a, b) {
  tb <- table(a, b)
  ch <- suppressWarnings(chisq.test(tb, correct = FALSE))
  put(case, "chi2", ch$statistic); put(case, "df", ch$parameter); put(case, "p", ch$p.value)
  put(case, "V", sqrt(ch$statistic / (sum(tb) * (min(dim(tb)) - 1))))
  put(case, "min_expected", min(ch$expected))
  if (all(dim(tb) == 2)) {
    cc <- suppressWarnings(chisq.test(tb, correct = TRUE))
    put(case, "chi2_yates", cc$statistic); put(case, "p_yates", cc$p.value)
    put(case, "fisher_p", fisher.test(tb)$p.value)
  }
}
xt("gender_edu", lk$gender, lk$education)
xt("gender_leave", lk$gender, lk$leave)
sub <- mtcars[mtcars$cyl != 8, ]
xt("am_vs_small", sub$am, sub$vs)
xt("cyl_gear", mtcars$cyl, mtcars$gear)
xt("am_vs", mtcars$am, mtcars$vs)
xt("edu_leave", lk$education, lk$leave)

desc <- function(case, x) {
  x <- x[!is.na(x)]; n <- length(x); m <- mean(x); d <- x - m
  m2 <- mean(d^2); g1 <- mean(d^3) / m2^1.5; g2 <- mean(d^4) / m2^2 - 3
  G1 <- sqrt(n * (n - 1)) / (n - 2) * g1
  G2 <- (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
  ses <- sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
  sek <- 2 * ses * sqrt((n^2 - 1) / ((n - 3) * (n + 5)))
  put(case, "n", n); put(case, "mean", m); put(case, "sd", sd(x)); put(case, "median", median(x))
  put(case, "skew", G1); put(case, "skew_se", ses); put(case, "kurtosis", G2); put(case, "kurtosis_se", sek)
}
desc("mpg", mtcars$mpg); desc("hp", mtcars$hp); desc("Ozone", airquality$Ozone)
desc("hygiene", lk$hygiene); desc("h1", lk$h1)
for (g in c(1, 2)) desc(paste0("hygiene_g", g), lk$hygiene[lk$gender == g])
write.csv(out, "crosstab_descriptives_expected.csv", row.names = FALSE)
