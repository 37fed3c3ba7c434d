/* cmd_draft.c - draft: a survey folder from the exports, for report. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What was written, a line a file, then the next step. */
static void print_result(const tcs_draft_options *o, const tcs_draft_result *r)
{
    printf("%s/codebook.csv: %zu rows, %zu rating questions (a scale for %zu, a pillar for "
           "%zu); %zu say in their check column what to look at\n",
           o->out, r->rows, r->questions, r->with_scale, r->with_pillar, r->to_check);
    printf("%s/targets.csv: the targets columns and example rows starting with #\n", o->out);
    printf("%s/waves.csv:", o->out);
    for (size_t i = 0; i < tcs_waves_count(r->waves); i++) {
        const tcs_wave_info *w = tcs_waves_wave(r->waves, i);
        printf("%s %s = ", i ? "," : "", w->label);
        tcs_put_term(stdout, tcs_survey_path(w->survey));
    }
    printf("\n%s/README.txt: the next steps\n", o->out);
    printf("Next: correct %s/codebook.csv in Excel, then: tcsurvey report %s --out %s-report\n",
           o->out, o->out, o->out);
}

int cmd_draft(int argc, char **argv)
{
    const command *cmd = find_command("draft");
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},    {"force", no_argument, NULL, 'F'},
        {"sheet", required_argument, NULL, 's'},  {"scales", required_argument, NULL, OPT_SCALES},
        {"labels", required_argument, NULL, 'l'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    tcs_draft_options o = {0};
    bool quiet = false;
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:s:l:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': o.out = optarg; break;
        case 'F': o.force = true; break;
        case 's': o.sheet = optarg; break;
        case OPT_SCALES: o.scales = optarg; break;
        case 'l': o.labels = optarg; break;
        case 'q': quiet = true; break;
        case 'h': print_command_help(cmd); return EXIT_OK;
        case ':': return usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        default: return usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!o.out)
        return usage_error(cmd->name, "%s", "give the survey folder to write with --out FOLDER");
    if (optind >= argc)
        return usage_error(cmd->name, "%s",
                           "give the exports, e.g. responses.xlsx, or 2024=a.csv 2026=b.csv");
    o.waves = (const char *const *)(argv + optind);
    o.nwaves = (size_t)(argc - optind);
    tcs_error err;
    tcs_error_clear(&err);
    tcs_draft_result r;
    if (tcs_draft_write(&o, &r, &err) != TCS_OK) {
        int rc = report_error(&err);
        return rc == EXIT_CONFIG || err.status == TCS_ECONFIG ? EXIT_CONFIG : rc;
    }
    if (!quiet)
        print_wave_warnings(r.waves);
    print_result(&o, &r);
    tcs_draft_result_free(&r);
    return EXIT_OK;
}
