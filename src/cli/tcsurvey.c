/* tcsurvey - command line over libtcsurvey. Parses arguments, calls the
 * library, prints; nothing else lives here. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/tcsurvey.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exit codes: documented in the README; scripts rely on them. */
enum {
    EXIT_OK = 0,
    EXIT_TARGETS = 1,  /* check --fail-on: a target at or below the level */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_NOINPUT = 3,  /* an input file is missing or unreadable */
    EXIT_DATAERR = 4,  /* an input file is malformed (encoding, quotes, rows, type) */
    EXIT_CONFIG = 5,   /* codebook or targets file is wrong, or disagrees with the data */
    EXIT_CANTOUT = 6,  /* an output could not be written */
    EXIT_PROGRAM = 7,  /* gnuplot is missing or failed (plot, report) */
    EXIT_INTERNAL = 70 /* out of memory or a bug */
};

static const char *prog = "tcsurvey";

static int exit_for(tcs_status st)
{
    switch (st) {
    case TCS_OK: return EXIT_OK;
    case TCS_ENOENT: return EXIT_NOINPUT;
    case TCS_EIO: return EXIT_NOINPUT;
    case TCS_EEMPTY:
    case TCS_EENCODING:
    case TCS_EFORMAT:
    case TCS_ELIMIT:
    case TCS_EUNSUPPORTED: return EXIT_DATAERR;
    case TCS_ECODEBOOK:
    case TCS_ECONFIG: return EXIT_CONFIG;
    case TCS_EINVAL: return EXIT_USAGE;
    case TCS_EOUTPUT: return EXIT_CANTOUT;
    case TCS_EPROGRAM: return EXIT_PROGRAM;
    default: return EXIT_INTERNAL;
    }
}

/* One line on standard error, "tcsurvey: ...". Messages quote file names
 * and file content, so the whole line goes through the terminal escaper:
 * no control character from an input reaches the terminal. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void msg(const char *fmt, ...)
{
    char buf[TCS_ERROR_PATH_MAX + TCS_ERROR_MSG_MAX + 256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: ", prog);
    tcs_put_term(stderr, buf);
    fputc('\n', stderr);
}

static int report(const tcs_error *err)
{
    char buf[TCS_ERROR_PATH_MAX + TCS_ERROR_MSG_MAX + 64];
    msg("%s", tcs_error_format(err, buf, sizeof buf));
    return exit_for(err->status);
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    char buf[1024];
    snprintf(buf, sizeof buf, fmt, arg);
    msg("%s", buf);
    if (cmd)
        fprintf(stderr, "Try '%s %s --help'.\n", prog, cmd);
    else
        fprintf(stderr, "Try '%s --help'.\n", prog);
    return EXIT_USAGE;
}

/* ---- output to stdout or to a file (written whole, never over an input) ---- */

/* The inputs of a run, for refusing an output that is one of them. */
typedef struct {
    const char *path[TCS_WAVES_MAX + 4]; /* waves, codebook, scales, key, targets */
    const char *what[TCS_WAVES_MAX + 4];
    size_t n;
} run_inputs;

static void add_input(run_inputs *in, const char *path, const char *what)
{
    if (path && in->n < sizeof in->path / sizeof in->path[0]) {
        in->path[in->n] = path;
        in->what[in->n++] = what;
    }
}

/* The files of wave specs (LABEL=FILE or FILE); bad specs are left to the load. */
static void add_wave_inputs(run_inputs *in, const char *const *specs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char label[32];
        const char *path;
        if (tcs_wave_spec_parse(specs[i], label, sizeof label, &path, NULL) == TCS_OK)
            add_input(in, path, "a survey export");
    }
}

/* Exit 6 when out (may be NULL) is one of the inputs. */
static int check_output(const char *out, const run_inputs *in)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (out && strcmp(out, "-") != 0 &&
        tcs_fs_check_not_input(out, in->path, in->what, in->n, &err) != TCS_OK)
        return report(&err);
    return EXIT_OK;
}

/* ---- SIGINT, SIGTERM: plot and report stop and remove their temporary
 * folder (the library polls this flag), -o removes its temporary file; a
 * second signal stops at once ---- */

static volatile sig_atomic_t interrupted_by;

static void on_signal(int sig)
{
    if (interrupted_by) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    interrupted_by = sig;
}

