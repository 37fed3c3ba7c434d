#!/usr/bin/env Rscript
# Independent expected values for tcsurvey's finite-population figures, the
# minimum detectable change, the p-value of the Newcombe interval and Mood's
# median test. Computed from raw answer vectors with R's `survey` package
# (svydesign(fpc=)), base R's t and normal distributions, uniroot and
# chisq.test -- never with tcsurvey.
#
# Writes tests/expected/population_expected.csv (one row per case: a scale,
# the point counts of the earlier wave "from" and the later wave "to", and
# each wave's population, NA = not known) and
# tests/expected/median_test_expected.csv.
#
# Contract (what tcsurvey must reproduce), a = earlier answers, b = later:
#  * per wave: mean; its SE from svymean on svydesign(ids = ~1, fpc = ~N)
#    ((1 - n/N) s^2 / n; without N, s^2 / n); its 95% CI from
#    confint(svymean(...), df = degf(design)) = mean -+ t(.975, n - 1) SE;
#  * the Wilson interval of "% high" (answers above (min + max) / 2) with the
#    variance of a proportion sampled without replacement,
#    (N - n) / (N - 1) P (1 - P) / n (Cochran 1977, section 3.2): the two
#    roots in P of (p - P)^2 = z^2 (N - n) / (N - 1) P (1 - P) / n, found
#    with uniroot (cross-checked against Wilson's closed form with the
#    effective size n (N - 1) / (N - n));
#  * the change: delta = mean(b) - mean(a); Welch on the svymean variances
#    v1, v2: t = delta / sqrt(v1 + v2), Satterthwaite
#    df = (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1)), p two-sided,
#    CI delta -+ t(.975, df) sqrt(v1 + v2). Without populations this is
#    t.test(b, a) (checked). Two complete censuses: no test ("exact"), the
#    interval [delta, delta];
#  * the change in % high: Newcombe (1998) method 10 from the two Wilson
#    intervals above; its p-value: the alpha at which the 1 - alpha interval
#    touches 0, found with uniroot on z (p = 2 (1 - Phi(z)));
#  * the minimum detectable change in mean (Bloom 1995):
#    (t(1 - alpha/2, df) + t(0.8, df)) sqrt(v1 + v2), alpha 0.05 and 0.10,
#    checked with a power routine: the noncentral-t power of the two-sided
#    Welch test at that change (ncp = MDC / SE) is printed and must be
#    0.80 within 0.01; and for equal n, equal SD and no population it is
#    compared with power.t.test(power = 0.8)$delta;
#  * the minimum detectable change in % high: 100 (z(1 - alpha/2) + z(0.8))
#    sqrt(p (1 - p) (1/n1' + 1/n2')), p pooled, 1/n' = 1/n, or
#    (N - n) / (n (N - 1)), or 0 for a census; its normal power printed;
#  * Mood's median test: answers above the pooled median (median(c(a, b)))
#    against the rest, chisq.test(correct = TRUE) on the 2 x 2 table
#    (scipy.stats.median_test(a, b) gives the same).
# It also writes tests/expected/population_chester_expected.csv (the bundled
# example read with read.csv, every question and pillar with populations) and
# tests/expected/check_evidence_expected.csv: a small plan checked against the
# two generated waves of tests/unit/test_check.c, each target's test (Welch,
# the Newcombe inversion, Mood's median test, Welch on composite scores),
# Benjamini-Hochberg over the plan's distinct tests (p.adjust), the verdict
# and the status under the rules "point" and "evidence", without and with
# populations (12 and 12).
# Undefined = empty cell; flags 0/1.
#
# Usage: Rscript scripts/expected_population.R   (r-cran-survey installed)

suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
root <- dirname(here)
out <- file.path(root, "tests", "expected", "population_expected.csv")
out_median <- file.path(root, "tests", "expected", "median_test_expected.csv")

