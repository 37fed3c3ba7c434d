/* infer.c - a role and a scale for every column (see infer.h for the steps).
 *
 * The rules prefer the honest reading: a set of answers that fills a
 * 4-point agreement scale is a 4-point scale, not a 5-point one with an
 * empty middle; codes of a demographic question are not averaged; a
 * reading that cannot be told from the answers is flagged, with the
 * codebook line that settles it. */
#include "scale/infer.h"
#include "common/strindex.h"
#include "tcsurvey/escape.h"
#include "tcsurvey/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char tcs_basis_codebook[] = "codebook";
const char tcs_basis_labels[] = "labels";
const char tcs_basis_file_range[] = "range most rating columns need";
const char tcs_basis_own_range[] = "smallest range holding the answers";
const char tcs_basis_grid_range[] = "smallest range holding the grid's answers";
const char tcs_basis_grid_labels[] = "labels of the grid's answers";
const char tcs_basis_file_labels[] = "as the other questions of its family";
const char tcs_basis_text_range[] = "range in the question's wording";
const char tcs_basis_waves[] = "answers of every wave";

/* Fewer answers than this cannot tell an empty middle point from none. */
#define SMALL_N 30

typedef enum { CAND_NONE, CAND_LABELS, CAND_RANGE } candidate;

/* The grids of a file: the columns sharing a stem, each grid's columns
 * chained in order (found through a hash index, not pair by pair: a
 * header may have 16,384 columns). */
typedef struct {
    size_t *first; /* per column: its grid's first column, SIZE_MAX = no grid */
    size_t *next;  /* per column: the next column of its grid, SIZE_MAX = last */
} grids;

static bool grids_find(const tcs_infer_column *cols, size_t n, grids *g)
{
    g->first = malloc((n ? n : 1) * sizeof *g->first);
    g->next = malloc((n ? n : 1) * sizeof *g->next);
    size_t *last = malloc((n ? n : 1) * sizeof *last);
    tcs_strindex idx;
    if (!g->first || !g->next || !last || !tcs_strindex_init(&idx, n)) {
        free(last);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        g->first[i] = g->next[i] = SIZE_MAX;
        if (!cols[i].c->stem)
            continue;
        bool found;
        size_t f = *tcs_strindex_get(&idx, cols[i].c->stem, NULL, i, &found);
        g->first[i] = f;
        if (found)
            g->next[last[f]] = i;
        last[f] = i;
    }
    tcs_strindex_free(&idx);
    free(last);
    return true;
}

static void grids_free(grids *g)
{
    free(g->first);
    free(g->next);
}

typedef struct {
    tcs_answer_count *subst; /* substantive answers, value labels applied */
    size_t nsubst;
    long total;              /* their count */
    long numeric;            /* of them, numbers */
    int lo, hi;              /* extent of the numbers */
    bool labelled;           /* some number carries a label ("4 - Good") */
    bool zero_one;           /* every number is 0 or 1 */
    long fractions;          /* answers that are numbers but not whole ("4.25") */
    long bins;               /* answers that are counts in bins ("5+", "More than 10") */
    bool ones_only;          /* every number is 1 */
    size_t distinct_numbers;
    bool has_fit;
    tcs_scale_fit fit;       /* the best label scale */
    candidate cand;
    const tcs_scale_def *def; /* CAND_LABELS */
    int rmin, rmax;          /* CAND_RANGE */
    const char *basis;
    bool ambiguous;
    char note[320];
    char reason[200];
    char sample[120];        /* the most given answers of a categorical column (inspect) */
    char (*cores)[160];      /* subst texts without the words every answer repeats */
} scratch;

static void warnf(const tcs_infer_context *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warnf(const tcs_infer_context *ctx, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ctx->warn)
        ctx->warn(ctx->warn_ctx, buf);
}

/* Answers that fit no scale only because some of them opt out of the
 * question: the scale the others fit, the opt-outs kept out of means. */
static bool try_optouts(const tcs_infer_context *ctx, scratch *sc, tcs_column *c)
{
    size_t n = sc->nsubst, k = 0;
    tcs_answer_count *a = calloc(n ? n : 1, sizeof *a);
    size_t len = 1;
    if (!a)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!tcs_answer_opts_out(sc->subst[i].text, sc->subst[i].len))
            a[k++] = sc->subst[i];
        else
            len += sc->subst[i].len + 1;
    tcs_scale_fit f;
    if (k == n || k < 2 || !tcs_scale_choose(ctx->matcher, a, k, NULL, &f)) {
        free(a);
        return true;
    }
    if (!(c->optouts = malloc(len))) {
        free(a);
        return false;
    }
    size_t used = 0;
    long total = 0;
    for (size_t i = 0; i < n; i++)
        if (tcs_answer_opts_out(sc->subst[i].text, sc->subst[i].len)) {
            used += (size_t)snprintf(c->optouts + used, len - used, "%s%.*s", used ? "|" : "",
                                     (int)sc->subst[i].len, sc->subst[i].text);
        } else {
            total += sc->subst[i].count;
        }
    memcpy(sc->subst, a, k * sizeof *a);
    sc->nsubst = k;
    sc->total = total;
    sc->fit = f;
    sc->has_fit = true;
    free(a);
    return true;
}

