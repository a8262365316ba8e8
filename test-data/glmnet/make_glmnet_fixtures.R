#!/usr/bin/env Rscript
# make_glmnet_fixtures.R -- step 1 of 2 of the glmnet reference fixtures.
#
# What it makes:
#   test-data/glmnet/<case>.path.csv      glmnet's DEFAULT path (lambda, df, dev_ratio)
#                                          for the cases marked as path cases
#   test-data/build/glmnet-raw/           (not committed) per case: glmnet's solution
#                                          at the target lambda with thresh as small as
#                                          1e-25 and maxit 1e7 (<case>.ref.csv), glmnet's solution
#                                          at the same lambda with its default settings
#                                          (<case>.default.csv), and raw-cases.csv;
#                                          build/design/<dataset>.csv: the design matrix
#                                          built here, for the cross-check in step 2.
# Step 2, test-data/reference/make_reference.py, checks every solution with an
# independent KKT computation, replaces it by an independent SciPy solution where
# glmnet did not converge, and writes test-data/glmnet/cases.csv, <case>.coef.csv,
# <case>.prob.csv and default-thresh.csv.
#
# How to run, from the repository root (R >= 4 with glmnet 4.1-6):
#   Rscript test-data/glmnet/make_glmnet_fixtures.R
#   /usr/bin/python3 test-data/reference/make_reference.py
# Optional argument: a regular expression; only cases whose id matches are made.
#
# The ARFF reader and the design-matrix encoding are written here from the
# contract (shared/ALGORITHM.md, "Design matrix from Weka data"): missing class and
# zero-weight rows dropped; numeric -> one column, missing -> weighted mean;
# 2-valued nominal -> one 0/1 column for the second value ("attr=value2");
# m-valued nominal -> m 0/1 columns "attr=value", missing -> weighted mode (ties
# to the lowest value index).

suppressMessages(library(glmnet))

args <- commandArgs(trailingOnly = TRUE)
only <- if (length(args) > 0) args[1] else "."

find_root <- function() {
  a <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1) return(normalizePath(file.path(dirname(f), "..", "..")))
  getwd()
}
ROOT <- find_root()
TD <- file.path(ROOT, "test-data")
OUT <- file.path(TD, "glmnet")
RAW <- file.path(TD, "build", "glmnet-raw")
DES <- file.path(TD, "build", "design")
dir.create(RAW, recursive = TRUE, showWarnings = FALSE)
dir.create(DES, recursive = TRUE, showWarnings = FALSE)

# ------------------------------------------------------------------ ARFF reading

TOKEN_RE <- "'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|[{}]|%.*$|[^\\s,{}'\"%]+"

tokenize <- function(lines) {
  m <- regmatches(lines, gregexpr(TOKEN_RE, lines, perl = TRUE))
  lapply(m, function(tk) {
    cm <- grep("^%", tk)
    if (length(cm) > 0) tk <- tk[seq_len(cm[1] - 1)]
    tk
  })
}

unquote <- function(tk) {
  q <- grepl("^['\"]", tk)
  s <- ifelse(q, substr(tk, 2, nchar(tk) - 1), tk)
  s <- gsub("\\\\n", "\n", s)
  s <- gsub("\\\\t", "\t", s)
  s <- gsub("\\\\(.)", "\\1", s)
  list(value = s, quoted = q)
}

