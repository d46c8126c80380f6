/* sheet.h - a table as a grid of text cells, and the one implementation of
 * turning such a table into nomination records (header matching, two-row
 * headers, section rows, footer rows).  CSV files and DOCX tables both
 * become sheets, so both are read by the same rules.
 *
 * Grid model: every row has cells aligned to grid columns.  A cell that
 * spans several columns (DOCX w:gridSpan, or a CSV section row) holds its
 * text in its first column with span > 1, and the columns it covers follow
 * as cells with covered = 1 and no text.  A vertically merged continuation
 * (w:vMerge without "restart") has vmerged = 1 and no text; the text stays
 * in the first row of the merge.
 */
#ifndef DH_SHEET_H
#define DH_SHEET_H

#include "record.h"

#include <stddef.h>

struct plan;
struct problem_sink;

struct sheet_cell {
	char *text;	       /* NFC text, lines joined by '\n'; NULL when empty */
	unsigned span;	       /* grid columns covered, >= 1 */
	unsigned char covered; /* covered by a spanning cell to its left */
	unsigned char vmerged; /* continuation of a vertical merge */
};

struct sheet_row {
	struct sheet_cell *cells;
	size_t n, cap;
	size_t src_row; /* 1-based row number in the source table/file */
};

struct sheet {
	struct sheet_row *rows;
	size_t nrows, cap;
	char *label; /* location prefix: "bảng 2" for DOCX; NULL for CSV */
};

void sheet_init(struct sheet *s);
void sheet_release(struct sheet *s);
struct sheet_row *sheet_add_row(struct sheet *s, size_t src_row);
/* Appends a cell of the given span (>= 1); adds the covered cells after it.
 * Takes a copy of text (NULL or "" = empty). */
void sheet_add_cell(struct sheet_row *r, const char *text, unsigned span, int vmerged);
/* The same, taking text (malloc'd, or NULL): freed when empty or dropped. */
void sheet_take_cell(struct sheet_row *r, char *text, unsigned span, int vmerged);
size_t sheet_ncols(const struct sheet *s);

/* What a document says about itself, from title rows (CSV) or the header
 * block and paragraphs (DOCX).  All strings malloc'd or NULL. */
struct doc_meta {
	char *don_vi_goc;   /* issuing body / sender as written */
	char *tieu_de;	    /* document title (joined title lines) */
	char *thang_vb;	    /* month named in the document, YYYY-MM */
	char *ngay_vb;	    /* date written in the document, YYYY-MM-DD */
	char *so_vb;	    /* "15/DS-UBND" */
	char *linh_vuc_goc; /* field named in the title ("... LĨNH VỰC Y TẾ") */
	char *loai_goc;	    /* type named in the title ("... TẬP THỂ") */
	/* scanner state, internal to doc_meta_scan_line() */
	unsigned char in_title; /* the previous line was a title line */
	unsigned char in_body;	/* a title or date line was seen: the header block is over */
};

void doc_meta_init(struct doc_meta *m);
void doc_meta_release(struct doc_meta *m);
/* Copies every field of src that dst lacks. */
void doc_meta_merge(struct doc_meta *dst, const struct doc_meta *src);
/* Reads one preamble line (a title row, a header-block line, a paragraph)
 * and fills what it gives and is still unset: the unit ("UBND XÃ ĐỨC LONG",
 * "PHÒNG Y TẾ", any text naming a registry unit), the number ("Số:
 * 15/DS-UBND"), the place-and-date line ("Đức Long, ngày 15 tháng 11 năm
 * 2026", "... 15/11/2026"), the title and its month ("DANH SÁCH ... THÁNG 11
 * NĂM 2026", "V/v ... tháng 11/2026", "T11/2026").  Returns 1 when the line
 * was recognised as metadata, else 0. */
int doc_meta_scan_line(struct doc_meta *m, const char *line, const struct plan *p);
/* Parses a date written "ngày 15 tháng 11 năm 2026", "15/11/2026",
 * "15-11-2026", "15.11.2026" or "2026-11-15" into out[11] "YYYY-MM-DD".
 * Returns 1 when found. */
int parse_vn_date(const char *s, char out[11]);
/* Parses a month "tháng 11 năm 2026", "tháng 11/2026", "11/2026", "T11/2026",
 * "11-2026", "2026-11" into out[8] "YYYY-MM".  Returns 1 when found. */
int parse_vn_month(const char *s, char out[8]);

/* Callback receiving each record found; the record is owned by the caller
 * of the callback and released after it returns.  Return non-zero to stop. */
typedef int (*sheet_emit_fn)(void *ctx, struct record *r);

/* Finds the header row (the first row matching at least two known column
 * names; a second header row under it when its cells name sub-columns such
 * as "Nam" | "Nữ"), then turns every following row into a record: section
 * rows ("I. LĨNH VỰC Y TẾ", "A. TẬP THỂ", "Hộ gia đình") set linh_vuc_goc and
 * loai_goc for the rows below; footer rows ("Tổng cộng", "Người lập biểu",
 * signature lines, "Nơi nhận") are skipped, and so are empty rows and rows of
 * only column numbers ("(1) (2) (3)").  Rows above the header are fed to
 * doc_meta_scan_line() on meta.  Fills the record fields ten, nam_sinh,
 * gioi_tinh, dan_toc, chuc_vu, noi_cong_tac, thanh_tich, linh_vuc_goc,
 * loai_goc, don_vi_goc (column), ngay_vb (column "Ngày gửi"), ghi_chu and
 * vi_tri ("[label, ]dòng N").  A name cell with the position on the lines
 * after the name ("Lục Văn Pẻng" / "Trưởng xóm Nà Ngần") gives chuc_vu too;
 * a lone "Đơn vị" column under a header that names a registry sender is the
 * workplace (noi_cong_tac) unless its value names a registry unit.  Provenance and document-level fields are the
 * caller's (ingest_emit()).  Returns the number of records emitted, or -1
 * when no header row was found (not a nomination table). */
#define SHEET_MAX_COLS 256    /* grid columns read; cells beyond are dropped */
#define SHEET_HEADER_ROWS 200 /* rows searched for the header */

/* How many known columns the header row names (0 when there is none): used
 * to choose between readings of a file (CSV delimiters). */
int sheet_header_score(const struct sheet *s, const struct plan *p);

/* Splits the value of a combined "Chức vụ, đơn vị công tác" cell at its first
 * comma when the left part looks like a position ("Giáo viên", "Chủ tịch
 * UBND xã", "Trưởng thôn": the plan's vocabulary, groups dau-chuc-vu and
 * dau-chuc-vu-khong-dau); else everything is the workplace.  *chuc_vu and
 * *noi_cong_tac are malloc'd (NULL when empty). */
void sheet_split_position(const char *s, const struct plan *p, char **chuc_vu, char **noi_cong_tac);

/* 1 when s reads like a position: its first words open with one of the
 * vocabulary's heads of a position (dau-chuc-vu; dau-chuc-vu-khong-dau when
 * typed without diacritics). */
int sheet_is_position(const char *s, const struct plan *p);

long sheet_extract(const struct sheet *s, const struct plan *p, struct doc_meta *meta,
		   sheet_emit_fn emit, void *ctx);

#endif
