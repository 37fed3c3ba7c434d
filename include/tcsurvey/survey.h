/* survey.h - import an export into per-column answer counts.
 *
 * One pass over the file: each column keeps the count of each distinct
 * answer (up to TCS_DISTINCT_MAX of them), so memory depends on the
 * columns, not on the number of responses. After the pass every column is
 * given a role and, for Likert and rating items, a scale and the count of
 * each scale point. */
#ifndef TCSURVEY_SURVEY_H
#define TCSURVEY_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include "tcsurvey/codebook.h"
#include "tcsurvey/error.h"
#include "tcsurvey/layout.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/scale.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Distinct answers a column remembers; a column with more is free text,
 * an identifier or a number, never a scale item. */
#define TCS_DISTINCT_MAX 256

typedef enum {
    TCS_ROLE_METADATA = 0, /* platform columns: ID, times, email... */
    TCS_ROLE_LIKERT,       /* labels of a built-in or codebook scale */
    TCS_ROLE_RATING,       /* whole numbers on a rating range */
    TCS_ROLE_CATEGORICAL,  /* a few distinct answers, not a scale */
    TCS_ROLE_MULTISELECT,  /* several options per answer, or one column per option */
    TCS_ROLE_FREETEXT,     /* open answers */
    TCS_ROLE_NUMERIC,      /* numbers outside any rating range (age, 0-100 slider) */
    TCS_ROLE_EMPTY,        /* no answers at all */
    TCS_ROLE_EXCLUDED,     /* excluded by the codebook */
    TCS_ROLE_COUNT
} tcs_role;

/* "metadata", "likert", "rating", "categorical", "multi-select",
 * "free-text", "numeric", "empty", "excluded". */
const char *tcs_role_name(tcs_role role);

/* How a column's scale was chosen (tcs_column.scale_basis points at one of
 * these; compare them by pointer or strcmp). The texts appear in output. */
extern const char tcs_basis_codebook[];      /* "codebook" */
extern const char tcs_basis_labels[];        /* "labels" */
extern const char tcs_basis_file_range[];    /* "range most rating columns need" */
extern const char tcs_basis_own_range[];     /* "smallest range holding the answers" */
extern const char tcs_basis_grid_range[];    /* "smallest range holding the grid's answers" */
extern const char tcs_basis_grid_labels[];   /* "labels of the grid's answers" */
extern const char tcs_basis_file_labels[];   /* "as the other questions of its family" */
extern const char tcs_basis_text_range[];    /* "range in the question's wording" */
extern const char tcs_basis_waves[];         /* "answers of every wave" */

/* An answer read as the wording it nearly is ("Strong agree" as
 * "Strongly agree"). */
typedef struct {
    char *label; /* the answer as written */
    int value;   /* the point's value */
    long count;
} tcs_near_miss;

typedef struct {
    char *label; /* the answer as written (trimmed) */
    long count;
} tcs_label_count;

typedef struct {
    size_t index;    /* 1-based column in the file */
    char *header;    /* header as tcsurvey read it (two-row layouts: "Question [Row]") */
    char *code;      /* Qualtrics code row, else NULL */
    char *id;        /* question id: numbering, code, or "col<index>" */
    char *statement; /* header without numbering, or the codebook's statement */
    char *stem;      /* grid question, or NULL */
    char *item;      /* grid row, or NULL */
    char *pillar;    /* from the codebook, or NULL */
    tcs_role role;
    bool reverse;        /* codebook: reverse-coded */
    long codebook_row;   /* 0 = not in the codebook */
    tcs_scale scale;     /* for likert and rating columns */
    const char *scale_basis; /* how the scale was chosen (static text) */
    bool scale_differs;  /* a rating range unlike that of most rating columns */
    /* The reading of the scale is genuinely ambiguous (a small 4-point
     * item that may be a 5-point one nobody answered in the middle):
     * scale_note says why and names the codebook fix. */
    bool ambiguous;
    char *scale_note;    /* NULL, or owned text: what else the scale could be */
    /* Not a question: why, in words ("free text", "codes of a demographic
     * question", "0/1 options of a multi-select question", "labels no
     * scale knows"...); NULL for questions. Owned. */
    char *reason;
    /* With that reason, for a categorical column, its most given answers
     * (each given by 5 or more), quoted: "'Doctorate', 'Master degree'";
     * NULL when none. Shown by inspect only (summary and report never
     * name a category: it may be a group --by suppresses). Owned. */
    char *reason_sample;
    /* How answers are read (tcs_column_answer): labels of numeric codes
     * (codebook values, key file; borrowed), answers kept out of means
     * (codebook nonsubstantive, ';'-separated; borrowed), and the near
     * misses accepted (owned). */
    const tcs_value_label *values;
    size_t nvalues;
    const char *nonsubstantive_list;
    tcs_near_miss *near;
    size_t nnear;
    /* Words every answer repeats around the part that differs ("I am
     * [very confident] that the metadata ...", "Espero que [aumente]"),
     * in label normal form, stripped before the answer is read on the
     * scale; NULL when none. Owned. */
    char *strip_prefix, *strip_suffix;
    /* Answers read as opting out of the question ("I am not collaborating."
     * beside a frequency scale), '|'-separated, kept out of means as
     * non-substantive; NULL when none. Owned. */
    char *optouts;
    long counts[TCS_SCALE_POINTS_MAX];
    long valid;          /* answers on the scale */
    long nonsubstantive; /* N/A, Don't know, ... */
    long missing;        /* blank */
    long other;          /* answers not on the scale (unknown labels) */
    tcs_label_count *unknown; /* answers not on the scale, most frequent first */
    size_t nunknown;
    long nonempty;       /* cells with any answer */
    /* Categorical, Likert and rating columns: every distinct answer other
     * than blank, most frequent first (NULL, 0 for other roles, or more than
     * TCS_DISTINCT_MAX answers). Used to form groups (--by). */
    tcs_label_count *answers;
    size_t nanswers;
    size_t distinct;     /* distinct answers seen (capped) */
    bool distinct_overflow;
} tcs_column;

