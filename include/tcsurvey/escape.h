/* escape.h - text from inputs made safe for each place it goes.
 *
 * Everything a survey, a codebook, a targets file or the command line says
 * (statements, answers, pillar names, wave labels, titles) is data, never
 * code or markup: it reaches an output only through one of these writers.
 * Each one also replaces control characters (C0, DEL, C1) and byte
 * sequences that are not UTF-8 with U+FFFD, so no text from an input can
 * send a terminal control sequence (ESC, OSC 52...) or make the output
 * invalid UTF-8. Line breaks and tabs are kept only where the target keeps
 * them as data (CSV cells, JSON escapes); elsewhere they become spaces.
 * NULL is written as the empty text everywhere. */
#ifndef TCSURVEY_ESCAPE_H
#define TCSURVEY_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A JSON string literal with its quotes; control characters as \uXXXX. */
void tcs_put_json_string(FILE *fp, const char *s);

/* One CSV cell (RFC 4180 quoting); a text starting with = + - @ TAB or CR
 * gets a leading apostrophe so spreadsheets do not run it as a formula. */
void tcs_put_csv_text(FILE *fp, const char *s);

/* Undo the guard tcs_put_csv_text puts before a formula-like text, in
 * place: a leading ' before = + - @ TAB or CR goes (as Excel shows such a
 * cell), so that a file tcsurvey wrote reads back as it was. */
void tcs_csv_unguard(char *s);

/* One Markdown table cell: | \ * _ ` < [ ] escaped, line breaks as spaces. */
void tcs_put_md_cell(FILE *fp, const char *s);

/* Markdown running text: punctuation that would format escaped, '<' as an
 * entity (no raw HTML), line breaks as spaces. */
void tcs_put_md_text(FILE *fp, const char *s);

/* Markdown for people (report.md, pasted into Word or a wiki): only what
 * would otherwise be read as markup is escaped, so that the text reads
 * as typed where it is shown as it is. '*' and '`' always; '_' at a word's
 * edge; '\' before punctuation; ']' before '(' (a link); '~' when another
 * follows (strikethrough); '&' before an entity's name and ';'; '<'
 * before a letter, '/', '!' or '?' (an HTML tag) as &lt;, which no
 * renderer turns into markup; at the start of the text a '#', '>', '+',
 * '-' or '=' and the '.' or ')' after leading digits (headings, quotes,
 * lists). Line breaks as spaces. The _cell form also escapes '|' (a table
 * cell) and nothing at the start. */
void tcs_put_md_plain(FILE *fp, const char *s);
void tcs_put_md_plain_cell(FILE *fp, const char *s);

/* Text for pandoc's Markdown reader (the input report.docx is made
 * from, never shown): every ASCII punctuation character backslash-escaped,
 * which pandoc reads as the character itself whatever extension would
 * otherwise take it (math, citations, spans, raw HTML or TeX...). */
void tcs_put_pandoc_text(FILE *fp, const char *s);

/* A spreadsheet cell's text (xlsx, a typed text cell: never a formula):
 * control characters and bytes that are not UTF-8 as U+FFFD, line breaks
 * and tabs as spaces, at most max bytes (cut at a character). Into buf
 * (size n, NUL-terminated). Returns buf. */
char *tcs_sheet_text(const char *s, char *buf, size_t n);

/* HTML text or attribute value: & < > " ' as entities. */
void tcs_put_html(FILE *fp, const char *s);

/* Plain text for a terminal (tables, messages): line breaks and tabs as
 * spaces, other control characters as U+FFFD. */
void tcs_put_term(FILE *fp, const char *s);

/* tcs_put_term into buf (size n, always NUL-terminated, cut at a character
 * boundary when too long). Returns buf. */
char *tcs_term_text(const char *s, char *buf, size_t n);

/* True when s holds a control character (other than what tcs_put_term
 * turns into a space) or a sequence that is not UTF-8. */
bool tcs_text_has_control(const char *s);

/* ---- gnuplot scripts ----
 * Survey text reaches a script only through these: a single-quoted
 * gnuplot string, inside which gnuplot performs no backquote command
 * substitution, no @macro expansion and no backslash escapes, so the text
 * is drawn literally and runs nothing. */

/* The definitions the strings below rely on (tcs_q, a quote, and tcs_nl,
 * a newline): write once at the top of every script. */
void tcs_gp_put_preamble(FILE *fp);

/* s as a gnuplot string expression of single-quoted pieces joined with
 * tcs_q where s has a quote ('It'.tcs_q.'s'), every control character
 * (newline, tab, CR...) as a space. Not '' (gnuplot 5.4 mis-scans runs
 * of doubled quotes) and no double-quoted piece on the line (which
 * confuses gnuplot's @macro scanner into expanding @names in the single-
 * quoted text that follows). NULL writes ''. Usable wherever gnuplot
 * takes a string expression: labels, titles, tic labels. */
void tcs_gp_put_string(FILE *fp, const char *s);

/* A tic label of one or more lines, as one gnuplot string expression
 * 'a'.tcs_nl.'b'. gnuplot reads tic labels as formats, so % is doubled. */
void tcs_gp_put_tic_label(FILE *fp, const char *const *lines, size_t n);

#ifdef __cplusplus
}
#endif
#endif
