/* tcsurvey - command line over libtcsurvey. Parses arguments, calls the
 * library, prints; nothing else lives here. */
#define _POSIX_C_SOURCE 200809L
#include "tcsurvey/tcsurvey.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
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
    case TCS_ECODEBOOK: return EXIT_CONFIG;
    case TCS_EINVAL: return EXIT_USAGE;
    case TCS_EOUTPUT: return EXIT_CANTOUT;
    case TCS_EPROGRAM: return EXIT_PROGRAM;
    default: return EXIT_INTERNAL;
    }
}

static int report(const tcs_error *err)
{
    char buf[TCS_ERROR_PATH_MAX + TCS_ERROR_MSG_MAX + 64];
    fprintf(stderr, "%s: %s\n", prog, tcs_error_format(err, buf, sizeof buf));
    return exit_for(err->status);
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    if (cmd)
        fprintf(stderr, "\nTry '%s %s --help'.\n", prog, cmd);
    else
        fprintf(stderr, "\nTry '%s --help'.\n", prog);
    return EXIT_USAGE;
}

/* ---- output to stdout or, atomically, to a file ---- */

typedef struct {
    const char *path; /* NULL = stdout */
    char tmp[4096];
    FILE *fp;
} output;

static int output_open(output *o, const char *path)
{
    o->path = path;
    if (!path || strcmp(path, "-") == 0) {
        o->path = NULL;
        o->fp = stdout;
        return EXIT_OK;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    /* mkstemp makes 0600; give the file the mode a shell redirect would
     * (or the mode of the file it replaces) */
    struct stat sb;
    mode_t mode;
    if (stat(path, &sb) == 0)
        mode = sb.st_mode & 07777;
    else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fd >= 0 && fchmod(fd, mode) != 0) {
        close(fd);
        unlink(o->tmp);
        fd = -1;
    }
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "%s: %s: cannot write: %s\n", prog, path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        return EXIT_CANTOUT;
    }
    return EXIT_OK;
}

/* Finish: rename into place on success, remove on failure. */
static int output_close(output *o, bool ok)
{
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "%s: error writing standard output: %s\n", prog, strerror(errno));
            return EXIT_CANTOUT;
        }
        return EXIT_OK;
    }
    bool bad = ferror(o->fp) != 0;
    if (fclose(o->fp) != 0)
        bad = true;
    if (!ok || bad || rename(o->tmp, o->path) != 0) {
        if (ok)
            fprintf(stderr, "%s: %s: cannot write: %s\n", prog, o->path, strerror(errno));
        unlink(o->tmp);
        return ok ? EXIT_CANTOUT : EXIT_OK;
    }
    return EXIT_OK;
}

/* After writing: close (rename into place or remove) and map a failed
 * write to its exit code. */
static int output_finish(output *o, tcs_status written)
{
    int rc = output_close(o, written == TCS_OK);
    if (written != TCS_OK && rc == EXIT_OK) {
        fprintf(stderr, "%s: error writing output\n", prog);
        rc = EXIT_CANTOUT;
    }
    return rc;
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
        fprintf(stderr, "%s: warning: %s: %s\n", prog, tcs_survey_path(s),
                tcs_survey_warning(s, k));
}

static void print_wave_warnings(const tcs_waves *w)
{
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        print_survey_warnings(tcs_waves_wave(w, i)->survey);
}

/* ---- shared options for commands that read one survey ---- */

typedef struct {
    const char *codebook;
    const char *sheet;
    const char *format;
    const char *out;
    bool quiet;
    const char *by;      /* --by COLUMN */
    const char *min_group_arg;
    long min_group;      /* --min-group N */
} survey_args;

