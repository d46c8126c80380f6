/* readers.h - the readers of the other office formats (Excel .xlsx/.xlsm,
 * OpenDocument .ods/.odt, web pages saved by Word or Excel, .mht) and of zip
 * attachments.  Each reader turns its file into the document model of the
 * DOCX reader (struct docx_doc: paragraphs, and tables as grid-aligned
 * sheets with spans and vertical merges), so that the same content gives the
 * same records through the one interpretation (docx_ingest_doc, sheet.c).
 *
 * Loaders return 0, or -1 with err set (a problem code and a Vietnamese
 * detail naming the format: "tệp Excel .xlsx bị hỏng ...").  Every limit
 * below ends the reading with tep_hong naming the limit.
 */
#ifndef DH_READERS_H
#define DH_READERS_H

#include "docx.h"

#include <stddef.h>

struct ingest_ctx;

/* Limits of the spreadsheet readers (XLSX, ODS) and HTML tables. */
#define XL_MAX_SHEETS 256	  /* sheets of a workbook */
#define XL_MAX_ROW 1048576u	  /* highest row number (Excel's) */
#define XL_MAX_STRINGS 1000000	  /* shared strings */
#define XL_MAX_MERGES 20000	  /* merged ranges of one sheet */
#define XL_MAX_REPEAT 4096	  /* ODS: cells that repeats may add with content */
#define GRID_MAX_TEXT (64u << 20) /* bytes of cell text in one table */
#define GRID_FULL_MSG "quá lớn (hơn 500000 ô trong một bảng hoặc 64 MB chữ)"

/* --- package helpers (docx_zip.c) --- */

/* Opens any zip from memory (entry count bounded) without requiring a Word
 * part; the main part is the officeDocument relationship when there is one
 * (docx_pkg_main() may be NULL).  what names the format in damage messages
 * ("tệp Excel .xlsx"). */
struct docx_pkg *docx_pkg_open_zip(const char *data, size_t len, const char *what,
				   struct docx_err *err);
size_t docx_pkg_count(const struct docx_pkg *p);
/* Name of entry i (UTF-8, or as libzip guessed), NULL when unreadable. */
const char *docx_pkg_entry(const struct docx_pkg *p, size_t i);
int docx_pkg_has(const struct docx_pkg *p, const char *name);

/* --- shared helpers (readers.c) --- */

/* Appends a paragraph (text normalised, lines kept; empty text is skipped)
 * or a table (the sheet is taken over; label copied) to the model. */
void model_add_para(struct docx_doc *d, const char *text);
void model_add_table(struct docx_doc *d, struct sheet *t, const char *label);
/* Cell text as the model keeps it: NFC, lines kept, "" for blank. */
char *model_cell_text(const char *s);
/* A sparse grid of cells placed by row and column (0-based), with merged
 * ranges: what the spreadsheet readers collect before the table is built.
 * Allocation follows the cells that hold text, never the claimed size. */
struct grid_ent {
	unsigned row, col, span, kind;
	char *text;
};
struct grid_merge {
	unsigned r1, c1, r2, c2;
};
struct grid {
	struct grid_ent *v;
	size_t n, cap;
	struct grid_merge *m;
	size_t nm, capm;
	size_t bytes; /* text placed so far */
	int full;     /* DOCX_MAX_CELLS or GRID_MAX_TEXT reached */
};
void grid_init(struct grid *g);
void grid_release(struct grid *g);
/* Places text (taken over; blank text is dropped). */
void grid_text(struct grid *g, unsigned row, unsigned col, char *text);
/* A merged range, inclusive (at most XL_MAX_MERGES kept). */
void grid_merge(struct grid *g, unsigned r1, unsigned c1, unsigned r2, unsigned c2);
int grid_has_text(const struct grid *g);
/* The table: rows that hold something, cells aligned to columns, a merged
 * range as a span in its first row and vertical-merge cells below (rows
 * past the last with text are not made).  Consumes the entries. */
void grid_to_sheet(struct grid *g, struct sheet *out);

/* The next node of a reader, passing over the subtree being skipped (*skip:
 * the depth of the element whose content is not wanted, -1 when none); its
 * type and depth in *ty and *depth.  Returns xmlTextReaderRead()'s result. */
int model_xml_next(void *reader, int *skip, int *ty, int *depth);
/* A part written in UTF-16 (with a BOM) converted to UTF-8 in place, its
 * prolog blanked; other parts are left as they are. */
void model_utf16_part(char **data, size_t *len);
/* libxml2 reader over a part in memory: no network, no entities, no DTD
 * (a part declaring one is refused), errors kept quiet.  NULL with err set
 * (what names the format). */
void *model_xml_reader(const char *xml, size_t len, const char *what, struct docx_err *err);

/* --- readers --- */

/* XLSX/XLSM/XLTX (transitional and strict): every visible sheet as a table
 * labelled "trang tính NAME". */
int xlsx_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);
/* ODS (sheets as tables) and ODT (paragraphs and tables) from content.xml. */
int odf_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);
/* A flat OpenDocument file (.fodt, .fods: one XML document). */
int odf_load_flat(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);
/* An HTML page (Word's or Excel's "Web Page", any extension) or an MHT
 * archive holding one.  Returns 0, 1 when the page was Windows-1258 (the
 * ma_cu mark), or -1. */
int html_load(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);
/* 1 when data is a MIME web archive (.mht) */
int html_is_mht(const char *data, size_t len);

/* --- ingest entry points (container.c) --- */

/* A zip by content: an .xlsx, an ODF file, a Word package (docx_ingest) or
 * an attachment whose members are read as files of the month. */
long container_zip_ingest(struct ingest_ctx *c, const char *data, size_t len);
/* A flat OpenDocument file (.fodt, .fods: one XML document). */
int odf_load_flat(const char *data, size_t len, struct docx_doc *d, struct docx_err *err);
/* An HTML page or .mht. */
long container_html_ingest(struct ingest_ctx *c, const char *data, size_t len);
/* An XML file: a flat OpenDocument file is read, anything else refused. */
long container_xml_ingest(struct ingest_ctx *c, const char *data, size_t len);

#endif
