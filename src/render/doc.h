/* doc.h - the document model every output goes through (internal to the
 * library).
 *
 * A document is a sequence of blocks: headings, paragraphs, lists,
 * records (key-value), tables, images and sections (blocks nested in a
 * block, e.g. the groups of --by). A table is a column declaration over
 * rows: each column says once what it is (key, header, type, precision,
 * presence), where its value is (a field of the row, or a getter) and in
 * which formats it appears; rows are the report's own structs, or the
 * library's. One back-end per format renders any document:
 *
 *   TCS_FORMAT_TABLE  doc_term.c  aligned text for a terminal
 *   TCS_FORMAT_CSV    doc_csv.c   the document's tables as one CSV table
 *   TCS_FORMAT_JSON   doc_json.c  an object: keyed blocks are its members
 *   TCS_FORMAT_MD     doc_md.c    Markdown
 *   TCS_FORMAT_HTML   doc_html.c  one HTML page
 *   TCS_FORMAT_XLSX   doc_xlsx.c  an Excel workbook: the CSV's tables, typed, a
 *                                 sheet per TCS_BLOCK_SHEET section
 *
 * Adding a statistic is adding a column row; adding a format is adding a
 * back-end and its row in formats.c. A new figure of the library's
 * tcs_change, say mdc with has_mdc, is this row in view_compare.c's
 * change_col:
 *
 *   {.key = "mdc", .header = "MDC", .type = TCS_V_NUM, .formats = TCS_F_ALL,
 *    .prec = 2, .at = CH(mdc), .pres = TCS_PRES_IF, .has = CH(has_mdc),
 *    .align = TCS_ALIGN_RIGHT, .width = 6},
 *
 * and it is in the JSON and CSV (key "mdc", every digit, null or empty
 * when has_mdc is false) and the terminal and Markdown tables (rounded to
 * 2 decimals) of question and pillar changes, with --by too, at the
 * row's place (formats = TCS_F_DATA keeps it out of the people's tables).
 * Every piece of text (the program's
 * wording and the inputs' alike) reaches the output through the back-end's
 * writer of include/tcsurvey/escape.h; numbers are formatted by the
 * back-end (shortest round trip in CSV and JSON, fixed decimals for
 * people).
 *
 * Memory: a document owns everything its builders make (text, rows,
 * blocks) and frees it with tcs_doc_free; rows and contexts handed to
 * tables must outlive the document. A builder that runs out of memory
 * marks the document failed (tcs_doc_write then returns TCS_ENOMEM) and
 * returns a block that goes nowhere, so builders need no NULL checks. */
#ifndef TCSURVEY_RENDER_DOC_H
#define TCSURVEY_RENDER_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "tcsurvey/error.h"
#include "tcsurvey/output.h"

/* ---- formats a column or block appears in ---- */

#define TCS_F_TABLE (1u << TCS_FORMAT_TABLE)
#define TCS_F_CSV (1u << TCS_FORMAT_CSV)
#define TCS_F_JSON (1u << TCS_FORMAT_JSON)
#define TCS_F_MD (1u << TCS_FORMAT_MD)
#define TCS_F_HTML (1u << TCS_FORMAT_HTML)
#define TCS_F_PAGE (TCS_F_MD | TCS_F_HTML)         /* Markdown and HTML */
#define TCS_F_PEOPLE (TCS_F_TABLE | TCS_F_PAGE)    /* rounded, for reading */
#define TCS_F_DATA (TCS_F_CSV | TCS_F_JSON)        /* full precision, for programs */
#define TCS_F_ALL (TCS_F_PEOPLE | TCS_F_DATA)

/* ---- values ---- */

typedef enum {
    TCS_V_TEXT,     /* const char *; NULL is absent */
    TCS_V_CHARS,    /* a char array in the row; "" is absent */
    TCS_V_LONG,     /* long */
    TCS_V_SIZE,     /* size_t */
    TCS_V_INT,      /* int */
    TCS_V_NUM,      /* double; not finite is absent */
    TCS_V_PERCENT,  /* double; people read "61%" */
    TCS_V_BOOL,     /* bool; people read yes / no */
    TCS_V_TRI,      /* int: 1 true, 0 false, below 0 absent */
    TCS_V_INTERVAL, /* two doubles (at, at2): JSON [lo, hi], CSV KEY_lo and KEY_hi,
                       people "lo-hi" */
    TCS_V_TABLE,    /* rows of a nested table (sub, rows): JSON only */
    TCS_V_GROUP     /* the columns of sub, on the part of the row at `at`: a
                       column set shared by several tables */
} tcs_vtype;