static void catch_signals(void)
{
    static const int sigs[2] = {SIGINT, SIGTERM};
    for (int i = 0; i < 2; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        /* a signal ignored when we started (nohup, a background job) stays so */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

/* A run that failed because it was interrupted ends by the signal, as if
 * it had not been caught (the shell sees 130 for Ctrl-C). */
static void end_if_interrupted(void)
{
    if (!interrupted_by)
        return;
    msg("%s", "interrupted: nothing was written");
    int sig = interrupted_by;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Open -o FILE (or standard output). While the file is written, SIGINT and
 * SIGTERM only set the flag: output_finish then removes the temporary
 * file instead of moving it into place. */
static int output_open(tcs_out_file *o, const char *path)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (tcs_out_open(o, path, &err) != TCS_OK)
        return report(&err);
    if (o->kind == TCS_OUT_REPLACE)
        catch_signals();
    return EXIT_OK;
}

/* After writing: move into place (or remove) and map a failure to its
 * exit code, naming the file and the cause. */
static int output_finish(tcs_out_file *o, tcs_status written)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (interrupted_by) {
        tcs_out_discard(o);
        end_if_interrupted();
    }
    return tcs_out_finish(o, written, &err) == TCS_OK ? EXIT_OK : report(&err);
}

/* A codebook or targets file that could not be loaded: missing is a
 * missing input (3), anything else wrong with it is 5. */
static int config_error(const tcs_error *err)
{
    int rc = report(err);
    return rc == EXIT_NOINPUT || rc == EXIT_INTERNAL ? rc : EXIT_CONFIG;
}

static void print_survey_warnings(const tcs_survey *s)
{
    for (size_t k = 0; k < tcs_survey_nwarnings(s); k++)
        msg("warning: %s: %s", tcs_survey_path(s), tcs_survey_warning(s, k));
}

static void print_wave_warnings(const tcs_waves *w)
{
    for (size_t k = 0; k < tcs_waves_nwarnings(w); k++)
        msg("warning: %s", tcs_waves_warning(w, k));
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        print_survey_warnings(tcs_waves_wave(w, i)->survey);
}

/* ---- the files that say how to read the exports ---- */

enum { OPT_SCALES = 256, OPT_ALLOW_OTHER };

typedef struct {
    const char *codebook; /* --codebook FILE */
    const char *scales;   /* --scales FILE */
    const char *labels;   /* --labels FILE: a key file */
    bool allow_other;     /* --allow-other */
} reading_args;

typedef struct {
    tcs_scale_set *scales;
    tcs_codebook *codebook;
    tcs_keyfile *labels;
} reading;

#define READING_OPTIONS                                                                      \
    {"codebook", required_argument, NULL, 'c'}, {"scales", required_argument, NULL, OPT_SCALES}, \
        {"labels", required_argument, NULL, 'l'},                                            \
        {"allow-other", no_argument, NULL, OPT_ALLOW_OTHER}

/* An option of READING_OPTIONS into r; false for any other. */
static bool reading_option(int ch, const char *arg, reading_args *r)
{
    switch (ch) {
    case 'c': r->codebook = arg; return true;
    case OPT_SCALES: r->scales = arg; return true;
    case 'l': r->labels = arg; return true;
    case OPT_ALLOW_OTHER: r->allow_other = true; return true;
    default: return false;
    }
}

static void reading_free(reading *r)
{
    tcs_codebook_free(r->codebook);
    tcs_scale_set_free(r->scales);
    tcs_keyfile_free(r->labels);
    memset(r, 0, sizeof *r);
}

/* The files of ra as inputs of the run (never an output). */
static void add_reading_inputs(run_inputs *in, const reading_args *ra)
{
    add_input(in, ra->codebook, "the codebook");
    add_input(in, ra->scales, "the scales file");
    add_input(in, ra->labels, "the key file");
}

static int config_error(const tcs_error *err);

/* Load the scales file, then the codebook (which may name its scales),
 * then the key file. Returns an exit code; on failure nothing is kept. */
static int reading_load(const reading_args *ra, reading *r)
{
    memset(r, 0, sizeof *r);
    tcs_error err;
    tcs_error_clear(&err);
    tcs_status st = TCS_OK;
    if (ra->scales)
        st = tcs_scale_set_load(ra->scales, &r->scales, &err);
    if (st == TCS_OK && ra->codebook)
        st = tcs_codebook_load_with(ra->codebook, r->scales, &r->codebook, &err);
    if (st == TCS_OK && ra->labels)
        st = tcs_keyfile_load(ra->labels, &r->labels, &err);
    if (st != TCS_OK) {
        reading_free(r);
        return config_error(&err);
    }
    return EXIT_OK;
}

/* ---- shared options for commands that read one survey ---- */

typedef struct {
    reading_args read;
    const char *sheet;
    const char *format;
    const char *out;
    bool quiet;
    const char *by;      /* --by COLUMN */
    const char *min_group_arg;
    long min_group;      /* --min-group N */
} survey_args;

static const struct option survey_options[] = {
    READING_OPTIONS,                            {"sheet", required_argument, NULL, 's'},
    {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
    {"by", required_argument, NULL, 'b'},       {"min-group", required_argument, NULL, 'm'},
    {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* --min-group: a whole number of respondents, 1 or more. */
static int parse_min_group(const char *cmd, survey_args *a)
{
    a->min_group = TCS_MIN_GROUP_DEFAULT;
    if (!a->min_group_arg)
        return EXIT_OK;
    if (!a->by)
        return usage_error(cmd, "%s", "--min-group needs --by");
    if (!tcs_parse_int(a->min_group_arg, strlen(a->min_group_arg), &a->min_group) ||
        a->min_group < 1)
        return usage_error(cmd, "--min-group must be a whole number of respondents, 1 or "
                                "more, not '%s'",
                           a->min_group_arg);
    return EXIT_OK;
}


typedef int (*command_fn)(int argc, char **argv);

typedef struct {
    const char *name;
    command_fn run;
    const char *args;
    const char *summary;
    const char *help;
} command;

static const command *find_command(const char *name);

/* The help, with @FORMATS@ written as the formats --format takes (the
 * library's table of formats). */
static void print_command_help(const command *c)
{
    printf("Usage: %s %s %s\n\n%s\n\n", prog, c->name, c->args, c->summary);
    char list[160];
    tcs_format_list(list, sizeof list, true);
    const char *h = c->help;
    for (const char *at; (at = strstr(h, "@FORMATS@")); h = at + strlen("@FORMATS@"))
        printf("%.*s%s", (int)(at - h), h, list);
    fputs(h, stdout);
}

/* A workbook is written to a file (-o FILE), never to a terminal or
 * standard output. */
static int format_needs_file(const char *cmd, tcs_format fmt, const char *out)
{
    if (tcs_format_needs_file(fmt) && (!out || strcmp(out, "-") == 0))
        return usage_error(cmd, "--format %s writes a workbook: give the file with -o FILE",
                           tcs_format_name(fmt));
    return EXIT_OK;
}

/* An unknown --format, with the formats there are. */
static int format_error(const char *cmd, const char *arg)
{
    char list[160], what[1200];
    snprintf(what, sizeof what, "%.1000s' (%s)", arg, tcs_format_list(list, sizeof list, false));
    return usage_error(cmd, "unknown format '%s", what);
}

static int parse_survey_args(const command *cmd, int argc, char **argv, survey_args *a,
                             const char **file)
{
    memset(a, 0, sizeof *a);
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":c:l:s:f:o:b:m:qh", survey_options, NULL)) != -1) {
        if (reading_option(ch, optarg, &a->read))
            continue;
        switch (ch) {
        case 'b': a->by = optarg; break;
        case 'm': a->min_group_arg = optarg; break;
        case 's': a->sheet = optarg; break;
        case 'f': a->format = optarg; break;
        case 'o': a->out = optarg; break;
        case 'q': a->quiet = true; break;
        case 'h': print_command_help(cmd); return -1;
        case ':': return usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        default: return usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error(cmd->name, "%s", "no survey file given");
    if (optind + 1 < argc)
        return usage_error(cmd->name, "unexpected argument '%s' (one survey file at a time)",
                           argv[optind + 1]);
    *file = argv[optind];
    return EXIT_OK;
}

typedef tcs_status (*writer_fn)(FILE *, const tcs_survey *, const tcs_grouping *, tcs_format);

/* inspect, summary: one survey, optionally broken down by a column. */
static int run_survey_command(const char *name, int argc, char **argv, writer_fn write,
                              bool warnings_to_stderr, bool groups)
{
    const command *cmd = find_command(name);
    survey_args a;
    const char *file = NULL;
    int rc = parse_survey_args(cmd, argc, argv, &a, &file);
    if (rc < 0)
        return EXIT_OK;
    if (rc != EXIT_OK)
        return rc;
    tcs_format fmt = TCS_FORMAT_TABLE;
    if (a.format && !tcs_format_parse(a.format, &fmt))
        return format_error(name, a.format);
    if (format_needs_file(name, fmt, a.out) != EXIT_OK)
        return EXIT_USAGE;
    if (!groups && (a.by || a.min_group_arg))
        return usage_error(name, "%s", "--by and --min-group are for summary and compare");
    if ((rc = parse_min_group(name, &a)) != EXIT_OK)
        return rc;
    run_inputs in = {0};
    add_input(&in, file, "the survey export");
    add_reading_inputs(&in, &a.read);
    if ((rc = check_output(a.out, &in)) != EXIT_OK)
        return rc;

    tcs_error err;
    tcs_error_clear(&err);
    reading rd;
    if ((rc = reading_load(&a.read, &rd)) != EXIT_OK)
        return rc;
    char wave[8];
    tcs_load_options lo = {.codebook = rd.codebook,
                           .scales = rd.scales,
                           .labels = rd.labels,
                           .allow_other = a.read.allow_other,
                           .sheet = a.sheet};
    if (tcs_wave_label_from_path(file, wave, sizeof wave))
        lo.wave_label = wave;
    tcs_survey *s = NULL;
    if (tcs_survey_load(file, &lo, &s, &err) != TCS_OK) {
        reading_free(&rd);
        return report(&err);
    }
    tcs_grouping *g = NULL;
    if (a.by && tcs_grouping_summary(s, a.by, a.min_group, &lo, &g, &err) != TCS_OK) {
        tcs_survey_free(s);
        reading_free(&rd);
        return report(&err);
    }
    if (warnings_to_stderr && !a.quiet)
        print_survey_warnings(s);
    tcs_out_file o;
    rc = output_open(&o, a.out);
    if (rc == EXIT_OK)
        rc = output_finish(&o, write(o.fp, s, g, fmt));
    tcs_grouping_free(g);
    tcs_survey_free(s);
    reading_free(&rd);
    return rc;
}

static tcs_status write_inspect(FILE *fp, const tcs_survey *s, const tcs_grouping *g,
                                tcs_format fmt)
{
    (void)g;
    return tcs_write_inspect(fp, s, fmt);
}

static int cmd_inspect(int argc, char **argv)
{
    return run_survey_command("inspect", argc, argv, write_inspect, false, false);
}

static int cmd_summary(int argc, char **argv)
{
    return run_survey_command("summary", argc, argv, tcs_write_summary_groups, true, true);
}

/* --alpha: a number strictly between 0 and 1; false after saying so. */
static bool parse_alpha(const command *cmd, const char *arg, double *alpha)
{
    if (tcs_parse_double(arg, strlen(arg), alpha) && *alpha > 0 && *alpha < 1)
        return true;
    usage_error(cmd->name, "--alpha must be a number between 0 and 1, not '%s'", arg);
    return false;
}

/* The --population options given (LABEL=N, COLUMN=GROUP:N or a FILE). */
#define POPULATION_ARGS_MAX 64
typedef struct {
    const char *arg[POPULATION_ARGS_MAX];
    size_t n;
} population_args;

static bool population_arg(const command *cmd, population_args *pa, const char *arg)
{
    if (pa->n < POPULATION_ARGS_MAX) {
        pa->arg[pa->n++] = arg;
        return true;
    }
    usage_error(cmd->name, "at most %s --population options (use a population file)", "64");
    return false;
}

/* The populations the options give (*out NULL when none). Returns an exit
 * code, after saying what is wrong. */
static int populations_load(const command *cmd, const population_args *pa,
                            tcs_populations **out)
{
    *out = NULL;
    if (pa->n == 0)
        return EXIT_OK;
    tcs_error err;
    tcs_error_clear(&err);
    if (tcs_populations_new(out, &err) != TCS_OK)
        return report(&err);
    int rc = EXIT_OK;
    for (size_t i = 0; i < pa->n && rc == EXIT_OK; i++) {
        if (strchr(pa->arg[i], '='))
            rc = tcs_populations_add_spec(*out, pa->arg[i], &err) == TCS_OK
                     ? EXIT_OK
                     : usage_error(cmd->name, "%s", err.message);
        else if (tcs_populations_load(*out, pa->arg[i], &err) != TCS_OK)
            rc = config_error(&err);
    }
    if (rc != EXIT_OK) {
        tcs_populations_free(*out);
        *out = NULL;
    }
    return rc;
}

/* --rag-rule, --family: false after saying what is wrong. */
static bool parse_check_choice(const command *cmd, int ch, const char *arg, tcs_check_options *co)
{
    if (ch == 'R' && tcs_rag_rule_parse(arg, &co->rag_rule))
        return true;
    if (ch == 'Y' && tcs_family_parse(arg, &co->family))
        return true;
    usage_error(cmd->name,
                ch == 'R' ? "--rag-rule takes point or evidence, not '%s'"
                          : "--family takes targets or questions, not '%s'",
                arg);
    return false;
}

/* The options of check, plot and report that --population, --rag-rule
 * and --family share; true when ch was one of them (*rc says how it went). */
static bool check_choice_option(const command *cmd, int ch, const char *arg,
                                population_args *pa, tcs_check_options *co, int *rc)
{
    if (ch == 'N')
        *rc = population_arg(cmd, pa, arg) ? EXIT_OK : EXIT_USAGE;
    else if (co && (ch == 'R' || ch == 'Y'))
        *rc = parse_check_choice(cmd, ch, arg, co) ? EXIT_OK : EXIT_USAGE;
    else
        return false;
    return true;
}

#define POPULATION_OPTION {"population", required_argument, NULL, 'N'}
#define CHECK_CHOICE_OPTIONS                                                                  \
    POPULATION_OPTION, {"rag-rule", required_argument, NULL, 'R'},                           \
        {"family", required_argument, NULL, 'Y'}

static int compare_waves(const command *cmd, survey_args a, double alpha,
                         const population_args *pa, int argc, char **argv);

static int cmd_compare(int argc, char **argv)
{
    const command *cmd = find_command("compare");
    static const struct option opts[] = {
        READING_OPTIONS,                            {"sheet", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"alpha", required_argument, NULL, 'a'},    {"quiet", no_argument, NULL, 'q'},
        {"by", required_argument, NULL, 'b'},       {"min-group", required_argument, NULL, 'm'},
        POPULATION_OPTION,
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    survey_args a;
    memset(&a, 0, sizeof a);
    double alpha = 0.05;
    population_args pa = {{NULL}, 0};
    optind = 1;
    opterr = 0;
    int ch, rc;
    while ((ch = getopt_long(argc, argv, ":c:l:s:f:o:a:b:m:qh", opts, NULL)) != -1) {
        if (reading_option(ch, optarg, &a.read))
            continue;
        if (check_choice_option(cmd, ch, optarg, &pa, NULL, &rc)) {
            if (rc != EXIT_OK)
                return rc;
            continue;
        }
        switch (ch) {
        case 'b': a.by = optarg; break;
        case 'm': a.min_group_arg = optarg; break;
        case 's': a.sheet = optarg; break;
        case 'f': a.format = optarg; break;
        case 'o': a.out = optarg; break;
        case 'q': a.quiet = true; break;
        case 'a':
            if (!parse_alpha(cmd, optarg, &alpha))
                return EXIT_USAGE;
            break;
        case 'h': print_command_help(cmd); return EXIT_OK;
        case ':': return usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        default: return usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return compare_waves(cmd, a, alpha, &pa, argc, argv);
}

/* compare, after its options: load, compare, write. */
static int compare_waves(const command *cmd, survey_args a, double alpha,
                         const population_args *pa, int argc, char **argv)
{
    size_t nwaves = (size_t)(argc - optind);
    if (nwaves < 2)
        return usage_error(cmd->name, "%s", "give at least two waves, e.g. 2024=a.csv 2026=b.csv");
    tcs_format fmt = TCS_FORMAT_TABLE;
    if (a.format && !tcs_format_parse(a.format, &fmt))
        return format_error(cmd->name, a.format);
    if (format_needs_file(cmd->name, fmt, a.out) != EXIT_OK)
        return EXIT_USAGE;
    int rc = parse_min_group(cmd->name, &a);
    if (rc != EXIT_OK)
        return rc;
    run_inputs in = {0};
    add_wave_inputs(&in, (const char *const *)(argv + optind), nwaves);
    add_reading_inputs(&in, &a.read);
    if ((rc = check_output(a.out, &in)) != EXIT_OK)
        return rc;

    tcs_populations *pops = NULL;
    if ((rc = populations_load(cmd, pa, &pops)) != EXIT_OK)
        return rc;
    tcs_error err;
    tcs_error_clear(&err);
    reading rd;
    if ((rc = reading_load(&a.read, &rd)) != EXIT_OK) {
        tcs_populations_free(pops);
        return rc;
    }
    tcs_waves *w = NULL;
    tcs_waves_options wo = {rd.codebook, a.sheet, rd.scales, rd.labels, a.read.allow_other};
    tcs_status st = tcs_waves_load_with((const char *const *)(argv + optind), nwaves, &wo, &w,
                                        &err);
    if (st == TCS_OK && pops)
        st = tcs_populations_apply(pops, w, &err);
    if (st == TCS_OK)
        st = tcs_waves_compare(w, alpha, &err);
    tcs_grouping *g = NULL;
    if (st == TCS_OK && a.by)
        st = tcs_grouping_compare(w, a.by, a.min_group, alpha, &g, &err);
    if (st == TCS_OK && a.by && pops)
        st = tcs_populations_apply_groups(pops, w, a.by, g, &err);
    tcs_populations_free(pops);
    if (st != TCS_OK) {
        tcs_grouping_free(g);
        tcs_waves_free(w);
        reading_free(&rd);
        return report(&err);
    }
    if (!a.quiet)
        print_wave_warnings(w);
    tcs_out_file o;
    rc = output_open(&o, a.out);
    if (rc == EXIT_OK)
        rc = output_finish(&o, tcs_write_comparison_groups(o.fp, w, g, fmt));
    tcs_grouping_free(g);
    tcs_waves_free(w);
    reading_free(&rd);
    return rc;
}

/* ---- waves, optionally with a codebook and checked targets ---- */

typedef struct {
    const command *cmd;           /* for usage errors */
    tcs_populations *populations; /* NULL without --population */
    reading read;
    tcs_targets *targets;
    tcs_waves *waves;  /* compared */
    tcs_check *check;  /* NULL without targets */
} analysis;

static void analysis_free(analysis *an)
{
    tcs_check_free(an->check);
    tcs_populations_free(an->populations);
    tcs_waves_free(an->waves);
    reading_free(&an->read);
    tcs_targets_free(an->targets);
    memset(an, 0, sizeof *an);
}

/* Load the targets (may be NULL), the codebook (may be NULL) and the
 * waves; compare them and check the targets. Prints warnings unless quiet.
 * Returns an exit code; on failure everything is freed. */
static int analysis_load(analysis *an, const char *targets_path, const reading_args *ra,
                         const char *sheet, const char *const *specs, size_t nwaves,
                         const tcs_check_options *co, const population_args *pa, bool quiet)
{
    const command *cmd = an->cmd;
    memset(an, 0, sizeof *an);
    an->cmd = cmd;
    tcs_error err;
    tcs_error_clear(&err);
    int rc = populations_load(an->cmd, pa, &an->populations);
    if (rc != EXIT_OK)
        return rc;
    if (targets_path && tcs_targets_load(targets_path, &an->targets, &err) != TCS_OK) {
        analysis_free(an);
        return config_error(&err);
    }
    if ((rc = reading_load(ra, &an->read)) != EXIT_OK) {
        analysis_free(an);
        return rc;
    }
    tcs_waves_options wo = {an->read.codebook, sheet, an->read.scales, an->read.labels,
                            ra->allow_other};
    tcs_status st = tcs_waves_load_with(specs, nwaves, &wo, &an->waves, &err);
    if (st == TCS_OK && an->populations)
        st = tcs_populations_apply(an->populations, an->waves, &err);
    if (st == TCS_OK)
        st = tcs_waves_compare(an->waves, co->alpha, &err);
    if (st == TCS_OK && an->targets)
        st = tcs_check_run(an->targets, an->waves, co, &an->check, &err);
    if (st != TCS_OK) {
        analysis_free(an);
        return report(&err);
    }
    for (size_t i = 0; !quiet && an->targets && i < tcs_targets_nignored(an->targets); i++)
        msg("warning: %s: column '%s' is not a targets column; ignored", targets_path,
            tcs_targets_ignored(an->targets, i));
    if (!quiet)
        print_wave_warnings(an->waves);
    return EXIT_OK;
}

/* Bad targets rows: each named on stderr (the others were evaluated);
 * EXIT_CONFIG when there were any. */
static int print_target_row_errors(const analysis *an)
{
    if (!an->check)
        return EXIT_OK;
    const char *path = tcs_targets_path(an->targets);
    for (size_t i = 0; i < tcs_check_count(an->check); i++) {
        const tcs_target_result *r = tcs_check_at(an->check, i);
        if (r->total.status != TCS_STATUS_ERROR)
            continue;
        if (r->target->error[0] && r->target->error_col > 0)
            msg("%s:%ld:%ld: %s", path, r->target->row, r->target->error_col, r->total.reason);
        else
            msg("%s:%ld: %s", path, r->target->row, r->total.reason);
    }
    return tcs_check_nerrors(an->check) > 0 ? EXIT_CONFIG : EXIT_OK;
}

/* Does any target's colour reach the --fail-on level? */
static bool fails(const tcs_check *c, tcs_rag level)
{
    for (size_t i = 0; i < tcs_check_count(c); i++) {
        const tcs_target_result *r = tcs_check_at(c, i);
        tcs_rag rag = r->total.rag;
        if (rag == TCS_RAG_RED || (level == TCS_RAG_AMBER && rag == TCS_RAG_AMBER))
            return true;
        for (size_t k = 0; r->nitems > 1 && k < r->nitems; k++)
            if (r->items[k].rag == TCS_RAG_RED ||
                (level == TCS_RAG_AMBER && r->items[k].rag == TCS_RAG_AMBER))
                return true;
    }
    return false;
}

static int cmd_check(int argc, char **argv)
{
    const command *cmd = find_command("check");
    static const struct option opts[] = {
        {"targets", required_argument, NULL, 't'},  READING_OPTIONS,
        {"sheet", required_argument, NULL, 's'},    {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},   {"alpha", required_argument, NULL, 'a'},
        {"amber-progress", required_argument, NULL, 'p'},
        {"fail-on", required_argument, NULL, 'F'},  {"quiet", no_argument, NULL, 'q'},
        CHECK_CHOICE_OPTIONS,
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    survey_args a;
    memset(&a, 0, sizeof a);
    const char *targets_path = NULL, *fail_on = NULL;
    tcs_check_options co = TCS_CHECK_OPTIONS_DEFAULT;
    population_args pa = {{NULL}, 0};
    optind = 1;
    opterr = 0;
    int ch, crc;
    while ((ch = getopt_long(argc, argv, ":t:c:l:s:f:o:a:p:F:qh", opts, NULL)) != -1) {
        if (reading_option(ch, optarg, &a.read))
            continue;
        if (check_choice_option(cmd, ch, optarg, &pa, &co, &crc)) {
            if (crc != EXIT_OK)
                return crc;
            continue;
        }
        switch (ch) {
        case 't': targets_path = optarg; break;
        case 's': a.sheet = optarg; break;
        case 'f': a.format = optarg; break;
        case 'o': a.out = optarg; break;
        case 'q': a.quiet = true; break;
        case 'F': fail_on = optarg; break;
        case 'a':
            if (!parse_alpha(cmd, optarg, &co.alpha))
                return EXIT_USAGE;
            break;
        case 'p':
            if (!tcs_parse_double(optarg, strlen(optarg), &co.amber_progress) ||
                co.amber_progress < 0 || co.amber_progress >= 100)
                return usage_error(cmd->name,
                                   "--amber-progress must be a percentage from 0 to below 100, "
                                   "not '%s'",
                                   optarg);
            break;
        case 'h': print_command_help(cmd); return EXIT_OK;
        case ':': return usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        default: return usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!targets_path)
        return usage_error(cmd->name, "%s", "give the targets file with --targets FILE");
    size_t nwaves = (size_t)(argc - optind);
    if (nwaves < 1)
        return usage_error(cmd->name, "%s", "give at least one wave, e.g. 2024=a.csv 2026=b.csv");
    tcs_format fmt = TCS_FORMAT_TABLE;
    if (a.format && !tcs_format_parse(a.format, &fmt))
        return format_error(cmd->name, a.format);
    if (format_needs_file(cmd->name, fmt, a.out) != EXIT_OK)
        return EXIT_USAGE;
    tcs_rag level = TCS_RAG_GREY;
    if (fail_on) {
        if (strcmp(fail_on, "red") == 0)
            level = TCS_RAG_RED;
        else if (strcmp(fail_on, "amber") == 0)
            level = TCS_RAG_AMBER;
        else
            return usage_error(cmd->name, "--fail-on takes red or amber, not '%s'", fail_on);
    }

    run_inputs in = {0};
    add_wave_inputs(&in, (const char *const *)(argv + optind), nwaves);
    add_reading_inputs(&in, &a.read);
    add_input(&in, targets_path, "the targets file");
    int rc = check_output(a.out, &in);
    if (rc != EXIT_OK)
        return rc;
    analysis an = {.cmd = cmd};
    rc = analysis_load(&an, targets_path, &a.read, a.sheet,
                       (const char *const *)(argv + optind), nwaves, &co, &pa, a.quiet);
    if (rc != EXIT_OK)
        return rc;
    tcs_out_file o;
    rc = output_open(&o, a.out);
    if (rc == EXIT_OK)
        rc = output_finish(&o, tcs_write_check(o.fp, an.check, an.targets, an.waves, fmt));
    int rows = print_target_row_errors(&an);
    if (rc == EXIT_OK && rows != EXIT_OK)
        rc = rows;
    else if (rc == EXIT_OK && fail_on && fails(an.check, level))
        rc = EXIT_TARGETS;
    analysis_free(&an);
    return rc;
}


static int cmd_plot(int argc, char **argv)
{
    const command *cmd = find_command("plot");
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},      {"output", required_argument, NULL, 'o'},
        {"targets", required_argument, NULL, 't'},  READING_OPTIONS,
        {"sheet", required_argument, NULL, 's'},    {"format", required_argument, NULL, 'f'},
        {"sort", required_argument, NULL, 'S'},     {"per-pillar", no_argument, NULL, 'P'},
        {"keep-scripts", required_argument, NULL, 'k'},
        {"alpha", required_argument, NULL, 'a'},    {"quiet", no_argument, NULL, 'q'},
        CHECK_CHOICE_OPTIONS,
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    const char *out = NULL, *targets_path = NULL, *sheet = NULL;
    reading_args ra = {0};
    bool quiet = false;
    tcs_plot_options po = {TCS_PLOT_PNG, TCS_ORDER_QUESTIONNAIRE, false, NULL, NULL,
                           &interrupted_by};
    tcs_check_options co = TCS_CHECK_OPTIONS_DEFAULT;
    population_args pa = {{NULL}, 0};
    optind = 1;
    opterr = 0;
    int ch, crc;
    while ((ch = getopt_long(argc, argv, ":o:t:c:l:s:f:a:qh", opts, NULL)) != -1) {
        if (reading_option(ch, optarg, &ra))
            continue;
        if (check_choice_option(cmd, ch, optarg, &pa, &co, &crc)) {
            if (crc != EXIT_OK)
                return crc;
            continue;
        }
        switch (ch) {
        case 'o': out = optarg; break;
        case 't': targets_path = optarg; break;
        case 's': sheet = optarg; break;
        case 'q': quiet = true; break;
        case 'P': po.per_pillar = true; break;
        case 'k': po.keep_dir = optarg; break;
        case 'f':
            if (!tcs_plot_formats_parse(optarg, &po.formats))
                return usage_error(cmd->name, "unknown image format '%s' (png, svg or pdf, or a "
                                              "list such as png,svg)",
                                   optarg);
            break;
        case 'S':
            if (strcmp(optarg, "questionnaire") == 0)
                po.order = TCS_ORDER_QUESTIONNAIRE;
            else if (strcmp(optarg, "high") == 0)
                po.order = TCS_ORDER_HIGH;
            else
                return usage_error(cmd->name, "--sort takes questionnaire or high, not '%s'",
                                   optarg);
            break;
        case 'a':
            if (!parse_alpha(cmd, optarg, &co.alpha))
                return EXIT_USAGE;
            break;
        case 'h': print_command_help(cmd); return EXIT_OK;
        case ':': return usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        default: return usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!out)
        return usage_error(cmd->name, "%s", "give the folder for the charts with --out DIR");
    size_t nwaves = (size_t)(argc - optind);
    if (nwaves < 1)
        return usage_error(cmd->name, "%s", "give at least one wave, e.g. 2024=a.csv 2026=b.csv");

    analysis an = {.cmd = cmd};
    int rc = analysis_load(&an, targets_path, &ra, sheet,
                           (const char *const *)(argv + optind), nwaves, &co, &pa, quiet);
    if (rc != EXIT_OK)
        return rc;
    tcs_error err;
    tcs_error_clear(&err);
    tcs_plot *plot = NULL;
    tcs_status st = tcs_plot_plan(an.waves, an.check, &po, &plot, &err);
    if (st == TCS_OK && tcs_plot_count(plot) == 0)
        st = tcs_error_set(&err, TCS_EEMPTY, "", 0, 0,
                           "nothing to draw: no Likert or rating questions in the waves");
    if (st == TCS_OK) {
        catch_signals();
        st = tcs_plot_render(plot, out, &err);
    }
    if (st != TCS_OK) {
        end_if_interrupted();
        rc = report(&err);
    }
    for (size_t i = 0; st == TCS_OK && i < tcs_plot_count(plot); i++) {
        const tcs_chart *c = tcs_plot_chart(plot, i);
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF; f <<= 1)
            if (po.formats & f)
                printf("%s/%s.%s\n", out, c->name,
                       f == TCS_PLOT_PNG ? "png" : f == TCS_PLOT_SVG ? "svg" : "pdf");
    }
    int rows = print_target_row_errors(&an);
    if (rc == EXIT_OK)
        rc = rows;
    tcs_plot_free(plot);
    analysis_free(&an);
    return rc;
}

/* ---- report: built by the library, aside, and renamed into place ---- */

static void progress(void *ctx, const char *step)
{
    (void)ctx;
    fprintf(stderr, "\r\033[K%s: %s...", prog, step);
}

static void progress_done(bool on)
{
    if (on)
        fputs("\r\033[K", stderr);
}

/* After the build: warnings, the report's paths, targets rows in error. */
static int report_written(const command *cmd, const tcs_report_options *ro, tcs_report_built *b,
                          bool quiet)
{
    analysis an = {cmd, NULL, {b->scales, b->codebook, b->labels}, b->targets, b->waves, b->check};
    for (size_t i = 0; !quiet && an.targets && i < tcs_targets_nignored(an.targets); i++)
        msg("warning: %s: column '%s' is not a targets column; ignored", b->targets_path,
            tcs_targets_ignored(an.targets, i));
    if (!quiet)
        print_wave_warnings(an.waves);
    if (!quiet && b->docx_note[0])
        msg("warning: %s", b->docx_note);
    printf("%s/report.html\n%s/report.md\n", ro->out, ro->out);
    if (!ro->no_docx && !b->docx_note[0])
        printf("%s/report.docx\n", ro->out);
    int rc = print_target_row_errors(&an);
    tcs_report_built_free(b);
    return rc;
}

static int cmd_report(int argc, char **argv)
{
    const command *cmd = find_command("report");
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},      {"force", no_argument, NULL, 'F'},
        {"wave", required_argument, NULL, 'w'},     {"targets", required_argument, NULL, 't'},
        READING_OPTIONS,                            {"sheet", required_argument, NULL, 's'},
        {"alpha", required_argument, NULL, 'a'},    {"title", required_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {"by", required_argument, NULL, 'b'},       {"min-group", required_argument, NULL, 'm'},
        {"no-docx", no_argument, NULL, 'D'},        CHECK_CHOICE_OPTIONS,
        {NULL, 0, NULL, 0}};
    const char **wave_args = calloc((size_t)argc + 1, sizeof *wave_args);
    if (!wave_args) {
        msg("%s", "out of memory");
        return EXIT_INTERNAL;
    }
    tcs_report_options ro = {.check = TCS_CHECK_OPTIONS_DEFAULT, .cancel = &interrupted_by};
    reading_args ra = {0};
    population_args pa = {{NULL}, 0};
    bool quiet = false;
    survey_args groups = {0};
    int rc = EXIT_OK;
    optind = 1;
    opterr = 0;
    int ch;
    while (rc == EXIT_OK &&
           (ch = getopt_long(argc, argv, ":o:w:t:c:l:s:a:b:m:qh", opts, NULL)) != -1) {
        if (reading_option(ch, optarg, &ra) || check_choice_option(cmd, ch, optarg, &pa, &ro.check, &rc))
            continue;
        switch (ch) {
        case 'o': ro.out = optarg; break;
        case 'F': ro.force = true; break;
        case 'w': wave_args[ro.nwaves++] = optarg; break;
        case 't': ro.targets = optarg; break;
        case 's': ro.sheet = optarg; break;
        case 'T': ro.title = optarg; break;
        case 'b': groups.by = optarg; break;
        case 'm': groups.min_group_arg = optarg; break;
        case 'D': ro.no_docx = true; break;
        case 'q': quiet = true; break;
        case 'a':
            if (!parse_alpha(cmd, optarg, &ro.check.alpha))
                rc = EXIT_USAGE;
            break;
        case 'h': print_command_help(cmd); rc = -1; break;
        case ':': rc = usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]); break;
        default: rc = usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (rc == EXIT_OK)
        rc = parse_min_group(cmd->name, &groups);
    ro.by = groups.by;
    ro.min_group = groups.min_group;
    if (rc == EXIT_OK && !ro.out)
        rc = usage_error(cmd->name, "%s", "give the folder for the report with --out DIR");
    else if (rc == EXIT_OK && argc - optind > 1)
        rc = usage_error(cmd->name, "unexpected argument '%s' (one survey folder)",
                         argv[optind + 1]);
    ro.folder = optind < argc ? argv[optind] : NULL;
    if (rc == EXIT_OK && !ro.folder && ro.nwaves == 0)
        rc = usage_error(cmd->name, "%s",
                         "give a survey folder, or the waves with --wave LABEL=FILE");
    else if (rc == EXIT_OK && ro.folder && ro.nwaves > 0)
        rc = usage_error(cmd->name, "%s", "give a survey folder or --wave, not both");
    if (rc != EXIT_OK) {
        free(wave_args);
        return rc < 0 ? EXIT_OK : rc;
    }
    ro.waves = wave_args;
    ro.codebook = ra.codebook;
    ro.scales = ra.scales;
    ro.labels = ra.labels;
    ro.allow_other = ra.allow_other;
    tcs_populations *pops = NULL;
    if ((rc = populations_load(cmd, &pa, &pops)) != EXIT_OK) {
        free(wave_args);
        return rc;
    }
    ro.populations = pops;
    bool progress_on = !quiet && isatty(2);
    if (progress_on)
        ro.progress = progress;
    catch_signals();
    tcs_error err;
    tcs_error_clear(&err);
    tcs_report_built b;
    tcs_status st = tcs_report_build(&ro, &b, &err);
    progress_done(progress_on);
    free(wave_args);
    tcs_populations_free(pops);
    if (st != TCS_OK) {
        end_if_interrupted();
        return report(&err);
    }
    return report_written(cmd, &ro, &b, quiet);
}

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("tcsurvey %s\n", TCSURVEY_VERSION);
    return EXIT_OK;
}

#define READING_OPTION_HELP                                                                  \
    "  -c, --codebook FILE   per-question ids, statements, pillars, scales, labels (CSV)\n" \
    "      --scales FILE     scales of your own, by name (CSV: name, labels; see\n"          \
    "                        'tcsurvey help scales')\n"                                      \
    "  -l, --labels FILE     a key file: question texts and the labels of answer codes\n"   \
    "                        (JISC Online Surveys key export, or code,text rows)\n"         \
    "      --allow-other     count answers that are not on a scale the codebook names as\n" \
    "                        'other' (a warning) instead of stopping with exit 5\n"

#define SURVEY_OPTION_HELP                                                                   \
    READING_OPTION_HELP                                                                      \
    "  -s, --sheet NAME|N    worksheet of an .xlsx workbook (default: first visible;\n"     \
    "                        ignored for CSV)\n"                                             \
    "  -f, --format FORMAT   @FORMATS@\n"                            \
    "  -o, --output FILE     write to FILE (written whole or not at all) instead of stdout\n" \
    "  -q, --quiet           no warnings on stderr\n"                                        \
    "  -h, --help            this help\n"

#define GROUP_OPTION_HELP                                                                    \
    "  -b, --by COLUMN       also break the figures down by COLUMN's answers (its header,\n"  \
    "                        id or number), e.g. faculty, grade or gender\n"                 \
    "  -m, --min-group N     suppress groups of fewer than N respondents (default 5),\n"     \
    "                        and enough others that none can be worked out\n"

static const command commands[] = {
    {"inspect", cmd_inspect, "[OPTIONS] FILE",
     "Show what tcsurvey found in an export: platform, encoding, delimiter, header rows,\n"
     "responses, and per column its role, scale (and how it was chosen) and counts.",
     "Options:\n" SURVEY_OPTION_HELP},
    {"summary", cmd_summary, "[OPTIONS] FILE",
     "Per question: n, non-substantive and missing answers, mean, SD, 95% CI of the mean,\n"
     "median, count and % per scale point, % low / neutral / high and a Wilson 95% CI\n"
     "for % high.",
     "Options:\n" SURVEY_OPTION_HELP GROUP_OPTION_HELP},
    {"compare", cmd_compare, "[OPTIONS] WAVE WAVE...",
     "Compare survey waves question by question: n and mean per wave, change in mean\n"
     "with a Welch 95% CI and p, Mann-Whitney p, Cliff's delta, Hedges' g, change in\n"
     "% high with a Newcombe 95% CI, Benjamini-Hochberg q and a verdict per question,\n"
     "and a table of means by wave. WAVE is LABEL=FILE (2024=survey.csv) or a FILE\n"
     "whose name holds a year.",
     "Options:\n"
     READING_OPTION_HELP
     "                        (one codebook for every wave: its 'waves' column says which\n"
     "                        waves ask a question)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         q below which a change is 'rose' or 'fell' (default 0.05)\n"
     "      --population SPEC  each wave's population (the number it was sent to):\n"
     "                        LABEL=N, COLUMN=GROUP:N for a group of --by, or a CSV file\n"
     "                        (wave,population[,column,group]); repeat. Gives response\n"
     "                        rates and the finite population correction\n"
     GROUP_OPTION_HELP
     "  -f, --format FORMAT   @FORMATS@\n"
     "  -o, --output FILE     write to FILE (written whole or not at all) instead of stdout\n"
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"},
    {"check", cmd_check, "--targets FILE [OPTIONS] WAVE...",
     "Check an action plan's success targets against survey waves: per target the\n"
     "baseline, the observed value with its 95% CI, progress, whether the change is\n"
     "distinguishable from noise, and a status with its RAG colour (met green, on_track\n"
     "amber, not_met red, not_due and no_data grey), then a RAG summary per pillar.\n"
     "WAVE is LABEL=FILE or a FILE whose name holds a year.",
     "Options:\n"
     "  -t, --targets FILE    the targets file (CSV; see the README for its columns)\n"
     READING_OPTION_HELP
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         a change is distinguishable when q is below A (default 0.05)\n"
     "  -p, --amber-progress P  on_track needs more than P% of the way from baseline to\n"
     "                        target (default 0: any movement towards it)\n"
     "  -F, --fail-on LEVEL   exit 1 when a target is red (red) or amber or red (amber)\n"
     "      --rag-rule RULE   evidence (default): green only when the data show the\n"
     "                        target met; point: green when the estimate meets it\n"
     "      --family SET      targets (default): q over the plan's own tests; questions:\n"
     "                        over every question compared as well\n"
     "      --population SPEC  each wave's population (the number it was sent to):\n"
     "                        LABEL=N, or a CSV file (wave,population); repeat. Gives\n"
     "                        response rates and the finite population correction\n"
     "  -f, --format FORMAT   @FORMATS@\n"
     "  -o, --output FILE     write to FILE (written whole or not at all) instead of stdout\n"
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"
     "Exit status: 0 the check ran; 1 --fail-on level reached; 5 a bad targets row (named\n"
     "on stderr; the other rows are still evaluated and written).\n"},
    {"plot", cmd_plot, "--out DIR [OPTIONS] WAVE...",
     "Draw charts with gnuplot, one run for all: per wave and scale, answers by question\n"
     "as diverging and as 100% stacked bars, and means with 95% CIs (targets and\n"
     "baselines marked with --targets); per pair of waves, the change in mean; pillar\n"
     "scores by wave; and with --targets the RAG count per pillar. WAVE is LABEL=FILE\n"
     "or a FILE whose name holds a year.",
     "Options:\n"
     "  -o, --out DIR         folder for the charts (made if missing; its parent must exist)\n"
     "  -f, --format LIST     png (default), svg, pdf, or a list: png,svg,pdf\n"
     "  -t, --targets FILE    mark targets and baselines; draw the RAG chart\n"
     READING_OPTION_HELP
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "      --sort ORDER      questionnaire (default) or high: by % favourable, within\n"
     "                        each pillar\n"
     "      --per-pillar      one question chart per pillar instead of one with headings\n"
     "      --keep-scripts DIR  also save each chart's gnuplot script (.gp) and data (.dat)\n"
     "                        in DIR, to restyle and redraw with `gnuplot NAME.gp`\n"
     "  -a, --alpha A         q below which a change is marked (default 0.05)\n"
     "      --rag-rule RULE   evidence (default): green only when the data show the\n"
     "                        target met; point: green when the estimate meets it\n"
     "      --family SET      targets (default): q over the plan's own tests; questions:\n"
     "                        over every question compared as well\n"
     "      --population SPEC  each wave's population (the number it was sent to):\n"
     "                        LABEL=N, or a CSV file (wave,population); repeat. Gives\n"
     "                        response rates and the finite population correction\n"
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"
     "Prints the path of each image written. Needs gnuplot (or TCSURVEY_GNUPLOT naming\n"
     "it): when it is missing or fails, exit 7 and no image is written.\n"},
    {"report", cmd_report, "--out DIR [OPTIONS] (SURVEY-FOLDER | --wave LABEL=FILE...)",
     "Build the evidence section of a self-assessment in DIR: report.html (one file,\n"
     "charts inline, prints on A4), report.md with charts/*.png, report.docx (with\n"
     "pandoc), CSV tables (summary per wave, comparison, targets), tables.xlsx (every\n"
     "table, a sheet each) and charts/ in PNG and SVG. A survey folder's waves are\n"
     "its exports whose names hold a year; its codebook.csv, targets.csv and\n"
     "population.csv are used when present.",
     "Options:\n"
     "  -o, --out DIR         the report folder: must not exist, or be empty\n"
     "      --force           replace DIR when it holds an earlier report, exactly as\n"
     "                        tcsurvey wrote it (anything else there is never touched)\n"
     "  -w, --wave LABEL=FILE a wave (repeat), instead of a survey folder\n"
     READING_OPTION_HELP
     "                        (defaults: the folder's codebook.csv, scales.csv, labels.csv)\n"
     "  -t, --targets FILE    targets (default: the folder's targets.csv)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         q below which a change is 'rose' or 'fell' (default 0.05)\n"
     "      --rag-rule RULE   evidence (default): green only when the data show the\n"
     "                        target met; point: green when the estimate meets it\n"
     "      --family SET      targets (default): q over the plan's own tests; questions:\n"
     "                        over every question compared as well\n"
     "      --population SPEC  each wave's population: LABEL=N, or a CSV file\n"
     "                        (wave,population; default: the folder's population.csv)\n"
     "      --title TEXT      title (default: the survey folder's name)\n"
     "  -b, --by COLUMN       also a heat map of the groups of COLUMN by question\n"
     "  -m, --min-group N     with --by: suppress groups of fewer than N (default 5)\n"
     "      --no-docx         do not make report.docx\n"
     "  -q, --quiet           no progress or warnings on stderr\n"
     "  -h, --help            this help\n"
     "Needs gnuplot for the charts (exit 7 without it; nothing is written). report.docx\n"
     "needs pandoc (or TCSURVEY_PANDOC naming it): without it, a warning and the rest.\n"},
    {"help", cmd_help, "[COMMAND | scales [NAME]]",
     "Show help for tcsurvey, one command, or the built-in answer scales.", ""},
    {"version", cmd_version, "", "Print the version.", ""},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_main_help(void)
{
    printf("Usage: %s COMMAND [OPTIONS] ...\n\n"
           "Turn Technician Commitment survey exports (CSV, Microsoft Forms .xlsx) into\n"
           "evidence for a self-assessment.\n\nCommands:\n",
           prog);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *nl = strchr(commands[i].summary, '\n');
        int len = nl ? (int)(nl - commands[i].summary) : (int)strlen(commands[i].summary);
        printf("  %-9s %.*s\n", commands[i].name, len, commands[i].summary);
    }
    printf("\nExit status: 0 success, 1 targets failed (check --fail-on), 2 usage error,\n"
           "3 input missing or unreadable, 4 input malformed, 5 codebook or targets wrong,\n"
           "6 output not written, 7 gnuplot missing or failed, 70 internal error.\n"
           "Run '%s COMMAND --help' for a command's options.\n",
           prog);
}

/* The wordings of one point, '|' shown as " / ". */
static void print_wordings(const char *w)
{
    for (; *w; w++)
        if (*w == '|')
            fputs(" / ", stdout);
        else
            putchar(*w);
}

/* tcsurvey help scales [NAME]: the registry, from its own rows. */
static int help_scales(int argc, char **argv)
{
    if (argc > 2) {
        tcs_scale sc;
        if (!tcs_scale_by_name(argv[2], &sc) || !sc.def)
            return usage_error(NULL, "no built-in scale is called '%s' (tcsurvey help scales "
                                     "lists them; numeric ranges are written MIN-MAX)",
                               argv[2]);
        printf("%s: %s (%s)\n", sc.def->name, sc.def->description, sc.def->family);
        for (size_t k = 0; k < sc.def->npoints; k++) {
            printf("  %d  ", sc.def->first + (int)k);
            print_wordings(sc.def->points[k]);
            putchar('\n');
        }
        return EXIT_OK;
    }
    printf("Built-in answer scales: the name a codebook's scale column takes, what it is,\n"
           "and its points, lowest first, with their values. Each point accepts other\n"
           "wordings too: 'tcsurvey help scales NAME' lists them.\n\n");
    for (size_t i = 0; i < tcs_scale_builtin_count(); i++) {
        const tcs_scale_def *d = tcs_scale_builtin(i);
        printf("%-14s %s\n", d->name, d->description);
        size_t col = 0;
        for (size_t k = 0; k < d->npoints; k++) {
            int len = (int)strcspn(d->points[k], "|");
            size_t need = (size_t)len + 6;
            if (col == 0 || col + need > 88) {
                printf("%s%15s", col ? ",\n" : "", "");
                col = 15;
            } else {
                fputs(", ", stdout);
                col += 2;
            }
            col += (size_t)printf("%d %.*s", d->first + (int)k, len, d->points[k]);
        }
        putchar('\n');
    }
    printf("MIN-MAX        a numeric rating from MIN to MAX (0 <= MIN < MAX <= 10): 1-5, 1-10,\n"
           "              0-10...; answers may carry a label (4 - Good, (1) Poor, Good (4))\n"
           "\nYour own scale: write its answers, lowest first, ';'-separated, in a codebook\n"
           "row's labels column (Never; Rarely; Sometimes; Often; Always), or name it in a\n"
           "scales file (--scales, or scales.csv in a survey folder: columns name, labels,\n"
           "nonsubstantive) and use the name in the scale column.\n");
    return EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "scales") == 0)
        return help_scales(argc, argv);
    if (argc > 1) {
        const command *c = find_command(argv[1]);
        if (!c)
            return usage_error(NULL, "unknown command or topic '%s' (help topics: scales)",
                               argv[1]);
        print_command_help(c);
        return EXIT_OK;
    }
    print_main_help();
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    tcs_stats_init();
    if (argc < 2) {
        fprintf(stderr, "Usage: %s COMMAND [OPTIONS] ...\nTry '%s --help'.\n", prog, prog);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_main_help();
        return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_CANTOUT;
    }
    if (strcmp(name, "--version") == 0)
        name = "version";
    const command *c = find_command(name);
    if (!c)
        return usage_error(NULL, "unknown command '%s'", name);
    int rc = c->run(argc - 1, argv + 1);
    if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
        msg("error writing standard output: %s", strerror(errno ? errno : EIO));
        return EXIT_CANTOUT;
    }
    return rc;
}
