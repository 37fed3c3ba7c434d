/* cli.c - what the commands share: messages and exit codes, output to a
 * file written whole, signals, the files that say how to read the exports,
 * options and their parsing, loading and comparing waves. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const prog = "tcsurvey";

int exit_for(tcs_status st)
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
void msg(const char *fmt, ...)
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

int report_error(const tcs_error *err)
{
    char buf[TCS_ERROR_PATH_MAX + TCS_ERROR_MSG_MAX + 64];
    msg("%s", tcs_error_format(err, buf, sizeof buf));
    return exit_for(err->status);
}

int usage_error(const char *cmd, const char *fmt, const char *arg)
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

void add_input(run_inputs *in, const char *path, const char *what)
{
    if (path && in->n < sizeof in->path / sizeof in->path[0]) {
        in->path[in->n] = path;
        in->what[in->n++] = what;
    }
}

/* The files of wave specs (LABEL=FILE or FILE); bad specs are left to the load. */
void add_wave_inputs(run_inputs *in, const char *const *specs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char label[32];
        const char *path;
        if (tcs_wave_spec_split(specs[i], label, sizeof label, &path, NULL) == TCS_OK)
            add_input(in, path, "a survey export");
    }
}

/* Exit 6 when out (may be NULL) is one of the inputs. */
int check_output(const char *out, const run_inputs *in)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (out && strcmp(out, "-") != 0 &&
        tcs_fs_check_not_input(out, in->path, in->what, in->n, &err) != TCS_OK)
        return report_error(&err);
    return EXIT_OK;
}

/* ---- SIGINT, SIGTERM: plot and report stop and remove their temporary
 * folder (the library polls this flag), -o removes its temporary file; a
 * second signal stops at once ---- */

volatile sig_atomic_t interrupted_by;

static void on_signal(int sig)
{
    if (interrupted_by) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    interrupted_by = sig;
}

void catch_signals(void)
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
void end_if_interrupted(void)
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
int output_open(tcs_out_file *o, const char *path)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (tcs_out_open(o, path, &err) != TCS_OK)
        return report_error(&err);
    if (o->kind == TCS_OUT_REPLACE)
        catch_signals();
    return EXIT_OK;
}

/* After writing: move into place (or remove) and map a failure to its
 * exit code, naming the file and the cause. */
int output_finish(tcs_out_file *o, tcs_status written)
{
    tcs_error err;
    tcs_error_clear(&err);
    if (interrupted_by) {
        tcs_out_discard(o);
        end_if_interrupted();
    }
    return tcs_out_finish(o, written, &err) == TCS_OK ? EXIT_OK : report_error(&err);
}

/* A codebook or targets file that could not be loaded: missing is a
 * missing input (3), anything else wrong with it is 5. */
int config_error(const tcs_error *err)
{
    int rc = report_error(err);
    return rc == EXIT_NOINPUT || rc == EXIT_INTERNAL ? rc : EXIT_CONFIG;
}

void print_survey_warnings(const tcs_survey *s)
{
    for (size_t k = 0; k < tcs_survey_nwarnings(s); k++)
        msg("warning: %s: %s", tcs_survey_path(s), tcs_survey_warning(s, k));
}

void print_wave_warnings(const tcs_waves *w)
{
    for (size_t k = 0; k < tcs_waves_nwarnings(w); k++)
        msg("warning: %s", tcs_waves_warning(w, k));
    for (size_t i = 0; i < tcs_waves_count(w); i++)
        print_survey_warnings(tcs_waves_wave(w, i)->survey);
}

/* ---- the files that say how to read the exports ---- */

/* An option of READING_OPTIONS into r; false for any other. */
bool reading_option(int ch, const char *arg, reading_args *r)
{
    switch (ch) {
    case 'c': r->codebook = arg; return true;
    case OPT_SCALES: r->scales = arg; return true;
    case 'l': r->labels = arg; return true;
    case OPT_ALLOW_OTHER: r->allow_other = true; return true;
    default: return false;
    }
}

void reading_free(reading *r)
{
    tcs_codebook_free(r->codebook);
    tcs_scale_set_free(r->scales);
    tcs_keyfile_free(r->labels);
    memset(r, 0, sizeof *r);
}

/* The files of ra as inputs of the run (never an output). */
void add_reading_inputs(run_inputs *in, const reading_args *ra)
{
    add_input(in, ra->codebook, "the codebook");
    add_input(in, ra->scales, "the scales file");
    add_input(in, ra->labels, "the key file");
}

