#!/usr/bin/env Rscript
# make_options_fixtures.R -- step 1 of 2 of the glmnet-options reference fixtures
# (penalty factors, coefficient limits, grouped multinomial, class weights, no
# intercept, relaxed fit).
#
# What it makes:
#   test-data/glmnet-options/<case>.path.csv   glmnet's DEFAULT path (lambda, df,
#                                               dev_ratio) for the path cases
#   test-data/build/glmnet-options-raw/         (not committed) per case: glmnet's
#       solution at the target lambda (<case>.ref.csv), reached along the default path
#       truncated at the target (warm starts), with the first thresh of the ladder
#       1e-25, 1e-20, 1e-15, 1e-12, 1e-9 (maxit 1e6 below 1e-15, else 1e7) at which glmnet
#       converges (jerr 0, every lambda solved);
#       for relaxed cases also glmnet's unpenalised refit on the active set
#       (<case>.refit.csv, glmnet with lambda = 0 and exclude = the inactive columns,
#       which is what relax.glmnet does) and the probabilities of glmnet's own
#       predict(glmnet(..., relax = TRUE), s = lambda, gamma = gamma, type = "response")
#       (<case>.relaxed-prob.csv); raw-cases.csv; design/<dataset>.csv.
# Step 2, make_options_reference.py, parses the option strings again independently,
# checks every solution with its own KKT computation, replaces it by its own solution
# where glmnet did not converge, and writes cases.csv, <case>.coef.csv, <case>.prob.csv
# and, for the path cases, <case>.path-start.csv. See README.md in this folder.
#
# How to run, from the repository root (R >= 4 with glmnet 4.1-6):
#   Rscript test-data/glmnet-options/make_options_fixtures.R
#   /usr/bin/python3 test-data/glmnet-options/make_options_reference.py
# Optional argument: a regular expression; only cases whose id matches are made (the raw
# manifest then holds only those, and step 2 writes only those: run the full script
# before committing).
#
# The ARFF reader and the design matrix are those of test-data/glmnet/
# make_glmnet_fixtures.R (its function definitions are loaded from that file).
# Each case is given by the exact Weka option string of ElasticNetLogistic; it is
# turned into glmnet arguments here:
#   -alpha a                     alpha = a
#   -no-standardize              standardize = FALSE
#   -no-intercept                intercept = FALSE
#   -grouped                     type.multinomial = "grouped"
#   -penalty-factors a:v,b:w     penalty.factor: v for every design column of attribute a
#                                (all m columns of a nominal one), 1 for unlisted ones;
#                                glmnet rescales them to sum to the number of columns
#   -unpenalized a,b             penalty factor 0
#   -lower-limit v | a:v,...     lower.limits (one number for every column, or per
#   -upper-limit v | a:v,...     attribute; unlisted -Inf / +Inf)
#   -class-weights balanced | c:w,...
#                                weights = instance weight * W / (K W_k), or * w_c
#   -relax g                     relax = TRUE, predictions at gamma = g

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
OUT <- file.path(TD, "glmnet-options")
RAW <- file.path(TD, "build", "glmnet-options-raw")
DES <- file.path(RAW, "design")
dir.create(DES, recursive = TRUE, showWarnings = FALSE)

# the ARFF reader, design(), g17(), csv_field(), write_rows() of the glmnet fixtures
local({
  for (e in parse(file.path(TD, "glmnet", "make_glmnet_fixtures.R"))) {
    if (is.call(e) && identical(e[[1]], as.name("<-")) &&
        (identical(e[[2]], as.name("TOKEN_RE")) ||
         (is.call(e[[3]]) && identical(e[[3]][[1]], as.name("function"))))) {
      eval(e, globalenv())
    }
  }
})
for (f in c("read_arff", "design", "g17", "write_rows")) stopifnot(exists(f))

# ------------------------------------------------------------------ cases
#
# idx: 1-based index on glmnet's default path for the same options (it must exist);
# path = TRUE writes that default path to <case>.path.csv.

