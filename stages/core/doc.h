/* doc.h - the document model: an official document (report, appendix,
 * letter) built once as a list of blocks, then written by a back end
 * (doc_pdf.c, doc_text.c, the DOCX writer).
 *
 * A builder fills a struct doc with the doc_* functions below and never
 * draws; a back end walks d->blocks in order and never computes a figure.
 * The model is presentational only as far as the decree fixes it: sizes,
 * spacing and widths are points (1/72 inch; DOC_MM() converts millimetres)
 * so that every back end lays the page out alike.
 *
 * Text: every string is UTF-8 as the builder got it (from the data or the
 * templates); back ends clean it (pdf_clean) or escape it (XML) themselves.
 * '\n' inside a text is a line break within the same paragraph / cell.
 *
 * Ownership: a struct doc owns every block and every string in it (the
 * builder functions copy their arguments).  doc_release() frees all.
 * Pointers returned by the builders stay valid until the next call that
 * adds a block (blocks live in a growable array): fill a block before
 * adding the next one.  Likewise a row pointer until the next row of its
 * table, a cell pointer until the next cell of its row.
 *
 * Stability: other code (the DOCX back end, the letters) is written
 * against this header; add members and functions, never rename or
 * reorder them.
 */
#ifndef DH_DOC_H
#define DH_DOC_H

#include <stddef.h>
#include <stdio.h>

#define DOC_MM(x) ((x)*72.0 / 25.4)

/* Run styles: bit flags; the values equal enum pdf_style's
 * (regular 0, bold 1, italic 2, bold italic 3). */
enum { DOC_REGULAR = 0, DOC_BOLD = 1, DOC_ITALIC = 2, DOC_BOLD_ITALIC = 3 };
/* Alignment; the values equal enum pdf_align's. */
enum doc_align { DOC_LEFT, DOC_CENTER, DOC_RIGHT, DOC_JUSTIFY };

enum doc_kind {
	DOC_SECTION,   /* page break; orientation and numbering from here */
	DOC_HEADER,    /* the official header block (issuing body | motto; number | place, date) */
	DOC_TITLE,     /* document type and trích yếu, centred, bold 14, rule under */
	DOC_PARA,      /* a paragraph of runs */
	DOC_TABLE,     /* a table with repeated header rows */
	DOC_CHART,     /* horizontal stacked bars (the report's per-field chart) */
	DOC_SIGNATURE, /* "Nơi nhận" on the left, the signature block on the right */
	DOC_SPACE,     /* vertical space */
	DOC_RULE,      /* a short centred rule (under the appendix's title) */
	DOC_NKINDS
};

/* A page break that starts a section: every page of it has this
 * orientation.  restart: page numbers start again at 1 here; numbered:
 * numbers are printed (centred in the top margin) from the second page
 * of the numbering run on, never on its first page.  bookmark: an outline
 * entry (level 1) pointing here, or NULL. */
struct doc_section {
	int landscape;
	int restart;
	int numbered;
	char *bookmark;
};

/* The header block of Nghị định 30/2020 (layout: left column 65 mm,
 * right 100 mm, each line centred in its column). */
struct doc_header {
	char *parent;	  /* "UBND HUYỆN THẠCH AN" (regular), "" when none */
	char *body;	  /* "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN" (bold) */
	char *motto1;	  /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold 12) */
	char *motto2;	  /* "Độc lập - Tự do - Hạnh phúc" (bold 13, rule under) */
	char *number;	  /* "Số:        /BC-UBND" */
	char *date;	  /* "Thạch An, ngày 21 tháng 11 năm 2026" (italic) */
	char *date_blank; /* the same with the day left blank for signing
			   * ("Thạch An, ngày      tháng 11 năm 2026"), for the
			   * editable back ends; NULL = use date */
};

/* The title: type ("BÁO CÁO", "CÔNG VĂN"...) and subject (trích yếu, may
 * hold '\n' to break it by hand), both bold 14 centred; a rule a third as
 * long as the widest subject line under it.  type may be "" (a công văn
 * has its trích yếu under the number instead). */
struct doc_title {
	char *type;
	char *subject;
	double before; /* space above, points */
};

