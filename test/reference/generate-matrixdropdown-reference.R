#!/usr/bin/env Rscript
# Reference values for a matrixdropdown summarised per cell column (issue 25,
# analysis/summaries/summarize-questions.ts, analysis/crosstabs/): per matrix row,
# - the number column `minutes`: mean, sd, quantile(type = 7) (min, q1, median, q3, max), and
#   oneway.test(minutes ~ place, var.equal = FALSE) (平均値の比較, Welch);
# - the rating column `score`: mean, the share of 4 and 5 (top two), kruskal.test(score ~ place);
# - the dropdown column `freq`: chisq.test(table(place, freq), correct = FALSE) (クロス集計);
# - the checkbox column `purpose`: per option, chosen among those who answered the cell.
# Every group has at least 5 answers, so every group is tested, as the toolkit tests them.
# Weighted (raked to the `place` margins below; one margin, so w = population / respondents of
# the place): svymean, sqrt(svyvar) and svyquantile(qrule = "hf7") of `minutes`, svymean of the
# `score` and of score >= 4, on svydesign(ids = ~1, weights = ~w).
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-matrixdropdown-reference.R
# It rewrites test/reference/fixtures/matrixdropdown.json; test/analysis/report/matrixdropdown-report.test.ts
# reads it (the respondents are in the fixture, so both sides see the same data).

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))
out_path <- file.path(here, "fixtures", "matrixdropdown.json")

set.seed(20261208)
n <- 160
places <- sample(c("north", "south", "east"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
rows <- c("library", "pool")
freqs <- c("weekly", "monthly", "rarely")
purposes <- c("study", "sport", "meet")

cell <- function(row) {
  shift <- if (row == "pool") 4 else 0
  d <- data.frame(
    freq = sapply(places, function(p) sample(freqs, 1, prob = list(north = c(5, 3, 2), south = c(2, 3, 5), east = c(3, 4, 3))[[p]])),
    score = sapply(places, function(p) sample(1:5, 1, prob = list(north = c(1, 2, 3, 3, 1), south = c(1, 1, 2, 4, 4), east = c(2, 2, 3, 2, 1))[[p]])),
    minutes = round(rexp(n, 1 / c(north = 20, south = 30, east = 45)[places]) + shift, 1),
    again = runif(n) < 0.6,
    stringsAsFactors = FALSE
  )
  d$freq[sample(n, 14)] <- NA
  d$score[sample(n, 11)] <- NA
  d$minutes[sample(n, 17)] <- NA
  d$again[sample(n, 9)] <- NA
  d$purpose <- lapply(seq_len(n), function(i) if (runif(1) < 0.15) character(0) else purposes[runif(3) < c(0.5, 0.4, 0.3)])
  d$remark <- ifelse(runif(n) < 0.2, paste0("メモ", seq_len(n)), NA)
  d
}
cells <- setNames(lapply(rows, cell), rows)

describe <- function(x) {
  x <- x[!is.na(x)]
  list(n = length(x), mean = scalar(mean(x)), sd = scalar(sd(x)), quantiles = num(unname(quantile(x, c(0, 0.25, 0.5, 0.75, 1), type = 7))))
}
per_row <- function(row) {
  d <- cells[[row]]
  w <- oneway.test(minutes ~ factor(place), data = data.frame(minutes = d$minutes, place = places), var.equal = FALSE)
  k <- kruskal.test(score ~ factor(place), data = data.frame(score = d$score, place = places))
  x <- chisq.test(table(places[!is.na(d$freq)], d$freq[!is.na(d$freq)]), correct = FALSE)
  answered <- sapply(d$purpose, length) > 0
  list(
    minutes = describe(d$minutes),
    minutesWelch = list(statistic = scalar(unname(w$statistic)), df1 = scalar(unname(w$parameter[1])), df2 = scalar(unname(w$parameter[2])), p = scalar(w$p.value)),
    score = list(n = sum(!is.na(d$score)), mean = scalar(mean(d$score, na.rm = TRUE)), topTwo = scalar(mean(d$score[!is.na(d$score)] >= 4))),
    scoreKruskal = list(statistic = scalar(unname(k$statistic)), df = scalar(unname(k$parameter)), p = scalar(k$p.value)),
    freqChisq = list(statistic = scalar(unname(x$statistic)), df = scalar(unname(x$parameter)), p = scalar(x$p.value)),
    purpose = list(answered = sum(answered), shares = num(sapply(purposes, function(o) mean(sapply(d$purpose[answered], function(p) o %in% p)))))
  )
}

respondent <- function(i) {
  visits <- list()
  for (row in rows) {
    d <- cells[[row]]
    c <- list()
    if (!is.na(d$freq[i])) c$freq <- d$freq[i]
    if (length(d$purpose[[i]]) > 0) c$purpose <- I(d$purpose[[i]])
    if (!is.na(d$again[i])) c$again <- d$again[i]
    if (!is.na(d$score[i])) c$score <- d$score[i]
    if (!is.na(d$minutes[i])) {
      c$minutes <- scalar(d$minutes[i])
      c$total <- scalar(d$minutes[i] * 2) # the expression column: survey-core stores what it computed
    }
    if (!is.na(d$remark[i])) c$remark <- d$remark[i]
    if (length(c) > 0) visits[[row]] <- c
  }
  out <- list(place = places[i])
  if (length(visits) > 0) out$visits <- visits
  out
}

margins <- c(north = 5000, south = 3000, east = 2000)
w <- as.numeric(margins[places]) / as.numeric(table(places)[places])
weighted_row <- function(row) {
  d <- cells[[row]]
  ok <- !is.na(d$minutes)
  dq <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = d$minutes[ok], w = w[ok]))
  scored <- !is.na(d$score)
  ds <- svydesign(ids = ~1, weights = ~w, data = data.frame(score = d$score[scored], w = w[scored]))
  list(
    minutes = list(mean = scalar(unname(coef(svymean(~x, dq)))), sd = scalar(sqrt(unname(coef(svyvar(~x, dq))))),
                   quartiles = num(unname(coef(svyquantile(~x, dq, c(0.25, 0.5, 0.75), qrule = "hf7"))))),
    score = list(mean = scalar(unname(coef(svymean(~score, ds)))), topTwo = scalar(unname(coef(svymean(~I(as.numeric(score >= 4)), ds)))))
  )
}

out <- list(
  respondents = lapply(seq_len(n), respondent),
  rows = setNames(lapply(rows, per_row), rows),
  weighted = list(
    margins = lapply(names(margins), function(p) list(question = "place", value = p, population = unname(margins[p]))),
    rows = setNames(lapply(rows, weighted_row), rows)
  )
)
writeLines(toJSON(out, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, null = "null"), out_path)
