/* plot_kinds.c - the chart kinds, one row each: the name its files take,
 * how its charts are planned, its title and its renderer. A new chart is
 * a row here and its renderer; the plan, the names, the order in which
 * they are drawn and tcs_chart_kind_name all read this table. */
#include "render/plot_internal.h"

static const chart_kind_def kinds[] = {
    {TCS_CHART_LIKERT_DIVERGING, "likert-diverging", PLAN_PER_WAVE,
     "Answers by question", true, 24, tcs_plot_write_diverging},
    {TCS_CHART_LIKERT_STACKED, "likert-stacked", PLAN_PER_WAVE,
     "Answers by question", true, 24, tcs_plot_write_stacked},
    {TCS_CHART_MEANS, "means", PLAN_PER_WAVE, "Mean with 95% CI by question", false,
     4, tcs_plot_write_means},
    {TCS_CHART_CHANGE, "change", PLAN_PER_PAIR, "Change in mean by question",
     false, 6, tcs_plot_write_change},
    {TCS_CHART_TREND, "trend", PLAN_TREND, "Pillar scores by wave", false, 0,
     tcs_plot_write_trend},
    {TCS_CHART_RAG, "rag", PLAN_RAG, "Targets by pillar: green, amber, red and grey", false, 6,
     tcs_plot_write_rag},
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

const chart_kind_def *tcs_plot_kind(tcs_chart_kind kind)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (kinds[i].kind == kind)
            return &kinds[i];
    return NULL;
}

size_t tcs_plot_nkinds(void) { return NKINDS; }

const chart_kind_def *tcs_plot_kind_at(size_t i) { return i < NKINDS ? &kinds[i] : NULL; }

const char *tcs_chart_kind_name(tcs_chart_kind kind)
{
    const chart_kind_def *k = tcs_plot_kind(kind);
    return k ? k->name : "?";
}
