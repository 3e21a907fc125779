#!/usr/bin/env Rscript
# Reference values for the cross-tabulations (issue 11, "Cross-tabulations"), from base R and
# the survey package (Debian r-base, r-cran-survey, r-cran-jsonlite):
# - unweighted: chisq.test(table, correct = FALSE): statistic, df, p and $stdres (the adjusted
#   standardized residuals); shares = prop.table(table, 1);
# - weighted: shares = prop.table(svytable(~by + answer, design), 1); residuals =
#   chisq.test(svytable(~by + answer, design, Ntotal = n), correct = FALSE)$stdres; the test is
#   svychisq(~by + answer, design, statistic = "Chisq") (Rao–Scott), design = svydesign(ids = ~1,
#   weights = ~w) over the respondents of the tested groups who answered;
# - a checkbox option: the same on chosen (1) vs not chosen (0) among those who answered.
# Groups under the minimum size are dropped before the test, as the toolkit does.
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-crosstab-reference.R
# It rewrites test/reference/fixtures/crosstab.json; test/analysis/crosstabs/cross-tabulate.test.ts
# reads it.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))

out_path <- file.path(here, "fixtures", "crosstab.json")


# Expected values of one table: `groups` and `values` are the codes present in the tested rows.
reference <- function(by, answer, w, groups, values) {
  weighted <- !is.null(w)
  if (!weighted) w <- rep(1, length(by))
  d <- data.frame(by = factor(by, levels = groups), answer = factor(answer, levels = values), w = w)
  tab <- table(d$by, d$answer)
  shares <- prop.table(tab, 1)
  out <- list()
  if (!weighted) {
    ct <- suppressWarnings(chisq.test(tab, correct = FALSE))
    out$statistic <- scalar(unname(ct$statistic))
    out$df <- unname(ct$parameter)
    out$p <- scalar(ct$p.value)
    out$residuals <- lapply(seq_along(groups), function(i) num(unname(ct$stdres[i, ])))
    out$shares <- lapply(seq_along(groups), function(i) num(unname(shares[i, ])))
  } else {
    des <- svydesign(ids = ~1, weights = ~w, data = d)
    wt <- svytable(~by + answer, des)
    st <- svytable(~by + answer, des, Ntotal = nrow(d))
    ct <- suppressWarnings(chisq.test(st, correct = FALSE))
    rs <- svychisq(~by + answer, des, statistic = "Chisq")
    out$statistic <- scalar(unname(rs$statistic))
    out$df <- unname(rs$parameter)
    out$p <- scalar(rs$p.value)
    out$residuals <- lapply(seq_along(groups), function(i) num(unname(ct$stdres[i, ])))
    out$shares <- lapply(seq_along(groups), function(i) num(unname(prop.table(wt, 1)[i, ])))
  }
  out
}

set.seed(20261204)
cases <- list()

# A single-choice question (4 values) by 3 groups, with an effect; unweighted and weighted.
n <- 300
by <- sample(0:2, n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
answer <- sapply(by, function(g) sample(0:3, 1, prob = list(c(0.4, 0.3, 0.2, 0.1), c(0.2, 0.3, 0.3, 0.2), c(0.1, 0.2, 0.3, 0.4))[[g + 1]]))
w <- round(exp(rnorm(n, 0, 0.5)), 6)
no_answer <- runif(n) < 0.08
answer[no_answer] <- -1
keep <- answer >= 0
for (weighted in c(FALSE, TRUE)) {
  ref <- reference(by[keep], answer[keep], if (weighted) w[keep] else NULL, 0:2, 0:3)
  cases[[length(cases) + 1]] <- c(list(
    name = paste("single 3 x 4", if (weighted) "weighted" else "unweighted"), kind = "single",
    valueCount = 4, groupCount = 3, minGroupSize = 5, by = num(by), codes = num(answer),
    weights = if (weighted) num(w) else NULL, testedGroups = 0:2, testedValues = 0:3), ref)
}

# A small group (3 respondents, under 5) and an empty value column: the small group is hidden and
# untested, its complement hidden but tested; the empty value has no residual.
n <- 160
by <- sample(0:3, n, replace = TRUE, prob = c(0.45, 0.35, 0.2, 0))
by[1:3] <- 3
answer <- sample(c(0, 1, 3), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
w <- round(runif(n, 0.4, 2.5), 6)
for (weighted in c(FALSE, TRUE)) {
  tested <- by != 3
  ref <- reference(by[tested], answer[tested], if (weighted) w[tested] else NULL, 0:2, c(0, 1, 3))
  cases[[length(cases) + 1]] <- c(list(
    name = paste("small group and empty value", if (weighted) "weighted" else "unweighted"), kind = "single",
    valueCount = 4, groupCount = 4, minGroupSize = 5, by = num(by), codes = num(answer),
    weights = if (weighted) num(w) else NULL, testedGroups = 0:2, testedValues = c(0, 1, 3)), ref)
}

# A checkbox question with 3 options by 4 groups: each option chosen vs not among those who answered.
n <- 400
by <- sample(0:3, n, replace = TRUE)
answered <- as.integer(runif(n) < 0.9)
probs <- rbind(c(0.6, 0.5, 0.4, 0.2), c(0.3, 0.3, 0.3, 0.3), c(0.1, 0.2, 0.4, 0.6))
chosen <- lapply(1:3, function(o) as.integer(answered == 1 & runif(n) < probs[o, by + 1]))
w <- round(exp(rnorm(n, 0, 0.6)), 6)
for (weighted in c(FALSE, TRUE)) {
  keep <- answered == 1
  options <- lapply(1:3, function(o) reference(by[keep], 1 - chosen[[o]][keep], if (weighted) w[keep] else NULL, 0:3, 0:1))
  cases[[length(cases) + 1]] <- list(
    name = paste("checkbox 3 options x 4 groups", if (weighted) "weighted" else "unweighted"), kind = "multiple",
    groupCount = 4, minGroupSize = 5, by = num(by), answered = num(answered), chosen = lapply(chosen, num),
    weights = if (weighted) num(w) else NULL, testedGroups = 0:3, options = options)
}

fixture <- list(
  generatedBy = "test/reference/generate-crosstab-reference.R",
  tools = list(R = paste(R.version$major, R.version$minor, sep = "."), survey = as.character(packageVersion("survey"))),
  note = "For a checkbox option, the table's columns are chosen (value 0) and not chosen (value 1).",
  cases = cases
)
writeLines(toJSON(fixture, auto_unbox = TRUE, pretty = TRUE, null = "null", digits = NA, json_verbatim = TRUE), out_path)
cat("wrote", out_path, "\n")