read_arff <- function(path) {
  lines <- readLines(path, warn = FALSE)
  toks <- tokenize(lines)
  attrs <- list()
  i <- 1
  while (i <= length(toks)) {
    tk <- toks[[i]]
    i <- i + 1
    if (length(tk) == 0) next
    key <- tolower(tk[1])
    if (key == "@attribute") {
      u <- unquote(tk[-1])
      name <- u$value[1]
      if (tk[3] == "{") {
        close <- which(tk == "}")[1]
        vals <- unquote(tk[4:(close - 1)])$value
        attrs[[length(attrs) + 1]] <- list(name = name, nominal = TRUE, values = vals)
      } else {
        type <- tolower(tk[3])
        if (!type %in% c("numeric", "real", "integer")) stop("unsupported type ", type)
        attrs[[length(attrs) + 1]] <- list(name = name, nominal = FALSE, values = NULL)
      }
    } else if (key == "@data") {
      break
    }
  }
  rows <- toks[i:length(toks)]
  rows <- rows[vapply(rows, length, 1L) > 0]
  na <- length(attrs)
  n <- length(rows)
  w <- rep(1, n)
  cols <- vector("list", na)
  for (j in seq_len(na)) cols[[j]] <- character(n)
  miss <- matrix(FALSE, n, na)
  for (r in seq_len(n)) {
    tk <- rows[[r]]
    if (tk[1] == "{") stop("sparse ARFF not supported: ", path)
    u <- unquote(tk[1:na])
    for (j in seq_len(na)) cols[[j]][r] <- u$value[j]
    miss[r, ] <- (!u$quoted) & u$value == "?"
    if (length(tk) > na) {
      if (tk[na + 1] != "{" || tk[na + 3] != "}") stop("bad weight in row ", r)
      w[r] <- as.numeric(tk[na + 2])
    }
  }
  parsed <- vector("list", na)
  for (j in seq_len(na)) {
    a <- attrs[[j]]
    if (a$nominal) {
      idx <- match(cols[[j]], a$values)
      idx[miss[, j]] <- NA
      if (any(is.na(idx) & !miss[, j])) stop("undeclared value in ", a$name)
      parsed[[j]] <- idx
    } else {
      v <- suppressWarnings(as.numeric(cols[[j]]))
      v[miss[, j]] <- NA
      parsed[[j]] <- v
    }
  }
  list(attrs = attrs, values = parsed, weights = w)
}

# ------------------------------------------------------------------ design matrix

design <- function(arff) {
  na <- length(arff$attrs)
  cls <- arff$attrs[[na]]
  if (!cls$nominal) stop("class must be nominal")
  yidx <- arff$values[[na]]
  keep <- !is.na(yidx) & arff$weights > 0
  w <- arff$weights[keep]
  cols <- list()
  names <- character(0)
  for (j in seq_len(na - 1)) {
    a <- arff$attrs[[j]]
    v <- arff$values[[j]][keep]
    ok <- !is.na(v)
    if (!a$nominal) {
      fill <- if (any(ok)) sum(w[ok] * v[ok]) / sum(w[ok]) else 0
      v[!ok] <- fill
      cols[[length(cols) + 1]] <- v
      names <- c(names, a$name)
    } else {
      m <- length(a$values)
      tot <- vapply(seq_len(m), function(k) sum(w[ok & v == k]), 0)
      v[!ok] <- which.max(tot)  # first maximum: ties go to the lowest index
      levs <- if (m == 2) 2L else seq_len(m)
      for (k in levs) {
        cols[[length(cols) + 1]] <- as.numeric(v == k)
        names <- c(names, paste0(a$name, "=", a$values[k]))
      }
    }
  }
  X <- do.call(cbind, cols)
  colnames(X) <- names
  list(X = X, names = names, classes = cls$values,
       y = factor(cls$values[yidx[keep]], levels = cls$values), w = w,
       weighted = any(arff$weights != 1))
}

g17 <- function(x) sprintf("%.17g", x)

csv_field <- function(s) {
  if (any(grepl("[,\"\n]", s))) stop("name needs CSV quoting: ", s[grepl("[,\"\n]", s)][1])
  s
}

write_rows <- function(path, header, mat, rownames = NULL) {
  body <- apply(matrix(g17(mat), nrow(mat)), 1, paste, collapse = ",")
  if (!is.null(rownames)) body <- paste(rownames, body, sep = ",")
  writeLines(c(paste(csv_field(header), collapse = ","), body), path)
}

# ------------------------------------------------------------------ cases