/* Where a field is: at row + off, or, with via, at *(row + via - 1) + off
 * (a field of a struct the row points to). */
typedef struct {
    size_t via, off;
} tcs_loc;

#define TCS_AT(Row, field) {0, offsetof(Row, field)}
#define TCS_VIA(Row, ptr, Type, field) {offsetof(Row, ptr) + 1, offsetof(Type, field)}
#define TCS_DEREF(Row, ptr) {offsetof(Row, ptr) + 1, 0} /* what the row points to */

/* When a value is there (absent: JSON null, CSV empty, people "-"). */
typedef enum {
    TCS_PRES_ALWAYS,  /* (TEXT: unless NULL; NUM: unless not finite) */
    TCS_PRES_IF,      /* the bool at has is true */
    TCS_PRES_IF_POS   /* the long at has is above 0 */
} tcs_pres;

/* One cell as a getter or a locator gives it. */
typedef struct {
    bool present;
    const char *text;
    long i;           /* LONG, INT, BOOL, TRI */
    size_t z;         /* SIZE */
    double x, y;      /* NUM, PERCENT; INTERVAL lo, hi */
    int prec;         /* people's decimals; -1 = the column's */
    const char *suffix; /* people: written after the (possibly shortened) text */
    int indent;       /* people: a sub-row's cell, indented */
    const char *cls;  /* HTML: the cell's class (a RAG colour) */
    char buf[1280];   /* for a getter's text */
    char sbuf[384];   /* for a getter's suffix */
} tcs_value;

typedef struct tcs_table tcs_table;

/* k: which of a TCS_COL_MULTI column's labels (else 0). */
typedef void (*tcs_getter)(const void *row, size_t k, const tcs_table *t, tcs_value *v);

/* Rows: n of them, from an array (base, stride) or given by at (from
 * src and ctx; a computed row made in scratch, TCS_ROW_SCRATCH bytes). */
typedef struct tcs_rows {
    size_t n;
    const void *base;
    size_t stride;
    const void *(*at)(const struct tcs_rows *rows, size_t k, void *scratch);
    const void *src, *ctx;
} tcs_rows;

#define TCS_ROW_SCRATCH 512

/* A nested table's rows in (the part at the column's `at` of) its parent
 * row. */
typedef void (*tcs_rows_fn)(const void *row, const tcs_table *t, tcs_rows *out);

/* ---- columns ---- */

enum {
    TCS_COL_BREAK = 1u << 0,      /* JSON: a new line before the key */
    TCS_COL_OMIT = 1u << 1,       /* JSON: an absent value leaves the key out */
    TCS_COL_DROP_EMPTY = 1u << 2, /* table: no column when no row has a value */
    TCS_COL_MULTI = 1u << 3,      /* one value per label of the table (e.g. per
                                     wave): JSON {label: value}, people a column
                                     per label (header: the label, or a
                                     header with %s), CSV KEY_label */
    TCS_COL_TIGHT = 1u << 4,      /* table, MULTI: no space between the labels'
                                     columns (each right-aligned in its width) */
    TCS_COL_YESNO = 1u << 5,      /* CSV: a BOOL as yes / no, not true / false */
    TCS_COL_LINES = 1u << 6,      /* JSON, TABLE: one record per line */
    TCS_COL_PERCENT = 1u << 7,    /* a NUM in percent (0-100): a spreadsheet stores it as a
                                     fraction shown as a percentage */
    TCS_COL_POINTS = 1u << 8      /* a NUM in percentage points (a change of a share): a
                                     spreadsheet shows it with "pp" */
};

typedef enum { TCS_ALIGN_LEFT, TCS_ALIGN_RIGHT } tcs_align;

typedef struct tcs_cols tcs_cols;

typedef struct tcs_col {
    const char *key;         /* JSON key, CSV header; NULL: a nested list's item */
    const char *header;      /* people's header; NULL = key */
    const char *term_header; /* the terminal's (shorter) header; NULL = header */
    tcs_vtype type;
    unsigned formats;        /* TCS_F_... */
    int prec;                /* people's decimals (NUM, PERCENT, INTERVAL) */
    tcs_loc at, at2;         /* the value (INTERVAL: lo, hi; GROUP: the sub-row) */
    tcs_pres pres;
    tcs_loc has;             /* TCS_PRES_IF, TCS_PRES_IF_POS */
    tcs_getter get;          /* instead of at: a computed value */
    tcs_rows_fn rows;        /* TABLE */
    const tcs_cols *sub;     /* TABLE, GROUP */
    const char *none;        /* people: an absent value (default "" for text, "-") */
    tcs_align align;         /* people */
    unsigned char width;     /* terminal: at least this wide; HTML, pandoc: the
                                column's share of the table's width (relative) */
    unsigned char max;       /* terminal: longer text is cut to this ("..."); 0 never */
    unsigned char gap;       /* terminal: spaces before the column (0 = 1) */
    unsigned flags;          /* TCS_COL_... */
} tcs_col;

