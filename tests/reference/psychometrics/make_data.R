# Writes the R data sets used by the psychometrics reference tests (run once; outputs committed).
#   Rscript make_data.R
# bfi.csv: psych::bfi (2,800 x 28, with its missing values) -- 25 items + gender, education, age.
# holzinger.csv: lavaan::HolzingerSwineford1939 (301 x 15).
library(psych); library(lavaan)
bfi_out <- data.frame(id = rownames(psych::bfi), psych::bfi)
write.csv(bfi_out, "bfi.csv", row.names = FALSE, na = "")
write.csv(lavaan::HolzingerSwineford1939, "holzinger.csv", row.names = FALSE, na = "")
cat("psych", as.character(packageVersion("psych")), "lavaan", as.character(packageVersion("lavaan")), "\n")
