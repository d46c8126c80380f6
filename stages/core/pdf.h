/* pdf.h - the drawing layer over libharu shared by the two PDFs: fonts,
 * text measuring and wrapping, pages with the decree's margins and page
 * numbers, the official header and signature blocks, and tables whose
 * header rows repeat on every page.
 *
 * Units are PostScript points (1/72 inch); PDF_MM() converts millimetres.
 * Coordinates are libharu's: origin at the bottom left of the page.  The
 * flow cursor p->y is the top of the free space on the current page; the
 * drawing functions move it down.
 *
 * Text: every string handed to a drawing or measuring function is UTF-8;
 * pdf_clean() makes arbitrary bytes safe (valid UTF-8, NFC, no control
 * characters, only BMP code points) and the drawing functions call it, so
 * hostile data never reaches libharu as is.
 *
 * Ownership: struct pdf owns the libharu document and everything in it.
 */
#ifndef DH_PDF_H
#define DH_PDF_H

#include <hpdf.h>
#include <stddef.h>

struct buf;

#define PDF_MM(x) ((x)*72.0 / 25.4)

enum pdf_style { PDF_REGULAR, PDF_BOLD, PDF_ITALIC, PDF_BOLD_ITALIC, PDF_NSTYLES };
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY };

/* Glyph advance widths of one font, in 1/1000 em, filled lazily. */
struct pdf_wcache;

struct pdf {
	HPDF_Doc doc;
	HPDF_Encoder utf8;
	HPDF_Font font[PDF_NSTYLES];
	struct pdf_wcache *wc[PDF_NSTYLES];
	HPDF_Page page;	       /* current page, NULL before the first */
	double pw, ph;	       /* page size */
	double ml, mr, mt, mb; /* margins of the current page */
	double y;	       /* flow cursor: top of the free space */
	int landscape;	       /* orientation of the current page */
	int pageno;	       /* number of the current page in its numbering run */
	int numbered;	       /* print numbers (from the run's 2nd page); pdf_open sets 1 */
	int failed;	       /* a libharu error happened (reported once) */
	int in_text;	       /* inside a BT ... ET text object */
	int tstyle;	       /* font and size set on the page (-1 = none) */
	double tsize;
	float tx, ty;	 /* start of the current text line (libharu's text matrix) */
	struct buf *ops; /* scratch for the text operators of one line */
};

/* Finds the four Liberation Serif (or `family`) faces through fontconfig,
 * unless paths[i] is already set (from the templates); checks that each
 * file exists.  paths[] receives malloc'd strings.  Returns 0 or -1. */
int pdf_find_fonts(const char *family, char *paths[PDF_NSTYLES]);

/* Creates the document and embeds the four fonts.  Returns 0 or -1. */
int pdf_open(struct pdf *p, char *const paths[PDF_NSTYLES]);
void pdf_release(struct pdf *p);

/* Document information.  The creation and modification date is the given
 * day (from the data, never the clock), so that output is reproducible. */
void pdf_set_info(struct pdf *p, const char *title, const char *author, const char *subject,
		  const char *creator, int year, int month, int day);

/* Starts a page: A4, portrait margins 20/20/30/15 mm (top, bottom, left,
 * right) or landscape 30/15/20/20 mm.  restart begins a new numbering run
 * whose first page carries no number; later pages of the run get their
 * number centred in the top margin (baseline 16 mm below the top edge). */
void pdf_new_page(struct pdf *p, int landscape, int restart);
/* Content width of the current page. */
double pdf_text_width_area(const struct pdf *p);

/* A bookmark to the current page under parent (NULL = top level). */
HPDF_Outline pdf_outline(struct pdf *p, HPDF_Outline parent, const char *title, int open);

/* Writes the document to path through the checked writer (util.h):
 * libharu saves to its memory stream, never to a file.  Returns 0 or -1
 * (reported: "hết dung lượng đĩa khi ghi ..."). */