/* A run of text in one style. */
struct doc_run {
	char *text;
	int style; /* DOC_REGULAR.. */
};

struct doc_para {
	struct doc_run *runs;
	size_t nruns, cap;
	double size;	      /* points */
	double lead;	      /* baseline to baseline */
	int align;	      /* enum doc_align */
	double indent;	      /* first-line indent */
	double before, after; /* space above and below */
	/* keep_with_next: never the last thing on a page (headings; the
	 * paragraph before the signature); the next block's start (a table's
	 * header and first row, a whole chart or kept table, two lines of a
	 * paragraph, a whole signature) moves with it. */
	int keep_with_next;
	int outline; /* bookmark level: 0 none, 1 top, 2 under the last 1 */
	int heading; /* a section heading ("I. ...", "1. ..."): back ends may style it */
};

/* A table cell.  span > 1: the cell covers span columns (and the cells
 * it covers are absent from the row: a row with a span has fewer cells);
 * rowspan > 1 (header rows only): the cell covers the rows below it in
 * the header as well, which then have no cell there. */
struct doc_cell {
	char *text;
	int style; /* DOC_REGULAR.. or -1 = the column's */
	int align; /* enum doc_align or -1 = the column's */
	int span, rowspan;
};

enum doc_row_kind {
	DOC_ROW_HEADER,	 /* repeated at the top of every page of the table */
	DOC_ROW_SECTION, /* a heading row (field, type): spans the table, kept with the next row */
	DOC_ROW_BODY,	 /* never split across pages unless taller than a page */
	DOC_ROW_TOTAL	 /* a totals row ("Cộng"), bold */
};

struct doc_row {
	int kind; /* enum doc_row_kind */
	struct doc_cell *cells;
	size_t ncells, cap;
	int keep_with_next; /* section rows: set by doc_table_section() */
	int outline;	    /* bookmark level of a section row, 0 = none */
};

struct doc_col {
	double w;  /* width, points */
	int align; /* body cells */
	int style; /* body cells */
};

struct doc_table {
	struct doc_col *cols;
	size_t ncols;
	struct doc_row *rows; /* header rows first, then body, section and total rows */
	size_t nrows, cap;
	size_t header_rows;  /* how many leading rows are DOC_ROW_HEADER */
	double size, lead;   /* body text size and line step */
	double header_size;  /* header row text size (bold) */
	double header_row_h; /* height of each header row; 0 = as its text needs */
	double pad_l, pad_r, pad_t, pad_b;
	double grid;	   /* grid line width */
	double after;	   /* space below the table */
	int keep_together; /* a small table: never split over pages */
};

/* The per-field stacked bar chart: nbars bars of nseries segments each;
 * values[bar * nseries + series]; a series has a legend label and a
 * shade (0 black .. 1 white). */
struct doc_chart {
	size_t nbars, nseries;
	char **labels;	/* [nbars] */
	size_t *values; /* [nbars * nseries] */
	char **series;	/* [nseries] legend labels */
	double *shade;	/* [nseries] */
	double label_w; /* width of the label column, points */
};

/* "Nơi nhận:" and the signature block.  Lines are '\n'-separated. */
struct doc_signature {
	char *recipients_title; /* "Nơi nhận:" */
	char *recipients;	/* "- Như trên;\n- Lưu: VT, NV." */
	char *signer;		/* "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" */
	char *name;		/* "Lương Văn Khải" */
};

struct doc_block {
	int kind; /* enum doc_kind */
	union {
		struct doc_section section;
		struct doc_header header;
		struct doc_title title;
		struct doc_para para;
		struct doc_table table;
		struct doc_chart chart;
		struct doc_signature sig;
		double space; /* DOC_SPACE: points */
		struct doc_rule {
			double w;      /* length, centred in the text area */
			double before; /* from the cursor down to the rule */
			double after;  /* from the rule down to the next block */
		} rule;
	} u;
};

/* Document properties (PDF info, DOCX core properties).  The date is the
 * report's day from the data, never the clock (reproducible output). */
struct doc_info {
	char *title, *subject, *author, *creator;
	int year, month, day;
};

struct doc {
	struct doc_info info;
	struct doc_block *blocks;
	size_t nblocks, cap;
};

void doc_init(struct doc *d);
void doc_release(struct doc *d);

