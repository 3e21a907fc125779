#!/usr/bin/env Rscript
# Reference values for the question summaries (単純集計, issue 11), from base R and the survey
# package (Debian r-base, r-cran-survey, r-cran-jsonlite), on svydesign(ids = ~1, weights = ~w)
# over the respondents who answered:
# - a single answer: shares = svymean(~factor(x)), mean = svymean(~score), topTwo = svymean of
#   (score >= 4); unweighted: prop.table(table(x)) and mean();
# - a checkbox option: svymean of its 0/1 indicator;
# - a ranking: the share ranking an item r-th = svymean of (rank == r);
# - numbers: svymean, sqrt(svyvar), svyquantile(qrule = "hf7") for the quartiles; unweighted:
#   mean, sd, quantile(type = 7).
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-summary-reference.R
# It rewrites test/reference/fixtures/summaries.json; test/analysis/summaries/summarize-answers.test.ts reads it.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))

out_path <- file.path(here, "fixtures", "summaries.json")

set.seed(41204)
n <- 500
w <- round(exp(rnorm(n, 0, 0.5)), 6)
# A 5-point satisfaction scale coded 5 (best) … 1, with no answer as -1.
scale_values <- c(5, 4, 3, 2, 1)
codes <- sample(0:4, n, replace = TRUE, prob = c(0.2, 0.35, 0.25, 0.15, 0.05))
codes[runif(n) < 0.1] <- -1
# A checkbox with 4 options.
answered <- as.integer(runif(n) < 0.85)
chosen <- lapply(c(0.5, 0.3, 0.2, 0.1), function(p) as.integer(answered == 1 & runif(n) < p))
# A ranking of 4 items, complete for those who answered.
ranked <- as.integer(runif(n) < 0.8)
ranks <- t(sapply(seq_len(n), function(i) if (ranked[i] == 1) sample(1:4) else rep(0, 4)))
# A number (minutes waited), with ties and no answer as NaN.
minutes <- round(rgamma(n, shape = 2, scale = 8), 1)
minutes[1:40] <- 10  # ties
minutes[runif(n) < 0.12] <- NaN

summaries <- function(weighted) {
  ww <- if (weighted) w else rep(1, n)
  single <- codes >= 0
  d <- data.frame(x = factor(codes[single], levels = 0:4), score = scale_values[codes[single] + 1], w = ww[single])
  multi <- answered == 1
  m <- data.frame(do.call(cbind, lapply(chosen, function(c) c[multi])), w = ww[multi])
  rk <- ranked == 1
  r <- data.frame(ranks[rk, ], w = ww[rk])
  num_ok <- !is.nan(minutes)
  q <- data.frame(x = minutes[num_ok], w = ww[num_ok])
  out <- list()
  if (weighted) {
    ds <- svydesign(ids = ~1, weights = ~w, data = d)
    out$singleShares <- num(unname(coef(svymean(~x, ds))))
    out$singleMean <- scalar(unname(coef(svymean(~score, ds))))
    out$singleTopTwo <- scalar(unname(coef(svymean(~I(as.numeric(score >= 4)), ds))))
    dm <- svydesign(ids = ~1, weights = ~w, data = m)
    out$multipleShares <- num(sapply(1:4, function(o) unname(coef(svymean(as.formula(paste0("~X", o)), dm)))))
    dr <- svydesign(ids = ~1, weights = ~w, data = r)
    out$rankShares <- lapply(1:4, function(item) num(sapply(1:4, function(k) unname(coef(svymean(as.formula(paste0("~I(as.numeric(X", item, " == ", k, "))")), dr))))))
    dq <- svydesign(ids = ~1, weights = ~w, data = q)
    out$mean <- scalar(unname(coef(svymean(~x, dq))))
    out$sd <- scalar(sqrt(unname(coef(svyvar(~x, dq)))))
    out$quartiles <- num(unname(coef(svyquantile(~x, dq, c(0.25, 0.5, 0.75), qrule = "hf7"))))
  } else {
    out$singleShares <- num(unname(as.numeric(prop.table(table(d$x)))))
    out$singleMean <- scalar(mean(d$score))
    out$singleTopTwo <- scalar(mean(d$score >= 4))
    out$multipleShares <- num(sapply(1:4, function(o) mean(m[[o]])))
    out$rankShares <- lapply(1:4, function(item) num(sapply(1:4, function(k) mean(r[[item]] == k))))
    out$mean <- scalar(mean(q$x))
    out$sd <- scalar(sd(q$x))
    out$quartiles <- num(unname(quantile(q$x, c(0.25, 0.5, 0.75), type = 7)))
  }
  out$min <- min(q$x)
  out$max <- max(q$x)
  out
}

fixture <- list(
  generatedBy = "test/reference/generate-summary-reference.R",
  tools = list(R = paste(R.version$major, R.version$minor, sep = "."), survey = as.character(packageVersion("survey"))),
  scaleValues = scale_values, weights = num(w), codes = num(codes), answered = num(answered), chosen = lapply(chosen, num),
  ranked = num(ranked), ranks = lapply(1:4, function(item) num(ranks[, item])), minutes = num(ifelse(is.nan(minutes), NA, minutes)),
  unweighted = summaries(FALSE), weighted = summaries(TRUE)
)
writeLines(toJSON(fixture, auto_unbox = TRUE, pretty = TRUE, null = "null", digits = NA, json_verbatim = TRUE), out_path)
cat("wrote", out_path, "\n")
