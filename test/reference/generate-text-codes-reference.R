#!/usr/bin/env Rscript
# Reference values for the code cross-tabs of free text (issue 27, analysis/text/cross-tabulate-codes.ts), from base R
# (Debian r-base, r-cran-jsonlite). Each code is treated as a checkbox option: per code, the table of groups × (has the
# code, has not) over the comments of the groups at or above the minimum size, then
#   chisq.test(table, correct = FALSE): statistic, df, p, and $stdres[, 1] (the adjusted residual of "has the code");
#   Cramér's V = sqrt(statistic / (n · (min(rows, cols) − 1)));
#   p.adjust(p, "holm") over the codes whose table can be tested (both columns non-empty);
#   shares = comments with the code / comments in the group, for every group.
# The comments' groups and codes are drawn here with R's own generator (set.seed), and written to the fixture with
# the expected values, so the test feeds the toolkit exactly the data R saw.
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-text-codes-reference.R
# It rewrites test/reference/fixtures/text-codes.json; test/analysis/text/cross-tabulate-codes.test.ts reads it.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))

out_path <- file.path(here, "fixtures", "text-codes.json")
set.seed(27)

# sizes: comments per group (a group code per comment, −1 for none); probs[g, k]: chance that a comment of group g has
# code k, so that codes depend on the group as the seeded comments' topics depend on age band.
make_case <- function(name, sizes, probs, min_group_size, ungrouped = 0) {
  group <- c(rep(seq_along(sizes) - 1L, sizes), rep(-1L, ungrouped))
  group <- group[sample.int(length(group))]
  coded <- lapply(seq_len(ncol(probs)), function(k) {
    p <- ifelse(group >= 0, probs[pmax(group, 0) + 1, k], 0.3)
    as.integer(runif(length(group)) < p)
  })
  tested <- which(sizes >= min_group_size) - 1L
  codes <- lapply(seq_along(coded), function(k) {
    x <- coded[[k]]
    keep <- group %in% tested
    tab <- table(factor(group[keep], levels = tested), factor(x[keep], levels = c(1L, 0L)))
    shares <- sapply(seq_along(sizes) - 1L, function(g) if (sum(group == g) > 0) mean(x[group == g]) else NA)
    out <- list(shares = num(shares), counts = lapply(seq_along(sizes) - 1L, function(g) sum(x[group == g])))
    if (length(tested) >= 2 && all(colSums(tab) > 0)) {
      ct <- suppressWarnings(chisq.test(tab, correct = FALSE))
      n <- sum(tab)
      out$statistic <- scalar(unname(ct$statistic))
      out$df <- unname(ct$parameter)
      out$p <- unname(ct$p.value)
      out$cramersV <- scalar(sqrt(unname(ct$statistic) / (n * (min(dim(tab)) - 1))))
      out$residuals <- num(unname(ct$stdres[, 1]))
    }
    out
  })
  testable <- which(sapply(codes, function(code) !is.null(code$p)))
  adjusted <- p.adjust(sapply(codes[testable], function(code) code$p), "holm")
  for (i in seq_along(testable)) {
    codes[[testable[i]]]$pAdjusted <- scalar(adjusted[i])
    codes[[testable[i]]]$p <- scalar(codes[[testable[i]]]$p)
  }
  list(
    name = name,
    minGroupSize = min_group_size,
    groupCount = length(sizes),
    testedGroups = tested,
    group = group,
    coded = coded,
    codes = codes
  )
}

cases <- list(
  # Four age bands, every one large enough: waiting matters to the old, online procedures to the young.
  make_case("four age bands", c(120, 150, 140, 90), rbind(
    c(0.15, 0.55, 0.30),
    c(0.25, 0.45, 0.30),
    c(0.40, 0.30, 0.32),
    c(0.55, 0.15, 0.28)
  ), min_group_size = 10, ungrouped = 25),
  # A group of 4 under the minimum of 10 is left out of the tests; a code nobody in the tested groups has is untested.
  make_case("a small group", c(80, 70, 4), rbind(
    c(0.2, 0.6, 0.0),
    c(0.5, 0.4, 0.0),
    c(0.5, 0.5, 1.0)
  ), min_group_size = 10)
)

writeLines(toJSON(list(cases = cases), auto_unbox = TRUE, digits = NA, json_verbatim = TRUE), out_path)
cat("wrote", out_path, "\n")
