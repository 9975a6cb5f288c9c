# Reference values for multiple_response:  Rscript multiple_response.R -> multiple_response.json
# Data (written by this script, mr.csv): 240 respondents, a 5-option multiple-choice item
# (services_1..services_5, 1 = chosen; 12 rows all missing = not answered, some rows all 0 = no
# choice), a 3-level group and an "other" text column.
# Calls: colSums over the cases (respondents with at least one choice); for each option
#   chisq.test(table(chosen, group), correct = FALSE) and p.adjust(p, method = "holm"); the same on
#   groups 1 and 2 only (2 x 2 tables), with R's default Yates statistic beside it;
#   Cochran's Q by its formula, Q = (k - 1)(k sum C_j^2 - N^2) / (k N - sum R_i^2), df = k - 1,
#   pchisq(Q, k - 1, lower.tail = FALSE).
suppressPackageStartupMessages(library(jsonlite))
set.seed(16)
n <- 240
group <- sample(c(1, 2, 3), n, replace = TRUE, prob = c(.4, .35, .25))
p <- rbind(c(.60, .45, .30, .20, .08), c(.55, .30, .30, .35, .06), c(.70, .50, .15, .20, .10))
X <- t(sapply(seq_len(n), function(i) rbinom(5, 1, p[group[i], ])))
colnames(X) <- paste0("services_", 1:5)
X[1:12, ] <- NA
other <- rep("", n); other[which(X[, 5] == 1)[1:4]] <- c("人才公寓", "  子女入学 ", "", "户籍办理")
d <- data.frame(X, group = group, services_other = other)
write.csv(d, "mr.csv", row.names = FALSE, na = "")
answered <- rowSums(!is.na(X)) > 0
cases <- answered & rowSums(X, na.rm = TRUE) > 0
C <- X[cases, ]
counts <- colSums(C)
k <- ncol(C); R <- rowSums(C); N <- sum(C)
Q <- (k - 1) * (k * sum(counts^2) - N^2) / (k * N - sum(R^2))
tests <- lapply(colnames(C), function(o) {
  t <- suppressWarnings(chisq.test(table(factor(C[, o], levels = c(1, 0)), group[cases]), correct = FALSE))
  list(statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value)
})
names(tests) <- colnames(C)
pv <- sapply(tests, function(t) t$p_value)
# groups 1 and 2 only: 2 x 2 tables, where correct = FALSE (our default) and R's default Yates differ
two <- cases & group != 3
tests_two_groups <- lapply(colnames(X), function(o) {
  tab <- table(factor(X[two, o], levels = c(1, 0)), group[two])
  a <- chisq.test(tab, correct = FALSE); b <- chisq.test(tab)
  list(statistic = unname(a$statistic), p_value = a$p.value, yates_statistic = unname(b$statistic))
})
names(tests_two_groups) <- colnames(X)
out <- list(
  n_cases = sum(cases), n_missing = sum(!answered), n_no_choice = sum(answered & !cases), n_responses = N,
  counts = as.list(counts), response_percent = as.list(100 * counts / N), case_percent = as.list(100 * counts / sum(cases)),
  cochran = list(q = Q, df = k - 1, p_value = pchisq(Q, k - 1, lower.tail = FALSE)),
  tests = tests, tests_two_groups = tests_two_groups, p_holm = as.list(p.adjust(pv, method = "holm")),
  group_case_percent = lapply(split(as.data.frame(C), group[cases]), function(g) as.list(100 * colMeans(g))),
  meta = list(script = "multiple_response.R", versions = list(R = R.version.string), generated = format(Sys.time(), "%Y-%m-%d")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "multiple_response.json")