C <- function(id, ds, opts, idx, path = FALSE) {
  list(id = id, ds = ds, opts = opts, idx = idx, path = path)
}
CASES <- list(
  # penalty factors
  C("pf-birthwt-a0.5-i20", "birthwt", "-alpha 0.5 -penalty-factors age:0,race:2.5,smoke:0.5", 20, TRUE),
  C("pf-birthwt-a1-i45", "birthwt", "-alpha 1 -unpenalized lwt,ht", 45),
  C("pf-credit-g-a0.5-i45", "credit-g",
    "-alpha 0.5 -penalty-factors own_telephone:0,duration:2,purpose:0.5,personal_status:3", 45),
  C("pf-credit-g-a0-i70", "credit-g", "-alpha 0 -penalty-factors duration:0,credit_amount:4,age:0.25", 70),
  C("pf-fgl-a1-i45", "fgl", "-alpha 1 -penalty-factors Mg:0,Al:3,Ba:0.5", 45, TRUE),
  C("pf-wine-a0.5-i70", "wine", "-alpha 0.5 -penalty-factors proline:0,flavanoids:4,hue:0.3", 70),
  C("pf-iris-a0-i20", "iris", "-alpha 0 -unpenalized sepallength", 20),
  C("pf-synth-multinomial-a0.5-i45", "synth-multinomial", "-alpha 0.5 -penalty-factors colour:0,x1:2", 45),
  # coefficient limits
  C("lim-synth-binomial-a1-i45", "synth-binomial", "-alpha 1 -lower-limit x2:-0.2,x3:0 -upper-limit x1:1,x6:0.5", 45),
  C("lim-pima-a0.5-i70", "pima", "-alpha 0.5 -lower-limit 0 -upper-limit glu:0.02", 70),
  C("lim-birthwt-a0.5-i45", "birthwt", "-alpha 0.5 -upper-limit 0", 45),
  C("lim-synth-binomial-a0.5-nostd-i45", "synth-binomial", "-alpha 0.5 -no-standardize -lower-limit -0.2 -upper-limit 0.3", 45),
  C("lim-iris-a0.5-i45", "iris", "-alpha 0.5 -lower-limit -1 -upper-limit 1.5", 45),
  C("lim-wine-a0-i70", "wine", "-alpha 0 -lower-limit alcohol:-0.2,flavanoids:0 -upper-limit color_intensity:0.05,hue:0.4", 70),
  C("lim-fgl-a1-i45", "fgl", "-alpha 1 -upper-limit 0", 45),
  # grouped multinomial
  C("grp-iris-a1-i45", "iris", "-alpha 1 -grouped", 45),
  C("grp-wine-a0.5-i20", "wine", "-alpha 0.5 -grouped", 20, TRUE),
  C("grp-fgl-a1-i49", "fgl", "-alpha 1 -grouped", 49),  # the default path has 49 lambdas
  C("grp-synth-multinomial-a0.5-i45", "synth-multinomial", "-alpha 0.5 -grouped", 45),
  # class weights
  C("cw-credit-g-a0.5-i45", "credit-g", "-alpha 0.5 -class-weights balanced", 45),
  C("cw-birthwt-a0-i70", "birthwt", "-alpha 0 -class-weights 0:1,1:2.5", 70),
  C("cw-pima-a1-i20", "pima", "-alpha 1 -class-weights balanced", 20),
  C("cw-fgl-a0.5-i45", "fgl", "-alpha 0.5 -class-weights balanced", 45),
  C("cw-iris-a1-i70", "iris", "-alpha 1 -class-weights Iris-setosa:2,Iris-virginica:0.5", 70),
  C("cw-wine-a0-i20", "wine", "-alpha 0 -class-weights balanced", 20),
  # no intercept
  C("noi-synth-binomial-a1-i45", "synth-binomial", "-alpha 1 -no-intercept", 45, TRUE),
  C("noi-birthwt-a0.5-i20", "birthwt", "-alpha 0.5 -no-intercept", 20),
  C("noi-pima-a0-i70", "pima", "-alpha 0 -no-intercept", 70),
  C("noi-pima-a0.5-nostd-i45", "pima", "-alpha 0.5 -no-intercept -no-standardize", 45),
  C("noi-iris-a0.5-i45", "iris", "-alpha 0.5 -no-intercept", 45),
  C("noi-wine-a1-i70", "wine", "-alpha 1 -no-intercept", 70),
  # relaxed fit
  C("rel-birthwt-a1-g0.5-i20", "birthwt", "-alpha 1 -relax 0.5", 20),
  C("rel-pima-a0.5-g0.2-i45", "pima", "-alpha 0.5 -relax 0.2", 45),
  C("rel-synth-weighted-a1-g0.5-i45", "synth-weighted", "-alpha 1 -relax 0.5", 45),
  C("rel-synth-binomial-a1-g0.25-i20", "synth-binomial", "-alpha 1 -relax 0.25", 20),
  C("rel-synth-multinomial-a0.5-g0.5-i20", "synth-multinomial", "-alpha 0.5 -relax 0.5", 20),
  C("rel-synth-multinomial-a1-g0.2-i45", "synth-multinomial", "-alpha 1 -relax 0.2", 45),
  C("rel-pima-a1-g0.5-lim-i45", "pima", "-alpha 1 -relax 0.5 -lower-limit 0 -upper-limit glu:0.02", 45)
)

