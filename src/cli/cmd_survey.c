/* cmd_survey.c - inspect, summary and compare: one survey, or waves of it,
 * written in a format. */
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
        return report_error(&err);
    }
    tcs_grouping *g = NULL;
    if (a.by && tcs_grouping_summary(s, a.by, a.min_group, &lo, &g, &err) != TCS_OK) {
        tcs_survey_free(s);
        reading_free(&rd);
        return report_error(&err);
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

int cmd_inspect(int argc, char **argv)
{
    return run_survey_command("inspect", argc, argv, write_inspect, false, false);
}

int cmd_summary(int argc, char **argv)
{
    return run_survey_command("summary", argc, argv, tcs_write_summary_groups, true, true);
}


static int compare_waves(const command *cmd, survey_args a, double alpha,
                         const population_args *pa, int argc, char **argv);

int cmd_compare(int argc, char **argv)
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
        default: return option_error(cmd, ch, argv);
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
        return report_error(&err);
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