int pdf_save(struct pdf *p, const char *path);
/* The finished document's bytes in a malloc'd buffer (*data, *len).
 * Returns 0 or -1 (reported). */
int pdf_save_mem(struct pdf *p, char **data, size_t *len);

/* Text cleaning flags. */
#define PDF_KEEP_NL 1	  /* keep line breaks (else they become spaces) */
#define PDF_KEEP_SPACES 2 /* keep runs of spaces (else one space, trimmed) */
/* Maximum bytes of one cleaned text; longer text is cut with "…". */
#define PDF_TEXT_MAX 16384

/* Returns a malloc'd, safe copy of s (NULL -> ""): invalid UTF-8 becomes
 * U+FFFD, NFC, control characters become spaces, non-BMP -> U+FFFD. */
char *pdf_clean(const char *s, int flags);

/* Width in points of len bytes of cleaned UTF-8 text. */
double pdf_width(struct pdf *p, int style, double size, const char *s, size_t len);
double pdf_swidth(struct pdf *p, int style, double size, const char *s);

/* One wrapped line: bytes [off, off+len) of the cleaned text; last = the
 * line ends a paragraph (not stretched when justifying). */
struct pdf_line {
	size_t off, len;
	int last;
};
struct pdf_lines {
	struct pdf_line *v;
	size_t n, cap;
};
void pdf_lines_release(struct pdf_lines *l);

/* Wraps cleaned text to width on spaces (and line breaks); a word wider
 * than a line is broken between characters.  The first line is indent
 * points narrower.  Empty text gives no lines.  Never fails. */
void pdf_wrap(struct pdf *p, int style, double size, const char *text, double width, double indent,
	      struct pdf_lines *out);

/* Draws one line of cleaned text in the box [x, x+w) with its baseline at
 * y.  PDF_JUSTIFY stretches the spaces to fill w (for non-last lines). */
void pdf_draw_line(struct pdf *p, int style, double size, double x, double w, double y, int align,
		   const char *s, size_t len, int stretch);
/* Cleans and draws a single line (no wrapping). */
void pdf_text(struct pdf *p, int style, double size, double x, double w, double y, int align,
	      const char *s);
/* A solid line from x1 to x2 at height y, width lw. */
void pdf_hline(struct pdf *p, double x1, double x2, double y, double lw);
void pdf_rect(struct pdf *p, double x, double y, double w, double h, double lw, double gray,
	      int fill, int stroke);

/* Flowing paragraphs at the cursor, over as many pages as needed (new
 * pages keep the orientation and the numbering run). */
struct pdf_para {
	int style;
	double size;
	double lead; /* baseline to baseline */
	int align;
	double indent;	      /* first-line indent */
	double before, after; /* space above and below */
	double x, w;	      /* column; w = 0 means the whole text area */
};
void pdf_para(struct pdf *p, const struct pdf_para *fmt, const char *text);
/* The height pdf_para() would take for text (without page breaks). */
double pdf_para_height(struct pdf *p, const struct pdf_para *fmt, const char *text);
/* A paragraph of runs in several styles (a bold phrase inside a
 * sentence): the runs' texts are cleaned and joined (spaces collapsed
 * across runs), wrapped on spaces and line breaks, a word wider than the
 * line broken between characters; fmt->style is not used. */
struct pdf_run {
	const char *text;
	int style;
};
void pdf_para_runs(struct pdf *p, const struct pdf_para *fmt, const struct pdf_run *runs,
		   size_t nruns);
double pdf_para_runs_height(struct pdf *p, const struct pdf_para *fmt, const struct pdf_run *runs,
			    size_t nruns);
/* Moves the cursor down by dy, starting a new page when less than need
 * points would remain. */
void pdf_space(struct pdf *p, double dy);
void pdf_need(struct pdf *p, double need);