# name, scale min, max, counts from, counts to, population from, to
cases <- list(
  list("ratings_1_10_pop", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), 40, 45),
  list("ratings_1_10_nopop", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), NA, NA),
  list("ratings_1_10_from_only", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), 30, NA),
  list("census_from", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), 28, 45),
  list("both_census", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), 28, 31),
  list("agree5_large", 1, 5, c(12, 31, 47, 78, 32), c(8, 22, 39, 80, 31), 250, 300),
  list("near_census", 1, 10, c(1, 0, 2, 3, 4, 6, 5, 4, 2, 1), c(0, 1, 1, 2, 3, 5, 7, 6, 4, 2), 29, 32),
  list("small_n3", 1, 5, c(0, 1, 1, 1, 0), c(0, 0, 1, 1, 1), 5, 6),
  list("zero_var_from_pop", 1, 5, c(0, 0, 10, 0, 0), c(1, 2, 3, 3, 1), 12, 20),
  list("zero_high_from_pop", 1, 5, c(2, 4, 6, 0, 0), c(0, 1, 2, 5, 4), 15, 15),
  list("all_high_both_pop", 1, 5, c(0, 0, 0, 8, 3), c(0, 0, 0, 4, 9), 20, 20),
  list("identical_pop", 1, 5, c(3, 5, 8, 6, 2), c(3, 5, 8, 6, 2), 30, 30),
  list("identical_nopop", 1, 5, c(3, 5, 8, 6, 2), c(3, 5, 8, 6, 2), NA, NA),
  list("decline_0_10_pop", 0, 10, c(0, 1, 0, 2, 3, 6, 5, 10, 12, 8, 5), c(2, 0, 1, 3, 2, 9, 4, 8, 9, 4, 3), 60, 80)
)

expand <- function(counts, lo) rep(seq(lo, by = 1, length.out = length(counts)), counts)

quiet_design <- function(d, N) {
  if (is.na(N)) suppressWarnings(svydesign(ids = ~1, data = d))
  else { d$N <- N; svydesign(ids = ~1, fpc = ~N, data = d) }
}

# Wilson limits with the SRSWOR variance, by root-finding on the score equation
wilson_fpc <- function(x, n, N, z) {
  p <- x / n
  if (!is.na(N) && N == n) return(c(p, p))
  fac <- if (is.na(N)) 1 else (N - n) / (N - 1)
  g <- function(P) (p - P)^2 - z^2 * fac * P * (1 - P) / n
  # at p = 0 (or 1) one root is p itself and the other solves P = c (1 - P)
  # (or 1 - P = c P), c = z^2 fac / n, by hand
  cc <- z^2 * fac / n
  lo <- if (p == 0) 0 else if (p == 1) 1 / (1 + cc) else uniroot(g, c(0, p), tol = 1e-16, maxiter = 2000)$root
  hi <- if (p == 1) 1 else if (p == 0) cc / (1 + cc) else uniroot(g, c(p, 1), tol = 1e-16, maxiter = 2000)$root
  # cross-check: Wilson's closed form with the effective size
  ne <- if (is.na(N)) n else n * (N - 1) / (N - n)
  cen <- (p + z^2 / (2 * ne)) / (1 + z^2 / ne)
  half <- z * sqrt(p * (1 - p) / ne + z^2 / (4 * ne^2)) / (1 + z^2 / ne)
  stopifnot(abs(max(0, cen - half) - lo) < 1e-12, abs(min(1, cen + half) - hi) < 1e-12)
  c(lo, hi)
}

newcombe <- function(x1, n1, N1, x2, n2, N2, z) {
  p1 <- x1 / n1; p2 <- x2 / n2
  w1 <- wilson_fpc(x1, n1, N1, z); w2 <- wilson_fpc(x2, n2, N2, z)
  d <- p2 - p1
  c(d - sqrt((p2 - w2[1])^2 + (w1[2] - p1)^2), d + sqrt((w2[2] - p2)^2 + (p1 - w1[1])^2))
}

