#!/usr/bin/env Rscript
# Times glmnet on the benchmark's data sets, for src/scripts/benchmark.sh, which drives it
# (ElasticNetLogisticBenchmark starts it and interleaves its fits with its own).
#
# Reads one command per line on standard input and answers each with one line on standard
# output, "OK key=value ..." or "ERROR message":
#   dense NAME FILE.csv              load a dense set: a header, then the class (0..K-1) and x
#   sparse NAME FILE.mtx FILE.txt    load a sparse set: x in Matrix Market form, one class a line
#   path NAME FAMILY ALPHA [THRESH]  time glmnet(x, y, family, alpha): the whole default path,
#                                    at convergence threshold THRESH (default 1e-7)
#   fit NAME FAMILY ALPHA LAMBDA [THRESH]
#                                    time glmnet(x, y, family, alpha, lambda = LAMBDA), with
#                                    glmnet's convergence threshold THRESH (default 1e-7)
#   cv NAME FAMILY ALPHA NFOLDS      time cv.glmnet(x, y, family, alpha, nfolds), serial,
#                                    with set.seed(1) before each call
#   predict NAME FILE                write the last fit's class probabilities at its smallest
#                                    lambda, one row per line, comma-separated
#   coefficients NAME FILE           write the last binomial fit's coefficients at its smallest
#                                    lambda, one a line: the intercept, then the columns
#   kkt NAME                         the KKT violation of the last binomial lasso path at each
#                                    lambda, on ElasticNetLogistic's scale (standardised
#                                    columns, loss divided by n): its largest, median and last
#   quit
# Only the glmnet call is timed (elapsed seconds); gc() runs before it, untimed. maxMb is R's
# largest heap use during the call, data included. Try it by hand:
#   printf 'dense d target/benchmark/dense2.csv\npath d binomial 1\n' | Rscript glmnet_benchmark.R
suppressPackageStartupMessages({
  library(glmnet)
  library(Matrix)
})

sets <- list()
last_fit <- list()

answer <- function(...) {
  cat("OK", ..., "\n")
  flush(stdout())
}

load_dense <- function(name, file) {
  header <- scan(file, what = "", sep = ",", nlines = 1, quiet = TRUE)
  values <- scan(file, what = double(), sep = ",", skip = 1, quiet = TRUE)
  table <- matrix(values, ncol = length(header), byrow = TRUE)
  x <- table[, -1, drop = FALSE]
  colnames(x) <- header[-1]
  sets[[name]] <<- list(x = x, y = factor(table[, 1]))
  answer(sprintf("rows=%d columns=%d", nrow(x), ncol(x)))
}

load_sparse <- function(name, matrix_file, label_file) {
  x <- as(readMM(matrix_file), "CsparseMatrix")
  y <- factor(scan(label_file, what = integer(), quiet = TRUE))
  sets[[name]] <<- list(x = x, y = y)
  answer(sprintf("rows=%d columns=%d nonzeros=%d", nrow(x), ncol(x), length(x@x)))
}

# Runs the call, timed, and answers with its time, its number of lambdas and the heap peak.
timed <- function(name, call) {
  invisible(gc(reset = TRUE))
  seconds <- system.time(fit <- call())[["elapsed"]]
  peak <- sum(gc()[, 6])
  last_fit[[name]] <<- fit
  lambdas <- length(fit$lambda)
  answer(sprintf("seconds=%.6f lambdas=%d maxMb=%.1f", seconds, lambdas, peak))
}

predict_last <- function(name, file) {
  fit <- last_fit[[name]]
  if (inherits(fit, "cv.glmnet")) fit <- fit$glmnet.fit
  x <- sets[[name]]$x
  p <- predict(fit, x, s = min(fit$lambda), type = "response")
  p <- if (length(dim(p)) == 3) p[, , 1] else cbind(1 - p[, 1], p[, 1])
  write.table(format(p, digits = 17), file, sep = ",", quote = FALSE,
              row.names = FALSE, col.names = FALSE)
  answer(sprintf("rows=%d", nrow(p)))
}

write_coefficients <- function(name, file) {
  fit <- last_fit[[name]]
  if (inherits(fit, "cv.glmnet")) fit <- fit$glmnet.fit
  b <- as.matrix(coef(fit, s = min(fit$lambda)))
  if (ncol(b) != 1) stop("coefficients: not a binomial fit")
  writeLines(format(b[, 1], digits = 17), file)
  answer(sprintf("values=%d", nrow(b)))
}

# |g_j - lambda sign(b_j)| for non-zero b_j and max(0, |g_j| - lambda) for zero ones, with g
# the gradient of the mean log-likelihood in the standardised coefficients (columns centred
# and divided by their standard deviation, divisor n); and |g_0| for the intercept.
kkt_last <- function(name) {
  fit <- last_fit[[name]]
  if (!inherits(fit, "lognet")) stop("kkt: the last fit is not a binomial path")
  x <- sets[[name]]$x
  y <- as.integer(sets[[name]]$y) - 1
  n <- nrow(x)
  centre <- colMeans(x)
  spread <- sqrt(pmax(colMeans(x^2) - centre^2, 0))
  scale <- ifelse(spread > 0, spread, 1)
  violation <- numeric(length(fit$lambda))
  for (k in seq_along(fit$lambda)) {
    b <- as.vector(fit$beta[, k])
    r <- y - plogis(as.vector(x %*% b) + fit$a0[k])
    g <- (as.vector(crossprod(x, r)) - centre * sum(r)) / n / scale
    lambda <- fit$lambda[k]
    v <- ifelse(b != 0, abs(g - lambda * sign(b)), pmax(abs(g) - lambda, 0))
    v[spread == 0] <- 0
    violation[k] <- max(v, abs(sum(r)) / n)
  }
  answer(sprintf("max=%.6e median=%.6e last=%.6e", max(violation), median(violation),
                 violation[length(violation)]))
}

run <- function(words) {
  command <- words[1]
  name <- words[2]
  data <- sets[[name]]
  switch(command,
    dense = load_dense(name, words[3]),
    sparse = load_sparse(name, words[3], words[4]),
    path = timed(name, function()
      glmnet(data$x, data$y, family = words[3], alpha = as.numeric(words[4]),
             thresh = if (is.na(words[5])) 1e-7 else as.numeric(words[5]))),
    fit = timed(name, function()
      glmnet(data$x, data$y, family = words[3], alpha = as.numeric(words[4]),
             lambda = as.numeric(words[5]),
             thresh = if (is.na(words[6])) 1e-7 else as.numeric(words[6]))),
    cv = timed(name, function() {
      set.seed(1)
      cv.glmnet(data$x, data$y, family = words[3], alpha = as.numeric(words[4]),
                nfolds = as.integer(words[5]), parallel = FALSE)
    }),
    predict = predict_last(name, words[3]),
    coefficients = write_coefficients(name, words[3]),
    kkt = kkt_last(name),
    stop("unknown command '", command, "'"))
}

answer(sprintf("glmnet=%s R=%s", packageVersion("glmnet"), getRversion()))
input <- file("stdin", open = "r")
repeat {
  line <- readLines(input, n = 1)
  if (length(line) == 0 || trimws(line) == "quit") break
  words <- strsplit(trimws(line), "[[:space:]]+")[[1]]
  if (length(words) == 0 || words[1] == "") next
  tryCatch(run(words), error = function(e) {
    cat("ERROR", gsub("[\r\n]+", " ", conditionMessage(e)), "\n")
    flush(stdout())
  })
}