/* Load the scales file, then the codebook (which may name its scales),
 * then the key file. Returns an exit code; on failure nothing is kept. */
int reading_load(const reading_args *ra, reading *r)
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

static const struct option survey_options[] = {
    READING_OPTIONS,                            {"sheet", required_argument, NULL, 's'},
    {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
    {"by", required_argument, NULL, 'b'},       {"min-group", required_argument, NULL, 'm'},
    {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* --min-group: a whole number of respondents, 1 or more. */
int parse_min_group(const char *cmd, survey_args *a)
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

/* The help, with @FORMATS@ written as the formats --format takes (the
 * library's table of formats). */
void print_command_help(const command *c)
{
    printf("Usage: %s %s %s\n\n%s\n\n", prog, c->name, c->args, c->summary);
    char list[160];
    tcs_format_list(list, sizeof list, true);
    const char *h = c->help;
    for (const char *at; (at = strstr(h, "@FORMATS@")); h = at + strlen("@FORMATS@"))
        printf("%.*s%s", (int)(at - h), h, list);
    fputs(h, stdout);
}

/* getopt's ':' (an option without its value) or '?' (an unknown one),
 * as a usage error naming the option. */
int option_error(const command *cmd, int ch, char **argv)
{
    return usage_error(cmd->name, ch == ':' ? "option '%s' needs a value" : "unknown option '%s'",
                       argv[optind - 1]);
}

/* A workbook is written to a file (-o FILE), never to a terminal or
 * standard output. */
int format_needs_file(const char *cmd, tcs_format fmt, const char *out)
{
    if (tcs_format_needs_file(fmt) && (!out || strcmp(out, "-") == 0))
        return usage_error(cmd, "--format %s writes a workbook: give the file with -o FILE",
                           tcs_format_name(fmt));
    return EXIT_OK;
}

/* An unknown --format, with the formats there are. */
int format_error(const char *cmd, const char *arg)
{
    char list[160], what[1200];
    snprintf(what, sizeof what, "%.1000s' (%s)", arg, tcs_format_list(list, sizeof list, false));
    return usage_error(cmd, "unknown format '%s", what);
}

int parse_survey_args(const command *cmd, int argc, char **argv, survey_args *a,
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
        default: return option_error(cmd, ch, argv);
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

/* --alpha: a number strictly between 0 and 1; false after saying so. */
bool parse_alpha(const command *cmd, const char *arg, double *alpha)
{
    if (tcs_parse_double(arg, strlen(arg), alpha) && *alpha > 0 && *alpha < 1)
        return true;
    usage_error(cmd->name, "--alpha must be a number between 0 and 1, not '%s'", arg);
    return false;
}

bool population_arg(const command *cmd, population_args *pa, const char *arg)
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
int populations_load(const command *cmd, const population_args *pa,
                            tcs_populations **out)
{
    *out = NULL;
    if (pa->n == 0)
        return EXIT_OK;
    tcs_error err;
    tcs_error_clear(&err);
    if (tcs_populations_new(out, &err) != TCS_OK)
        return report_error(&err);
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
bool check_choice_option(const command *cmd, int ch, const char *arg,
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

/* ---- waves, optionally with a codebook and checked targets ---- */

void analysis_free(analysis *an)
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
int analysis_load(analysis *an, const char *targets_path, const reading_args *ra,
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
    if (an->targets && tcs_targets_count(an->targets) == 0) {
        msg("%s: no targets yet: every row is a comment (starts with '#'); write the plan's "
            "rows below the header ('tcsurvey help targets')",
            targets_path);
        analysis_free(an);
        return EXIT_CONFIG;
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
        return report_error(&err);
    }
    for (size_t i = 0; !quiet && an->targets && i < tcs_targets_nignored(an->targets); i++)
        msg("warning: %s: column '%s' is not a targets column; ignored", targets_path,
            tcs_targets_ignored(an->targets, i));
    if (!quiet)
        print_wave_warnings(an->waves);
    return EXIT_OK;
}

/* Bad targets rows: each named on stderr (the others were evaluated),
 * unless shown is set (the output's notes, on the same terminal, said them
 * already: each is said once); EXIT_CONFIG when there were any. */
int print_target_row_errors(const analysis *an, bool shown)
{
    if (!an->check)
        return EXIT_OK;
    if (shown)
        return tcs_check_nerrors(an->check) > 0 ? EXIT_CONFIG : EXIT_OK;
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