newcombe_p <- function(x1, n1, N1, x2, n2, N2) {
  d <- x2 / n2 - x1 / n1
  if (d == 0) return(1)
  edge <- function(z) { ci <- newcombe(x1, n1, N1, x2, n2, N2, z); if (d > 0) ci[1] else -ci[2] }
  if (edge(60) > 0) return(0)
  z <- uniroot(edge, c(1e-9, 60), tol = 1e-15, maxiter = 2000)$root
  2 * pnorm(-z)
}

inv_size <- function(n, N) if (is.na(N)) 1 / n else if (N == n) 0 else (N - n) / (n * (N - 1))

fmt <- function(x) if (is.null(x) || is.na(x)) "" else sprintf("%.17g", x)

rows <- list()
notes <- character()
z975 <- qnorm(0.975)
for (cs in cases) {
  name <- cs[[1]]; lo <- cs[[2]]; hi <- cs[[3]]; cf <- cs[[4]]; ct <- cs[[5]]; Nf <- cs[[6]]; Nt <- cs[[7]]
  stopifnot(length(cf) == hi - lo + 1, length(ct) == hi - lo + 1)
  a <- expand(cf, lo); b <- expand(ct, lo); mid <- (lo + hi) / 2
  n1 <- length(a); n2 <- length(b)
  r <- list(case = name, scale_min = lo, scale_max = hi,
            from = paste(cf, collapse = ";"), to = paste(ct, collapse = ";"),
            population_from = if (is.na(Nf)) "" else Nf, population_to = if (is.na(Nt)) "" else Nt)
  wave <- function(y, N, tag) {
    d <- data.frame(y = y, high = as.numeric(y > mid))
    des <- quiet_design(d, N)
    m <- svymean(~y, des)
    v <- as.numeric(SE(m))^2
    ci <- confint(m, df = degf(des))
    x <- sum(y > mid); n <- length(y)
    # survey's SE of the share: (1 - n/N) p q / (n - 1), against Cochran's
    # model variance at P = p (the Wilson interval inverts the latter)
    sh <- svymean(~high, des)
    stopifnot(abs(as.numeric(SE(sh))^2 -
                  (if (is.na(N)) 1 else 1 - n / N) * (x / n) * (1 - x / n) / (n - 1)) < 1e-15)
    w <- wilson_fpc(x, n, N, z975)
    r[[paste0("mean_", tag)]] <<- mean(y)
    sdv <- sd(y)
    has_ci <- sdv > 0 || (!is.na(N) && N == n)
    r[[paste0("has_ci_", tag)]] <<- as.integer(has_ci)
    r[[paste0("mean_ci_lo_", tag)]] <<- if (has_ci) ci[1] else NA
    r[[paste0("mean_ci_hi_", tag)]] <<- if (has_ci) ci[2] else NA
    r[[paste0("high_ci_lo_", tag)]] <<- 100 * w[1]
    r[[paste0("high_ci_hi_", tag)]] <<- 100 * w[2]
    list(v = v, x = x, n = n)
  }
  wa <- wave(a, Nf, "from"); wb <- wave(b, Nt, "to")
  delta <- mean(b) - mean(a)
  exact <- !is.na(Nf) && !is.na(Nt) && Nf == n1 && Nt == n2
  se2 <- wa$v + wb$v
  r$delta <- delta
  r$exact <- as.integer(exact)
  r$has_welch <- as.integer(!exact && se2 > 0)
  if (!exact && se2 > 0) {
    se <- sqrt(se2)
    df <- se2^2 / (wa$v^2 / (n1 - 1) + wb$v^2 / (n2 - 1))
    t <- delta / se
    r$welch_t <- t; r$welch_df <- df; r$welch_p <- 2 * pt(-abs(t), df)
    r$delta_ci_lo <- delta - qt(0.975, df) * se
    r$delta_ci_hi <- delta + qt(0.975, df) * se
    if (is.na(Nf) && is.na(Nt)) { # without populations: Welch's t.test
      tt <- t.test(b, a, var.equal = FALSE)
      stopifnot(abs(tt$statistic - t) < 1e-12 * abs(t) + 1e-15, abs(tt$parameter - df) < 1e-9 * df)
    }
    for (al in c(0.05, 0.10)) {
      m <- (qt(1 - al / 2, df) + qt(0.8, df)) * se
      r[[sprintf("mdc_%02d", round(100 * al))]] <- m
      crit <- qt(1 - al / 2, df)
      pw <- pt(crit, df, ncp = m / se, lower.tail = FALSE) + pt(-crit, df, ncp = m / se)
      notes <- c(notes, sprintf("%s: Welch power at the MDC (alpha %.2f, df %.2f): %.5f", name, al, df, pw))
      stopifnot(abs(pw - 0.8) < 0.01)
    }
    if (is.na(Nf) && is.na(Nt) && n1 == n2 && abs(sd(a) - sd(b)) < 1e-12) {
      ptt <- power.t.test(n = n1, sd = sd(a), sig.level = 0.05, power = 0.8)$delta
      notes <- c(notes, sprintf("%s: power.t.test delta %.6f, closed-form MDC %.6f (%.2f%% apart)",
                                name, ptt, r$mdc_05, 100 * (r$mdc_05 - ptt) / ptt))
    }
  } else if (exact) {
    r$delta_ci_lo <- delta; r$delta_ci_hi <- delta; r$mdc_05 <- 0; r$mdc_10 <- 0
  }
  # % high and its change
  d <- wb$x / n2 - wa$x / n1
  nc <- newcombe(wa$x, n1, Nf, wb$x, n2, Nt, z975)
  r$high_delta <- 100 * d
  r$high_delta_ci_lo <- 100 * nc[1]
  r$high_delta_ci_hi <- 100 * nc[2]
  r$high_p <- newcombe_p(wa$x, n1, Nf, wb$x, n2, Nt)
  # consistency of the inversion: p < 0.05 exactly when the 95% interval excludes 0
  stopifnot((r$high_p < 0.05) == (nc[1] > 0 || nc[2] < 0) || abs(r$high_p - 0.05) < 1e-9)
  pbar <- (wa$x + wb$x) / (n1 + n2)
  inv <- inv_size(n1, Nf) + inv_size(n2, Nt)
  if (exact) {
    r$high_mdc_05 <- 0
  } else if (pbar * (1 - pbar) * inv > 0) {
    sdd <- sqrt(pbar * (1 - pbar) * inv)
    r$high_mdc_05 <- 100 * (qnorm(0.975) + qnorm(0.8)) * sdd
    k <- r$high_mdc_05 / 100 / sdd
    pw <- pnorm(k - qnorm(0.975)) + pnorm(-k - qnorm(0.975))
    notes <- c(notes, sprintf("%s: normal power at the %% high MDC: %.6f", name, pw))
    stopifnot(abs(pw - 0.8) < 1e-4)
  }
  rows[[length(rows) + 1]] <- r
}