typedef struct tcs_survey tcs_survey;

/* Keep only the responses whose answer in one column is one value: the
 * rows of a group (--by). */
typedef struct {
    size_t column;     /* 0-based */
    const char *value; /* the trimmed answer; NULL = the answer is blank */
} tcs_row_filter;

typedef struct {
    const tcs_codebook *codebook; /* may be NULL */
    /* Scales of a scales file, tried before the built-in ones when a
     * column's scale is inferred (may be NULL; must outlive the survey). */
    const tcs_scale_set *scales;
    /* A key file (--labels): statements and the labels of answer codes,
     * by column id (may be NULL; must outlive the survey). The codebook's
     * statement and values come first. */
    const tcs_keyfile *labels;
    /* An answer outside a scale the codebook names is an error (TCS_ECODEBOOK
     * listing the answers) unless this is set (then a warning). */
    bool allow_other;
    const char *sheet;            /* xlsx sheet, NULL = first visible */
    /* The wave this file is (e.g. "2024"), or NULL. A codebook row that
     * matches no column is an error when the row is asked in this wave (see
     * tcs_codebook_entry_in_wave), unless allow_unmatched_codebook is set. */
    const char *wave_label;
    bool allow_unmatched_codebook;
    /* Only the rows this filter keeps (NULL = all). */
    const tcs_row_filter *filter;
    /* The same file loaded whole: every column takes its role and scale
     * from it, so a group's figures are on the scales of the whole survey
     * rather than inferred again from fewer answers. No warnings are
     * gathered. NULL = classify as usual. */
    const tcs_survey *like;
    /* Files of at least this many bytes are parsed on one thread and their
     * answers counted on another, when there is more than one processor
     * (same results, sooner). 0 = TCS_PIPE_MIN_BYTES; SIZE_MAX = never. */
    size_t pipe_min_bytes;
} tcs_load_options;

#define TCS_PIPE_MIN_BYTES (4u * 1024u * 1024u)

/* The wave label a file name implies: its last four-digit year 1900-2099
 * not part of a longer number ("chester-2024.csv" -> "2024"). Writes into
 * out (at least 5 bytes); false if none. */
bool tcs_wave_label_from_path(const char *path, char *out, size_t outsz);

/* The year of a date as exports write it ("2024-06-03 10:33:09",
 * "2018/02/13 1:03:41 am GMT-5", "6/3/24 10:33", "13.12.2019"; day and
 * month in either order), or 0 when s[0..n) is no such date or its year
 * is before 1990 (anonymised LimeSurvey responses carry 1980-01-01): the
 * import's reading of dates (src/import/dates.c), one cell at a time. */
int tcs_date_year(const char *s, size_t n);

/* The earliest year in which the survey's responses are dated: the
 * first_year of tcs_survey_response_dates (its column of response times,
 * read by the import; at least 80% of its cells dates). *year is 0 when
 * it has none. Reads nothing again; TCS_OK. */
tcs_status tcs_survey_first_year(const tcs_survey *s, int *year, tcs_error *err);

/* Import path. On success *out owns everything; free with tcs_survey_free.
 * Errors: any reader error; TCS_EEMPTY (no header, or no responses);
 * TCS_EFORMAT (ragged row, duplicate header); TCS_ECODEBOOK (a codebook row
 * that matches no column, or matches a metadata column). */
tcs_status tcs_survey_load(const char *path, const tcs_load_options *opts, tcs_survey **out,
                           tcs_error *err);
void tcs_survey_free(tcs_survey *s);

