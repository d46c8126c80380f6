/* render.h - the render stage: reads a month's (or a period's) output CSVs
 * and the texts in templates/pdf/, builds the documents (doc.h) and writes
 * danh-sach.pdf and bao-cao.pdf (doc_pdf.c) with a text dump of each in
 * the folder's .work/ (doc_text.c).
 *
 * Modules: render_ctx.c (the context: templates, plan, dataset, the
 * month's counts, placeholders), roster_pdf.c (builds danh-sach: cover and
 * appendix), report_pdf.c (builds bao-cao: the month's review report and
 * the period report), render.c (render_run: load once, then write every
 * document, the parts of the run, in one or more processes).  Builders
 * never draw and never count: every figure comes from c->counts (counts.h).
 *
 * Texts come from templates/pdf/van-ban.conf (conf.h format); a value may
 * hold placeholders "{name}" that are filled from the data (render_expand).
 * The plan directory gives the fields' names and roster headings
 * (linh-vuc.csv) and the deadline day (ke-hoach.conf); both are read
 * defensively: a missing plan falls back to the template texts.
 *
 * Ownership: a struct render_ctx owns everything it points to;
 * render_ctx_release() frees it.
 */
#ifndef DH_RENDER_H
#define DH_RENDER_H

#include "conf.h"
#include "counts.h"
#include "doc.h"
#include "pdf.h"

#include <stddef.h>

struct render_opts {
	const char *month;     /* "YYYY-MM" for the monthly PDFs */
	const char *period;    /* "YYYY-MM_YYYY-MM" for the period report */
	const char *plan_dir;  /* default templates/plan */
	const char *templates; /* default templates/pdf */
	const char *dir;       /* the folder to read and write */
};

/* counts.h's statuses and types (roster order; RD_LOAI_KHAC for an
 * unknown code). */
enum rd_status {
	RD_HOP_LE = CT_HOP_LE,
	RD_CAN_XEM_XET = CT_CAN_XEM_XET,
	RD_KHONG_HOP_LE = CT_KHONG_HOP_LE,
	RD_NSTATUS = CT_NSTATUS
};
enum rd_loai {
	RD_TAP_THE = CT_TAP_THE,
	RD_CA_NHAN = CT_CA_NHAN,
	RD_HO_GIA_DINH = CT_HO_GIA_DINH,
	RD_LOAI_KHAC = CT_LOAI_KHAC,
	RD_NLOAI = CT_NLOAI
};

/* One nomination of dataset.csv, with the columns the documents show,
 * each cleaned by pdf_clean() when read (chuc_vu, noi_cong_tac and
 * thanh_tich only of the accepted ones, the roster's rows; NULL else).
 * ghi_chu (the source's note and the clerk's decision note) is internal:
 * never printed in a document sent outside. */
struct rd_nom {
	char *id, *ma_don_vi, *don_vi, *ten, *nam_sinh, *gioi_tinh, *dan_toc;
	char *chuc_vu, *noi_cong_tac, *thanh_tich, *van_de, *nguon, *ghi_chu;
	char *vi_tri; /* where in the source ("bảng 2, dòng 3") */
	int linh_vuc; /* 1..9, 0 = unknown */
	int loai;     /* enum rd_loai */
	int status;   /* enum rd_status */
	size_t seq;   /* row order in the file */
};

/* A field of the plan. */
struct rd_field {
	int so;
	char *ten_ngan; /* "Giáo dục và Đào tạo" */
	char *tieu_de;	/* roster heading "LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO" */
};

/* A generic CSV table kept as rows of strings (don-vi.csv, tep.csv,
 * van-de.csv, tuan-thu.csv, guong-tieu-bieu.csv). */
struct rd_table {
	size_t ncols;
	char **names; /* column names */
	char ***rows; /* rows[i][j] */
	size_t n, cap;
};

struct render_ctx {
	const struct render_opts *opts;
	struct conf tpl;  /* van-ban.conf */
	struct conf plan; /* ke-hoach.conf (may be empty) */
	struct conf vars; /* placeholder values */
	struct rd_field fields[9];
	int year, month; /* of the month, or of the period's last month */
	int y0, m0;	 /* period: first month */
	int han_nop;	 /* deadline day */
	char *fonts[PDF_NSTYLES];
	struct rd_nom *noms;
	size_t nnoms, capnoms;
	struct month_counts counts; /* the one set of numbers (counts.h) */
	struct rd_table units;	    /* don-vi.csv (may be empty) */
	int office_tpl;		    /* thu.conf is loaded into tpl (office.c) */
};

void render_ctx_init(struct render_ctx *c, const struct render_opts *o);
void render_ctx_release(struct render_ctx *c);
/* Loads the templates, the plan, the fonts and dataset.csv of o->dir.
 * Returns 0 or -1. */
int render_ctx_load(struct render_ctx *c);

/* Reads a CSV file with a header row into t (all columns).  A missing file
 * gives an empty table when optional.  Returns 0 or -1. */