/* Answers that repeat the question's words around the part that differs
 * ("I am very confident that ...", "I am unsure that ..."): the scale
 * that fits the parts that differ, and the words to strip. */
static bool try_affixes(const tcs_infer_context *ctx, scratch *sc, tcs_column *c)
{
    size_t n = sc->nsubst;
    if (n < 3 || n > 40)
        return true;
    char (*norms)[160] = calloc(n, sizeof *norms);
    char (*core)[160] = calloc(n, sizeof *core);
    tcs_answer_count *a = calloc(n, sizeof *a);
    char pre[160] = "", suf[160] = "";
    bool ok = norms && core && a;
    for (size_t i = 0; ok && i < n; i++)
        tcs_label_normalise(sc->subst[i].text, sc->subst[i].len, norms[i], sizeof norms[i]);
    bool hp = ok && tcs_common_affix(norms, n, false, pre, sizeof pre);
    bool hs = ok && tcs_common_affix(norms, n, true, suf, sizeof suf);
    tcs_scale_fit f;
    if (ok && (hp || hs)) {
        for (size_t i = 0; i < n; i++) {
            if (!tcs_strip_affixes(hp ? pre : NULL, hs ? suf : NULL, sc->subst[i].text,
                                   sc->subst[i].len, core[i], sizeof core[i]))
                snprintf(core[i], sizeof core[i], "%s", norms[i]);
            a[i] = (tcs_answer_count){core[i], strlen(core[i]), sc->subst[i].count};
        }
        if (tcs_scale_choose(ctx->matcher, a, n, NULL, &f)) {
            c->strip_prefix = hp ? tcs_strndup(pre, strlen(pre)) : NULL;
            c->strip_suffix = hs ? tcs_strndup(suf, strlen(suf)) : NULL;
            ok = (!hp || c->strip_prefix) && (!hs || c->strip_suffix);
            sc->fit = f;
            sc->has_fit = ok;
            memcpy(sc->subst, a, n * sizeof *a); /* the later steps read what differs */
            sc->cores = core;
            core = NULL;
        }
    }
    free(norms);
    free(core);
    free(a);
    return ok;
}

static bool evidence(const tcs_infer_column *ic, const tcs_infer_context *ctx, scratch *sc)
{
    const tcs_column *c = ic->c;
    sc->subst = calloc(ic->nanswers ? ic->nanswers : 1, sizeof *sc->subst);
    if (!sc->subst)
        return false;
    bool any = false;
    sc->zero_one = sc->ones_only = true;
    for (size_t i = 0; i < ic->nanswers; i++) {
        tcs_answer_count a = ic->answers[i];
        const char *lab = tcs_value_label_of(c->values, c->nvalues, a.text, a.len);
        if (lab) {
            a.text = lab;
            a.len = strlen(lab);
        }
        if (tcs_answer_in_list(c->nonsubstantive_list, a.text, a.len) ||
            tcs_answer_is_nonsubstantive(a.text, a.len))
            continue;
        sc->subst[sc->nsubst++] = a;
        sc->total += a.count;
        int v;
        bool lbl;
        double d;
        if (!tcs_answer_number(a.text, a.len, &v, &lbl)) {
            if (tcs_parse_double(a.text, a.len, &d))
                sc->fractions += a.count;
            else if (tcs_answer_count_bin(a.text, a.len))
                sc->bins += a.count;
            continue;
        }
        sc->numeric += a.count;
        sc->labelled |= lbl;
        sc->distinct_numbers++;
        sc->zero_one &= v == 0 || v == 1;
        sc->ones_only &= v == 1;
        sc->lo = any && sc->lo < v ? sc->lo : v;
        sc->hi = any && sc->hi > v ? sc->hi : v;
        any = true;
    }
    if (!any)
        sc->zero_one = sc->ones_only = false;
    /* options of a multi-select question are 0/1 (or 1) codes, labelled or not */
    if (!any && c->nvalues && ic->nanswers) {
        bool zo = true, ones = true;
        for (size_t i = 0; i < ic->nanswers && zo; i++) {
            long v;
            zo = tcs_parse_int(ic->answers[i].text, ic->answers[i].len, &v) && (v == 0 || v == 1);
            ones &= zo && v == 1;
        }
        sc->zero_one = zo;
        sc->ones_only = zo && ones;
        if (zo) { /* read them as the numbers they are */
            sc->numeric = sc->total;
            sc->lo = ones ? 1 : 0;
            sc->hi = 1;
            sc->distinct_numbers = ic->nanswers;
        }
    }
    sc->has_fit = sc->nsubst > 0 && tcs_scale_choose(ctx->matcher, sc->subst, sc->nsubst, NULL,
                                                     &sc->fit);
    if (!sc->has_fit && sc->numeric == 0 && !try_optouts(ctx, sc, (tcs_column *)c))
        return false;
    if (!sc->has_fit && sc->numeric == 0)
        return try_affixes(ctx, sc, (tcs_column *)c);
    return true;
}

