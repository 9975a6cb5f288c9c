# Reference values for survey.models.prca: penalty-reward contrast analysis by lm on dummies.
# Run: cd tests/reference/models && Rscript prca.R   (reads prca_synthetic.csv from make_prca_data.py)
d <- read.csv("prca_synthetic.csv")
attrs <- c("housing", "schooling", "platform", "career")
X <- data.frame(overall = d$overall)
for (a in attrs) {
  X[[paste0(a, "_low")]] <- as.numeric(d[[a]] >= 1 & d[[a]] <= 2)   # low band 1-2
  X[[paste0(a, "_high")]] <- as.numeric(d[[a]] == 5)                 # high band 5
}
fit <- lm(overall ~ ., data = X)
cf <- summary(fit)$coefficients
p <- cf[paste0(attrs, "_low"), "Estimate"]; r <- cf[paste0(attrs, "_high"), "Estimate"]
riocs <- r + abs(p); ia <- (r - abs(p)) / riocs
out <- data.frame(attribute = attrs, penalty = p, penalty_se = cf[paste0(attrs, "_low"), "Std. Error"],
                  reward = r, reward_se = cf[paste0(attrs, "_high"), "Std. Error"], riocs = riocs, ia = ia,
                  class = ifelse(ia > .2, "excitement", ifelse(ia < -.2, "basic", "performance")))
write.csv(format(out, digits = 15), "prca_expected.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("r2", format(summary(fit)$r.squared, digits = 15)),
             "call: lm(overall ~ ., data = dummies); low = 1-2, high = 5"), "prca_expected.txt")
print(out)
