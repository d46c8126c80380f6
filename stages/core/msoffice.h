/* msoffice.h - readers of the older office formats: Word 97-2003 (.doc, over
 * the OLE layer of ole.h), Excel 97-2003 (.xls, BIFF8 over the same layer)
 * and RTF.  They yield the same structures as DOCX and CSV (struct docx_doc
 * with paragraphs and table grids; struct sheet per worksheet), so the same
 * content gives the same records.
 *
 * Failures are returned in a struct docx_err (problem code, format kind,
 * Vietnamese detail naming the format), reported once by the *_ingest()
 * entry points.
 */
#ifndef DH_MSOFFICE_H
#define DH_MSOFFICE_H

#include "buf.h"
#include "docx.h"
#include "sheet.h"

#include <stddef.h>

struct ingest_ctx;

/* Limits shared by the readers. */
#define OFFICE_MAX_STREAM (48u << 20) /* bytes of one OLE stream read */
#define OFFICE_MAX_CHARS (8u << 20)   /* characters of a document's text */
#define OFFICE_MAX_ROWS 65536	      /* table / worksheet rows kept */
#define OFFICE_MAX_COLS 256	      /* grid columns kept */
#define OFFICE_MAX_CELLS 2000000      /* cells of one document or workbook */
#define RTF_MAX_DEPTH 512	      /* RTF group nesting */

/* --- building the document model (msoffice.c) --- */

/* Moves a run of text in one font (seg, UTF-8 of the characters as typed)
 * to the end of out: converted when kind is a legacy font, the document
 * then marked (d->legacy) if legacy bytes really were converted. */
void msoffice_run_flush(struct buf *seg, enum legacy_font kind, struct buf *out, struct docx_doc *d);

/* Appends a paragraph block (text normalised, lines kept). */
void msoffice_add_para(struct docx_doc *d, const char *text);

/* A table being read row by row; each cell knows its right edge (twips,
 * from \cellx or Word's TDefTable) so that rows of different cell counts
 * are aligned on one grid, as Word shows them. */
struct msoffice_cell {
	char *text;
	int right;	       /* right edge; < 0 when unknown */
	unsigned char hmerged; /* continues the cell to its left (old-style merge) */
	unsigned char vmerged; /* continues the cell above */
};
struct msoffice_row {
	struct msoffice_cell *cells;
	size_t n, cap;
};
struct msoffice_table {
	struct msoffice_row *rows;
	size_t n, cap;
	struct msoffice_row cur; /* row being read */
	size_t ncells;	       /* cells kept so far */
};

void msoffice_table_init(struct msoffice_table *t);
void msoffice_table_release(struct msoffice_table *t);
/* Adds a cell to the current row (text copied; NULL = empty). */
void msoffice_table_cell(struct msoffice_table *t, const char *text);
/* Ends the current row: rights[i] / flags give the edges and merges of
 * its cells (n entries; NULL or fewer entries: unknown). */
void msoffice_table_row_end(struct msoffice_table *t, const int *rights, const unsigned char *hm,
			  const unsigned char *vm, size_t n);
/* Appends the table as a DOCX_TABLE block ("bảng N"), if it has rows, and
 * resets it. */
void msoffice_table_flush(struct msoffice_table *t, struct docx_doc *d);

/* --- readers --- */

/* Word 97-2003 document (an opened OLE file holding WordDocument). */
struct ole;
int doc_load_ole(const struct ole *o, struct docx_doc *d, struct docx_err *err);
/* The same from the file's bytes. */
int doc_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);

/* RTF document ("{\rtf" first). */
int rtf_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);

/* Excel 97-2003 workbook: the visible non-empty worksheets, one sheet each
 * (label "trang tính <name>"). */
struct xls_book {
	struct sheet *v;
	size_t n, cap;
	const char *legacy; /* "TCVN3", "VNI", "CP1258" when text was converted */
};
void xls_book_init(struct xls_book *b);
void xls_book_release(struct xls_book *b);
int xls_load_ole(const struct ole *o, struct xls_book *b, struct docx_err *err);
int xls_load(const char *data, size_t len, struct xls_book *b, struct docx_err *err);
/* A workbook stream without its OLE container (how Excel 2-4 saved, and
 * how some tools write BIFF5/8). */
int xls_load_stream(const char *data, size_t len, struct xls_book *b, struct docx_err *err);

/* Entry points of ingest_data(): an OLE compound file (.doc, .xls,
 * encrypted OOXML, other) and an RTF file.  Return the records emitted. */
long ole_ingest(struct ingest_ctx *c, const char *data, size_t len);
long rtf_ingest(struct ingest_ctx *c, const char *data, size_t len);
long xls_stream_ingest(struct ingest_ctx *c, const char *data, size_t len);

#endif
