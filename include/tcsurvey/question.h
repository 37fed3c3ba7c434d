/* question.h - question identity from a column header.
 *
 * "1.4. I feel valued" -> id "1.4", statement "I feel valued".
 * "Q3) Pay"            -> id "Q3".
 * "Rate these [Pay]"   -> grid stem "Rate these", item "Pay".
 * "Q5_1", "G03Q13[1]"  -> id as written, grid stem "Q5" / "G03Q13".
 * Anything else has no id of its own: the caller numbers it by position. */
#ifndef TCSURVEY_QUESTION_H
#define TCSURVEY_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TCS_ID_MAX 64

typedef struct {
    char id[TCS_ID_MAX]; /* "" when the header carries no numbering or code */
    char *statement;     /* heap; header without its numbering, trimmed */
    char *stem;          /* heap; grid question or NULL */
    char *item;          /* heap; grid row or NULL */
} tcs_question_name;

/* Parse header (UTF-8, NUL-terminated). Returns false only when out of
 * memory. Free with tcs_question_name_free. */
bool tcs_question_name_parse(const char *header, tcs_question_name *out);
void tcs_question_name_free(tcs_question_name *q);

/* Is id one made from the column's position ("col7"), for a header with
 * no id of its own? Such ids mean nothing across files. */
bool tcs_question_id_positional(const char *id);

#ifdef __cplusplus
}
#endif
#endif
