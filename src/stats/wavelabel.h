/* wavelabel.h - labelling the waves whose labels were not given (internal
 * to the library: waves.c). */
#ifndef TCS_STATS_WAVELABEL_H
#define TCS_STATS_WAVELABEL_H

#include "tcsurvey/waves.h"

/* Label the waves[0..n) whose label is "" (their surveys loaded): the
 * only wave by its file's name; else each by the year of its earliest
 * response (tcs_survey_first_year), which must differ between them and
 * from the labels given. notes[k] (up to nnotes; heap, the caller frees)
 * gets a sentence for each wave so labelled. TCS_EINVAL naming the file
 * when a wave has no dates or shares its year with another. */
tcs_status tcs_wave_labels_resolve(tcs_wave_info *waves, size_t n, char **notes, size_t nnotes,
                                   tcs_error *err);

/* Labels must be text (control characters become spaces), and name
 * different files (summary-LABEL.csv) on any file system, including those
 * that ignore case: waves[i]'s against waves[0..i). TCS_EINVAL naming
 * path. */
tcs_status tcs_wave_label_check(tcs_wave_info *waves, size_t i, const char *path,
                                tcs_error *err);

/* More waves than TCS_WAVES_MAX: TCS_EINVAL naming those left out. */
tcs_status tcs_waves_too_many(const char *const *specs, size_t n, tcs_error *err);

#endif