# glmnet stops when the objective change of a coordinate update is below thresh
# (times the null deviance), so coefficient changes are ~sqrt(thresh): thresh 1e-15
# leaves KKT violations ~1e-9, thresh 1e-25 ~1e-13. The first thresh of this ladder
# with which glmnet converges (no error, full lambda sequence) is used.
THRESH_LADDER <- c(1e-25, 1e-20, 1e-15, 1e-12, 1e-9)

# Indices on the default path of ~0.2, ~0.02 and ~0.002 * lambda_max when the
# ratio is 1e-4 (each step is 10^(-4/99)).
STD_IDX <- c(18, 43, 68)

groups <- list(
  # binomial, standardised
  list(ds = "birthwt", alphas = c(0, 0.5, 1)),
  list(ds = "credit-g", alphas = c(0, 0.5, 1)),
  list(ds = "synth-binomial", alphas = c(0, 0.5, 1)),
  list(ds = "synth-weighted", alphas = c(0, 0.5, 1), weights = "arff"),
  list(ds = "pima", alphas = c(0, 1)),
  list(ds = "breast-cancer-wisconsin", alphas = c(0.5, 1)),
  # multinomial, standardised
  list(ds = "iris", alphas = c(0, 0.5, 1)),
  list(ds = "wine", alphas = c(0, 0.5, 1)),
  list(ds = "fgl", alphas = c(0, 0.5, 1)),
  list(ds = "synth-multinomial", alphas = c(0, 0.5, 1)),
  list(ds = "digits", alphas = 0, idx = 43),
  list(ds = "digits", alphas = 1, idx = 43),
  # standardize = false
  list(ds = "synth-binomial", alphas = 1, std = FALSE, idx = c(18, 43)),
  list(ds = "birthwt", alphas = 0.5, std = FALSE, idx = 43),
  list(ds = "synth-weighted", alphas = 0.5, std = FALSE, weights = "arff", idx = 43),
  list(ds = "fgl", alphas = 1, std = FALSE, idx = 43),
  # hard: small lambda, multinomial, alpha 1 and 0.5 (glmnet's default thresh is far off)
  list(ds = "fgl", alphas = c(0.5, 1), idx = 100, hard = TRUE),
  list(ds = "digits", alphas = c(0.5, 1), idx = 90, hard = TRUE),
  list(ds = "iris", alphas = 1, idx = 1000, hard = TRUE)  # 1000 = last index of the path
)