/* ---- step 2: role ---- */

/* Up to three of the most frequent answers, each given by at least
 * TCS_MIN_SHOWN respondents (never one person's words) and short, for a
 * reason that says what the labels were. */
#define TCS_MIN_SHOWN 5
static bool label_before(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}

static void sample_labels(const scratch *sc, char *buf, size_t n)
{
    size_t used = 0, taken[3];
    size_t nt = 0;
    buf[0] = '\0';
    while (nt < 3) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < sc->nsubst; i++) {
            const tcs_answer_count *a = &sc->subst[i];
            bool seen = false;
            for (size_t k = 0; k < nt; k++)
                seen |= taken[k] == i;
            if (seen || a->count < TCS_MIN_SHOWN || a->len > 40)
                continue;
            const tcs_answer_count *b = best == SIZE_MAX ? NULL : &sc->subst[best];
            /* most given first; ties by wording, not by where a hash put them */
            if (!b || a->count > b->count ||
                (a->count == b->count && label_before(a->text, a->len, b->text, b->len)))
                best = i;
        }
        if (best == SIZE_MAX || used + 40 >= n)
            break;
        const tcs_answer_count *a = &sc->subst[best];
        used += (size_t)snprintf(buf + used, n - used, "%s'%.*s'", nt ? ", " : "",
                                 (int)(a->len > 24 ? 24 : a->len), a->text);
        taken[nt++] = best;
    }
}

static void set_reason(scratch *sc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void set_reason(scratch *sc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sc->reason, sizeof sc->reason, fmt, ap);
    va_end(ap);
}

/* Does another column of the same grid also hold only 0 and 1? */
static bool zero_one_sibling(const grids *g, const scratch *scr, size_t i)
{
    if (g->first[i] == SIZE_MAX)
        return false;
    for (size_t j = g->first[i]; j != SIZE_MAX; j = g->next[j])
        if (j != i && scr[j].zero_one)
            return true;
    return false;
}

/* Columns whose answers are numbers. */
static void numeric_role(const tcs_infer_context *ctx, tcs_infer_column *cols, scratch *scr,
                         const grids *g, size_t i, bool rating)
{
    tcs_column *c = cols[i].c;
    scratch *sc = &scr[i];
    if (!rating && sc->zero_one && (sc->ones_only || zero_one_sibling(g, scr, i))) {
        c->role = TCS_ROLE_MULTISELECT;
        set_reason(sc, "0/1 options of a multi-select question");
        return;
    }
    if (!rating && sc->zero_one) {
        c->role = TCS_ROLE_CATEGORICAL;
        set_reason(sc, "0/1 codes, not a rating");
        return;
    }
    if (!rating && !c->values && tcs_header_is_demographic(c->statement)) {
        c->role = TCS_ROLE_CATEGORICAL;
        set_reason(sc, "codes of a demographic question, not a rating (give their labels in "
                       "the codebook's values column)");
        return;
    }
    if (!rating && !c->values && tcs_platform_codes_need_key(ctx->platform)) {
        c->role = TCS_ROLE_CATEGORICAL;
        set_reason(sc, "numeric codes of a JISC Online Surveys export, whose labels are in its "
                       "key file: give it with --labels");
        return;
    }
    if (!rating && (sc->bins > 0 || sc->fractions > 0)) {
        c->role = TCS_ROLE_NUMERIC;
        set_reason(sc, sc->bins ? "counts (some answers are bins such as '5+'), not a rating"
                                : "numbers that are not whole (a measurement or an average), "
                                  "not a rating");
        return;
    }
    if (!rating && !sc->labelled && tcs_header_asks_quantity(c->statement)) {
        c->role = TCS_ROLE_NUMERIC;
        set_reason(sc, "a quantity the question asks for (how many, how long...), not a rating");
        return;
    }
    int rmin, rmax;
    if (sc->distinct_numbers <= TCS_SCALE_POINTS_MAX &&
        tcs_scale_smallest_range(sc->lo, sc->hi, &rmin, &rmax)) {
        c->role = TCS_ROLE_RATING;
        sc->cand = CAND_RANGE;
        sc->rmin = rmin;
        sc->rmax = rmax;
        sc->basis = c->stem ? tcs_basis_grid_range : tcs_basis_own_range;
        return;
    }
    c->role = TCS_ROLE_NUMERIC;
    set_reason(sc, "numbers from %d to %d, outside any rating range", sc->lo, sc->hi);
}