cols <- c("case", "scale_min", "scale_max", "from", "to", "population_from", "population_to",
          "mean_from", "has_ci_from", "mean_ci_lo_from", "mean_ci_hi_from", "high_ci_lo_from", "high_ci_hi_from",
          "mean_to", "has_ci_to", "mean_ci_lo_to", "mean_ci_hi_to", "high_ci_lo_to", "high_ci_hi_to",
          "delta", "exact", "has_welch", "welch_t", "welch_df", "welch_p", "delta_ci_lo", "delta_ci_hi",
          "mdc_05", "mdc_10", "high_delta", "high_delta_ci_lo", "high_delta_ci_hi", "high_p", "high_mdc_05")
lines <- paste(cols, collapse = ",")
for (r in rows) {
  cells <- vapply(cols, function(k) {
    v <- r[[k]]
    if (is.null(v)) "" else if (is.character(v)) v else fmt(v)
  }, "")
  lines <- c(lines, paste(cells, collapse = ","))
}
writeLines(lines, out)

# Mood's median test on the same pairs (as answered), and two edge cases
pairs <- lapply(cases, function(cs) cs[1:5])
keys <- vapply(pairs, function(cs) paste(cs[[2]], paste(cs[[4]], collapse = ";"), paste(cs[[5]], collapse = ";")), "")
mcases <- c(pairs[!duplicated(keys)],
            list(list("all_at_median", 1, 5, c(0, 0, 6, 0, 0), c(0, 0, 3, 0, 0)),
                 list("tied_median_split", 1, 5, c(0, 0, 0, 5, 5), c(0, 0, 0, 9, 1))))
