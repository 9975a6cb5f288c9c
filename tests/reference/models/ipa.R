# Reference values for survey.models.ipa derived importance, on prca_synthetic.csv.
# Run: cd tests/reference/models && Rscript ipa.R
d <- read.csv("prca_synthetic.csv")
attrs <- c("housing", "schooling", "platform", "career")
r <- sapply(attrs, function(a) cor(d[[a]], d$overall))
z <- as.data.frame(scale(d[, c("overall", attrs)]))
beta <- coef(lm(overall ~ ., data = z))[attrs]
# partial correlation: correlate the residuals of y and of x_j on the other attributes
partial <- sapply(attrs, function(a) {
  o <- setdiff(attrs, a)
  cor(resid(lm(reformulate(o, "overall"), d)), resid(lm(reformulate(o, a), d)))
})
perf <- colMeans(d[, attrs])
out <- data.frame(attribute = attrs, performance = perf, correlation = r, beta = beta, partial = partial)
write.csv(format(out, digits = 15), "ipa_expected.csv", row.names = FALSE)
writeLines(c(R.version.string, "calls: cor(); lm(overall ~ ., scale(d)); cor(resid(lm(y ~ others)), resid(lm(x ~ others)))"),
           "ipa_expected.txt")
print(out)
