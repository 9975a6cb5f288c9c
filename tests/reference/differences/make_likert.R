# Seeded synthetic Likert survey used by the reference tests (run once: Rscript make_likert.R).
# 300 respondents: gender (1 male, 2 female), education (3 levels, labels in Chinese),
# age band, four hygiene and four motivator items (1-5), overall satisfaction (1-5),
# satisfaction label (Chinese, ordered 不满意 < 一般 < 满意), intention to leave (0/1).
set.seed(20240502)
n <- 300
gender <- sample(1:2, n, replace = TRUE, prob = c(0.55, 0.45))
edu <- sample(c("本科", "硕士", "博士"), n, replace = TRUE, prob = c(0.3, 0.45, 0.25))
age <- sample(c("<30", "30-39", "40-49", "50+"), n, replace = TRUE, prob = c(0.3, 0.4, 0.25, 0.05))
hyg <- rnorm(n)
mot <- 0.4 * hyg + rnorm(n) + 0.3 * (edu == "博士")
lik <- function(latent) pmin(5, pmax(1, round(3 + latent + rnorm(length(latent), 0, 0.7))))
items <- data.frame(
  h1 = lik(hyg), h2 = lik(hyg), h3 = lik(hyg), h4 = lik(hyg),
  m1 = lik(mot), m2 = lik(mot), m3 = lik(mot), m4 = lik(mot)
)
hygiene <- rowMeans(items[, 1:4]); motivator <- rowMeans(items[, 5:8])
os_latent <- 0.5 * hygiene + 0.7 * motivator + 0.3 * (gender == 2) + rnorm(n, 0, 0.8)
os <- as.integer(cut(os_latent, quantile(os_latent, c(0, 0.1, 0.3, 0.65, 0.9, 1)), include.lowest = TRUE))
sat_label <- c("不满意", "一般", "满意")[pmin(3, pmax(1, os - 1))]
leave <- rbinom(n, 1, plogis(2.5 - 0.6 * hygiene - 0.4 * motivator))
d <- data.frame(id = sprintf("R%03d", 1:n), gender, education = edu, age, items,
                hygiene, motivator, os, sat_label, leave)
write.csv(d, "likert.csv", row.names = FALSE, fileEncoding = "UTF-8")
