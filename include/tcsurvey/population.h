/* population.h - how many people each wave (and each group) of a survey
 * was sent to, from the command line (--population) or a population file,
 * and putting them on loaded waves.
 *
 * A population turns the figures of a wave into figures about those
 * people (the finite population correction, compare.h and waves.h) and
 * gives its response rate.
 *
 * Specs (one per --population):
 *   LABEL=N             wave LABEL was sent to N people      (2024=31)
 *   COLUMN=GROUP:N      the group GROUP of the --by column COLUMN had N
 *                       people, in every wave                (faculty=Science:40)
 *   LABEL:COLUMN=GROUP:N  the same, in wave LABEL only       (2026:faculty=Science:42)
 * N is the part after the last ':' or '=', so a group's label may hold
 * either character.
 *
 * A population file (population.csv in a survey folder) is a CSV with the
 * columns wave, population and, for groups, column and group (header names
 * ignore case and punctuation; other columns are ignored):
 *   wave,population,column,group
 *   2024,31,,
 *   2026,35,,
 *   ,40,faculty,Science          (an empty wave: every wave)
 * Blank rows are skipped. */
#ifndef TCSURVEY_POPULATION_H
#define TCSURVEY_POPULATION_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/error.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/waves.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The name a survey folder's population file has. */
#define TCS_POPULATION_FILE "population.csv"

typedef struct {
    char *wave;   /* NULL = every wave (groups only) */
    char *column; /* NULL = the wave as a whole */
    char *group;  /* with column */
    long population;
    long row;     /* in the population file (0 = from a spec) */
} tcs_population_entry;

typedef struct tcs_populations tcs_populations;

tcs_status tcs_populations_new(tcs_populations **out, tcs_error *err);
void tcs_populations_free(tcs_populations *p);

/* Add one spec (the forms above). TCS_EINVAL with a message naming the
 * spec when it is malformed (no '=', an empty part, N not a whole number
 * of at least 1); a second population for the same wave (or group and
 * wave) replaces the first. */
tcs_status tcs_populations_add_spec(tcs_populations *p, const char *spec, tcs_error *err);

/* Add every row of a population file. Errors: TCS_ENOENT, TCS_EIO, the
 * reader's encoding and format errors; TCS_ECODEBOOK (a configuration
 * file that is wrong: exit 5) for a missing wave or population column, a
 * population that is not a whole number of at least 1, or a column
 * without a group (or a group without a column), naming row and column. */
tcs_status tcs_populations_load(tcs_populations *p, const char *path, tcs_error *err);

size_t tcs_populations_count(const tcs_populations *p);
const tcs_population_entry *tcs_populations_at(const tcs_populations *p, size_t i);

/* The population of wave `label` as a whole; false when not given. */
bool tcs_populations_wave(const tcs_populations *p, const char *label, long *population);

/* Put every wave population on w (tcs_waves_set_population), before or
 * after tcs_waves_compare. TCS_EINVAL when a population names a wave w
 * does not have, or is below that wave's responses. */
tcs_status tcs_populations_apply(const tcs_populations *p, tcs_waves *w, tcs_error *err);

/* Put the group populations on the shown groups of g (tcs_grouping_compare
 * over w; `by` as given to it): an entry applies when its column names the
 * same column as `by` in the first wave (tcs_group_column) and its group
 * is the group's label (ignoring case and punctuation). TCS_EINVAL when an
 * entry's group is none of the column's groups, its wave is not one of
 * w's, its column names no column that can form groups, or it is below
 * the group's responses. Suppressed groups have no figures and are
 * skipped. Entries for other columns are ignored. */
tcs_status tcs_populations_apply_groups(const tcs_populations *p, const tcs_waves *w,
                                        const char *by, tcs_grouping *g, tcs_error *err);

#ifdef __cplusplus
}
#endif
#endif
