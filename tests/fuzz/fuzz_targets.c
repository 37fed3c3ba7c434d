/* fuzz_targets.c - libFuzzer harness for the targets-file parser.
 *
 * Each input is a targets file: loaded, then checked against the bundled
 * example's two waves with its codebook (question lists and ranges,
 * metrics, baselines, waves) and the result written in every format. */
#include "fuzz_common.h"
#include "tcsurvey/tcsurvey.h"

#include <stdbool.h>
#include <stdlib.h>

#ifndef TCS_SOURCE_DIR
#error "TCS_SOURCE_DIR must name the source tree (for the example survey)"
#endif

static tcs_codebook *cb;
static tcs_waves *waves;

static void setup(void)
{
    tcs_stats_init();
    tcs_error err;
    static const char *const specs[] = {TCS_SOURCE_DIR "/surveys/chester/chester-2024.csv",
                                        TCS_SOURCE_DIR "/surveys/chester/chester-2026.csv"};
    if (tcs_codebook_load(TCS_SOURCE_DIR "/surveys/chester/codebook.csv", &cb, &err) != TCS_OK ||
        tcs_waves_load(specs, 2, cb, NULL, &waves, &err) != TCS_OK ||
        tcs_waves_compare(waves, 0.05, &err) != TCS_OK)
        fuzz_fail("cannot load the example survey");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!waves)
        setup();
    if (size > 1u << 20)
        return 0;
    const char *path = fuzz_write(data, size, ".targets.csv");
    if (!path)
        return 0;
    tcs_error err;
    tcs_targets *t = NULL;
    if (tcs_targets_load(path, &t, &err) != TCS_OK)
        return 0;
    tcs_check_options co = TCS_CHECK_OPTIONS_DEFAULT;
    tcs_check *c = NULL;
    if (tcs_check_run(t, waves, &co, &c, &err) == TCS_OK) {
        for (int f = TCS_FORMAT_TABLE; f < TCS_FORMAT_COUNT; f++)
            tcs_write_check(fuzz_null(), c, t, waves, (tcs_format)f);
    }
    tcs_check_free(c);
    tcs_targets_free(t);
    return 0;
}
