#!/usr/bin/env Rscript
# Reference values for Welch's one-way test and the F tail (issue 25, numeric cross-tabs), from
# base R (Debian r-base): oneway.test(y ~ g, var.equal = FALSE) and pf(f, d1, d2, lower.tail =
# FALSE), pbeta(x, a, b).
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-welch-reference.R
# It rewrites test/reference/fixtures/welch-anova.json; test/analysis/stats/welch-anova.test.ts
# reads it.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))
out_path <- file.path(here, "fixtures", "welch-anova.json")

set.seed(20261207)
cases <- list()
add <- function(name, groups) {
  y <- unlist(groups)
  g <- factor(rep(seq_along(groups), sapply(groups, length)))
  r <- oneway.test(y ~ g, var.equal = FALSE)
  cases[[length(cases) + 1]] <<- list(
    name = name,
    groups = lapply(groups, num),
    statistic = scalar(unname(r$statistic)),
    df1 = scalar(unname(r$parameter[1])),
    df2 = scalar(unname(r$parameter[2])),
    p = scalar(r$p.value)
  )
}
add("three groups, unequal spread", list(rnorm(40, 30, 5), rnorm(25, 33, 12), rnorm(60, 29, 2)))
add("two groups (Welch's t squared)", list(rnorm(15, 10, 1), rnorm(22, 11, 3)))
add("no difference", list(rnorm(50, 0, 1), rnorm(50, 0, 1), rnorm(50, 0, 1), rnorm(50, 0, 1)))
add("whole numbers with ties (minutes waited)", list(rpois(80, 12), rpois(45, 20), rpois(30, 9), rpois(12, 15)))
add("a large effect (tiny p)", list(rnorm(200, 0, 1), rnorm(200, 3, 2)))

tails <- list()
for (x in list(c(0.5, 1, 10), c(3.2, 2, 50.5), c(1e-3, 4, 7), c(40, 3, 120), c(2.5, 10, 3.3), c(150, 1, 398))) {
  tails[[length(tails) + 1]] <- list(f = scalar(x[1]), d1 = scalar(x[2]), d2 = scalar(x[3]), p = scalar(pf(x[1], x[2], x[3], lower.tail = FALSE)))
}
betas <- list()
for (x in list(c(0.3, 2, 5), c(0.9, 0.5, 0.5), c(0.01, 10, 3), c(0.999, 30, 2), c(0.5, 200, 180))) {
  betas[[length(betas) + 1]] <- list(x = scalar(x[1]), a = scalar(x[2]), b = scalar(x[3]), value = scalar(pbeta(x[1], x[2], x[3])))
}

writeLines(toJSON(list(cases = cases, tails = tails, betas = betas), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE), out_path)
