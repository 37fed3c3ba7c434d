/* waves_internal.h - the waves object shared by waves.c (loading and
 * matching) and waves_compare.c (changes, populations, pillars); internal
 * to the library. */
#ifndef TCSURVEY_STATS_WAVES_INTERNAL_H
#define TCSURVEY_STATS_WAVES_INTERNAL_H

#include "tcsurvey/waves.h"
#include "tcsurvey/scale.h"

struct tcs_waves {
    size_t n;
    tcs_wave_info waves[TCS_WAVES_MAX];
    tcs_survey *surveys[TCS_WAVES_MAX];
    tcs_matched *questions;
    size_t nquestions;
    tcs_question_change *changes;
    size_t nchanges;
    tcs_pillar_change *pchanges;
    size_t npchanges;
    tcs_pillar_trend *pillars;
    size_t npillars;
    double alpha;
    bool compared;           /* tcs_waves_compare has run */
    long population[TCS_WAVES_MAX]; /* 0 = not known */
    const tcs_codebook *cb; /* as given to tcs_waves_load (caller's) */
    const char *sheet;
    const tcs_scale_set *scales; /* as given (caller's), or NULL */
    tcs_scale_matcher *matcher;  /* choosing a question's scale from every wave's answers */
    char **warnings;        /* about the waves as given (the same file twice) */
    size_t nwarnings;
};


/* Add a warning about the waves (tcs_waves_warning); false when out of
 * memory. */
bool tcs_waves_add_warning(tcs_waves *w, const char *text);

#endif