static const struct option survey_options[] = {
    {"codebook", required_argument, NULL, 'c'}, {"sheet", required_argument, NULL, 's'},
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
    while ((ch = getopt_long(argc, argv, ":c:s:f:o:b:m:qh", survey_options, NULL)) != -1) {
        switch (ch) {
        case 'b': a->by = optarg; break;
        case 'm': a->min_group_arg = optarg; break;
        case 'c': a->codebook = optarg; break;
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
    if (!groups && (a.by || a.min_group_arg))
        return usage_error(name, "%s", "--by and --min-group are for summary and compare");
    if ((rc = parse_min_group(name, &a)) != EXIT_OK)
        return rc;

    tcs_error err;
    tcs_error_clear(&err);
    tcs_codebook *cb = NULL;
    if (a.codebook && tcs_codebook_load(a.codebook, &cb, &err) != TCS_OK)
        return config_error(&err);
    char wave[8];
    tcs_load_options lo = {.codebook = cb, .sheet = a.sheet};
    if (tcs_wave_label_from_path(file, wave, sizeof wave))
        lo.wave_label = wave;
    tcs_survey *s = NULL;
    if (tcs_survey_load(file, &lo, &s, &err) != TCS_OK) {
        tcs_codebook_free(cb);
        return report(&err);
    }
    tcs_grouping *g = NULL;
    if (a.by && tcs_grouping_summary(s, a.by, a.min_group, &lo, &g, &err) != TCS_OK) {
        tcs_survey_free(s);
        tcs_codebook_free(cb);
        return report(&err);
    }
    if (warnings_to_stderr && !a.quiet)
        print_survey_warnings(s);
    output o;
    rc = output_open(&o, a.out);
    if (rc == EXIT_OK)
        rc = output_finish(&o, write(o.fp, s, g, fmt));
    tcs_grouping_free(g);
    tcs_survey_free(s);
    tcs_codebook_free(cb);
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

static int cmd_compare(int argc, char **argv)
{
    const command *cmd = find_command("compare");
    static const struct option opts[] = {
        {"codebook", required_argument, NULL, 'c'}, {"sheet", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"alpha", required_argument, NULL, 'a'},    {"quiet", no_argument, NULL, 'q'},
        {"by", required_argument, NULL, 'b'},       {"min-group", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    survey_args a;
    memset(&a, 0, sizeof a);
    double alpha = 0.05;
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":c:s:f:o:a:b:m:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': a.by = optarg; break;
        case 'm': a.min_group_arg = optarg; break;
        case 'c': a.codebook = optarg; break;
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
    size_t nwaves = (size_t)(argc - optind);
    if (nwaves < 2)
        return usage_error(cmd->name, "%s", "give at least two waves, e.g. 2024=a.csv 2026=b.csv");
    tcs_format fmt = TCS_FORMAT_TABLE;
    if (a.format && !tcs_format_parse(a.format, &fmt))
        return format_error(cmd->name, a.format);
    int rc = parse_min_group(cmd->name, &a);
    if (rc != EXIT_OK)
        return rc;

    tcs_error err;
    tcs_error_clear(&err);
    tcs_codebook *cb = NULL;
    if (a.codebook && tcs_codebook_load(a.codebook, &cb, &err) != TCS_OK)
        return config_error(&err);
    tcs_waves *w = NULL;
    tcs_status st = tcs_waves_load((const char *const *)(argv + optind), nwaves, cb, a.sheet, &w,
                                   &err);
    if (st == TCS_OK)
        st = tcs_waves_compare(w, alpha, &err);
    tcs_grouping *g = NULL;
    if (st == TCS_OK && a.by)
        st = tcs_grouping_compare(w, a.by, a.min_group, alpha, &g, &err);
    if (st != TCS_OK) {
        tcs_waves_free(w);
        tcs_codebook_free(cb);
        return report(&err);
    }
    if (!a.quiet)
        print_wave_warnings(w);
    output o;
    rc = output_open(&o, a.out);
    if (rc == EXIT_OK)
        rc = output_finish(&o, tcs_write_comparison_groups(o.fp, w, g, fmt));
    tcs_grouping_free(g);
    tcs_waves_free(w);
    tcs_codebook_free(cb);
    return rc;
}

/* ---- waves, optionally with a codebook and checked targets ---- */

typedef struct {
    tcs_codebook *codebook;
    tcs_targets *targets;
    tcs_waves *waves;  /* compared */
    tcs_check *check;  /* NULL without targets */
} analysis;

static void analysis_free(analysis *an)
{
    tcs_check_free(an->check);
    tcs_waves_free(an->waves);
    tcs_codebook_free(an->codebook);
    tcs_targets_free(an->targets);
    memset(an, 0, sizeof *an);
}

/* Load the targets (may be NULL), the codebook (may be NULL) and the
 * waves; compare them and check the targets. Prints warnings unless quiet.
 * Returns an exit code; on failure everything is freed. */
static int analysis_load(analysis *an, const char *targets_path, const char *codebook,
                         const char *sheet, const char *const *specs, size_t nwaves,
                         const tcs_check_options *co, bool quiet)
{
    memset(an, 0, sizeof *an);
    tcs_error err;
    tcs_error_clear(&err);
    if (targets_path && tcs_targets_load(targets_path, &an->targets, &err) != TCS_OK)
        return config_error(&err);
    if (codebook && tcs_codebook_load(codebook, &an->codebook, &err) != TCS_OK) {
        analysis_free(an);
        return config_error(&err);
    }
    tcs_status st = tcs_waves_load(specs, nwaves, an->codebook, sheet, &an->waves, &err);
    if (st == TCS_OK)
        st = tcs_waves_compare(an->waves, co->alpha, &err);
    if (st == TCS_OK && an->targets)
        st = tcs_check_run(an->targets, an->waves, co, &an->check, &err);
    if (st != TCS_OK) {
        analysis_free(an);
        return report(&err);
    }
    for (size_t i = 0; !quiet && an->targets && i < tcs_targets_nignored(an->targets); i++)
        fprintf(stderr, "%s: warning: %s: column '%s' is not a targets column; ignored\n", prog,
                targets_path, tcs_targets_ignored(an->targets, i));
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
            fprintf(stderr, "%s: %s:%ld:%ld: %s\n", prog, path, r->target->row,
                    r->target->error_col, r->total.reason);
        else
            fprintf(stderr, "%s: %s:%ld: %s\n", prog, path, r->target->row, r->total.reason);
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
        {"targets", required_argument, NULL, 't'},  {"codebook", required_argument, NULL, 'c'},
        {"sheet", required_argument, NULL, 's'},    {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},   {"alpha", required_argument, NULL, 'a'},
        {"amber-progress", required_argument, NULL, 'p'},
        {"fail-on", required_argument, NULL, 'F'},  {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    survey_args a;
    memset(&a, 0, sizeof a);
    const char *targets_path = NULL, *fail_on = NULL;
    tcs_check_options co = {0.05, 0.0};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":t:c:s:f:o:a:p:F:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 't': targets_path = optarg; break;
        case 'c': a.codebook = optarg; break;
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
    tcs_rag level = TCS_RAG_GREY;
    if (fail_on) {
        if (strcmp(fail_on, "red") == 0)
            level = TCS_RAG_RED;
        else if (strcmp(fail_on, "amber") == 0)
            level = TCS_RAG_AMBER;
        else
            return usage_error(cmd->name, "--fail-on takes red or amber, not '%s'", fail_on);
    }

    analysis an;
    int rc = analysis_load(&an, targets_path, a.codebook, a.sheet,
                           (const char *const *)(argv + optind), nwaves, &co, a.quiet);
    if (rc != EXIT_OK)
        return rc;
    output o;
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
        {"targets", required_argument, NULL, 't'},  {"codebook", required_argument, NULL, 'c'},
        {"sheet", required_argument, NULL, 's'},    {"format", required_argument, NULL, 'f'},
        {"sort", required_argument, NULL, 'S'},     {"per-pillar", no_argument, NULL, 'P'},
        {"keep-scripts", required_argument, NULL, 'k'},
        {"alpha", required_argument, NULL, 'a'},    {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    const char *out = NULL, *targets_path = NULL, *codebook = NULL, *sheet = NULL;
    bool quiet = false;
    tcs_plot_options po = {TCS_PLOT_PNG, TCS_ORDER_QUESTIONNAIRE, false, NULL, NULL};
    tcs_check_options co = {0.05, 0.0};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:t:c:s:f:a:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 't': targets_path = optarg; break;
        case 'c': codebook = optarg; break;
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

    analysis an;
    int rc = analysis_load(&an, targets_path, codebook, sheet,
                           (const char *const *)(argv + optind), nwaves, &co, quiet);
    if (rc != EXIT_OK)
        return rc;
    tcs_error err;
    tcs_error_clear(&err);
    tcs_plot *plot = NULL;
    tcs_status st = tcs_plot_plan(an.waves, an.check, &po, &plot, &err);
    if (st == TCS_OK && tcs_plot_count(plot) == 0)
        st = tcs_error_set(&err, TCS_EEMPTY, "", 0, 0,
                           "nothing to draw: no Likert or rating questions in the waves");
    if (st == TCS_OK)
        st = tcs_plot_render(plot, out, &err);
    if (st != TCS_OK)
        rc = report(&err);
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

/* ---- report: a folder built aside and renamed into place ---- */

/* Remove a folder and everything in it (the report's own output only). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[4096];
            snprintf(sub, sizeof sub, "%.3800s/%.255s", path, e->d_name);
            struct stat sb;
            if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
                remove_tree(sub);
            else
                unlink(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

/* 0 = missing, 1 = empty folder, 2 = a folder holding a previous report,
 * 3 = anything else (a file, or a folder with other things in it). */
static int out_state(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0;
    if (!S_ISDIR(sb.st_mode))
        return 3;
    DIR *d = opendir(path);
    if (!d)
        return 3;
    bool empty = true;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            empty = false;
    closedir(d);
    if (empty)
        return 1;
    char mark[4096];
    snprintf(mark, sizeof mark, "%.3800s/report.html", path);
    return stat(mark, &sb) == 0 ? 2 : 3;
}

static bool progress_on;

static void progress(const char *step)
{
    if (progress_on)
        fprintf(stderr, "\r\033[K%s: %s...", prog, step);
}

static void progress_done(void)
{
    if (progress_on)
        fputs("\r\033[K", stderr);
}

/* A survey folder: the exports whose names hold a year are the waves
 * ("LABEL=PATH" into specs), codebook.csv and targets.csv when present. */
static int survey_folder(const char *dir, char specs[][4200], size_t *nspecs, char *codebook,
                         char *targets, size_t pathsz)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: %s: cannot open the survey folder: %s\n", prog, dir, strerror(errno));
        return errno == ENOENT ? EXIT_NOINPUT : EXIT_USAGE;
    }
    struct dirent *e;
    *nspecs = 0;
    int rc = EXIT_OK;
    while ((e = readdir(d)) && rc == EXIT_OK) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        char path[4096];
        snprintf(path, sizeof path, "%.3800s/%.255s", dir, n);
        if (strcmp(n, "codebook.csv") == 0) {
            snprintf(codebook, pathsz, "%s", path);
            continue;
        }
        if (strcmp(n, "targets.csv") == 0) {
            snprintf(targets, pathsz, "%s", path);
            continue;
        }
        bool table = (len > 4 && strcasecmp(n + len - 4, ".csv") == 0) ||
                     (len > 5 && strcasecmp(n + len - 5, ".xlsx") == 0);
        char label[8];
        if (n[0] == '.' || !table || !tcs_wave_label_from_path(n, label, sizeof label))
            continue;
        for (size_t i = 0; i < *nspecs; i++)
            if (strncmp(specs[i], label, 4) == 0 && specs[i][4] == '=') {
                fprintf(stderr, "%s: %s: two exports for %s: %s and %s; give the waves with "
                                "--wave LABEL=FILE\n",
                        prog, dir, label, specs[i] + 5, path);
                rc = EXIT_USAGE;
            }
        if (rc == EXIT_OK && *nspecs < TCS_WAVES_MAX)
            snprintf(specs[(*nspecs)++], sizeof specs[0], "%s=%s", label, path);
    }
    closedir(d);
    if (rc == EXIT_OK && *nspecs == 0) {
        fprintf(stderr, "%s: %s: no survey export (.csv or .xlsx with a year in its name)\n",
                prog, dir);
        rc = EXIT_NOINPUT;
    }
    /* waves in order of their year */
    for (size_t i = 1; i < *nspecs; i++)
        for (size_t j = i; j > 0 && strcmp(specs[j - 1], specs[j]) > 0; j--) {
            char tmp[4200];
            memcpy(tmp, specs[j], sizeof tmp);
            memcpy(specs[j], specs[j - 1], sizeof tmp);
            memcpy(specs[j - 1], tmp, sizeof tmp);
        }
    return rc;
}

static int cmd_report(int argc, char **argv)
{
    const command *cmd = find_command("report");
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},      {"force", no_argument, NULL, 'F'},
        {"wave", required_argument, NULL, 'w'},     {"targets", required_argument, NULL, 't'},
        {"codebook", required_argument, NULL, 'c'}, {"sheet", required_argument, NULL, 's'},
        {"alpha", required_argument, NULL, 'a'},    {"title", required_argument, NULL, 'T'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static char specs[TCS_WAVES_MAX][4200];
    static char folder_codebook[4096], folder_targets[4096];
    const char *wave_args[TCS_WAVES_MAX];
    size_t nwave_args = 0;
    const char *out = NULL, *targets_path = NULL, *codebook = NULL, *sheet = NULL, *title = NULL;
    bool force = false, quiet = false;
    tcs_check_options co = {0.05, 0.0};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:w:t:c:s:a:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 'F': force = true; break;
        case 'w':
            if (nwave_args == TCS_WAVES_MAX)
                return usage_error(cmd->name, "at most %s waves", "16");
            wave_args[nwave_args++] = optarg;
            break;
        case 't': targets_path = optarg; break;
        case 'c': codebook = optarg; break;
        case 's': sheet = optarg; break;
        case 'T': title = optarg; break;
        case 'q': quiet = true; break;
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
        return usage_error(cmd->name, "%s", "give the folder for the report with --out DIR");
    if (argc - optind > 1)
        return usage_error(cmd->name, "unexpected argument '%s' (one survey folder)",
                           argv[optind + 1]);
    const char *folder = optind < argc ? argv[optind] : NULL;
    if (!folder && nwave_args == 0)
        return usage_error(cmd->name, "%s",
                           "give a survey folder, or the waves with --wave LABEL=FILE");
    if (folder && nwave_args > 0)
        return usage_error(cmd->name, "%s", "give a survey folder or --wave, not both");
    size_t nwaves = nwave_args;
    if (folder) {
        int rc = survey_folder(folder, specs, &nwaves, folder_codebook, folder_targets,
                               sizeof folder_codebook);
        if (rc != EXIT_OK)
            return rc;
        for (size_t i = 0; i < nwaves; i++)
            wave_args[i] = specs[i];
        if (!codebook && folder_codebook[0])
            codebook = folder_codebook;
        if (!targets_path && folder_targets[0])
            targets_path = folder_targets;
        if (!title) {
            size_t len = strlen(folder);
            while (len > 1 && folder[len - 1] == '/')
                len--;
            const char *base = folder + len;
            while (base > folder && base[-1] != '/')
                base--;
            static char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(folder + len - base), base);
            title = name;
        }
    }
    /* the output folder: new, empty, or (with --force) a previous report */
    int state = out_state(out);
    if (state == 3 || (state == 2 && !force)) {
        fprintf(stderr,
                state == 3 ? "%s: %s: exists and is not an empty folder or a tcsurvey report; "
                             "choose another --out\n"
                           : "%s: %s: holds a report already; add --force to replace it\n",
                prog, out);
        return EXIT_CANTOUT;
    }
    progress_on = !quiet && isatty(2);
    progress("reading the waves");
    analysis an;
    int rc = analysis_load(&an, targets_path, codebook, sheet, wave_args, nwaves, &co, true);
    if (rc != EXIT_OK) {
        progress_done();
        return rc;
    }
    /* build beside the destination, then rename: never half a report */
    char tmp[4096];
    {
        size_t len = strlen(out);
        while (len > 1 && out[len - 1] == '/')
            len--;
        snprintf(tmp, sizeof tmp, "%.*s.tmp-XXXXXX", (int)(len > 3000 ? 3000 : len), out);
    }
    if (!mkdtemp(tmp)) {
        progress_done();
        fprintf(stderr, "%s: %s: cannot make the output folder: %s\n", prog, out, strerror(errno));
        analysis_free(&an);
        return EXIT_CANTOUT;
    }
    tcs_error err;
    tcs_error_clear(&err);
    char charts[4200];
    snprintf(charts, sizeof charts, "%s/charts", tmp);
    tcs_plot_options po = {TCS_PLOT_PNG | TCS_PLOT_SVG, TCS_ORDER_QUESTIONNAIRE, true, NULL, NULL};
    tcs_plot *plot = NULL;
    progress("drawing the charts");
    tcs_status st = tcs_plot_plan(an.waves, an.check, &po, &plot, &err);
    if (st == TCS_OK)
        st = tcs_plot_render(plot, charts, &err);
    tcs_report r = {title, an.waves, an.targets, an.check, plot, charts, "charts"};
    static const char *const names[2] = {"report.html", "report.md"};
    progress("writing the report");
    for (int k = 0; k < 2 && st == TCS_OK; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", tmp, names[k]);
        FILE *fp = fopen(path, "w");
        if (!fp) {
            st = tcs_error_set(&err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
            break;
        }
        st = tcs_report_write(fp, &r, k == 0 ? TCS_REPORT_HTML : TCS_REPORT_MD, &err);
        if (fclose(fp) != 0 && st == TCS_OK)
            st = tcs_error_set(&err, TCS_EOUTPUT, path, 0, 0, "cannot write: %s", strerror(errno));
    }
    if (st == TCS_OK)
        st = tcs_report_write_tables(&r, tmp, &err);
    /* into place: an old report moves aside first and goes only after */
    char old[4200] = "";
    if (st == TCS_OK && state != 0) {
        if (state == 1)
            rmdir(out);
        else {
            snprintf(old, sizeof old, "%s.old", tmp);
            if (rename(out, old) != 0)
                st = tcs_error_set(&err, TCS_EOUTPUT, out, 0, 0, "cannot replace: %s",
                                   strerror(errno));
        }
    }
    if (st == TCS_OK && rename(tmp, out) != 0) {
        st = tcs_error_set(&err, TCS_EOUTPUT, out, 0, 0, "cannot write: %s", strerror(errno));
        if (old[0])
            rename(old, out);
        old[0] = '\0';
    }
    progress_done();
    if (st != TCS_OK) {
        remove_tree(tmp);
        rc = report(&err);
    } else {
        if (old[0])
            remove_tree(old);
        if (!quiet)
            print_wave_warnings(an.waves);
        printf("%s/report.html\n%s/report.md\n", out, out);
        rc = print_target_row_errors(&an);
    }
    tcs_plot_free(plot);
    analysis_free(&an);
    return rc;
}

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("tcsurvey %s\n", TCSURVEY_VERSION);
    return EXIT_OK;
}

#define SURVEY_OPTION_HELP                                                                   \
    "  -c, --codebook FILE   per-question ids, statements, pillars, scales (CSV)\n"         \
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
     "  -c, --codebook FILE   one codebook for every wave (its 'waves' column says which\n"
     "                        waves ask a question)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         q below which a change is 'rose' or 'fell' (default 0.05)\n"
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
     "  -c, --codebook FILE   one codebook for every wave\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         a change is distinguishable when q is below A (default 0.05)\n"
     "  -p, --amber-progress P  on_track needs more than P% of the way from baseline to\n"
     "                        target (default 0: any movement towards it)\n"
     "  -F, --fail-on LEVEL   exit 1 when a target is red (red) or amber or red (amber)\n"
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
     "  -c, --codebook FILE   one codebook for every wave (ids, statements, pillars)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "      --sort ORDER      questionnaire (default) or high: by % favourable, within\n"
     "                        each pillar\n"
     "      --per-pillar      one question chart per pillar instead of one with headings\n"
     "      --keep-scripts DIR  also save each chart's gnuplot script (.gp) and data (.dat)\n"
     "                        in DIR, to restyle and redraw with `gnuplot NAME.gp`\n"
     "  -a, --alpha A         q below which a change is marked (default 0.05)\n"
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"
     "Prints the path of each image written. Needs gnuplot (or TCSURVEY_GNUPLOT naming\n"
     "it): when it is missing or fails, exit 7 and no image is written.\n"},
    {"report", cmd_report, "--out DIR [OPTIONS] (SURVEY-FOLDER | --wave LABEL=FILE...)",
     "Build the evidence section of a self-assessment in DIR: report.html (one file,\n"
     "charts inline, prints on A4), report.md with charts/*.png, CSV tables for Excel\n"
     "(summary per wave, comparison, targets) and charts/ in PNG and SVG. A survey\n"
     "folder's waves are its exports whose names hold a year; its codebook.csv and\n"
     "targets.csv are used when present.",
     "Options:\n"
     "  -o, --out DIR         the report folder: must not exist, or be empty\n"
     "      --force           replace DIR when it holds an earlier report\n"
     "  -w, --wave LABEL=FILE a wave (repeat), instead of a survey folder\n"
     "  -c, --codebook FILE   codebook (default: the folder's codebook.csv)\n"
     "  -t, --targets FILE    targets (default: the folder's targets.csv)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         q below which a change is 'rose' or 'fell' (default 0.05)\n"
     "      --title TEXT      title (default: the survey folder's name)\n"
     "  -q, --quiet           no progress or warnings on stderr\n"
     "  -h, --help            this help\n"
     "Needs gnuplot for the charts (exit 7 without it; nothing is written).\n"},
    {"help", cmd_help, "[COMMAND]", "Show help for tcsurvey or one command.", ""},
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

static int cmd_help(int argc, char **argv)
{
    if (argc > 1) {
        const command *c = find_command(argv[1]);
        if (!c)
            return usage_error(NULL, "unknown command '%s'", argv[1]);
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
        return output_close(&(output){0}, true);
    }
    if (strcmp(name, "--version") == 0)
        name = "version";
    const command *c = find_command(name);
    if (!c)
        return usage_error(NULL, "unknown command '%s'", name);
    int rc = c->run(argc - 1, argv + 1);
    if (rc == EXIT_OK && fflush(stdout) != 0) {
        fprintf(stderr, "%s: error writing standard output\n", prog);
        return EXIT_CANTOUT;
    }
    return rc;
}