/* The surveys of several groups of one file, in one pass: out[k] is what
 * tcs_survey_load would give with opts->filter = &filters[k] (opts->filter
 * itself is not used). Errors as tcs_survey_load, TCS_EEMPTY when a group
 * has no responses; on error every out[k] is NULL. */
tcs_status tcs_survey_load_groups(const char *path, const tcs_load_options *opts,
                                  const tcs_row_filter *filters, size_t n, tcs_survey **out,
                                  tcs_error *err);

const char *tcs_survey_path(const tcs_survey *s);
const tcs_source_info *tcs_survey_source(const tcs_survey *s);
tcs_platform tcs_survey_platform(const tcs_survey *s);
size_t tcs_survey_header_rows(const tcs_survey *s);
long tcs_survey_responses(const tcs_survey *s);
size_t tcs_survey_ncolumns(const tcs_survey *s);
const tcs_column *tcs_survey_column(const tcs_survey *s, size_t i); /* 0-based */
/* The rating range most rating columns need, or NULL when there are none,
 * and how many columns need exactly it (the weight of that evidence). */
const tcs_scale *tcs_survey_common_range(const tcs_survey *s);
size_t tcs_survey_common_range_votes(const tcs_survey *s);

/* Whether a pass over the survey's file (its import, or a later pass that
 * re-reads it) parses on one thread and counts on another: the file has at
 * least the load's pipe_min_bytes and there is more than one processor. */
bool tcs_survey_two_threads(const tcs_survey *s);

/* The filter the survey was loaded with (NULL = every row), and whether
 * a data record passes it (for passes that re-read the file). */
const tcs_row_filter *tcs_survey_filter(const tcs_survey *s);
bool tcs_survey_row_selected(const tcs_survey *s, const tcs_cell *cells, size_t ncells);

/* True for the roles that are analysed as questions (likert, rating). */
bool tcs_column_is_question(const tcs_column *c);

/* What an answer (raw cell text) is in column c: missing, non-substantive,
 * a point of its scale (then *value), or other (not on the scale). The one
 * reading of answers every pass uses (import, pillar scores, groups,
 * check): value labels first, then the scale's wordings, the codebook's
 * and the scale's non-substantive answers and the general ones, then the
 * near misses the import accepted. */
typedef enum {
    TCS_ANSWER_MISSING,
    TCS_ANSWER_NONSUBSTANTIVE,
    TCS_ANSWER_POINT,
    TCS_ANSWER_OTHER
} tcs_answer_kind;
tcs_answer_kind tcs_column_answer(const tcs_column *c, const char *text, size_t len, int *value);

/* The label to show for a raw answer of c: its value label when it is a
 * code with one, else the answer itself. */
const char *tcs_column_answer_label(const tcs_column *c, const char *answer);

/* Put column i of s on scale (a question's scale chosen from several
 * waves' answers together): its counts are made again from its answers.
 * basis is static text (tcs_basis_*). TCS_EINVAL when i is no question;
 * TCS_ENOMEM. */
tcs_status tcs_survey_rescale(tcs_survey *s, size_t i, const tcs_scale *scale, const char *basis,
                              tcs_error *err);

/* When the responses were given, from the platform's column of response
 * times (tcs_layout.time_column: completion or submission, else start). */
typedef enum {
    TCS_DATES_NONE = 0,   /* no such column (or it is empty) */
    TCS_DATES_OK,         /* first and last are set */
    TCS_DATES_AMBIGUOUS,  /* day/month and month/day both read every date, differently */
    TCS_DATES_UNREADABLE, /* the column holds no date tcsurvey reads */
    TCS_DATES_WITHHELD    /* only placeholders (before 1990): an anonymised export */
} tcs_dates_status;

typedef struct {
    tcs_dates_status status;
    size_t column;        /* 1-based; 0 = none */
    int first_y, first_m, first_d; /* the first day a response was given */
    int last_y, last_m, last_d;    /* the last */
    bool day_first;       /* the file writes day/month (else month/day or year first) */
    long dated;           /* responses whose date was read */
    long placeholders;    /* dates before 1990, set aside */
    long unread;          /* cells that are no date */
    int first_year;       /* the earliest year a response is dated in, when at least 80%
                             of the column's cells are dates (even when day and month
                             cannot be told apart); 0 = none */
} tcs_response_dates;

/* The dates of s's responses (of the rows its filter keeps). */
void tcs_survey_response_dates(const tcs_survey *s, tcs_response_dates *out);

/* "TCS_DATES_..." in words for people: "", "day and month cannot be told
 * apart", "not dates", "withheld (anonymised export)". */
const char *tcs_dates_status_text(tcs_dates_status st);

/* Warnings gathered while importing (unknown labels, assumed ranges). */
size_t tcs_survey_nwarnings(const tcs_survey *s);
const char *tcs_survey_warning(const tcs_survey *s, size_t i);

#ifdef __cplusplus
}
#endif
#endif