mlines <- "case,scale_min,scale_max,from,to,has_test,chi2,p"
for (cs in mcases) {
  a <- expand(cs[[4]], cs[[2]]); b <- expand(cs[[5]], cs[[2]])
  m <- median(c(a, b))
  tab <- rbind(c(sum(a > m), sum(b > m)), c(sum(a <= m), sum(b <= m)))
  if (any(rowSums(tab) == 0)) {
    cells <- c(cs[[1]], cs[[2]], cs[[3]], paste(cs[[4]], collapse = ";"), paste(cs[[5]], collapse = ";"), "0", "", "")
  } else {
    ct <- suppressWarnings(chisq.test(tab, correct = TRUE))
    cells <- c(cs[[1]], cs[[2]], cs[[3]], paste(cs[[4]], collapse = ";"), paste(cs[[5]], collapse = ";"), "1",
               fmt(unname(ct$statistic)), fmt(ct$p.value))
  }
  mlines <- c(mlines, paste(cells, collapse = ","))
}
writeLines(mlines, out_median)
# ---- the bundled example with populations: every question and pillar ----
# surveys/chester read here with read.csv; populations 2024 = 40, 2026 = 45
# (illustrative: the example's real populations are not published).
out_chester <- file.path(root, "tests", "expected", "population_chester_expected.csv")
pops <- c("2024" = 40, "2026" = 45)
read_wave <- function(f) {
  d <- read.csv(file.path(root, "surveys", "chester", f), check.names = FALSE,
                fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
  ids <- sub("^([0-9]+\\.[0-9]+)\\..*$", "\\1", names(d), perl = TRUE)
  keep <- grepl("^[0-9]+\\.[0-9]+$", ids)
  q <- d[, keep, drop = FALSE]
  names(q) <- ids[keep]
  q[] <- lapply(q, function(v) suppressWarnings(as.numeric(v)))
  q
}
w1 <- read_wave("chester-2024.csv"); w2 <- read_wave("chester-2026.csv")
cb <- read.csv(file.path(root, "surveys", "chester", "codebook.csv"), stringsAsFactors = FALSE)
change_row <- function(kind, name, a, b, N1, N2, mid) {
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  n1 <- length(a); n2 <- length(b)
  des1 <- quiet_design(data.frame(y = a), N1); des2 <- quiet_design(data.frame(y = b), N2)
  v1 <- as.numeric(SE(svymean(~y, des1)))^2; v2 <- as.numeric(SE(svymean(~y, des2)))^2
  se <- sqrt(v1 + v2); df <- (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1))
  delta <- mean(b) - mean(a); t <- delta / se
  x1 <- sum(a > mid); x2 <- sum(b > mid)
  nc <- newcombe(x1, n1, N1, x2, n2, N2, z975)
  c(kind, name, n1, n2, fmt(delta), fmt(t), fmt(df), fmt(2 * pt(-abs(t), df)),
    fmt(delta - qt(0.975, df) * se), fmt(delta + qt(0.975, df) * se),
    fmt((qt(0.975, df) + qt(0.8, df)) * se), fmt(100 * (x2 / n2 - x1 / n1)),
    fmt(100 * nc[1]), fmt(100 * nc[2]))
}
clines <- "kind,name,n_from,n_to,delta,welch_t,welch_df,welch_p,delta_ci_lo,delta_ci_hi,mdc_05,high_delta,high_delta_ci_lo,high_delta_ci_hi"
for (id in intersect(names(w1), names(w2)))
  clines <- c(clines, paste(change_row("question", id, w1[[id]], w2[[id]], pops[["2024"]], pops[["2026"]], 5.5),
                            collapse = ","))
