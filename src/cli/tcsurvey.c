/* tcsurvey - command line over libtcsurvey. Parses arguments, calls the
 * library, prints; nothing else lives here. The commands are rows of
 * commands[] below; what they share is in cli.c, each in cmd_*.c. */
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

int cmd_version(int argc, char **argv)
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

/* --rag-rule and --family: check, plot and report. */
#define CHECK_CHOICE_HELP                                                                    \
    "      --rag-rule RULE   evidence (default): green only when the data show the\n"        \
    "                        target met; point: green when the estimate meets it\n"         \
    "      --family SET      targets (default): q over the plan's own tests; questions:\n"  \
    "                        over every question compared as well\n"

/* --population for waves as a whole: check and plot. */
#define WAVE_POPULATION_HELP                                                                 \
    "      --population SPEC  each wave's population (the number it was sent to):\n"       \
    "                        LABEL=N, or a CSV file (wave,population); repeat. Gives\n"     \
    "                        response rates and the finite population correction\n"

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
    {"draft", cmd_draft, "--out FOLDER [OPTIONS] WAVE...",
     "Draft a survey folder from the exports, for report to use as it is and for you to\n"
     "correct in Excel: codebook.csv (a row per column: id, statement, role, scale,\n"
     "reverse and pillar guessed, and a check column saying what to look at), targets.csv\n"
     "(example rows), waves.csv (which export is which wave) and README.txt. WAVE is\n"
     "LABEL=FILE or a FILE.",
     "Options:\n"
     "  -o, --out FOLDER      the survey folder: must not exist, or be empty\n"
     "      --force           replace FOLDER when it holds an earlier draft, exactly as\n"
     "                        tcsurvey wrote it (a codebook you edited is never touched)\n"
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "      --scales FILE     scales of your own (copied into the folder as scales.csv)\n"
     "  -l, --labels FILE     a key file: question texts and the labels of answer codes\n"
     "                        (copied into the folder as labels.csv)\n"
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"
     "The exports are referenced where they are (waves.csv), never copied or renamed.\n"},
    {"summary", cmd_summary, "[OPTIONS] FILE",
     "Per question: n, non-substantive and missing answers, mean, SD, 95% CI of the mean,\n"
     "median, count and % per scale point, % low / neutral / high and a Wilson 95% CI\n"
     "for % high.",
     "Options:\n" SURVEY_OPTION_HELP GROUP_OPTION_HELP},
    {"compare", cmd_compare, "[OPTIONS] WAVE WAVE...",
     "Compare survey waves question by question: n and mean per wave, change in mean\n"
     "with a Welch 95% CI and p, Mann-Whitney p, Cliff's delta, Hedges' g, change in\n"
     "% high with a Newcombe 95% CI, Benjamini-Hochberg q and a verdict per question,\n"
     "and a table of means by wave. WAVE is LABEL=FILE (2024=survey.csv) or a FILE,\n"
     "labelled by the year in its name, else by the year of its earliest response.",
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
     "WAVE is LABEL=FILE or a FILE, labelled by the year in its name, else by its name\n"
     "when it is the only wave, else by the year of its earliest response.",
     "Options:\n"
     "  -t, --targets FILE    the targets file (CSV; see the README for its columns)\n"
     READING_OPTION_HELP
     "  -s, --sheet NAME|N    worksheet of .xlsx workbooks (default: first visible)\n"
     "  -a, --alpha A         a change is distinguishable when q is below A (default 0.05)\n"
     "  -p, --amber-progress P  on_track needs more than P% of the way from baseline to\n"
     "                        target (default 0: any movement towards it)\n"
     "  -F, --fail-on LEVEL   exit 1 when a target is red (red) or amber or red (amber)\n"
     CHECK_CHOICE_HELP
     WAVE_POPULATION_HELP
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
     "or a FILE, labelled as for compare.",
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
     CHECK_CHOICE_HELP
     WAVE_POPULATION_HELP
     "  -q, --quiet           no warnings on stderr\n"
     "  -h, --help            this help\n"
     "Prints the path of each image written. Needs gnuplot (or TCSURVEY_GNUPLOT naming\n"
     "it): when it is missing or fails, exit 7 and no image is written.\n"},
    {"report", cmd_report, "--out DIR [OPTIONS] (SURVEY-FOLDER | --wave LABEL=FILE...)",
     "Build the evidence section of a self-assessment in DIR: report.html (one file,\n"
     "charts inline, prints on A4), report.md with charts/*.png, report.docx (with\n"
     "pandoc), CSV tables (summary per wave, comparison, targets), tables.xlsx (every\n"
     "table, a sheet each) and charts/ in PNG and SVG. A survey folder's waves are\n"
     "those its waves.csv lists, else its exports whose names hold a year, else its\n"
     "other exports; its codebook.csv, targets.csv and population.csv are used when\n"
     "present.",
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
     CHECK_CHOICE_HELP
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
    {"help", cmd_help, "[COMMAND | scales [NAME] | codebook | targets]",
     "Show help for tcsurvey or one command, the built-in answer scales, or the\n"
     "columns of the codebook and of the targets file.", ""},
    {"version", cmd_version, "", "Print the version.", ""},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}



