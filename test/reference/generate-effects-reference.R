#!/usr/bin/env Rscript
# Reference values for 効果検証 (issue 28), on seeded data sets of individual responses:
# - change of a share: prop.test(correct = FALSE)'s p and Newcomb's hybrid score interval
#   (method 10 of Newcomb 1998, written out below: R has no function for it);
# - change of a mean: t.test(var.equal = FALSE);
# - difference-in-differences: the interaction of lm(y ~ after * pilot) with
#   coeftest(fit, vcov = vcovHC(fit, type = "HC1")) and coefci(fit, vcov = …) (sandwich, lmtest);
# - weighted: svyglm(y ~ after) and svyglm(y ~ after * pilot) on svydesign(ids = ~1, weights = ~w)
#   of every response, subset to those compared: summary()'s p and confint()'s interval;
# - Student's t: qt and 2 * pt(-|t|, df);
# - a whole report's effects from records (report, below), with Holm's p.adjust per family and
#   the pre-trend DiD of the halves of the before period.
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-effects-reference.R
# It rewrites test/reference/fixtures/effects.json, with the generated responses next to the
# expected values. test/analysis/effects/effects-against-r.test.ts computes the same figures, and
# test/analysis/effects/report-effects-against-r.test.ts the report's from the records.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))
suppressPackageStartupMessages({
  library(sandwich)
  library(lmtest)
})
out_path <- file.path(here, "fixtures", "effects.json")