# pillar scores on the items both waves ask: each respondent's mean over the
# items answered, kept when at least half are
score <- function(w, items) {
  v <- as.matrix(w[, items, drop = FALSE])
  k <- length(items); answered <- rowSums(!is.na(v))
  rowMeans(v, na.rm = TRUE)[answered >= ceiling(k / 2)]
}
for (pl in unique(cb$pillar)) {
  items <- intersect(intersect(cb$id[cb$pillar == pl], names(w1)), names(w2))
  clines <- c(clines, paste(change_row("pillar", pl, score(w1, items), score(w2, items),
                                       pops[["2024"]], pops[["2026"]], 5.5), collapse = ","))
}
writeLines(clines, out_chester)

# ---- check: a plan against the two generated waves of test_check.c ----
out_check <- file.path(root, "tests", "expected", "check_evidence_expected.csv")
W <- list(
  "2024" = list(Q1 = c(1, 2, 2, 3, 3, 3, 4, 4, 5, 5), Q2 = rep(3, 10),
                Q3 = c(1, 1, 1, 2, 2, 2, 3, 3, 4, 5), Q4 = c(5, 5, 4, 4, 4, 4, 3, 3, 3, 3)),
  "2026" = list(Q1 = c(3, 4, 4, 4, 4, 5, 5, 5, 5, 5), Q2 = c(2, 3, 3, 3, 3, 3, 3, 3, 3, 4),
                Q3 = c(1, 1, 2, 2, 2, 3, 3, 3, 4, 5), Q4 = c(1, 2, 2, 3, 3, 3, 3, 4, 4, 5)))
# row, question(s), metric, comparator, target, change?, share rule
plan <- list(
  list(2, "Q1", "mean", ">=", 4, FALSE), list(3, "Q1", "mean", ">", 0, TRUE),
  list(4, "Q1", "share", ">=", 50, FALSE, function(v) v >= 4, ">=4"),
  list(5, "Q4", "share", "<=", 10, FALSE, function(v) v <= 2, "<=2"),
  list(6, "Q1", "median", ">=", 4, FALSE), list(7, "Q3", "mean", ">=", 2.5, FALSE),
  list(8, c("Q1", "Q3"), "composite", ">=", 3.4, FALSE), list(9, "Q2", "mean", ">=", 3, FALSE))
meets <- function(v, cmp, t) switch(cmp, ">=" = v >= t, ">" = v > t, "<=" = v <= t, "<" = v < t)
clears <- function(lo, hi, cmp, t) switch(cmp, ">=" = lo >= t, ">" = lo > t, "<=" = hi <= t, "<" = hi < t)
welch <- function(a, b, Na, Nb) {
  va <- as.numeric(SE(svymean(~y, quiet_design(data.frame(y = a), Na))))^2
  vb <- as.numeric(SE(svymean(~y, quiet_design(data.frame(y = b), Nb))))^2
  se <- sqrt(va + vb); df <- (va + vb)^2 / (va^2 / (length(a) - 1) + vb^2 / (length(b) - 1))
  d <- mean(b) - mean(a)
  list(p = 2 * pt(-abs(d / se), df), lo = d - qt(0.975, df) * se, hi = d + qt(0.975, df) * se,
       mdc = (qt(0.975, df) + qt(0.8, df)) * se)
}
level_ci <- function(y, N) confint(svymean(~y, quiet_design(data.frame(y = y), N)),
                                   df = degf(quiet_design(data.frame(y = y), N)))