/* Columns whose answers are neither a scale's labels nor numbers. */
static void other_role(tcs_infer_column *ic, scratch *sc)
{
    tcs_column *c = ic->c;
    if ((double)ic->semicolon_cells >= 0.5 * (double)c->nonempty) {
        c->role = TCS_ROLE_MULTISELECT;
        set_reason(sc, "several options per answer");
    } else if (sc->nsubst == 1 && (tcs_answer_in_list(c->item, sc->subst[0].text,
                                                      sc->subst[0].len) ||
                                   tcs_answer_in_list(c->statement, sc->subst[0].text,
                                                      sc->subst[0].len))) {
        c->role = TCS_ROLE_MULTISELECT; /* one column per option, value = option */
        set_reason(sc, "one option of a multi-select question");
    } else if (sc->nsubst > 30 || (c->nonempty && ic->total_len / c->nonempty > 40)) {
        c->role = TCS_ROLE_FREETEXT;
        set_reason(sc, "free text");
    } else {
        c->role = TCS_ROLE_CATEGORICAL;
        sample_labels(sc, sc->sample, sizeof sc->sample);
        set_reason(sc, "categories, not answers on a scale tcsurvey knows");
    }
}

/* A numeric scale named in the codebook, answered in the labels of a label
 * scale with as many points: read the labels. */
static void codebook_scale(tcs_column *c, scratch *sc)
{
    if (c->scale.kind == TCS_SCALE_NUMERIC && sc->has_fit && sc->numeric == 0 &&
        sc->fit.def->first == c->scale.min &&
        sc->fit.def->first + (int)sc->fit.def->npoints - 1 == c->scale.max)
        tcs_scale_from_def(sc->fit.def, &c->scale);
    c->role = c->scale.kind == TCS_SCALE_NUMERIC ? TCS_ROLE_RATING : TCS_ROLE_LIKERT;
    sc->basis = tcs_basis_codebook;
    if (c->scale.kind == TCS_SCALE_NUMERIC && sc->numeric > 0) {
        sc->cand = CAND_RANGE;
        sc->rmin = c->scale.min;
        sc->rmax = c->scale.max;
    }
}

static void decide_role(const tcs_infer_context *ctx, tcs_infer_column *cols, scratch *scr,
                        const grids *g, size_t i)
{
    tcs_infer_column *ic = &cols[i];
    tcs_column *c = ic->c;
    scratch *sc = &scr[i];
    tcs_codebook_role want = ic->entry ? ic->entry->role : TCS_CB_ROLE_AUTO;
    if (c->role == TCS_ROLE_METADATA || c->role == TCS_ROLE_EXCLUDED) {
        set_reason(sc, c->role == TCS_ROLE_METADATA ? "the platform's own column"
                                                     : "excluded by the codebook");
        return;
    }
    if (c->scale_basis == tcs_basis_codebook && want == TCS_CB_ROLE_AUTO) {
        codebook_scale(c, sc);
        return;
    }
    if (c->nonempty == 0) {
        c->role = TCS_ROLE_EMPTY;
        set_reason(sc, "no answers");
        return;
    }
    static const tcs_role told[] = {[TCS_CB_ROLE_CATEGORICAL] = TCS_ROLE_CATEGORICAL,
                                    [TCS_CB_ROLE_MULTISELECT] = TCS_ROLE_MULTISELECT,
                                    [TCS_CB_ROLE_FREETEXT] = TCS_ROLE_FREETEXT};
    if (want == TCS_CB_ROLE_CATEGORICAL || want == TCS_CB_ROLE_MULTISELECT ||
        want == TCS_CB_ROLE_FREETEXT) {
        c->role = told[want];
        set_reason(sc, "the codebook says %s", tcs_codebook_role_name(want));
        return;
    }
    if (c->scale_basis == tcs_basis_codebook) {
        codebook_scale(c, sc);
        return;
    }
    if (ic->overflow) {
        c->role = ic->overflow_numeric_only && sc->numeric == sc->total ? TCS_ROLE_NUMERIC
                                                                         : TCS_ROLE_FREETEXT;
        set_reason(sc, c->role == TCS_ROLE_NUMERIC ? "numbers with many values" : "free text");
        return;
    }
    if (sc->nsubst == 0) {
        c->role = TCS_ROLE_EMPTY;
        set_reason(sc, "only non-substantive answers (N/A, don't know...)");
        return;
    }
    bool rating = want == TCS_CB_ROLE_RATING;
    if (sc->has_fit && sc->fit.matched >= sc->numeric) {
        c->role = TCS_ROLE_LIKERT;
        sc->cand = CAND_LABELS;
        sc->def = sc->fit.def;
        sc->basis = tcs_basis_labels;
    } else if (sc->numeric > 0 &&
               (double)(sc->numeric + sc->fractions + sc->bins) >= 0.8 * (double)sc->total) {
        numeric_role(ctx, cols, scr, g, i, rating);
    } else {
        other_role(ic, sc);
    }
}

/* ---- step 3: grids ---- */

/* The rows of one grid with label candidates share the scale that fits
 * all their answers together, when each row fits it too. */
