/* cmd_check.c - check (targets against the waves) and plot (the charts). */
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

int cmd_check(int argc, char **argv)
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
        default: return option_error(cmd, ch, argv);
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
    /* the table on a terminal lists the bad rows in its notes: say them once */
    bool shown = !a.out && fmt == TCS_FORMAT_TABLE && isatty(STDOUT_FILENO) &&
                 isatty(STDERR_FILENO);
    int rows = print_target_row_errors(&an, shown);
    if (rc == EXIT_OK && rows != EXIT_OK)
        rc = rows;
    else if (rc == EXIT_OK && fail_on && fails(an.check, level))
        rc = EXIT_TARGETS;
    analysis_free(&an);
    return rc;
}


int cmd_plot(int argc, char **argv)
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
        default: return option_error(cmd, ch, argv);
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
        rc = report_error(&err);
    }
    for (size_t i = 0; st == TCS_OK && i < tcs_plot_count(plot); i++) {
        const tcs_chart *c = tcs_plot_chart(plot, i);
        for (unsigned f = TCS_PLOT_PNG; f <= TCS_PLOT_PDF; f <<= 1)
            if (po.formats & f)
                printf("%s/%s.%s\n", out, c->name,
                       f == TCS_PLOT_PNG ? "png" : f == TCS_PLOT_SVG ? "svg" : "pdf");
    }
    int rows = print_target_row_errors(&an, false);
    if (rc == EXIT_OK)
        rc = rows;
    tcs_plot_free(plot);
    analysis_free(&an);
    return rc;
}