# ------------------------------------------------------------------ options -> glmnet

column_attrs <- function(arff) {
  out <- character(0)
  for (a in arff$attrs[-length(arff$attrs)]) {
    n <- if (!a$nominal || length(a$values) == 2) 1 else length(a$values)
    out <- c(out, rep(a$name, n))
  }
  out
}

attr_values <- function(spec, col_attr) {
  v <- list()
  for (item in strsplit(spec, ",", fixed = TRUE)[[1]]) {
    k <- regexpr(":[^:]*$", item)
    name <- substr(item, 1, k - 1)
    if (!name %in% col_attr) stop("unknown attribute ", name)
    v[[name]] <- as.numeric(substr(item, k + 1, nchar(item)))
  }
  v
}

parse_options <- function(opts, arff, d) {
  tok <- strsplit(opts, " ", fixed = TRUE)[[1]]
  col_attr <- column_attrs(arff)
  stopifnot(length(col_attr) == ncol(d$X))
  p <- ncol(d$X)
  o <- list(alpha = 1, standardize = TRUE, intercept = TRUE, grouped = FALSE, relax = NA,
            pf = rep(1, p), lower = rep(-Inf, p), upper = rep(Inf, p),
            cw = rep(1, length(d$classes)))
  i <- 1
  while (i <= length(tok)) {
    t <- tok[i]
    a <- if (i < length(tok)) tok[i + 1] else NA
    step <- 2
    if (t == "-alpha") o$alpha <- as.numeric(a)
    else if (t == "-no-standardize") { o$standardize <- FALSE; step <- 1 }
    else if (t == "-no-intercept") { o$intercept <- FALSE; step <- 1 }
    else if (t == "-grouped") { o$grouped <- TRUE; step <- 1 }
    else if (t == "-relax") o$relax <- as.numeric(a)
    else if (t == "-penalty-factors") {
      v <- attr_values(a, col_attr)
      for (n in names(v)) o$pf[col_attr == n] <- v[[n]]
    } else if (t == "-unpenalized") {
      for (n in strsplit(a, ",", fixed = TRUE)[[1]]) {
        if (!n %in% col_attr) stop("unknown attribute ", n)
        o$pf[col_attr == n] <- 0
      }
    } else if (t %in% c("-lower-limit", "-upper-limit")) {
      key <- if (t == "-lower-limit") "lower" else "upper"
      num <- suppressWarnings(as.numeric(a))
      if (!is.na(num)) o[[key]][] <- num
      else {
        v <- attr_values(a, col_attr)
        for (n in names(v)) o[[key]][col_attr == n] <- v[[n]]
      }
    } else if (t == "-class-weights") {
      if (a == "balanced") {
        Wk <- vapply(seq_along(d$classes), function(k) sum(d$w[as.integer(d$y) == k]), 0)
        K <- sum(Wk > 0)
        o$cw <- ifelse(Wk > 0, sum(Wk) / (K * Wk), 1)
      } else {
        for (item in strsplit(a, ",", fixed = TRUE)[[1]]) {
          k <- regexpr(":[^:]*$", item)
          cls <- match(substr(item, 1, k - 1), d$classes)
          if (is.na(cls)) stop("unknown class in ", item)
          o$cw[cls] <- as.numeric(substr(item, k + 1, nchar(item)))
        }
      }
    } else stop("unknown option ", t)
    i <- i + step
  }
  o$w <- d$w * o$cw[as.integer(d$y)]
  o
}