/* The official header block: left column 65 mm with the parent body
 * (regular, may be empty) and the issuing body (bold, may hold line
 * breaks) and a rule half as long as the longest line; right column
 * 100 mm with the national motto; then "Số: ..." and the italic place and
 * date on one baseline.  Leaves the cursor under the date line. */
struct pdf_header {
	const char *parent; /* "UBND HUYỆN THẠCH AN" or "" */
	const char *body;   /* "PHÒNG NỘI VỤ" or "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN" */
	const char *number; /* "Số:        /BC-NV" */
	const char *date;   /* "Thạch An, ngày 21 tháng 11 năm 2026" */
	const char *motto1; /* NULL: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" */
	const char *motto2; /* NULL: "Độc lập - Tự do - Hạnh phúc" */
};
void pdf_official_header(struct pdf *p, const struct pdf_header *h);

/* Centred title lines (bold 14) with a rule a third as long as the widest
 * of the lines after the first. */
void pdf_title(struct pdf *p, const char *type, const char *subject, double before);

/* "Nơi nhận:" block (title, NULL = "Nơi nhận:") on the left and the
 * signature block on the right: recipients is '\n'-separated,
 * signer_lines '\n'-separated (authority, position), name the signer's
 * name. */
void pdf_signature(struct pdf *p, const char *title, const char *recipients,
		   const char *signer_lines, const char *name);
/* The height the signature blocks take (to keep the closing paragraph with
 * them). */
double pdf_signature_height(const char *recipients, const char *signer_lines);

/* A table with header rows repeated on every page. */
struct pdf_col {
	double w;  /* width */
	int align; /* of body cells */
	int style; /* of body cells */
};
struct pdf_table {
	const struct pdf_col *cols;
	size_t ncols;
	double x;	   /* left edge */
	double size, lead; /* body text size and line step */
	double pad_l, pad_r, pad_t, pad_b;
	double grid; /* line width of the grid */
	/* Draws the header rows with their top at p->y and moves the cursor
	 * below them; called at the start and after every page break. */
	void (*header)(struct pdf *p, const struct pdf_table *t);
	void *ctx;
	int landscape; /* orientation of continuation pages */
	int clean;     /* body cells are pdf_clean() output already: drawn as they are */
};
/* A body row.  cells[i] may be NULL (empty); styles may be NULL (column
 * styles).  span: 1 = the first cell spans the whole row, left-aligned
 * (section rows); 2 = the same, centred.
 * keep: points of the following content that must stay on the same page
 * (for section rows).  A row that does not fit moves to the next page; a
 * row taller than a page is split across pages. */
void pdf_table_row(struct pdf *p, const struct pdf_table *t, const char *const *cells,
		   const int *styles, int span, double keep);
/* The height a body row with these cells would take. */
double pdf_table_row_height(struct pdf *p, const struct pdf_table *t, const char *const *cells,
			    const int *styles, int span);
/* The same for a row of ncells cells, cell i covering spans[i] columns
 * (spans NULL: one each), in styles[i] and aligns[i] (NULL or -1: the
 * column's where the cell starts). */
void pdf_table_row_ex(struct pdf *p, const struct pdf_table *t, const char *const *cells,
		      size_t ncells, const int *styles, const int *aligns, const int *spans,
		      double keep);
double pdf_table_row_height_ex(struct pdf *p, const struct pdf_table *t, const char *const *cells,
			       size_t ncells, const int *styles, const int *aligns,
			       const int *spans);
/* A header cell: box at (x, top) of size w x h with the text wrapped,
 * centred both ways. */
void pdf_header_cell(struct pdf *p, double x, double top, double w, double h, int style,
		     double size, double lead, const char *text, double grid);
/* Draws a header of one row: the column titles in bold, centred. */
void pdf_table_simple_header(struct pdf *p, const struct pdf_table *t, const char *const *titles,
			     double size);

/* Number formatting of the decree's prose: 1..9 -> "01".."09". */
void pdf_fmt_count(char *out, size_t outsz, long n);

#endif