int rd_table_load(struct rd_table *t, const char *path, int optional);
void rd_table_release(struct rd_table *t);
/* Value of column name in row i ("" when absent). */
const char *rd_get(const struct rd_table *t, size_t i, const char *name);

/* The template text of key with its placeholders filled from c->vars
 * (and the extra pairs k1, v1, k2, v2, ..., NULL).  Returns malloc'd. */
char *render_expand(const struct render_ctx *c, const char *key, ...);
/* The template value of key, or def. */
const char *render_tpl(const struct render_ctx *c, const char *key, const char *def);

/* Roman numeral of 1..39 ("IX"). */
const char *rd_roman(int n);
/* The templates folder of a run (van-ban.conf, thu.conf, tong-hop.conf):
 * o->templates, default templates/pdf. */
const char *rd_templates_dir(const struct render_opts *o);
/* Field heading for the roster ("LĨNH VỰC Y TẾ"). */
const char *rd_field_heading(const struct render_ctx *c, int so);
const char *rd_field_name(const struct render_ctx *c, int so);
const char *rd_loai_label(const struct render_ctx *c, int loai);
/* Decree date "ngày 05 tháng 01 năm 2027" parts: day and month with a
 * leading zero when the decree asks for one. */
void rd_fmt_day(char *out, size_t n, int day);
void rd_fmt_month(char *out, size_t n, int month);
/* Fills the placeholders of the documents from c->counts and the unit
 * rows (so_guong, so_hop_le, theo_loai, ds_chua_gui...). */
void rd_month_vars(struct render_ctx *c);
/* Starts a document with the render's info (author, creator, the report's
 * day). */
void rd_doc_init(struct render_ctx *c, struct doc *d, const char *title, const char *subject);
/* A body paragraph (14 pt cover / 13 pt report style). */
void rd_body(struct doc *d, double size, const char *text);
/* The template text of key, filled, as a body paragraph unless empty. */
void rd_body_key(struct render_ctx *c, struct doc *d, double size, const char *key);
/* A "- item" paragraph of the report. */
void rd_item(struct doc *d, const char *text);
/* The official header of the template keys <prefix>.co_quan_chu_quan,
 * .co_quan, .so, the date, the title (<prefix>.loai, .trich_yeu) and
 * "Kính gửi" (<prefix>.kinh_gui). */
void rd_opening(struct render_ctx *c, struct doc *d, const char *prefix, double title_before);
/* The last paragraph, kept on one page with the "Nơi nhận" and signature
 * blocks of the template keys <prefix>.noi_nhan, .ky, .nguoi_ky. */
void rd_closing(struct render_ctx *c, struct doc *d, double size, const char *text,
		const char *prefix);
/* Writes d as PDF to path and its text dump to text_path (unless NULL).
 * Returns 0 or -1. */
int rd_write(struct render_ctx *c, const struct doc *d, const char *path, const char *text_path);
/* "3" -> "03": numbers of the decree's prose. */
void rd_count(char *out, size_t n, size_t v);

/* The documents. */
void roster_doc_build(struct render_ctx *c, struct doc *d);
void report_doc_build(struct render_ctx *c, struct doc *d);
void period_doc_build(struct render_ctx *c, struct doc *d);
/* The two monthly PDFs and the period report, written to path (and the
 * text dump to text_path unless NULL).  Return 0 or -1. */
int roster_pdf_write(struct render_ctx *c, const char *path, const char *text_path);
int report_pdf_write(struct render_ctx *c, const char *path, const char *text_path);
int period_pdf_write(struct render_ctx *c, const char *path, const char *text_path);

/* The parts of a run: each writes its own files into o->dir from the
 * loaded context, so that parts can run in separate processes; a serial
 * run does them in this order, and so does each process of a parallel run
 * (a period run has only RP_REPORT_PDF and RP_REPORT_DOCX: its bao-cao.pdf
 * and .docx; the others do nothing).  The PDF parts come first: the office
 * parts load thu.conf over the texts, which the PDFs must not see. */
enum render_part {
	RP_ROSTER_PDF,	/* danh-sach.pdf, .work/danh-sach.txt */
	RP_REPORT_PDF,	/* bao-cao.pdf, .work/bao-cao.txt */
	RP_ROSTER_DOCX, /* danh-sach.docx (office.h) */
	RP_REPORT_DOCX, /* bao-cao.docx */
	RP_XLSX,	/* tong-hop.xlsx */
	RP_LETTERS,	/* phan-hoi/, don-doc.*, gui-thu.csv */
	RP_NPARTS
};
/* Writes the PDF part (RP_ROSTER_PDF, RP_REPORT_PDF); .work/ exists. */
int render_part(struct render_ctx *c, int part);

/* Everything dh-render does: load the context once, create .work/, then
 * write every part into o->dir; with jobs > 1 the parts are spread over up
 * to jobs processes (forked after the load), the bytes those of a serial
 * run.  Returns 0 or -1 (reported). */
int render_run(const struct render_opts *o, long jobs);

#endif