static bool share_grid_labels(const tcs_infer_context *ctx, scratch *scr, const grids *g,
                              size_t first)
{
    size_t total = 0, rows = 0;
    for (size_t j = first; j != SIZE_MAX; j = g->next[j])
        if (scr[j].cand == CAND_LABELS && scr[j].basis != tcs_basis_codebook) {
            total += scr[j].nsubst;
            rows++;
        }
    if (rows < 2)
        return true;
    tcs_answer_count *u = calloc(total ? total : 1, sizeof *u);
    if (!u)
        return false;
    size_t k = 0;
    for (size_t j = first; j != SIZE_MAX; j = g->next[j])
        if (scr[j].cand == CAND_LABELS && scr[j].basis != tcs_basis_codebook) {
            memcpy(u + k, scr[j].subst, scr[j].nsubst * sizeof *u);
            k += scr[j].nsubst;
        }
    tcs_scale_fit f;
    bool fits = tcs_scale_choose(ctx->matcher, u, k, NULL, &f);
    free(u);
    for (size_t j = first; fits && j != SIZE_MAX; j = g->next[j]) {
        if (scr[j].cand != CAND_LABELS || scr[j].basis == tcs_basis_codebook ||
            f.def == scr[j].def)
            continue;
        tcs_scale_fit own;
        tcs_scale_fit_def(ctx->matcher, f.def, scr[j].subst, scr[j].nsubst, &own);
        if ((double)own.matched >= 0.8 * (double)own.total) {
            scr[j].def = f.def;
            scr[j].fit = own;
            scr[j].basis = tcs_basis_grid_labels;
        }
    }
    return true;
}

/* The rows of one numeric grid share the smallest standard range that
 * holds all their answers. */
static void share_grid_range(scratch *scr, const grids *g, size_t first)
{
    bool any = false;
    int lo = 0, hi = 0;
    for (size_t j = first; j != SIZE_MAX; j = g->next[j])
        if (scr[j].cand == CAND_RANGE && scr[j].basis != tcs_basis_codebook) {
            lo = any && lo < scr[j].lo ? lo : scr[j].lo;
            hi = any && hi > scr[j].hi ? hi : scr[j].hi;
            any = true;
        }
    int rmin, rmax;
    if (!any || !tcs_scale_smallest_range(lo, hi, &rmin, &rmax))
        return;
    for (size_t j = first; j != SIZE_MAX; j = g->next[j])
        if (scr[j].cand == CAND_RANGE && scr[j].basis != tcs_basis_codebook) {
            scr[j].rmin = rmin;
            scr[j].rmax = rmax;
            scr[j].lo = lo; /* the grid's extent counts for the common range */
            scr[j].hi = hi;
        }
}

static bool share_grids(const tcs_infer_context *ctx, scratch *scr, const grids *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (g->first[i] != i)
            continue;
        if (!share_grid_labels(ctx, scr, g, i))
            return false;
        share_grid_range(scr, g, i);
    }
    return true;
}

/* ---- step 4: families ---- */

/* The shown wording (before the first '|') of a point's wordings. */
static int shown_len(const char *wordings) { return (int)strcspn(wordings, "|"); }

/* Alternatives of sc->def in its family that explain the answers as well,
 * with more points: the one the other questions of the file use most
 * (uses[], by matcher index), else any. */
static const tcs_scale_def *larger_alternative(const tcs_infer_context *ctx, const scratch *sc,
                                               const size_t *uses, bool used_only,
                                               tcs_scale_fit *fit)
{
    const tcs_scale_def *best = NULL;
    size_t best_uses = 0;
    for (size_t d = 0; d < tcs_scale_matcher_count(ctx->matcher); d++) {
        const tcs_scale_def *def = tcs_scale_matcher_def(ctx->matcher, d);
        if (def == sc->def || def->npoints <= sc->def->npoints ||
            strcmp(def->family, sc->def->family) != 0 || (used_only && uses[d] == 0))
            continue;
        tcs_scale_fit f;
        tcs_scale_fit_def(ctx->matcher, def, sc->subst, sc->nsubst, &f);
        if (f.matched < sc->fit.matched || f.collisions > 0 || f.crowded_empty_end)
            continue;
        if (!best || uses[d] > best_uses ||
            (uses[d] == best_uses && def->npoints < best->npoints)) {
            best = def;
            best_uses = uses[d];
            *fit = f;
        }
    }
    return best;
}

/* Is alt sc->def with one more point, a middle nobody chose (agree4 and
 * agree5, agree6 and agree7)? */
static bool one_more_middle(const scratch *sc, const tcs_scale_def *alt, const tcs_scale_fit *f)
{
    size_t mid = alt->npoints / 2;
    return alt->npoints == sc->def->npoints + 1 && alt->npoints % 2 == 1 && alt->npoints >= 5 &&
           f->gaps == sc->fit.gaps + 1 && !(f->used & (1ull << mid));
}

