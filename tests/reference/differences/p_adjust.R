# Reference values for survey.adjust_p: R's p.adjust on a fixed family of p values.
# Run: Rscript p_adjust.R > p_adjust.csv
p <- c(0.0004, 0.012, 0.021, 0.049, 0.051, 0.2, 0.74, 0.0001, 0.033, 0.5)
out <- data.frame(p = p)
for (m in c("holm", "bonferroni", "hochberg", "BH", "BY")) out[[m]] <- p.adjust(p, method = m)
cat(sprintf("# R %s, stats::p.adjust\n", paste(R.version$major, R.version$minor, sep = ".")))
write.csv(format(out, digits = 15), row.names = FALSE, quote = FALSE)