void doc_set_info(struct doc *d, const char *title, const char *subject, const char *author,
		  const char *creator, int year, int month, int day);

/* ---- builders: each appends one block and returns it ---- */

struct doc_section *doc_section(struct doc *d, int landscape, int restart, int numbered,
				const char *bookmark);
/* The motto lines get the decree's text; date_blank is left NULL
 * (doc_header_blank() sets it). */
struct doc_header *doc_header(struct doc *d, const char *parent, const char *body,
			      const char *number, const char *date);
void doc_header_blank(struct doc_header *h, const char *date_blank);
struct doc_title *doc_title(struct doc *d, const char *type, const char *subject, double before);

/* A paragraph with its format and no runs yet; doc_run() adds runs. */
struct doc_para *doc_para(struct doc *d, double size, double lead, int align, double indent,
			  double before, double after);
void doc_run(struct doc_para *p, int style, const char *text);
/* A paragraph of one run. */
struct doc_para *doc_para_text(struct doc *d, double size, double lead, int align, double indent,
			       double before, double after, int style, const char *text);
/* A body paragraph of the decree: justified, first line indented
 * 12.7 mm, line step 17 (size 14) or 16 (size 13), 6 pt after. */
struct doc_para *doc_body(struct doc *d, double size, const char *text);
/* A section heading, bold, kept with what follows, bookmarked at level
 * outline (0 = none). */
struct doc_para *doc_heading(struct doc *d, double size, const char *text, int outline);

/* A table with ncols columns of the given widths (points), body cells
 * left-aligned regular until doc_table_col() says otherwise; body text
 * size/lead, padding 3/3/2/3 pt, grid 0.5 pt, header text the same size
 * as the body. */
struct doc_table *doc_table(struct doc *d, size_t ncols, const double *widths, double size,
			    double lead);
void doc_table_col(struct doc_table *t, size_t col, int align, int style);
/* Appends an empty row of kind; doc_cell() adds its cells left to right. */
struct doc_row *doc_table_row(struct doc_table *t, int kind);
struct doc_cell *doc_cell(struct doc_row *r, const char *text);
/* A cell with explicit style/align (-1 = the column's), span and rowspan. */
struct doc_cell *doc_cell_ex(struct doc_row *r, const char *text, int style, int align, int span,
			     int rowspan);
/* A header row of one title per column (bold, centred). */
struct doc_row *doc_table_header(struct doc_table *t, const char *const *titles);
/* A body row of ncols cells (NULL = empty). */
struct doc_row *doc_table_cells(struct doc_table *t, const char *const *cells);
/* A row whose one cell spans the table: DOC_ROW_SECTION rows are kept
 * with the next row; align DOC_LEFT or DOC_CENTER. */
struct doc_row *doc_table_span(struct doc_table *t, int kind, const char *text, int style,
			       int align);
/* A section (heading) row kept with the next row, bookmarked at outline. */
struct doc_row *doc_table_section(struct doc_table *t, const char *text, int style, int outline);

struct doc_chart *doc_chart(struct doc *d, size_t nbars, size_t nseries, double label_w);
void doc_chart_bar(struct doc_chart *c, size_t bar, const char *label, const size_t *values);
void doc_chart_series(struct doc_chart *c, size_t series, const char *label, double shade);

struct doc_signature *doc_signature(struct doc *d, const char *recipients, const char *signer,
				    const char *name);
void doc_space(struct doc *d, double points);
/* A centred 0.6 pt rule w points long. */
void doc_rule(struct doc *d, double w, double before, double after);

/* ---- back ends ---- */

/* Writes d as PDF to path (fonts: the four faces regular, bold, italic,
 * bold italic).  Returns 0 or -1 (reported). */
int doc_pdf_write(const struct doc *d, char *const fonts[4], const char *path);
/* A plain-text dump of d: one line per paragraph, table rows as
 * " | "-separated cells, section breaks and blocks marked, so that golden
 * cases can compare documents as text.  doc_text_print() writes to f;
 * doc_text_write() to path (temporary name, renamed).  Return 0 or -1. */
int doc_text_print(const struct doc *d, FILE *f);
int doc_text_write(const struct doc *d, const char *path);

#endif