fit_glmnet <- function(d, family, alpha, std, lambda = NULL, thresh = 1e-7, maxit = 1e5) {
  warn <- character(0)
  fit <- withCallingHandlers(
    glmnet(d$X, d$y, family = family, alpha = alpha, standardize = std,
           weights = d$w, lambda = lambda, thresh = thresh, maxit = maxit,
           type.multinomial = "ungrouped"),
    warning = function(w) {
      warn <<- c(warn, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  list(fit = fit, warn = warn)
}

# Coefficient matrix (rows = classes or the second class, columns = intercept +
# terms) of solution number k of a fit.
coef_rows <- function(fit, d, family, k) {
  if (family == "binomial") {
    m <- matrix(c(fit$a0[k], as.numeric(fit$beta[, k])), 1)
    rn <- d$classes[2]
  } else {
    m <- t(vapply(seq_along(d$classes), function(c)
      c(fit$a0[c, k], as.numeric(fit$beta[[c]][, k])), numeric(ncol(d$X) + 1)))
    rn <- d$classes
  }
  list(m = m, rn = rn)
}

designs <- list()
raw_rows <- list()
paths_done <- character(0)
t_start <- Sys.time()
cat(sprintf("%-34s %-11s %5s %4s %5s %13s %8s %8s %s\n", "case", "family", "alpha",
            "std", "idx", "lambda", "path_len", "thresh", "seconds"))
for (g in groups) {
  ds <- g$ds
  arff_file <- paste0(ds, ".arff")
  if (is.null(designs[[ds]])) {
    designs[[ds]] <- design(read_arff(file.path(TD, arff_file)))
    d <- designs[[ds]]
    write_rows(file.path(DES, paste0(ds, ".csv")), c(d$names, ".y", ".w"),
               cbind(d$X, as.integer(d$y), d$w))
  }
  d <- designs[[ds]]
  family <- if (length(d$classes) == 2) "binomial" else "multinomial"
  std <- if (is.null(g$std)) TRUE else g$std
  wmode <- if (is.null(g$weights)) "none" else g$weights
  if (wmode == "none" && d$weighted) stop(ds, " has weights")
  for (alpha in g$alphas) {
    # the first case of each (data set, alpha, standardize) gets the path file
    path_key <- paste(ds, alpha, std)
    first_in_group <- !path_key %in% paths_done
    paths_done <- c(paths_done, path_key)
    path <- fit_glmnet(d, family, alpha, std)
    pf <- path$fit
    L <- length(pf$lambda)
    idxs <- if (is.null(g$idx)) STD_IDX else g$idx
    idxs <- unique(pmin(idxs, L))
    for (idx in idxs) {
      case <- sprintf("%s-a%s%s-i%d", ds, format(alpha), if (std) "" else "-nostd", idx)
      if (!grepl(only, case, perl = TRUE)) next
      t0 <- Sys.time()
      lam <- pf$lambda[1:idx]
      ref <- NULL
      used <- NA
      for (th in THRESH_LADDER) {
        # maxit 1e7 as asked; 1e6 for the extra-tight rungs (successful ones need < 8e5
        # passes here), so that a fit that cannot get there fails in minutes, not hours
        r <- fit_glmnet(d, family, alpha, std, lambda = lam, thresh = th,
                        maxit = if (th < 1e-15) 1e6 else 1e7)
        if (r$fit$jerr == 0 && length(r$fit$lambda) == idx) {
          ref <- r$fit
          used <- th
          break
        }
      }
      is_path <- first_in_group
      if (is_path) {
        writeLines(c("lambda,df,dev_ratio",
                     paste(g17(pf$lambda), g17(pf$df), g17(pf$dev.ratio), sep = ",")),
                   file.path(OUT, paste0(case, ".path.csv")))
        first_in_group <- FALSE
      }
      if (!is.null(ref)) {
        cr <- coef_rows(ref, d, family, idx)
        write_rows(file.path(RAW, paste0(case, ".ref.csv")), c("row", "(Intercept)", d$names),
                   cr$m, cr$rn)
      }
      cd <- coef_rows(pf, d, family, idx)
      write_rows(file.path(RAW, paste0(case, ".default.csv")), c("row", "(Intercept)", d$names),
                 cd$m, cd$rn)
      default_ok <- pf$jerr == 0 && length(path$warn) == 0
      raw_rows[[length(raw_rows) + 1]] <- data.frame(
        case = case, dataset = arff_file, family = family, alpha = format(alpha),
        lambda = g17(pf$lambda[idx]), standardize = tolower(as.character(std)),
        weights = wmode, lambda_index = idx, glmnet_lambda_max = g17(pf$lambda[1]),
        path_case = is_path, hard = isTRUE(g$hard), path_length = L,
        ref_thresh = if (is.na(used)) "none" else format(used),
        ref_npasses = if (is.null(ref)) NA else ref$npasses,
        default_converged = default_ok, stringsAsFactors = FALSE)
      secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
      cat(sprintf("%-34s %-11s %5s %4s %5d %13.6g %8d %8s %.1f\n", case, family,
                  format(alpha), std, idx, pf$lambda[idx], L,
                  if (is.na(used)) "FAILED" else format(used), secs))
    }
  }
}
raw <- do.call(rbind, raw_rows)
write.csv(raw, file.path(RAW, "raw-cases.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("%d cases, %.0f s, R %s, glmnet %s\n", nrow(raw),
            as.numeric(difftime(Sys.time(), t_start, units = "secs")),
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("glmnet")))