struct tcs_cols {
    const tcs_col *col;
    size_t n;
};

#define TCS_COLS(array) {array, sizeof array / sizeof array[0]}

/* ---- blocks ---- */

typedef enum {
    TCS_BLOCK_HEADING,
    TCS_BLOCK_PARA,
    TCS_BLOCK_LIST,     /* lines of text; JSON an array of strings */
    TCS_BLOCK_RECORD,   /* one row as key: value (JSON: an object, or without
                           a key its members merged into the enclosing one) */
    TCS_BLOCK_TABLE,
    TCS_BLOCK_IMAGE,    /* a chart: HTML inlines its SVG, Markdown links its PNG */
    TCS_BLOCK_SECTIONS, /* JSON: an array of its sections; else their blocks */
    TCS_BLOCK_SECTION   /* JSON: an object of its blocks; else its blocks */
} tcs_block_kind;

enum {
    TCS_BLOCK_JSON_BREAK = 1u << 0,  /* JSON: a new line before the member */
    TCS_BLOCK_JSON_INLINE = 1u << 1, /* JSON TABLE: records on one line */
    TCS_BLOCK_NO_HEADER = 1u << 2,   /* table: rows only */
    TCS_BLOCK_PLACEHOLDER = 1u << 3, /* CSV: one row, the prefix and empty cells */
    TCS_BLOCK_SHEET = 1u << 4        /* SECTION: a sheet of its own in a workbook, named by
                                        its key; its CSV tables are the sheet's rows */
};

/* A table's (or record's) rows and what its getters need. */
struct tcs_table {
    const tcs_cols *cols;
    tcs_rows rows;
    const void *ctx;            /* for getters */
    const char *const *labels;  /* for TCS_COL_MULTI columns */
    size_t nlabels;
    int align;                  /* terminal: tables of one nonzero align share the
                                   widths of the columns they have in common */
    int indent;                 /* terminal: spaces before each line */
    const char *cls;            /* HTML: the table's class */
    const tcs_cols *prefix;     /* CSV: cells that lead each row (the group) */
    const void *prefix_row;
};

typedef struct tcs_block tcs_block;
struct tcs_block {
    tcs_block_kind kind;
    unsigned formats;
    const char *key;   /* JSON member name */
    unsigned flags;    /* TCS_BLOCK_... */
    int level;         /* HEADING: 2 = a section, 3 = a subsection */
    const char *text;  /* HEADING, PARA; IMAGE: its caption */
    char **items;      /* LIST */
    size_t nitems, cap;
    int indent;        /* LIST: terminal indentation */
    const char *path;  /* IMAGE: the SVG (HTML reads it) */
    const char *href;  /* IMAGE: the PNG (Markdown links it) */
    tcs_table t;       /* RECORD, TABLE */
    tcs_block *first, *last, *next, *parent; /* SECTIONS, SECTION */
};

/* How the Markdown back-end spaces and escapes. COMPACT: one blank line
 * between blocks, every text through tcs_put_md_cell (the commands).
 * REPORT: report.md's spacing (a blank line more around tables), text
 * through tcs_put_md_plain (only what would be markup escaped: the text
 * reads as typed when pasted). PANDOC: the Markdown report.docx is made
 * from by pandoc: every text through tcs_put_pandoc_text, column widths
 * in the tables' dashes, coloured cells as custom-style spans ("RAG
 * green"), images at the page's width. */
typedef enum { TCS_DOC_COMPACT, TCS_DOC_REPORT, TCS_DOC_PANDOC } tcs_doc_style;

typedef struct tcs_doc tcs_doc;

tcs_doc *tcs_doc_new(tcs_doc_style style);
void tcs_doc_free(tcs_doc *d);

tcs_doc_style tcs_doc_get_style(const tcs_doc *d);

/* HTML <title> and <h1>, Markdown "# title"; the stylesheet of the HTML page. */
void tcs_doc_set_title(tcs_doc *d, const char *title, const char *css);
const char *tcs_doc_title(const tcs_doc *d);
const char *tcs_doc_css(const tcs_doc *d);

