/* text.h - UTF-8 checks and the normal form used to match labels and headers. */
#ifndef TCSURVEY_TEXT_H
#define TCSURVEY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* True if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). On failure *bad (if not NULL) gets the offset of
 * the first bad byte. */
bool tcs_utf8_valid(const char *s, size_t n, size_t *bad);

/* Normal form for matching answer labels: lower case, curly quotes and
 * apostrophes dropped, U+00A0 and every other punctuation or white space
 * folded to one space, trimmed. "Don’t  know" -> "dont know", "N/A" -> "n a".
 * Writes at most outsz-1 bytes and a NUL; returns out. */
char *tcs_label_normalise(const char *s, size_t n, char *out, size_t outsz);

/* Copy of s[0..n) without leading and trailing white space (including
 * U+00A0); *len receives the trimmed length. Does not allocate. */
const char *tcs_trim(const char *s, size_t n, size_t *len);

/* Strict whole-field number parsing: optional sign, digits, optional
 * fraction; surrounding white space allowed; nothing else. */
bool tcs_parse_double(const char *s, size_t n, double *out);
/* As tcs_parse_double, but the value must be a whole number ("7", "7.0"). */
bool tcs_parse_int(const char *s, size_t n, long *out);

/* Characters (UTF-8 code points; continuation bytes not counted) of s[0..n). */
size_t tcs_utf8_chars(const char *s, size_t n);
/* The bytes of s's first max_chars characters (all of s when shorter):
 * a cut there never splits a character. */
size_t tcs_utf8_prefix(const char *s, size_t max_chars);

/* Heap copy of s[0..n) with a NUL; NULL on allocation failure. */
char *tcs_strndup(const char *s, size_t n);

/* ASCII case-insensitive glob match: '*' any run, '?' one byte. */
bool tcs_glob_match(const char *pattern, const char *text);

#ifdef __cplusplus
}
#endif
#endif
