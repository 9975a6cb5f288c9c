# Shared helpers for the psychometrics reference scripts (sourced by each *.R here).
suppressPackageStartupMessages({library(psych); library(jsonlite)})
versions <- function() list(R = R.version.string, psych = as.character(packageVersion("psych")),
  GPArotation = as.character(packageVersion("GPArotation")),
  lavaan = as.character(packageVersion("lavaan")), haven = as.character(packageVersion("haven")))
save_json <- function(x, file, script) {
  x$meta <- list(script = script, versions = versions(), generated = format(Sys.time(), "%Y-%m-%d"))
  writeLines(toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), file)
}
bfi_raw <- read.csv("bfi.csv")
bfi_items <- c(paste0("A", 1:5), paste0("C", 1:5), paste0("E", 1:5), paste0("N", 1:5), paste0("O", 1:5))
bfi_cc <- na.omit(bfi_raw[, bfi_items])            # complete cases on the 25 items (n = 2436)
bfi_reverse <- c("A1", "C4", "C5", "E1", "E2", "O2", "O5")   # psych's bfi.keys; 1..6 scale -> 7 - x
bfi_keyed <- function(d) { for (v in intersect(bfi_reverse, names(d))) d[[v]] <- 7 - d[[v]]; d }
saq <- as.data.frame(haven::zap_labels(haven::read_sav("../../data/field_saq.sav")))
saq_keyed <- saq; saq_keyed$Question_03 <- 6 - saq_keyed$Question_03   # reverse-worded item
saq_scales <- list(
  computers = sprintf("Question_%02d", c(6, 7, 10, 13, 14, 15, 18)),
  statistics = sprintf("Question_%02d", c(1, 3, 4, 5, 12, 16, 20, 21)),
  maths = sprintf("Question_%02d", c(8, 11, 17)),
  peers = sprintf("Question_%02d", c(2, 9, 19, 22, 23)))
bfi_scales <- list(A = paste0("A", 1:5), C = paste0("C", 1:5), E = paste0("E", 1:5),
  N = paste0("N", 1:5), O = paste0("O", 1:5))
