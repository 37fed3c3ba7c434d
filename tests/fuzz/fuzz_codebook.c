/* fuzz_codebook.c - libFuzzer harness for the codebook parser.
 *
 * Each input is a codebook: loaded, then applied to the bundled example
 * survey (ids, glob patterns, scales, waves), and the survey summarised. */
#include "fuzz_common.h"
#include "tcsurvey/tcsurvey.h"

#include <stdbool.h>

#ifndef TCS_SOURCE_DIR
#error "TCS_SOURCE_DIR must name the source tree (for the example survey)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    if (!init) {
        tcs_stats_init();
        init = true;
    }
    if (size > 1u << 20)
        return 0;
    const char *path = fuzz_write(data, size, ".csv");
    if (!path)
        return 0;
    tcs_error err;
    tcs_codebook *cb = NULL;
    if (tcs_codebook_load(path, &cb, &err) != TCS_OK)
        return 0;
    for (size_t i = 0; i < tcs_codebook_size(cb); i++)
        if (!tcs_codebook_entry_at(cb, i)->id)
            fuzz_fail("a codebook entry without an id");
    static const char *const waves[] = {"2024", "2026", NULL};
    for (int w = 0; w < 3; w++) {
        tcs_load_options lo = {.codebook = cb, .wave_label = waves[w]};
        tcs_survey *s = NULL;
        if (tcs_survey_load(TCS_SOURCE_DIR "/surveys/chester/chester-2024.csv", &lo, &s, &err) ==
            TCS_OK) {
            tcs_write_summary(fuzz_null(), s, TCS_FORMAT_JSON);
            tcs_survey_free(s);
        }
    }
    tcs_codebook_free(cb);
    return 0;
}
