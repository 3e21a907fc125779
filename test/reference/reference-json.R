# Shared by the generate-*.R scripts: the packages they use, `here` (this folder) and the
# JSON writers that keep every double to 17 significant digits, so a fixture holds exactly the
# value R computed. Each script sources it with:
#     source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "reference-json.R"))
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
# Written verbatim (toJSON(..., json_verbatim = TRUE)); NA becomes null.
num <- function(x) structure(paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ","), "]"), class = "json")
scalar <- function(x) structure(sprintf("%.17g", x), class = "json")
