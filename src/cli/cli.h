/* cli.h - what the command line's files share (src/cli only; not part of
 * the library). Each command is a row of commands[] in tcsurvey.c and a
 * cmd_NAME function in a cmd_*.c file. */
#ifndef TCS_CLI_H
#define TCS_CLI_H

#include "tcsurvey/tcsurvey.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

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

extern const char *const prog;
extern volatile sig_atomic_t interrupted_by;

typedef int (*command_fn)(int argc, char **argv);

typedef struct {
    const char *name;
    command_fn run;
    const char *args;
    const char *summary;
    const char *help;
} command;

/* The inputs of a run, for refusing an output that is one of them. */
typedef struct {
    const char *path[TCS_WAVES_MAX + 4]; /* waves, codebook, scales, key, targets */
    const char *what[TCS_WAVES_MAX + 4];
    size_t n;
} run_inputs;

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

/* The --population options given (LABEL=N, COLUMN=GROUP:N or a FILE). */
#define POPULATION_ARGS_MAX 64
typedef struct {
    const char *arg[POPULATION_ARGS_MAX];
    size_t n;
} population_args;

#define POPULATION_OPTION {"population", required_argument, NULL, 'N'}
#define CHECK_CHOICE_OPTIONS                                                                  \
    POPULATION_OPTION, {"rag-rule", required_argument, NULL, 'R'},                           \
        {"family", required_argument, NULL, 'Y'}

typedef struct {
    const command *cmd;           /* for usage errors */
    tcs_populations *populations; /* NULL without --population */
    reading read;
    tcs_targets *targets;
    tcs_waves *waves;  /* compared */
    tcs_check *check;  /* NULL without targets */
} analysis;

/* cli.c */
int exit_for(tcs_status st);
/* One line on standard error, "tcsurvey: ...", through the terminal escaper. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void msg(const char *fmt, ...);
int report_error(const tcs_error *err);
int usage_error(const char *cmd, const char *fmt, const char *arg);
void add_input(run_inputs *in, const char *path, const char *what);
void add_wave_inputs(run_inputs *in, const char *const *specs, size_t n);
int check_output(const char *out, const run_inputs *in);
void catch_signals(void);
void end_if_interrupted(void);
int output_open(tcs_out_file *o, const char *path);
int output_finish(tcs_out_file *o, tcs_status written);
int config_error(const tcs_error *err);
void print_survey_warnings(const tcs_survey *s);
void print_wave_warnings(const tcs_waves *w);
bool reading_option(int ch, const char *arg, reading_args *r);
void reading_free(reading *r);
void add_reading_inputs(run_inputs *in, const reading_args *ra);
int reading_load(const reading_args *ra, reading *r);
int parse_min_group(const char *cmd, survey_args *a);
int option_error(const command *cmd, int ch, char **argv);
int format_error(const char *cmd, const char *arg);
int format_needs_file(const char *cmd, tcs_format fmt, const char *out);
int parse_survey_args(const command *cmd, int argc, char **argv, survey_args *a,
                             const char **file);
bool parse_alpha(const command *cmd, const char *arg, double *alpha);
bool population_arg(const command *cmd, population_args *pa, const char *arg);
int populations_load(const command *cmd, const population_args *pa,
                            tcs_populations **out);
bool check_choice_option(const command *cmd, int ch, const char *arg,
                                population_args *pa, tcs_check_options *co, int *rc);
void analysis_free(analysis *an);
int analysis_load(analysis *an, const char *targets_path, const reading_args *ra,
                         const char *sheet, const char *const *specs, size_t nwaves,
                         const tcs_check_options *co, const population_args *pa, bool quiet);
int print_target_row_errors(const analysis *an, bool shown);

/* cmd_survey.c */
int cmd_inspect(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/* cmd_check.c */
int cmd_check(int argc, char **argv);
int cmd_plot(int argc, char **argv);

/* cmd_report.c */
int cmd_report(int argc, char **argv);

/* cmd_draft.c */
int cmd_draft(int argc, char **argv);

/* tcsurvey.c */
int cmd_version(int argc, char **argv);
const command *find_command(const char *name);
void print_command_help(const command *c);
int cmd_help(int argc, char **argv);

#endif
