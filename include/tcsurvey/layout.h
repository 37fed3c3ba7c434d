/* layout.h - recognise the platform that wrote an export from its header
 * rows, how many header rows it has, and which columns are metadata. */
#ifndef TCSURVEY_LAYOUT_H
#define TCSURVEY_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/reader.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    TCS_PLATFORM_GENERIC = 0,
    TCS_PLATFORM_MSFORMS,
    TCS_PLATFORM_GOOGLE,
    TCS_PLATFORM_QUALTRICS,
    TCS_PLATFORM_QUALTRICS_LEGACY,
    TCS_PLATFORM_SURVEYMONKEY,
    TCS_PLATFORM_LIMESURVEY,
    TCS_PLATFORM_SMARTSURVEY,
    TCS_PLATFORM_JISC, /* JISC Online Surveys (numeric export: codes, labels in a key file) */
    TCS_PLATFORM_COUNT
} tcs_platform;

/* "microsoft-forms", "google-forms", ... */
const char *tcs_platform_name(tcs_platform p);

/* True for platforms whose exports hold single-choice answers as codes
 * whose labels are only in a separate key file (JISC Online Surveys'
 * numeric export): such codes are never read as ratings without it. */
bool tcs_platform_codes_need_key(tcs_platform p);

/* Most header rows any layout has; the caller hands that many records. */
#define TCS_LAYOUT_PROBE_ROWS 3

typedef struct {
    tcs_platform platform;
    size_t header_rows;
    size_t ncolumns;
    char **headers; /* per column: the header used (two-row layouts joined "Q [sub]") */
    char **codes;   /* per column: the code row (Qualtrics), or NULL entries */
    bool *metadata; /* per column: set aside, not analysed */
    /* The metadata column of response times (completion or submission,
     * else start), 0-based; SIZE_MAX = none. */
    size_t time_column;
} tcs_layout;

/* Decide the layout from the first nrows records (nrows <= 3; fewer when
 * the file is shorter). Returns false only when out of memory. */
bool tcs_layout_detect(const tcs_cell *const *rows, const size_t *ncells, size_t nrows,
                       tcs_layout *out);
void tcs_layout_free(tcs_layout *layout);

#ifdef __cplusplus
}
#endif
#endif
