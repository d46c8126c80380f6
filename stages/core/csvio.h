/* csvio.h - RFC 4180 CSV writing, and streaming CSV reading over libcsv
 * (rows of the plain shape this program writes are split by a fast path
 * that gives exactly libcsv's fields; see csvio.c).
 *
 * Reading is push-style: the callback receives one complete row at a time
 * (fields NUL-terminated, owned by the reader, valid only during the call).
 * Quoted fields may hold line breaks and doubled quotes.  A UTF-8 BOM at the
 * start of the data is skipped.  Memory stays bounded by the limits below:
 * a field over CSV_MAX_FIELD bytes, or a row over CSV_MAX_ROW_FIELDS fields
 * or CSV_MAX_ROW_BYTES bytes, stops the reading (CSV_ERR_FIELD, CSV_ERR_ROW)
 * before the memory is taken.
 */
#ifndef DH_CSVIO_H
#define DH_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELD (1u << 20)     /* bytes of one field */
#define CSV_MAX_ROW_FIELDS 1024	     /* fields of one row */
#define CSV_MAX_ROW_BYTES (4u << 20) /* bytes of one row */
#define CSV_ERR_FIELD (-2)	     /* a field over CSV_MAX_FIELD */
#define CSV_ERR_ROW (-3)	     /* a row over CSV_MAX_ROW_FIELDS or _BYTES */

/* The clerk's words for a read's failure code (the limit named). */
const char *csv_limit_message(int rc);

/* Called once per row; row is 1-based.  Return 0 to go on, non-zero to stop
 * (the read functions then return that value). */
typedef int (*csv_row_fn)(void *ctx, char **fields, size_t nfields, size_t row);

/* Parses a file with the given delimiter (',' ';' '\t').  Returns 0, the
 * callback's non-zero value, -1 on an I/O or parse error, or CSV_ERR_FIELD /
 * CSV_ERR_ROW (all reported). */
int csv_read_path(const char *path, unsigned char delim, csv_row_fn cb, void *ctx);
/* Same over a memory buffer (already UTF-8).  Never reports; returns -1 on a
 * parse error, CSV_ERR_FIELD or CSV_ERR_ROW over a limit. */
int csv_read_mem(const char *data, size_t len, unsigned char delim, csv_row_fn cb, void *ctx);

/* Writing.  Fields are quoted when they hold the delimiter, a quote, CR or
 * LF, or begin or end with a space.  Rows end with CRLF. */
void csv_write_field(FILE *f, const char *s, int first);
void csv_write_row(FILE *f, const char *const *fields, size_t n);
void csv_end_row(FILE *f);
/* Writes the UTF-8 BOM, so that Excel opens the file as UTF-8. */
void csv_write_bom(FILE *f);

/* Column lookup in a header row by exact name; -1 when absent. */
int csv_column(char **header, size_t n, const char *name);

/* Reads a CSV file whose first row names its columns, and calls cb once per
 * data row with vals[i] = the value of column names[i] ("" when the file
 * has no such column).  Blank rows are skipped.  Returns like csv_read_path. */
typedef int (*csv_named_fn)(void *ctx, char **vals, size_t row);
int csv_read_named(const char *path, const char *const *names, size_t n, csv_named_fn cb,
		   void *ctx);

/* Files edited by people (the plan, the unit registry, settings): read
 * whole (at most CSV_MAX_TEXT_FILE), decoded like a submission (UTF-8 or
 * UTF-16; else Windows-1258, TCVN3 or VNI as legacy.h detects), NFC, BOM
 * skipped, delimiter ',' ';' or TAB taken from the header line.  A file
 * that mixes UTF-8 with other bytes, or is not text, is refused with its
 * file and line (reported, -1).  Otherwise as csv_read_path/_named. */
#define CSV_MAX_TEXT_FILE (16u << 20)
int csv_read_text(const char *path, csv_row_fn cb, void *ctx);
int csv_read_text_named(const char *path, const char *const *names, size_t n, csv_named_fn cb,
			void *ctx);
/* The decoding step alone: *out gets malloc'd UTF-8 NFC (*outlen bytes).
 * Returns 0, or -1 reported as "path:line: ...". */
int text_decode_outside(const char *path, const char *data, size_t len, char **out, size_t *outlen);
/* 1 when data mixes UTF-8 sequences with bytes of another code page (a
 * file saved in two encodings), with the 1-based line of the first bad
 * byte in *line; else 0. */
int text_mixed_line(const char *data, size_t len, size_t *line);

#endif