# glmnet with the case's options; warnings collected
fit_glmnet <- function(d, family, o, lambda = NULL, thresh = 1e-7, maxit = 1e5,
                       exclude = NULL, relax = FALSE) {
  warn <- character(0)
  args <- list(x = d$X, y = d$y, family = family, alpha = o$alpha,
               standardize = o$standardize, intercept = o$intercept, weights = o$w,
               penalty.factor = o$pf, lower.limits = o$lower, upper.limits = o$upper,
               type.multinomial = if (o$grouped) "grouped" else "ungrouped",
               thresh = thresh, maxit = maxit, relax = relax)
  if (!is.null(lambda)) args$lambda <- lambda
  if (!is.null(exclude) && length(exclude) > 0) args$exclude <- exclude
  fit <- tryCatch(withCallingHandlers(
    do.call(glmnet, args),  # do.call: the call holds values, so relax.glmnet's update() works
    warning = function(w) {
      warn <<- c(warn, conditionMessage(w))
      invokeRestart("muffleWarning")
    }), error = function(e) NULL)
  list(fit = fit, warn = warn)
}

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

THRESH_LADDER <- c(1e-25, 1e-20, 1e-15, 1e-12, 1e-9)

ladder <- function(d, family, o, lambda, nwant, exclude = NULL) {
  for (th in THRESH_LADDER) {
    r <- fit_glmnet(d, family, o, lambda = lambda, thresh = th,
                    maxit = if (th < 1e-15) 1e6 else 1e7, exclude = exclude)
    if (!is.null(r$fit) && r$fit$jerr == 0 && length(r$fit$lambda) == nwant) {
      return(list(fit = r$fit, thresh = th))
    }
  }
  list(fit = NULL, thresh = NA)
}

# ------------------------------------------------------------------ run

designs <- list()
raw_rows <- list()
t_start <- Sys.time()
cat(sprintf("%-38s %-11s %5s %4s %13s %6s %8s %8s %s\n", "case", "family", "idx", "len",
            "lambda", "df", "thresh", "refit", "seconds"))
