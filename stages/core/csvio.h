/* csvio.h - RFC 4180 CSV writing, and streaming CSV reading over libcsv.
 *
 * Reading is push-style: the callback receives one complete row at a time
 * (fields NUL-terminated, owned by the reader, valid only during the call).
 * Quoted fields may hold line breaks and doubled quotes.  A UTF-8 BOM at the
 * start of the data is skipped.  Memory stays bounded by the longest row.
 */
#ifndef DH_CSVIO_H
#define DH_CSVIO_H

#include <stddef.h>
#include <stdio.h>

/* Called once per row; row is 1-based.  Return 0 to go on, non-zero to stop
 * (the read functions then return that value). */
typedef int (*csv_row_fn)(void *ctx, char **fields, size_t nfields, size_t row);

/* Parses a file with the given delimiter (',' ';' '\t').  Returns 0, the
 * callback's non-zero value, or -1 on an I/O or parse error (reported). */
int csv_read_path(const char *path, unsigned char delim, csv_row_fn cb, void *ctx);
/* Same over a memory buffer (already UTF-8).  Never reports; returns -1 on a
 * parse error. */
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

#endif
