# DeLong's test of the paired-comparison fixtures with pROC 1.18, the reference the contract names.
# Run from the repository root after scripts/oracles/paired_mcnemar.py wrote the fixtures (Debian r-cran-proc):
#     Rscript scripts/oracles/paired_delong.R
# For every binary fixture tests/fixtures/paired/<name>.csv writes <name>.delong.json:
#   roc.test(roc_current, roc_baseline, method = "delong", paired = TRUE)
# with both curves built as roc(label, score, levels = c(0, 1), direction = "<") (higher score = positive, as
# scikit-learn's roc_auc_score). Numbers are written with 17 significant digits.
suppressMessages(library(pROC))
stopifnot(as.character(packageVersion("pROC")) == "1.18.0")
dir <- file.path("tests", "fixtures", "paired")
num <- function(x) sprintf("%.17g", x)
for (csv in sort(list.files(dir, pattern = "\\.csv$", full.names = TRUE))) {
  d <- read.csv(csv, colClasses = c(label = "character"))
  if (!("current_score" %in% names(d))) next
  response <- as.integer(d$label)
  roc_current <- roc(response, d$current_score, levels = c(0, 1), direction = "<", quiet = TRUE)
  roc_baseline <- roc(response, d$baseline_score, levels = c(0, 1), direction = "<", quiet = TRUE)
  t <- roc.test(roc_current, roc_baseline, method = "delong", paired = TRUE)
  json <- paste0(
    "{\n",
    ' "auc_baseline": ', num(as.numeric(roc_baseline$auc)), ",\n",
    ' "auc_current": ', num(as.numeric(roc_current$auc)), ",\n",
    ' "high": ', num(t$conf.int[2]), ",\n",
    ' "low": ', num(t$conf.int[1]), ",\n",
    ' "p_value": ', num(t$p.value), ",\n",
    ' "statistic": ', num(unname(t$statistic)), "\n",
    "}\n"
  )
  writeLines(json, sub("\\.csv$", ".delong.json", csv), sep = "")
}
