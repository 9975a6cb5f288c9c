# Seeded synthetic coding data for the interview agreement references (run once; output kept).
# Rscript make_data.R
set.seed(20240611)
cats <- c("hygiene", "motivator", "neutral", "other")
n <- 60
a <- sample(cats, n, replace = TRUE, prob = c(.4, .3, .2, .1))
b <- ifelse(runif(n) < .7, a, sample(cats, n, replace = TRUE))
b[c(5, 17)] <- NA                       # two units coder B skipped
write.csv(data.frame(unit = 1:n, coder_a = a, coder_b = b), "cohen_pairs.csv", row.names = FALSE, na = "")
# binary case (one code applied / not applied by two coders)
x <- rbinom(40, 1, .35)
y <- ifelse(runif(40) < .8, x, 1 - x)
write.csv(data.frame(unit = 1:40, coder_a = x, coder_b = y), "cohen_binary.csv", row.names = FALSE)
# Fleiss: 30 units x 4 raters, 3 categories
truth <- sample(c("A", "B", "C"), 30, replace = TRUE)
r <- sapply(1:4, function(j) ifelse(runif(30) < .65, truth, sample(c("A", "B", "C"), 30, replace = TRUE)))
colnames(r) <- paste0("rater", 1:4)
write.csv(data.frame(unit = 1:30, r), "fleiss_ratings.csv", row.names = FALSE)