static void family_one(const tcs_infer_context *ctx, const tcs_infer_column *ic, scratch *sc,
                       const size_t *uses)
{
    /* a yes/no question beside a yes/maybe/no one is not a 3-point one */
    if (strcmp(sc->def->family, "yes/no") == 0)
        return;
    tcs_scale_fit f;
    const tcs_scale_def *alt = larger_alternative(ctx, sc, uses, true, &f);
    const char *id = ic->c->id;
    const tcs_scale_def *own = sc->def;
    if (alt && !one_more_middle(sc, alt, &f)) {
        /* the questionnaire's scale, which other questions' answers need:
         * the points nobody chose here are still on the form */
        sc->def = alt;
        sc->fit = f;
        sc->basis = tcs_basis_file_labels;
        return;
    }
    /* from here alt, if any, is own with one more point, a middle nobody
     * chose (one_more_middle): that middle is what the form may have had */
    const char *gap = alt ? alt->points[alt->npoints / 2] : "";
    if (alt && sc->total < SMALL_N) {
        snprintf(sc->note, sizeof sc->note,
                 "read as %s like the file's other %s questions, but nobody of %ld chose "
                 "'%.*s'; if this question did not offer it, give %s scale %s in the codebook",
                 alt->name, alt->family, sc->total, shown_len(gap), gap, id, own->name);
        sc->def = alt;
        sc->fit = f;
        sc->basis = tcs_basis_file_labels;
        sc->ambiguous = true;
        return;
    }
    if (alt) { /* many answers and an empty middle: this question has none */
        snprintf(sc->note, sizeof sc->note,
                 "read as %s: nobody of %ld chose '%.*s', which the file's other %s questions "
                 "offer; if this one offered it too, give %s scale %s in the codebook",
                 own->name, sc->total, shown_len(gap), gap, alt->family, id, alt->name);
        sc->ambiguous = true;
        return;
    }
    if (sc->total >= SMALL_N || !(alt = larger_alternative(ctx, sc, uses, false, &f)) ||
        !one_more_middle(sc, alt, &f))
        return;
    gap = alt->points[alt->npoints / 2];
    snprintf(sc->note, sizeof sc->note,
             "read as %s, without a middle answer: nobody of %ld chose one; if the question "
             "offered '%.*s', give %s scale %s in the codebook",
             own->name, sc->total, shown_len(gap), gap, id, alt->name);
    sc->ambiguous = true;
}

/* Two different answers on one point of the chosen scale: say so. */
static void note_collisions(const tcs_infer_column *ic, scratch *sc)
{
    if (sc->cand != CAND_LABELS || sc->fit.collisions == 0 || sc->ambiguous)
        return;
    snprintf(sc->note, sizeof sc->note,
             "read as %s, though different answers are read as one of its points (wordings "
             "of one answer, or answers the form kept apart?); if the form kept them apart, "
             "give %s's answers in order in the codebook's labels column",
             sc->def->name, ic->c->id);
    sc->ambiguous = true;
}

static bool families(const tcs_infer_context *ctx, tcs_infer_column *cols, scratch *scr,
                     size_t n)
{
    size_t nd = tcs_scale_matcher_count(ctx->matcher);
    size_t *uses = calloc(nd ? nd : 1, sizeof *uses);
    if (!uses)
        return false;
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; scr[i].cand == CAND_LABELS && d < nd; d++)
            uses[d] += tcs_scale_matcher_def(ctx->matcher, d) == scr[i].def;
    for (size_t i = 0; i < n; i++)
        if (scr[i].cand == CAND_LABELS && scr[i].basis != tcs_basis_codebook) {
            family_one(ctx, &cols[i], &scr[i], uses);
            note_collisions(&cols[i], &scr[i]);
        }
    free(uses);
    return true;
}

/* The label scale of the grid (first), or else of the file (used lists
 * the scales other columns are on), that takes every answer of sc. */
static const tcs_scale_def *scale_taking_all(const tcs_infer_context *ctx, const scratch *scr,
                                             const grids *g, size_t i,
                                             const tcs_scale_def *const *used, size_t nused,
                                             const char **basis)
{
    const scratch *sc = &scr[i];
    tcs_scale_fit f;
    for (size_t j = g->first[i]; j != SIZE_MAX; j = g->next[j]) {
        if (j == i || scr[j].cand != CAND_LABELS)
            continue;
        tcs_scale_fit_def(ctx->matcher, scr[j].def, sc->subst, sc->nsubst, &f);
        if (f.matched == f.total && f.near == 0 && f.by_head == 0 && f.covered >= 1) {
            *basis = tcs_basis_grid_labels;
            return scr[j].def;
        }
    }
    for (size_t k = 0; k < nused; k++) {
        tcs_scale_fit_def(ctx->matcher, used[k], sc->subst, sc->nsubst, &f);
        if (f.matched == f.total && f.near == 0 && f.by_head == 0 && f.covered >= 1) {
            *basis = tcs_basis_file_labels;
            return used[k];
        }
    }
    return NULL;
}

/* Columns whose answers are all one wording of a label scale that other
 * questions of its grid, or else of the file, are on (a grid row everyone
 * answered alike): that scale, rather than "categorical". */
