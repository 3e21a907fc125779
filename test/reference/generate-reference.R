#!/usr/bin/env Rscript
# Reference values for raking, effective sample size and Holm's adjustment, from R's
# survey package (Debian r-cran-survey) and stats::p.adjust.
#
# Regenerate (from the repository root):
#     Rscript test/reference/generate-reference.R
# It rewrites test/reference/fixtures/{rake,holm-adjust}.json. Inputs are generated here from
# fixed seeds (set.seed; R >= 3.6 "Rejection" sampling) and written into the fixtures next to the
# expected values. The ward margins come from test/fixtures/sapporo-ward-population-2021.csv,
# a copy of shared/reference/sapporo-ward-population-2021.csv.
#
# survey::rake() is run with population totals (so weights sum to the population) and a tight
# convergence control; the script then checks that every margin matches within 1e-12 relative
# before writing, so the fixture holds the converged raking fixed point.

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))

out_dir <- file.path(here, "fixtures")
ward_csv <- file.path(here, "..", "fixtures", "sapporo-ward-population-2021.csv")

# Full-precision numbers: jsonlite rounds to 15 significant digits, so numbers go in verbatim.

write_fixture <- function(name, payload) {
  payload <- c(list(
    generatedBy = "test/reference/generate-reference.R",
    tools = list(R = R.version.string, survey = as.character(packageVersion("survey")))
  ), payload)
  path <- file.path(out_dir, name)
  writeLines(toJSON(payload, auto_unbox = TRUE, json_verbatim = TRUE, pretty = 1, null = "null"), path)
  cat("wrote", path, "(", file.size(path), "bytes )\n")
}

# ------------------------------------------------------------------ raking
wards <- read.csv(ward_csv, stringsAsFactors = FALSE)
city_total <- sum(wards$population)

# Split a population total into shares, whole people, last share absorbing the rounding.
split_total <- function(total, shares) {
  counts <- round(total * shares / sum(shares))
  counts[length(counts)] <- total - sum(counts[-length(counts)])
  counts
}

rake_case <- function(name, rows, margins, base_weights = NULL) {
  questions <- unique(margins$question)
  df <- as.data.frame(rows, stringsAsFactors = FALSE)
  for (q in questions) df[[q]] <- factor(df[[q]], levels = margins$value[margins$question == q])
  df$.w <- if (is.null(base_weights)) rep(1, nrow(df)) else base_weights
  design <- svydesign(ids = ~1, data = df, weights = ~.w)
  sample_margins <- lapply(questions, function(q) as.formula(paste0("~", q)))
  population_margins <- lapply(questions, function(q) {
    m <- margins[margins$question == q, ]
    pm <- data.frame(m$value, m$population, stringsAsFactors = FALSE)
    names(pm) <- c(q, "Freq")
    pm[[q]] <- factor(pm[[q]], levels = m$value)
    pm
  })
  raked <- rake(design, sample_margins, population_margins,
                control = list(maxit = 5000, epsilon = 1e-14, verbose = FALSE))
  w <- as.numeric(weights(raked))
  for (i in seq_len(nrow(margins))) {
    total <- sum(w[df[[margins$question[i]]] == margins$value[i]])
    err <- abs(total - margins$population[i]) / margins$population[i]
    if (err > 1e-12) stop(sprintf("%s: margin %s=%s off by %g", name, margins$question[i], margins$value[i], err))
  }
  list(
    name = name,
    rows = rows,
    margins = lapply(seq_len(nrow(margins)), function(i) list(
      question = margins$question[i], value = margins$value[i], population = scalar(margins$population[i]))),
    baseWeights = if (is.null(base_weights)) NULL else num(base_weights),
    weights = num(w),
    effectiveN = scalar(sum(w)^2 / sum(w^2))
  )
}

draw_rows <- function(n, spec) {
  rows <- lapply(names(spec), function(q) sample(spec[[q]]$values, n, replace = TRUE, prob = spec[[q]]$prob))
  names(rows) <- names(spec)
  rows
}

set.seed(20240410)
age_values <- c("18-29", "30-39", "40-49", "50-59", "60-69", "70+")
age_population_shares <- c(14, 13, 16, 15, 15, 27)

cases <- list()

# 1. Two margins, sex x age band, sample skewed towards younger women.
rows <- draw_rows(300, list(
  sex = list(values = c("female", "male"), prob = c(0.62, 0.38)),
  age = list(values = age_values, prob = c(25, 22, 18, 14, 12, 9))))
margins <- rbind(
  data.frame(question = "sex", value = c("female", "male"), population = split_total(1000, c(53, 47))),
  data.frame(question = "age", value = age_values, population = split_total(1000, age_population_shares)))
cases[[length(cases) + 1]] <- rake_case("sex and age band", rows, margins)

# 2. Three margins with Sapporo's ward populations (2021), a kiosk sample that over-represents Chuo.
rows <- draw_rows(1200, list(
  ward = list(values = wards$value, prob = c(30, 10, 9, 8, 5, 9, 4, 5, 8, 4)),
  age = list(values = age_values, prob = c(10, 14, 17, 18, 20, 21)),
  sex = list(values = c("female", "male"), prob = c(0.55, 0.45))))
margins <- rbind(
  data.frame(question = "ward", value = wards$value, population = wards$population),
  data.frame(question = "age", value = age_values, population = split_total(city_total, age_population_shares)),
  data.frame(question = "sex", value = c("female", "male"), population = split_total(city_total, c(53.4, 46.6))))
cases[[length(cases) + 1]] <- rake_case("ward, age band and sex (Sapporo 2021)", rows, margins)

# 3. Base (design) weights.
rows <- draw_rows(200, list(
  channel = list(values = c("kiosk", "online", "paper"), prob = c(0.5, 0.4, 0.1)),
  sex = list(values = c("female", "male"), prob = c(0.5, 0.5))))
base <- round(runif(200, 0.5, 2), 3)
margins <- rbind(
  data.frame(question = "channel", value = c("kiosk", "online", "paper"), population = c(3000, 5000, 2000)),
  data.frame(question = "sex", value = c("female", "male"), population = c(5200, 4800)))
cases[[length(cases) + 1]] <- rake_case("with base weights", rows, margins, base)

# 4. One margin: post-stratification, exact after one sweep.
rows <- list(ward = c("chuo", "chuo", "kita", "kita", "kita", "teine"))
margins <- data.frame(question = "ward", value = c("chuo", "kita", "teine"), population = c(239944, 286054, 141974))
cases[[length(cases) + 1]] <- rake_case("single margin", rows, margins)

write_fixture("rake.json", list(cases = cases))

# ------------------------------------------------------------------ Holm
set.seed(20240411)
holm_inputs <- list(
  c(0.01, 0.04, 0.03, 0.005),
  c(0.5, 0.5, 0.01, 0.01, 1, 0),
  runif(12)^4,
  c(1e-30, 2e-12, 0.049, 0.051, 0.2, 0.2, 0.9),
  c(0.3),
  runif(40)^6
)
holm_cases <- lapply(holm_inputs, function(p) list(p = num(p), expected = num(p.adjust(p, method = "holm"))))
write_fixture("holm-adjust.json", list(source = "stats::p.adjust(p, method = \"holm\")", cases = holm_cases))