/* A command's first sentence, whole, wrapped under its name: "  name
 * Sentence that runs on\n            to the next line." */
static void print_first_sentence(const char *name, const char *summary)
{
    size_t end = 0;
    while (summary[end] &&
           !(summary[end] == '.' && (summary[end + 1] == ' ' || summary[end + 1] == '\n' ||
                                     summary[end + 1] == '\0')))
        end++;
    if (summary[end])
        end++;
    printf("  %-9s", name);
    size_t col = 11;
    for (size_t i = 0; i < end;) {
        while (i < end && (summary[i] == ' ' || summary[i] == '\n'))
            i++;
        size_t w = 0;
        while (i + w < end && summary[i + w] != ' ' && summary[i + w] != '\n')
            w++;
        if (!w)
            break;
        if (col + 1 + w > 86) {
            printf("\n%11s", "");
            col = 11;
        }
        printf(" %.*s", (int)w, summary + i);
        col += 1 + w;
        i += w;
    }
    putchar('\n');
}

static void print_main_help(void)
{
    printf("Usage: %s COMMAND [OPTIONS] ...\n\n"
           "Turn Technician Commitment survey exports (CSV, Microsoft Forms .xlsx) into\n"
           "evidence for a self-assessment.\n\nCommands:\n",
           prog);
    for (size_t i = 0; i < NCOMMANDS; i++)
        print_first_sentence(commands[i].name, commands[i].summary);
    printf("\nExit status: 0 success, 1 targets failed (check --fail-on), 2 usage error,\n"
           "3 input missing or unreadable, 4 input malformed, 5 codebook or targets wrong,\n"
           "6 output not written, 7 gnuplot missing or failed, 70 internal error.\n"
           "Run '%s COMMAND --help' for a command's options, and '%s help codebook',\n"
           "'%s help targets' or '%s help scales' for the files you write.\n",
           prog, prog, prog, prog);
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

/* tcsurvey help codebook: the codebook's columns (README, Codebook). */
static int help_codebook(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("The codebook: a CSV file (edit it in Excel, save as CSV UTF-8), one row per\n"
          "question or column, given with --codebook FILE or kept as codebook.csv in a\n"
          "survey folder. 'tcsurvey draft' writes one for you to correct. Column names\n"
          "ignore case; columns tcsurvey does not know (such as draft's check) are\n"
          "ignored.\n"
          "\n"
          "  id              required: the question's id as tcsurvey gives it (1.4, Q5_1,\n"
          "                  G03Q13[1], col7 by position), or any id when pattern is given\n"
          "  pattern         a heading to match instead (* any text, ? one character)\n"
          "  statement       the question's text, shown in every output\n"
          "  pillar          Visibility, Recognition, Career Development, Sustainability,\n"
          "                  or any name: questions are scored and summarised by pillar\n"
          "  role            rating, categorical, multi-select, free-text, metadata or\n"
          "                  excluded; empty: tcsurvey decides from the answers\n"
          "  scale           a built-in scale (tcsurvey help scales), a range such as 1-10,\n"
          "                  or a scale of your scales file\n"
          "  labels          a scale of the question's own: its answers lowest first,\n"
          "                  ';'-separated, other wordings after '|' (Never; Rarely|Seldom;\n"
          "                  Often); give scale or labels, not both\n"
          "  nonsubstantive  answers kept out of n and the mean (Don't know; N/A)\n"
          "  values          labels of numeric codes (1=Female; 2=Male)\n"
          "  reverse         yes when agreeing is the unfavourable answer\n"
          "  include         no to leave the column out\n"
          "  waves           the waves that ask it, ';'-separated (2026); empty: every wave\n"
          "\n"
          "A row that matches no column is an error (exit 5), unless its waves leave the\n"
          "wave out. An answer off a scale the codebook names stops the run (exit 5)\n"
          "unless --allow-other is given.\n",
          stdout);
    return EXIT_OK;
}

/* The metric line of help targets, from the targets reader's table of
 * metrics (tcs_metric_list), wrapped under its column. */
static void print_metrics(void)
{
    char list[256];
    tcs_metric_list(list, sizeof list);
    const char *lead = "  metric          ";
    fputs(lead, stdout);
    size_t col = strlen(lead);
    bool first = true;
    for (const char *p = list; *p; p += *p == ' ') {
        size_t len = strcspn(p, " ");
        if (!first && col + 1 + len > 88) {
            printf("\n%18s", "");
            col = 18;
        } else if (!first) {
            putchar(' ');
            col++;
        }
        col += (size_t)printf("%.*s", (int)len, p);
        p += len;
        first = false;
    }
    printf("; empty for a row judged by hand\n");
}

/* tcsurvey help targets: the targets file's columns and metrics. */
static int help_targets(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("The targets file: a CSV file, one row per success measure of the action plan,\n"
          "given with --targets FILE or kept as targets.csv in a survey folder. A row whose\n"
          "first cell starts with # is a comment (draft writes its examples so).\n"
          "\n"
          "  action          required: the action's reference (V7)\n"
          "  pillar          for the summary per pillar\n"
          "  questions       1.4; 1.1;1.2; a range 1.1-1.4, Q5_1-Q5_8 or G03Q14[1]-G03Q14[10];\n"
          "                  a glob G03Q14[*]; pillar:Visibility\n",
          stdout);
    print_metrics();
    fputs("  comparator      >=, <=, > or <\n"
          "  target          a number (30 or 30% for shares)\n"
          "  baseline_wave   the wave a change is measured from (default the first)\n"
          "  due_wave        the wave the target is due in (default the last)\n"
          "  combine         each (default), all, or composite (respondents' means)\n"
          "  description     the success measure as published\n"
          "  observed        for external figures: the figure, typed in\n"
          "  baseline        a published baseline: one figure, or one per question\n"
          "  status          judged by hand: green, amber, red, completed, in progress,\n"
          "                  not started\n"
          "  comment         free text, reported as given\n"
          "\n"
          "SPEC of share(): a value (5), a bound (>=6, <=3), top2 or bottom2, or labels\n"
          "(Agree;Strongly agree). Examples:\n"
          "  V7,Visibility,1.4,mean,>=,5            the average of 1.4 at least 5\n"
          "  R4,Recognition,2.2,share(<=3),<=,30    at most 30% answer 1 to 3\n"
          "  V1,Visibility,1.1-1.4,change(mean),>,0,2024,2026,all  any rise in each\n"
          "  S5,Sustainability,,external,>=,5       a figure typed into observed\n"
          "  S6,Sustainability,,,,,,,,,,,in progress  judged by hand\n",
          stdout);
    return EXIT_OK;
}

/* Help topics: formats a user writes, each a row (tcsurvey help TOPIC). */
typedef struct {
    const char *name;
    int (*print)(int argc, char **argv); /* argv[1] is the topic */
} help_topic;

static const help_topic help_topics[] = {
    {"scales", help_scales},
    {"codebook", help_codebook},
    {"targets", help_targets},
};
#define NTOPICS (sizeof help_topics / sizeof help_topics[0])

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help();
        return EXIT_OK;
    }
    for (size_t i = 0; i < NTOPICS; i++)
        if (strcmp(argv[1], help_topics[i].name) == 0)
            return help_topics[i].print(argc, argv);
    const command *c = find_command(argv[1]);
    if (c) {
        print_command_help(c);
        return EXIT_OK;
    }
    char list[256] = "";
    for (size_t i = 0; i < NTOPICS; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 help_topics[i].name);
    char what[1400];
    snprintf(what, sizeof what, "%.1000s' (help topics: %s)", argv[1], list);
    return usage_error(NULL, "unknown command or topic '%s", what);
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