for (cs in CASES) {
  if (!grepl(only, cs$id, perl = TRUE)) next
  t0 <- Sys.time()
  ds <- cs$ds
  if (is.null(designs[[ds]])) {
    arff <- read_arff(file.path(TD, paste0(ds, ".arff")))
    designs[[ds]] <- list(arff = arff, d = design(arff))
    d <- designs[[ds]]$d
    write_rows(file.path(DES, paste0(ds, ".csv")), c(d$names, ".y", ".w"),
               cbind(d$X, as.integer(d$y), d$w))
  }
  arff <- designs[[ds]]$arff
  d <- designs[[ds]]$d
  family <- if (length(d$classes) == 2) "binomial" else "multinomial"
  o <- parse_options(cs$opts, arff, d)

  path <- fit_glmnet(d, family, o)
  pf <- path$fit
  if (is.null(pf)) stop(cs$id, ": default path failed: ", paste(path$warn, collapse = "; "))
  L <- length(pf$lambda)
  if (cs$idx > L) stop(cs$id, ": the default path has only ", L, " lambdas")
  idx <- cs$idx
  lam <- pf$lambda[1:idx]
  if (cs$path) {
    writeLines(c("lambda,df,dev_ratio",
                 paste(g17(pf$lambda), g17(pf$df), g17(pf$dev.ratio), sep = ",")),
               file.path(OUT, paste0(cs$id, ".path.csv")))
  }
  ref <- ladder(d, family, o, lam, idx)
  df <- NA
  if (!is.null(ref$fit)) {
    cr <- coef_rows(ref$fit, d, family, idx)
    write_rows(file.path(RAW, paste0(cs$id, ".ref.csv")), c("row", "(Intercept)", d$names),
               cr$m, cr$rn)
    df <- ref$fit$df[idx]
  }
  refit_thresh <- NA
  relax_ok <- NA
  if (!is.na(o$relax) && !is.null(ref$fit)) {
    # relax.glmnet: the columns nonzero in any class, refitted with lambda = 0 and the
    # others excluded, every other argument (limits included) as in the original call
    cr <- coef_rows(ref$fit, d, family, idx)
    active <- colSums(abs(cr$m[, -1, drop = FALSE])) > 0
    excl <- which(!active)
    rf <- ladder(d, family, o, 0, 1, exclude = excl)
    refit_thresh <- rf$thresh
    if (!is.null(rf$fit)) {
      rr <- coef_rows(rf$fit, d, family, 1)
      write_rows(file.path(RAW, paste0(cs$id, ".refit.csv")),
                 c("row", "(Intercept)", d$names), rr$m, rr$rn)
    }
    # glmnet's own relaxed fit and its predictions at gamma
    gr <- fit_glmnet(d, family, o, lambda = lam, thresh = if (is.na(ref$thresh)) 1e-12 else max(ref$thresh, 1e-20),
                     maxit = 1e6, relax = TRUE)
    relax_ok <- !is.null(gr$fit)
    if (relax_ok) {
      pr <- predict(gr$fit, newx = d$X, s = lam[idx], gamma = o$relax, type = "response")
      pr <- if (family == "binomial") cbind(1 - pr[, 1], pr[, 1]) else pr[, , 1]
      write_rows(file.path(RAW, paste0(cs$id, ".relaxed-prob.csv")), d$classes, pr)
    }
  }
  raw_rows[[length(raw_rows) + 1]] <- data.frame(
    case = cs$id, dataset = paste0(ds, ".arff"), family = family, options = cs$opts,
    lambda = g17(pf$lambda[idx]), lambda_index = idx, path_length = L,
    glmnet_lambda_max = g17(pf$lambda[1]), path_case = cs$path,
    ref_thresh = if (is.na(ref$thresh)) "none" else format(ref$thresh),
    ref_npasses = if (is.null(ref$fit)) NA else ref$fit$npasses,
    refit_thresh = if (is.na(o$relax)) "" else if (is.na(refit_thresh)) "none" else format(refit_thresh),
    glmnet_relax_ok = if (is.na(relax_ok)) "" else tolower(as.character(relax_ok)),
    default_converged = pf$jerr == 0 && length(path$warn) == 0,
    stringsAsFactors = FALSE)
  cat(sprintf("%-38s %-11s %5d %4d %13.6g %6s %8s %8s %.1f\n", cs$id, family, idx, L,
              pf$lambda[idx], format(df), if (is.na(ref$thresh)) "FAILED" else format(ref$thresh),
              if (is.na(o$relax)) "" else format(refit_thresh),
              as.numeric(difftime(Sys.time(), t0, units = "secs"))))
}
raw <- do.call(rbind, raw_rows)
write.csv(raw, file.path(RAW, "raw-cases.csv"), row.names = FALSE, quote = TRUE)
cat(sprintf("%d cases, %.0f s, R %s, glmnet %s\n", nrow(raw),
            as.numeric(difftime(Sys.time(), t_start, units = "secs")),
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("glmnet")))