static bool one_point_columns(const tcs_infer_context *ctx, tcs_infer_column *cols,
                              scratch *scr, const grids *g, size_t n)
{
    size_t nd = tcs_scale_matcher_count(ctx->matcher), nused = 0;
    const tcs_scale_def **used = calloc(nd ? nd : 1, sizeof *used);
    if (!used)
        return false;
    for (size_t d = 0; d < nd; d++) {
        const tcs_scale_def *def = tcs_scale_matcher_def(ctx->matcher, d);
        for (size_t i = 0; i < n; i++)
            if (scr[i].cand == CAND_LABELS && scr[i].def == def) {
                used[nused++] = def;
                break;
            }
    }
    for (size_t i = 0; i < n && nused; i++) {
        scratch *sc = &scr[i];
        if (cols[i].c->role != TCS_ROLE_CATEGORICAL || sc->nsubst == 0 ||
            sc->cand != CAND_NONE || (cols[i].entry && cols[i].entry->role != TCS_CB_ROLE_AUTO))
            continue;
        const char *basis = NULL;
        const tcs_scale_def *def = scale_taking_all(ctx, scr, g, i, used, nused, &basis);
        if (!def)
            continue;
        cols[i].c->role = TCS_ROLE_LIKERT;
        sc->cand = CAND_LABELS;
        sc->def = def;
        sc->basis = basis;
        sc->reason[0] = '\0';
        sc->sample[0] = '\0';
        tcs_scale_fit_def(ctx->matcher, def, sc->subst, sc->nsubst, &sc->fit);
    }
    free(used);
    return true;
}

/* ---- step 5: ranges ---- */

typedef struct {
    int min, max;
    size_t votes;
} range_vote;

static void vote(range_vote *v, size_t *nv, int min, int max)
{
    for (size_t k = 0; k < *nv; k++)
        if (v[k].min == min && v[k].max == max) {
            v[k].votes++;
            return;
        }
    v[(*nv)++] = (range_vote){min, max, 1};
}

static void ranges(tcs_infer_column *cols, scratch *scr, size_t n, tcs_infer_result *out)
{
    range_vote v[64];
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        tcs_column *c = cols[i].c;
        if (c->role != TCS_ROLE_RATING)
            continue;
        int a, b;
        if (scr[i].basis != tcs_basis_codebook && scr[i].cand == CAND_RANGE &&
            (tcs_scale_range_in_text(c->statement, &a, &b) ||
             tcs_scale_range_in_text(c->header, &a, &b)) &&
            a <= scr[i].lo && scr[i].hi <= b) {
            scr[i].rmin = a;
            scr[i].rmax = b;
            scr[i].basis = tcs_basis_text_range;
        }
        int vmin = scr[i].basis == tcs_basis_codebook ? c->scale.min : scr[i].rmin;
        int vmax = scr[i].basis == tcs_basis_codebook ? c->scale.max : scr[i].rmax;
        if (nv < sizeof v / sizeof v[0])
            vote(v, &nv, vmin, vmax);
    }
    size_t best = nv;
    for (size_t k = 0; k < nv; k++) /* ties go to the wider range */
        if (best == nv || v[k].votes > v[best].votes ||
            (v[k].votes == v[best].votes &&
             (v[k].max - v[k].min > v[best].max - v[best].min ||
              (v[k].max - v[k].min == v[best].max - v[best].min && v[k].min < v[best].min))))
            best = k;
    if (best == nv)
        return;
    out->has_common_range = true;
    tcs_scale_numeric(v[best].min, v[best].max, &out->common_range);
    out->common_range_votes = v[best].votes;
    for (size_t i = 0; i < n; i++) {
        if (cols[i].c->role != TCS_ROLE_RATING || scr[i].basis == tcs_basis_codebook ||
            scr[i].basis == tcs_basis_text_range || scr[i].cand != CAND_RANGE)
            continue;
        if (v[best].min <= scr[i].lo && scr[i].hi <= v[best].max) {
            scr[i].rmin = v[best].min;
            scr[i].rmax = v[best].max;
            scr[i].basis = tcs_basis_file_range;
        }
    }
}

/* ---- step 6: finish ---- */

/* Labels of a numeric scale from "4 - Very impressive" answers. */
static void prefixed_labels(tcs_column *c, const tcs_infer_column *ic)
{
    bool set[TCS_SCALE_POINTS_MAX] = {false};
    for (size_t i = 0; i < ic->nanswers; i++) {
        const tcs_answer_count *a = &ic->answers[i];
        int v;
        bool lab;
        if (!tcs_answer_number(a->text, a->len, &v, &lab) || !lab || v < c->scale.min ||
            v > c->scale.max || set[v - c->scale.min])
            continue;
        snprintf(c->scale.labels[v - c->scale.min], sizeof c->scale.labels[0], "%.*s",
                 (int)(a->len < 90 ? a->len : 90), a->text);
        set[v - c->scale.min] = true;
    }
}

