#!/usr/bin/env Rscript
# Reference values for the weighted parts of the report (issue 4: "weights change the needs
# shares and the IPA means"), from R's survey package (Debian r-cran-survey):
# - needs shares = svymean of each option's 0/1 indicator over the respondents who answered
#   the question, on the raked design (domain estimate: subset() of the raked design);
# - an IPA mean = svymean of a 1–5 rating over the respondents who rated it;
# - Kish's effective sample size of the answerers, (Σw)²/Σw².
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-report-reference.R
# It rewrites test/reference/fixtures/weighted-report.json, with the generated respondents next
# to the expected values. test/analysis/report/weighted-report.test.ts builds the same report.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))

out_path <- file.path(here, "fixtures", "weighted-report.json")


set.seed(20250602)
n <- 240
wards <- c("chuo", "kita", "teine")
ages <- c("young", "old")
options <- c("online", "booking", "cashless", "oneStop")
ward <- sample(wards, n, replace = TRUE, prob = c(0.55, 0.3, 0.15))
age <- sample(ages, n, replace = TRUE, prob = c(0.65, 0.35))
# Who answered the checkbox question, and what they chose (older respondents lean to oneStop).
answered <- runif(n) < 0.85
chosen <- sapply(options, function(o) {
  p <- switch(o, online = ifelse(age == "young", 0.6, 0.2), booking = 0.35, cashless = ifelse(age == "young", 0.3, 0.1), oneStop = ifelse(age == "young", 0.25, 0.6))
  answered & (runif(n) < p)
})
# A respondent who answered chose at least one option.
none <- answered & rowSums(chosen) == 0
chosen[none, "booking"] <- TRUE
rated <- runif(n) < 0.9
rating <- ifelse(rated, sample(1:5, n, replace = TRUE, prob = c(0.1, 0.15, 0.3, 0.3, 0.15)), NA)

margins <- rbind(
  data.frame(question = "ward", value = wards, population = c(239944, 286054, 141974)),
  data.frame(question = "ageBand", value = ages, population = c(300000, 367972))
)
stopifnot(sum(margins$population[margins$question == "ward"]) == sum(margins$population[margins$question == "ageBand"]))

df <- data.frame(ward = factor(ward, levels = wards), ageBand = factor(age, levels = ages), answered = answered, rating = rating)
for (o in options) df[[o]] <- as.numeric(chosen[, o])
design <- svydesign(ids = ~1, data = df, weights = ~rep(1, n))
raked <- rake(design, list(~ward, ~ageBand),
  list(data.frame(ward = factor(wards, levels = wards), Freq = c(239944, 286054, 141974)),
       data.frame(ageBand = factor(ages, levels = ages), Freq = c(300000, 367972))),
  control = list(maxit = 5000, epsilon = 1e-14, verbose = FALSE))
w <- as.numeric(weights(raked))

answering <- subset(raked, answered)
shares <- sapply(options, function(o) as.numeric(coef(svymean(as.formula(paste0("~", o)), answering))))
rating_mean <- as.numeric(coef(svymean(~rating, subset(raked, !is.na(rating)), na.rm = TRUE)))
wa <- w[answered]

rows <- lapply(seq_len(n), function(i) list(
  ward = ward[i],
  ageBand = age[i],
  improvements = if (answered[i]) as.list(options[chosen[i, ]]) else NULL,
  rating = if (rated[i]) rating[i] else NULL
))

payload <- list(
  generatedBy = "test/reference/generate-report-reference.R",
  tools = list(R = R.version.string, survey = as.character(packageVersion("survey"))),
  rows = rows,
  margins = lapply(seq_len(nrow(margins)), function(i) list(question = margins$question[i], value = margins$value[i], population = scalar(margins$population[i]))),
  weights = num(w),
  effectiveN = scalar(sum(w)^2 / sum(w^2)),
  needs = list(options = options, shares = num(shares), answeredEffectiveN = scalar(sum(wa)^2 / sum(wa^2))),
  ratingMean = scalar(rating_mean)
)
writeLines(toJSON(payload, auto_unbox = TRUE, json_verbatim = TRUE, pretty = 1, null = "null"), out_path)
cat("wrote", out_path, "(", file.size(out_path), "bytes )\n")