# Newcomb (1998) method 10: Wilson score intervals of each proportion, combined.
wilson <- function(x, n, z) {
  p <- x / n
  centre <- p + z^2 / (2 * n)
  half <- z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  c((centre - half) / (1 + z^2 / n), (centre + half) / (1 + z^2 / n))
}
newcomb <- function(x1, n1, x2, n2, z = qnorm(0.975)) {
  p1 <- x1 / n1
  p2 <- x2 / n2
  w1 <- wilson(x1, n1, z)
  w2 <- wilson(x2, n2, z)
  d <- p1 - p2
  c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
est <- function(estimate, low, high, p) list(estimate = scalar(estimate), low = scalar(low), high = scalar(high), p = scalar(p))

set.seed(20261207)
make <- function(n, shift) {
  after <- ifelse(runif(n) < 0.04, NA, rbinom(n, 1, 0.5))             # a few undated responses
  pilot <- ifelse(runif(n) < 0.05, NA, rbinom(n, 1, 0.4))             # a few without the pilot answer
  a <- ifelse(is.na(after), 0, after)
  p <- ifelse(is.na(pilot), 0, pilot)
  share <- ifelse(runif(n) < 0.1, NA, rbinom(n, 1, 0.35 + 0.05 * a + shift * a * p))
  rating <- ifelse(runif(n) < 0.08, NA, pmin(5, pmax(1, round(3 + 0.3 * a + 4 * shift * a * p + rnorm(n)))))
  number <- ifelse(runif(n) < 0.1, NA, exp(rnorm(n, 2 + 0.2 * p, 0.7)))
  w <- runif(n, 0.3, 3)
  data.frame(after = after, pilot = pilot, share = share, rating = rating, number = number, w = w)
}

figures <- function(df, y, measure) {
  d <- df[!is.na(df[[y]]) & !is.na(df$after), ]
  ya <- d[[y]][d$after == 1]
  yb <- d[[y]][d$after == 0]
  if (measure == "share") {
    xa <- sum(ya); xb <- sum(yb); na <- length(ya); nb <- length(yb)
    ci <- newcomb(xa, na, xb, nb)
    change <- est(xa / na - xb / nb, ci[1], ci[2], prop.test(c(xa, xb), c(na, nb), correct = FALSE)$p.value)
  } else {
    t <- t.test(ya, yb, var.equal = FALSE)
    change <- est(unname(t$estimate[1] - t$estimate[2]), t$conf.int[1], t$conf.int[2], t$p.value)
  }
  dd <- d[!is.na(d$pilot), ]
  fit <- lm(as.formula(paste(y, "~ after * pilot")), data = dd)
  vc <- vcovHC(fit, type = "HC1")
  ct <- coeftest(fit, vcov = vc)["after:pilot", ]
  cc <- coefci(fit, vcov = vc)["after:pilot", ]
  did <- est(ct[["Estimate"]], cc[[1]], cc[[2]], ct[["Pr(>|t|)"]])

  design <- svydesign(ids = ~1, weights = ~w, data = df)
  inChange <- !is.na(df[[y]]) & !is.na(df$after)
  fitW <- svyglm(as.formula(paste(y, "~ after")), subset(design, inChange))
  sW <- summary(fitW)$coefficients["after", ]
  cW <- confint(fitW)["after", ]
  inDid <- inChange & !is.na(df$pilot)
  fitWD <- svyglm(as.formula(paste(y, "~ after * pilot")), subset(design, inDid))
  sWD <- summary(fitWD)$coefficients["after:pilot", ]
  cWD <- confint(fitWD)["after:pilot", ]
  list(
    y = y, measure = measure,
    change = change, did = did,
    weightedChange = est(sW[["Estimate"]], cW[[1]], cW[[2]], sW[["Pr(>|t|)"]]),
    weightedDid = est(sWD[["Estimate"]], cWD[[1]], cWD[[2]], sWD[["Pr(>|t|)"]])
  )
}

sets <- lapply(list(list(n = 80, shift = 0), list(n = 400, shift = -0.1), list(n = 3000, shift = -0.1), list(n = 3000, shift = 0)), function(spec) {
  df <- make(spec$n, spec$shift)
  list(
    n = spec$n,
    after = num(df$after), pilot = num(df$pilot), share = num(df$share), rating = num(df$rating), number = num(df$number), w = num(df$w),
    figures = list(figures(df, "share", "share"), figures(df, "rating", "mean"), figures(df, "number", "mean"))
  )
})

# Newcomb intervals and prop.test at the edges: 0 and all chosen, small and unequal groups.
pairs <- list(c(0, 10, 3, 12), c(10, 10, 4, 9), c(1, 50, 49, 50), c(56, 70, 48, 80), c(5, 5, 0, 7), c(1234, 5000, 1400, 5100))
props <- lapply(pairs, function(q) {
  ci <- newcomb(q[1], q[2], q[3], q[4])
  p <- suppressWarnings(prop.test(q[c(1, 3)], q[c(2, 4)], correct = FALSE)$p.value)
  list(x1 = q[1], n1 = q[2], x2 = q[3], n2 = q[4], low = scalar(ci[1]), high = scalar(ci[2]), p = if (is.na(p)) NULL else scalar(p))
})

grid <- expand.grid(prob = c(0.975, 0.6, 0.999999), df = c(1, 2.5, 7, 30.3, 1000, 1e6))
tvals <- c(0.1, 1.96, 4.5, 12)
tgrid <- expand.grid(t = tvals, df = c(1, 3.7, 40, 5000))

# A whole report's effects (buildEffects on records), with a pilot group and a pre-trend window:
# 4 wards (chuo, kita the pilot), responses from 2025-12-01 to 2026-06-29 (JST), split at
# 2026-04-01 JST. Measures: each option of a checkbox (share of those who answered), a 1–5
# rating's top-two share and mean, a number's mean. Weighted: raked to ward populations (one
# margin: population / respondents of the ward), then svydesign(ids = ~1, weights = ~w).
wards <- c("chuo", "kita", "teine", "nishi")
options <- c("online", "reservation", "cashless")
n <- 1600
start <- as.numeric(as.POSIXct("2025-12-01 00:00:00", tz = "Asia/Tokyo"))
split_at <- as.numeric(as.POSIXct("2026-04-01 00:00:00", tz = "Asia/Tokyo"))
completed <- start + sample.int(210 * 86400, n, replace = TRUE)
ward <- sample(wards, n, replace = TRUE, prob = c(0.3, 0.2, 0.3, 0.2))
after <- as.integer(completed >= split_at)
pilot <- as.integer(ward %in% c("chuo", "kita"))
answered <- runif(n) < 0.9
chosen <- sapply(options, function(o) answered & runif(n) < switch(o, online = 0.4 + 0.1 * after, reservation = 0.45 - 0.12 * after * pilot, cashless = 0.3))
empty <- answered & rowSums(chosen) == 0
chosen[empty, "cashless"] <- TRUE
rating <- ifelse(runif(n) < 0.1, NA, sample(1:5, n, replace = TRUE, prob = c(0.1, 0.15, 0.3, 0.3, 0.15)))
visits <- ifelse(runif(n) < 0.15, NA, rpois(n, 3 + pilot))
population <- c(chuo = 250000, kita = 290000, teine = 140000, nishi = 215000)
w <- as.numeric(population[ward] / table(ward)[ward])

first <- min(completed)
middle <- first + (split_at - first) / 2
half <- ifelse(completed < split_at, as.integer(completed >= middle), NA)
measures <- c(lapply(options, function(o) list(question = "improvements", option = o, measure = "share", y = ifelse(answered, as.numeric(chosen[, o]), NA))),
  list(list(question = "satisfaction", topTwo = TRUE, measure = "share", y = ifelse(is.na(rating), NA, as.numeric(rating >= 4))),
       list(question = "satisfaction", measure = "mean", y = rating),
       list(question = "visits", measure = "mean", y = visits)))
did_hc1 <- function(y, period) {
  d <- data.frame(y = y, after = period, pilot = pilot)[!is.na(y) & !is.na(period), ]
  fit <- lm(y ~ after * pilot, data = d)
  vc <- vcovHC(fit, type = "HC1")
  ct <- coeftest(fit, vcov = vc)["after:pilot", ]
  cc <- coefci(fit, vcov = vc)["after:pilot", ]
  c(ct[["Estimate"]], cc[[1]], cc[[2]], ct[["Pr(>|t|)"]])
}
did_svy <- function(y, period) {
  df <- data.frame(y = y, after = period, pilot = pilot, w = w)
  design <- svydesign(ids = ~1, weights = ~w, data = df)
  fit <- svyglm(y ~ after * pilot, subset(design, !is.na(y) & !is.na(after)))
  s <- summary(fit)$coefficients["after:pilot", ]
  ci <- confint(fit)["after:pilot", ]
  c(s[["Estimate"]], ci[[1]], ci[[2]], s[["Pr(>|t|)"]])
}
change_svy <- function(y) {
  design <- svydesign(ids = ~1, weights = ~w, data = data.frame(y = y, after = after, w = w))
  fit <- svyglm(y ~ after, subset(design, !is.na(y)))
  s <- summary(fit)$coefficients["after", ]
  ci <- confint(fit)["after", ]
  c(s[["Estimate"]], ci[[1]], ci[[2]], s[["Pr(>|t|)"]])
}
rows4 <- function(m) {
  y <- m$y
  ya <- y[after == 1 & !is.na(y)]
  yb <- y[after == 0 & !is.na(y)]
  if (m$measure == "share") {
    ci <- newcomb(sum(ya), length(ya), sum(yb), length(yb))
    change <- c(mean(ya) - mean(yb), ci, prop.test(c(sum(ya), sum(yb)), c(length(ya), length(yb)), correct = FALSE)$p.value)
  } else {
    t <- t.test(ya, yb, var.equal = FALSE)
    change <- c(unname(t$estimate[1] - t$estimate[2]), t$conf.int, t$p.value)
  }
  wy <- function(s) sum((w * y)[s]) / sum(w[s])
  list(change = change, did = did_hc1(y, after), preTrend = did_hc1(y, half),
       weightedChange = change_svy(y), weightedDid = did_svy(y, after), weightedPreTrend = did_svy(y, half),
       n = c(length(yb), length(ya)), value = c(mean(yb), mean(ya)),
       weightedValue = c(wy(after == 0 & !is.na(y)), wy(after == 1 & !is.na(y))))
}
figs <- lapply(measures, rows4)
holm <- function(key, i) p.adjust(sapply(figs, function(f) f[[key]][4]), "holm")
est4 <- function(v, pAdj) list(estimate = scalar(v[1]), low = scalar(v[2]), high = scalar(v[3]), p = scalar(v[4]), pAdjusted = scalar(pAdj))
adj <- list(change = holm("change"), did = holm("did"), weightedChange = holm("weightedChange"), weightedDid = holm("weightedDid"))
report <- list(
  date = "2026-04-01", pilot = c("chuo", "kita"), population = as.list(population),
  rows = lapply(seq_len(n), function(i) list(
    ward = ward[i],
    completedAt = format(as.POSIXct(completed[i], origin = "1970-01-01", tz = "UTC"), "%Y-%m-%dT%H:%M:%S.000Z"),
    improvements = if (answered[i]) as.list(options[chosen[i, ]]) else NULL,
    satisfaction = if (is.na(rating[i])) NULL else rating[i],
    visits = if (is.na(visits[i])) NULL else visits[i]
  )),
  effects = lapply(seq_along(measures), function(k) {
    m <- measures[[k]]
    f <- figs[[k]]
    list(question = m$question, option = m$option, topTwo = isTRUE(m$topTwo), measure = m$measure,
         n = f$n, value = num(f$value), weightedValue = num(f$weightedValue),
         change = est4(f$change, adj$change[k]), did = est4(f$did, adj$did[k]), preTrend = list(estimate = scalar(f$preTrend[1]), p = scalar(f$preTrend[4])),
         weightedChange = est4(f$weightedChange, adj$weightedChange[k]), weightedDid = est4(f$weightedDid, adj$weightedDid[k]),
         weightedPreTrend = list(estimate = scalar(f$weightedPreTrend[1]), p = scalar(f$weightedPreTrend[4])))
  })
)

payload <- list(
  generatedBy = "test/reference/generate-effects-reference.R",
  tools = list(R = R.version.string, survey = as.character(packageVersion("survey")), sandwich = as.character(packageVersion("sandwich")), lmtest = as.character(packageVersion("lmtest"))),
  sets = sets,
  proportions = props,
  tQuantile = list(p = num(grid$prob), df = num(grid$df), q = num(qt(grid$prob, grid$df))),
  tTwoSidedP = list(t = num(tgrid$t), df = num(tgrid$df), p = num(2 * pt(-abs(tgrid$t), tgrid$df))),
  report = report
)
writeLines(toJSON(payload, auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE, null = "null"), out_path)
cat("wrote", out_path, "(", file.size(out_path), "bytes )\n")