klines <- "variant,row,test,p,q,change_ci_lo,change_ci_hi,mdc,ci_lo,ci_hi,verdict,status_point,status_evidence"
for (variant in c("nopop", "pop12")) {
  N <- if (variant == "pop12") 12 else NA
  res <- list()
  for (t in plan) {
    row <- t[[1]]; q <- t[[2]]; metric <- t[[3]]; cmp <- t[[4]]; target <- t[[5]]; chg <- t[[6]]
    if (metric == "composite") {
      a <- rowMeans(cbind(W[["2024"]][[q[1]]], W[["2024"]][[q[2]]]))
      b <- rowMeans(cbind(W[["2026"]][[q[1]]], W[["2026"]][[q[2]]]))
    } else {
      a <- W[["2024"]][[q]]; b <- W[["2026"]][[q]]
    }
    r <- list(row = row, key = paste(metric, paste(q, collapse = ";"),
                                     if (metric == "share") t[[8]] else ""))
    if (metric %in% c("mean", "composite")) {
      wt <- welch(a, b, N, N)
      r$test <- "welch"; r$p <- wt$p; r$clo <- wt$lo; r$chi <- wt$hi; r$mdc <- wt$mdc
      base <- mean(a); obs <- mean(b)
      ci <- level_ci(b, N); r$lo <- ci[1]; r$hi <- ci[2]
      if (chg) { r$lo <- wt$lo; r$hi <- wt$hi }
    } else if (metric == "share") {
      x1 <- sum(t[[7]](a)); x2 <- sum(t[[7]](b)); n1 <- length(a); n2 <- length(b)
      nc <- newcombe(x1, n1, N, x2, n2, N, z975)
      r$test <- "newcombe"; r$p <- newcombe_p(x1, n1, N, x2, n2, N)
      r$clo <- 100 * nc[1]; r$chi <- 100 * nc[2]
      pbar <- (x1 + x2) / (n1 + n2)
      r$mdc <- 100 * (qnorm(0.975) + qnorm(0.8)) * sqrt(pbar * (1 - pbar) * (inv_size(n1, N) + inv_size(n2, N)))
      base <- 100 * x1 / n1; obs <- 100 * x2 / n2
      w <- wilson_fpc(x2, n2, N, z975); r$lo <- 100 * w[1]; r$hi <- 100 * w[2]
    } else { # median: Mood's median test, no interval
      m <- median(c(a, b))
      tab <- rbind(c(sum(a > m), sum(b > m)), c(sum(a <= m), sum(b <= m)))
      r$test <- "median"; r$p <- suppressWarnings(chisq.test(tab, correct = TRUE))$p.value
      base <- median(a); obs <- median(b)
    }
    headline <- if (chg) obs - base else obs - base
    r$observed <- if (chg) obs - base else obs
    r$met <- meets(r$observed, cmp, target)
    r$met_before <- if (chg) meets(0, cmp, target) else meets(base, cmp, target)
    r$headline <- headline; r$cmp <- cmp; r$target <- target
    res[[length(res) + 1]] <- r
  }
  # BH over the distinct tests: a mean row and a change(mean) row of one
  # question between the same waves are one test
  keys <- vapply(res, function(r) paste(r$test, sub("^(mean|composite) ", "", r$key)), "")
  keys <- sub("^welch mean", "welch", keys)
  first <- !duplicated(keys)
  qv <- p.adjust(vapply(res[first], function(r) r$p, 0), method = "BH")
  names(qv) <- keys[first]
  for (i in seq_along(res)) {
    r <- res[[i]]
    q <- qv[[keys[i]]]
    up <- r$cmp %in% c(">=", ">")
    verdict <- if (q < 0.05) (if (r$headline > 0) "rose" else if (r$headline < 0) "fell" else "mixed") else "no clear change"
    point <- if (r$met) "met" else "other"
    ev <- point
    if (r$met) {
      if (!r$met_before) ev <- if (verdict == (if (up) "rose" else "fell")) "met" else "met_not_distinguishable"
      else ev <- if (!is.null(r$lo) && clears(r$lo, r$hi, r$cmp, r$target)) "met" else "met_not_distinguishable"
    }
    klines <- c(klines, paste(c(variant, r$row, r$test, fmt(r$p), fmt(q), fmt(r$clo), fmt(r$chi), fmt(r$mdc),
                                fmt(r$lo), fmt(r$hi), verdict, point, ev), collapse = ","))
  }
}
writeLines(klines, out_check)
writeLines(notes)
cat(sprintf("wrote %s (%d cases), %s (%d cases), %s (%d rows) and %s (%d rows)\n", out, length(rows),
            out_median, length(mcases), out_chester, length(clines) - 1, out_check, length(klines) - 1))
