#!/usr/bin/env Rscript
# Reference values for 平均値の比較 (issue 25, analysis/crosstabs/compare-means.ts), from base R:
# per group mean, sd and median (quantile(type = 7)); the rating's summary (mean, sd, quantile type 7); oneway.test(wait ~ age, var.equal = FALSE)
# for a number answer and kruskal.test(sat ~ age) for a 5-point rating, over the groups with at
# least 5 answers (the minimum group size), as the toolkit tests them.
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-means-reference.R
# It rewrites test/reference/fixtures/means-by-group.json; test/analysis/report/means-by-group.test.ts
# reads it (the respondents are in the fixture, so both sides see the same data).

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))
out_path <- file.path(here, "fixtures", "means-by-group.json")

set.seed(20261207)
ages <- c(rep("young", 60), rep("mid", 45), rep("old", 70), rep("teen", 2))
n <- length(ages)
wait <- round(rexp(n, 1 / c(young = 8, mid = 12, old = 15, teen = 5)[ages]), 1)
wait[sample(n, 12)] <- NA
sat <- sapply(ages, function(a) sample(1:5, 1, prob = list(young = c(1, 2, 3, 3, 1), mid = c(1, 1, 3, 3, 2), old = c(1, 1, 2, 4, 4), teen = c(1, 1, 1, 1, 1))[[a]]))
sat[sample(n, 9)] <- NA

stats <- function(x) {
  x <- x[!is.na(x)]
  list(n = length(x), mean = scalar(mean(x)), sd = scalar(sd(x)), median = scalar(unname(quantile(x, 0.5, type = 7))))
}
tested <- c("young", "mid", "old")
keep <- ages %in% tested
w <- oneway.test(wait ~ factor(ages), data = data.frame(wait = wait[keep], ages = ages[keep]), var.equal = FALSE)
k <- kruskal.test(sat ~ factor(ages), data = data.frame(sat = sat[keep], ages = ages[keep]))

out <- list(
  respondents = lapply(seq_len(n), function(i) list(age = ages[i], wait = if (is.na(wait[i])) NULL else scalar(wait[i]), sat = if (is.na(sat[i])) NULL else sat[i])),
  wait = list(groups = lapply(setNames(tested, tested), function(a) stats(wait[ages == a])), total = stats(wait),
              test = list(statistic = scalar(unname(w$statistic)), df1 = scalar(unname(w$parameter[1])), df2 = scalar(unname(w$parameter[2])), p = scalar(w$p.value))),
  satSummary = list(mean = scalar(mean(sat, na.rm = TRUE)), sd = scalar(sd(sat, na.rm = TRUE)), quantiles = num(unname(quantile(sat, c(0, 0.25, 0.5, 0.75, 1), type = 7, na.rm = TRUE)))),
  sat = list(groups = lapply(setNames(tested, tested), function(a) stats(sat[ages == a])), total = stats(sat),
             test = list(statistic = scalar(unname(k$statistic)), df1 = scalar(unname(k$parameter)), p = scalar(k$p.value)))
)
writeLines(toJSON(out, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, null = "null"), out_path)