/* Memory the document owns (zeroed); NULL when out of memory. */
void *tcs_doc_alloc(tcs_doc *d, size_t size);
char *tcs_doc_printf(tcs_doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

tcs_block *tcs_doc_heading(tcs_doc *d, unsigned formats, int level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
tcs_block *tcs_doc_para(tcs_doc *d, unsigned formats, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A list; key names it in JSON (NULL: not in JSON). */
tcs_block *tcs_doc_list(tcs_doc *d, unsigned formats, const char *key, int indent);
void tcs_doc_item(tcs_doc *d, tcs_block *list, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A table of rows; its options are in the returned block's t. */
tcs_block *tcs_doc_table(tcs_doc *d, unsigned formats, const char *key, const tcs_cols *cols,
                         tcs_rows rows, const void *ctx);
/* One row as a record. */
tcs_block *tcs_doc_record(tcs_doc *d, unsigned formats, const char *key, const tcs_cols *cols,
                          const void *row, const void *ctx);
tcs_block *tcs_doc_image(tcs_doc *d, const char *caption, const char *svg_path,
                         const char *png_href);
/* Blocks added until tcs_doc_close go into a section (of a SECTIONS block). */
tcs_block *tcs_doc_open(tcs_doc *d, tcs_block_kind kind, unsigned formats, const char *key);
void tcs_doc_close(tcs_doc *d);

/* Rows of an array. */
tcs_rows tcs_rows_array(const void *base, size_t n, size_t stride);

/* The document in fmt. Errors: TCS_ENOMEM (a builder ran out of memory),
 * TCS_EIO (writing failed), TCS_EOUTPUT (an image cannot be read). */
tcs_status tcs_doc_write(FILE *fp, const tcs_doc *d, tcs_format fmt, tcs_error *err);

/* ---- for the back-ends ---- */

const tcs_block *tcs_doc_first(const tcs_doc *d);
bool tcs_doc_failed(const tcs_doc *d);

/* A column as a table shows it: groups flattened, with the group's
 * position for its row. */
typedef struct {
    const tcs_col *col;
    const tcs_col *group; /* the GROUP column it comes from, or NULL */
    bool first_in_group;
} tcs_flat;

/* The columns of cols in the formats fmt, groups flattened, in an array
 * of their own (free it), *n of them; NULL when out of memory. */
tcs_flat *tcs_cols_flat(const tcs_cols *cols, unsigned fmt, size_t *n);

/* Row k of rows (scratch: TCS_ROW_SCRATCH bytes, aligned). */
const void *tcs_rows_at(const tcs_rows *rows, size_t k, void *scratch);

/* The value of flat column f in row (the table's row: a grouped column's
 * part is found here), label k. */
void tcs_doc_value(const tcs_flat *f, const void *row, size_t k, const tcs_table *t,
                   tcs_value *v);

/* The part of row a flat column reads (its group's, or row itself). */
const void *tcs_doc_row_part(const tcs_flat *f, const void *row);

/* What loc finds in row (NULL through a NULL pointer). */
const void *tcs_doc_locate(const void *row, tcs_loc loc);

/* A value for people into buf: fixed decimals, yes / no, "-" when absent
 * (or the column's none). Returns buf, or the value's own text. */
const char *tcs_doc_people_text(const tcs_col *c, const tcs_value *v, char *buf, size_t n);

/* A value's header for people (MULTI: label k in its header). */
const char *tcs_doc_header(const tcs_col *c, size_t k, const tcs_table *t, bool term, char *buf,
                           size_t n);

/* How many columns a flat column makes for people (MULTI: one per label). */
size_t tcs_doc_span(const tcs_col *c, const tcs_table *t);

/* A number as data: the shortest text that reads back as it. */
void tcs_doc_data_num(double v, char *buf, size_t n);

/* The back-ends. */
tcs_status tcs_doc_write_term(FILE *fp, const tcs_doc *d, tcs_error *err);
/* The terminal back-end for a terminal width columns wide (0: not a
 * terminal); tcs_doc_write_term asks fp's terminal. */
tcs_status tcs_doc_write_term_width(FILE *fp, const tcs_doc *d, size_t width, tcs_error *err);
tcs_status tcs_doc_write_csv(FILE *fp, const tcs_doc *d, tcs_error *err);
tcs_status tcs_doc_write_json(FILE *fp, const tcs_doc *d, tcs_error *err);
tcs_status tcs_doc_write_md(FILE *fp, const tcs_doc *d, tcs_error *err);
tcs_status tcs_doc_write_html(FILE *fp, const tcs_doc *d, tcs_error *err);
tcs_status tcs_doc_write_xlsx(FILE *fp, const tcs_doc *d, tcs_error *err);

#endif