static tcs_status leftover(const tcs_infer_context *ctx, const tcs_infer_column *ic,
                           tcs_error *err)
{
    const tcs_column *c = ic->c;
    char list[600];
    tcs_describe_unknown(c, list, sizeof list);
    if (c->scale_basis == tcs_basis_codebook && !ctx->allow_other && ic->entry)
        return tcs_error_set(err, TCS_ECODEBOOK, ctx->codebook_path, ic->entry->row,
                             ic->entry->labels ? ic->entry->labels_col : ic->entry->scale_col,
                             "column %zu (%s) of %s: %ld answer%s not on scale %s: %s. Add "
                             "each to the codebook's labels (as another wording of its point, "
                             "'Strongly agree|Strong agree') or to nonsubstantive, or give "
                             "--allow-other to count them as other",
                             c->index, c->id, ctx->path, c->other, c->other == 1 ? " is" : "s are",
                             c->scale.name, list);
    warnf(ctx, "column %zu (%s): %ld answer%s not on scale %s, left out: %s", c->index, c->id,
          c->other, c->other == 1 ? "" : "s", c->scale.name, list);
    return TCS_OK;
}

static char *dup_or_null(const char *s) { return s && *s ? tcs_strndup(s, strlen(s)) : NULL; }

static tcs_status finish_column(const tcs_infer_context *ctx, tcs_infer_column *ic, scratch *sc,
                                const tcs_infer_result *res, tcs_error *err)
{
    tcs_column *c = ic->c;
    if (sc->basis && sc->basis != tcs_basis_codebook) {
        if (c->role == TCS_ROLE_RATING)
            tcs_scale_numeric(sc->rmin, sc->rmax, &c->scale);
        else if (c->role == TCS_ROLE_LIKERT)
            tcs_scale_from_def(sc->def, &c->scale);
        c->scale_basis = sc->basis;
    }
    bool rating_told = ic->entry && ic->entry->role == TCS_CB_ROLE_RATING;
    if (rating_told && !tcs_column_is_question(c))
        return tcs_error_set(err, TCS_ECODEBOOK, ctx->codebook_path, ic->entry->row, 0,
                             "the codebook says column %zu (%s) of %s is a rating, but no scale "
                             "explains its answers: give its scale, or its answers in labels",
                             c->index, c->id, ctx->path);
    if (!tcs_column_is_question(c)) {
        c->valid = 0;
        if ((!(c->reason = dup_or_null(sc->reason)) && sc->reason[0]) ||
            (!(c->reason_sample = dup_or_null(sc->sample)) && sc->sample[0]))
            return tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
        return TCS_OK;
    }
    if (!tcs_column_tally(c, ic->answers, ic->nanswers, ic->not_kept))
        return tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
    if (c->scale.kind == TCS_SCALE_NUMERIC && sc->labelled)
        prefixed_labels(c, ic);
    for (size_t k = 0; k < c->nnear; k++)
        warnf(ctx, "column %zu (%s): '%.40s' (%ld) read as '%s', the answer of scale %s it "
                   "nearly is",
              c->index, c->id, c->near[k].label, c->near[k].count,
              c->scale.labels[c->near[k].value - c->scale.min], c->scale.name);
    if (c->other > 0) {
        tcs_status st = leftover(ctx, ic, err);
        if (st != TCS_OK)
            return st;
    }
    c->ambiguous = sc->ambiguous;
    if (sc->ambiguous) {
        if (!(c->scale_note = dup_or_null(sc->note)))
            return tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
        warnf(ctx, "column %zu (%s): %s", c->index, c->id, sc->note);
    }
    if (c->role == TCS_ROLE_RATING && res->has_common_range &&
        (c->scale.min != res->common_range.min || c->scale.max != res->common_range.max)) {
        c->scale_differs = true;
        warnf(ctx, "column %zu (%s): rating range %s, unlike the %s most rating columns need (%s)",
              c->index, c->id, c->scale.name, res->common_range.name, c->scale_basis);
    }
    return TCS_OK;
}

tcs_status tcs_infer_columns(const tcs_infer_context *ctx, tcs_infer_column *cols, size_t n,
                             tcs_infer_result *out, tcs_error *err)
{
    memset(out, 0, sizeof *out);
    scratch *scr = calloc(n ? n : 1, sizeof *scr);
    grids g = {0};
    tcs_status st = TCS_OK;
    if (!scr || !grids_find(cols, n, &g)) {
        st = tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (!evidence(&cols[i], ctx, &scr[i])) {
            st = tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
            goto done;
        }
    for (size_t i = 0; i < n; i++)
        decide_role(ctx, cols, scr, &g, i);
    if (!share_grids(ctx, scr, &g, n) || !families(ctx, cols, scr, n)) {
        st = tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
        goto done;
    }
    if (!one_point_columns(ctx, cols, scr, &g, n)) {
        st = tcs_error_set(err, TCS_ENOMEM, ctx->path, 0, 0, "out of memory");
        goto done;
    }
    ranges(cols, scr, n, out);
    for (size_t i = 0; i < n && st == TCS_OK; i++)
        st = finish_column(ctx, &cols[i], &scr[i], out, err);
done:
    for (size_t i = 0; scr && i < n; i++) {
        free(scr[i].subst);
        free(scr[i].cores);
    }
    free(scr);
    grids_free(&g);
    return st;
}
