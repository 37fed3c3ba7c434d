/* cmd_report.c - report: built by the library, aside, and renamed into place. */
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
    int rc = print_target_row_errors(&an, false);
    tcs_report_built_free(b);
    return rc;
}

int cmd_report(int argc, char **argv)
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
        default: rc = option_error(cmd, ch, argv);
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
        return report_error(&err);
    }
    return report_written(cmd, &ro, &b, quiet);
}

