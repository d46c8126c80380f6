/* roster_pdf.c - builds danh-sach: the district's cover report and its appendix roster of the
 * month's accepted nominations (a doc.h document; doc_pdf.c draws it). */
#include "render.h"

#include "buf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- the roster ---- */

enum { C_STT, C_TEN, C_NAM, C_NU, C_DT, C_CV, C_TT, C_DV, C_GC, C_N };

/* Column widths (mm) of the decree's landscape table: 257 mm. */
static const double roster_mm[C_N] = {11, 36, 12, 12, 14, 40, 93, 25, 14};
static const int roster_align[C_N] = {DOC_CENTER, DOC_LEFT,    DOC_CENTER, DOC_CENTER, DOC_CENTER,
				      DOC_LEFT,	  DOC_JUSTIFY, DOC_LEFT,   DOC_CENTER};

static void roster_header(struct render_ctx *c, struct doc_table *t)
{
	static const char *const keys[C_N] = {
	    "pl.cot.stt",	 "pl.cot.ten",	   "pl.cot.nam",
	    "pl.cot.nu",	 "pl.cot.dan_toc", "pl.cot.chuc_vu",
	    "pl.cot.thanh_tich", "pl.cot.don_vi",  "pl.cot.ghi_chu"};
	static const char *const defs[C_N] = {"STT",
					      "Họ và tên / Tên tập thể",
					      "Nam",
					      "Nữ",
					      "Dân tộc",
					      "Chức vụ, đơn vị công tác / địa chỉ",
					      "Tóm tắt thành tích",
					      "Đơn vị đề xuất",
					      "Ghi chú"};
	/* Two rows: "Năm sinh" over Nam | Nữ; every other title spans both. */
	struct doc_row *r = doc_table_row(t, DOC_ROW_HEADER);
	for (int i = 0; i < C_N; i++) {
		if (i == C_NU)
			continue;
		if (i == C_NAM)
			doc_cell_ex(r, render_tpl(c, "pl.cot.nam_sinh", "Năm sinh"), DOC_BOLD,
				    DOC_CENTER, 2, 1);
		else
			doc_cell_ex(r, render_tpl(c, keys[i], defs[i]), DOC_BOLD, DOC_CENTER, 1, 2);
	}
	r = doc_table_row(t, DOC_ROW_HEADER);
	doc_cell_ex(r, render_tpl(c, keys[C_NAM], defs[C_NAM]), DOC_BOLD, DOC_CENTER, 1, 1);
	doc_cell_ex(r, render_tpl(c, keys[C_NU], defs[C_NU]), DOC_BOLD, DOC_CENTER, 1, 1);
}

/* Roster order: field 1..9 then unknown, type, then the file's order. */
static int roster_cmp(const void *a, const void *b)
{
	const struct rd_nom *x = *(const struct rd_nom *const *)a;
	const struct rd_nom *y = *(const struct rd_nom *const *)b;
	int fx = x->linh_vuc ? x->linh_vuc : 10, fy = y->linh_vuc ? y->linh_vuc : 10;
	if (fx != fy)
		return fx < fy ? -1 : 1;
	if (x->loai != y->loai)
		return x->loai < y->loai ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int has_code(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *s = list; s && *s;) {
		const char *e = strchr(s, ';');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		while (len && *s == ' ') {
			s++;
			len--;
		}
		while (len && s[len - 1] == ' ')
			len--;
		if (len == n && memcmp(s, code, n) == 0)
			return 1;
		s = e ? e + 1 : s + strlen(s);
	}
	return 0;
}

/* The Ghi chú cell of an accepted nomination: only the short standard
 * notes of templates/pdf (ghi_chu.*), never the record's own note, the
 * clerk's reason or a file name (the review report has those). */
static void roster_note(const struct render_ctx *c, const struct rd_nom *n, struct buf *b)
{
	static const char *const codes[] = {"gui_muon", "thieu_minh_chung", "thanh_tich_ngan",
					    "don_vi_khong_ro", "thang_khong_khop"};
	buf_reset(b);
	if (n->status == RD_CAN_XEM_XET) {
		/* at most two reasons fit the 14 mm column; the report lists all */
		int shown = 0;
		for (size_t i = 0; i < ARRAY_SIZE(codes) && shown < 2; i++) {
			if (!has_code(n->van_de, codes[i]))
				continue;
			char key[48];
			snprintf(key, sizeof(key), "ghi_chu.%s", codes[i]);
			const char *t = render_tpl(c, key, "");
			if (!*t)
				continue;
			if (b->len)
				buf_adds(b, "; ");
			buf_adds(b, t);
			shown++;
		}
		if (!b->len)
			buf_adds(b, render_tpl(c, "ghi_chu.can_xem_xet", "Cần xem xét"));
		return;
	}
	if (has_code(n->van_de, "quyet_dinh"))
		buf_adds(b, render_tpl(c, "ghi_chu.quyet_dinh", ""));
	if (has_code(n->van_de, "gui_muon")) {
		if (b->len)
			buf_adds(b, "; ");
		buf_adds(b, render_tpl(c, "ghi_chu.gui_muon", "Gửi muộn"));
	}
}

/* One nominee's row.  A person's year of birth goes under Nam or Nữ as
 * the dataset says; with the sex unknown it spans both columns with the
 * template's mark (pl.gioi_tinh_chua_ro), never guessed. */
static void roster_row(struct render_ctx *c, struct doc_table *t, const struct rd_nom *r,
		       size_t stt, struct buf *cv, struct buf *note)
{
	char s[24];
	snprintf(s, sizeof(s), "%zu", stt);
	buf_reset(cv);
	buf_adds(cv, r->chuc_vu);
	if (*r->noi_cong_tac && !strstr(r->chuc_vu, r->noi_cong_tac)) {
		if (cv->len)
			buf_adds(cv, ", ");
		buf_adds(cv, r->noi_cong_tac);
	}
	roster_note(c, r, note);
	int person = r->loai == RD_CA_NHAN && *r->nam_sinh;
	int nam = person && strcmp(r->gioi_tinh, "nam") == 0;
	int nu = person && strcmp(r->gioi_tinh, "nu") == 0;
	struct doc_row *row = doc_table_row(t, DOC_ROW_BODY);
	doc_cell(row, s);
	doc_cell(row, r->ten);
	if (person && !nam && !nu) {
		char *y = xasprintf("%s\n%s", r->nam_sinh,
				    render_tpl(c, "pl.gioi_tinh_chua_ro", "(chưa rõ giới tính)"));
		doc_cell_ex(row, y, -1, DOC_CENTER, 2, 1);
		free(y);
	} else {
		doc_cell(row, nam ? r->nam_sinh : "");
		doc_cell(row, nu ? r->nam_sinh : "");
	}
	doc_cell(row, r->dan_toc);
	doc_cell(row, buf_cstr(cv));
	doc_cell(row, r->thanh_tich);
	doc_cell(row, r->don_vi);
	doc_cell_ex(row, buf_cstr(note), DOC_ITALIC, -1, 1, 1);
}

static void roster_table(struct render_ctx *c, struct doc *d)
{
	double w[C_N];
	for (int i = 0; i < C_N; i++)
		w[i] = DOC_MM(roster_mm[i]);
	struct doc_table *t = doc_table(d, C_N, w, 11, 13);
	for (int i = 0; i < C_N; i++)
		doc_table_col(t, (size_t)i, roster_align[i], i == C_GC ? DOC_ITALIC : DOC_REGULAR);
	t->header_size = 12;
	t->header_row_h = 19;
	t->after = 0;
	roster_header(c, t);
	size_t n = 0;
	struct rd_nom **v = xcalloc(c->nnoms ? c->nnoms : 1, sizeof(*v));
	for (size_t i = 0; i < c->nnoms; i++)
		if (c->noms[i].status != RD_KHONG_HOP_LE)
			v[n++] = &c->noms[i];
	qsort(v, n, sizeof(*v), roster_cmp);
	if (n == 0)
		doc_table_span(t, DOC_ROW_BODY,
			       render_tpl(c, "pl.khong_co",
					  "Không có gương điển hình nào được đề nghị trong tháng."),
			       DOC_ITALIC, DOC_CENTER);
	struct buf note = BUF_INIT, cv = BUF_INIT, head = BUF_INIT;
	int field = -1, loai = -1, nfield = 0, nloai = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rd_nom *r = v[i];
		int f = r->linh_vuc ? r->linh_vuc : 10;
		if (f != field) {
			field = f;
			loai = -1;
			nloai = 0;
			buf_reset(&head);
			buf_printf(&head, "%s. %s", rd_roman(++nfield),
				   rd_field_heading(c, r->linh_vuc));
			doc_table_section(t, head.data, DOC_BOLD, 2);
		}
		if (r->loai != loai) {
			loai = r->loai;
			buf_reset(&head);
			buf_printf(&head, "%d. %s", ++nloai, rd_loai_label(c, loai));
			doc_table_section(t, head.data, DOC_BOLD_ITALIC, 0);
		}
		roster_row(c, t, r, i + 1, &cv, &note);
	}
	buf_release(&note);
	buf_release(&cv);
	buf_release(&head);
	free(v);
}

/* ---- the cover ---- */

static void roster_cover(struct render_ctx *c, struct doc *d)
{
	const struct month_counts *m = &c->counts;
	doc_section(d, 0, 1, 1, render_tpl(c, "ds.muc_luc.bia", "Báo cáo"));
	rd_opening(c, d, "ds", 20);
	rd_body_key(c, d, 14, "ds.mo_dau");
	if (m->noms == 0) {
		rd_body_key(c, d, 14, "ds.khong_co");
	} else {
		char *gm = m->units_late ? render_expand(c, "ds.gui_muon", NULL) : xstrdup("");
		char *gm2 = *gm ? xasprintf(" %s", gm) : xstrdup("");
		char *s = render_expand(c, "ds.tiep_nhan", "gui_muon", gm2, NULL);
		rd_body(d, 14, s);
		free(s);
		free(gm);
		free(gm2);
		if (m->accepted)
			rd_body_key(c, d, 14, "ds.theo_linh_vuc");
	}
	long many = conf_get_long(&c->tpl, "ds.chua_gui_toi_da", 10);
	if (m->units_not_sent > (size_t)(many > 0 ? many : 0))
		rd_body_key(c, d, 14, "ds.chua_gui_nhieu"); /* keep the cover on one page */
	else if (m->units_not_sent > 0)
		rd_body_key(c, d, 14, "ds.chua_gui");
	char *last = render_expand(c, m->accepted ? "ds.ket_luan" : "ds.ket_luan_rong", NULL);
	rd_closing(c, d, 14, last, "ds");
	free(last);
}

/* ---- the appendix ---- */

static void roster_appendix(struct render_ctx *c, struct doc *d)
{
	doc_section(d, 1, 1, 1, NULL);
	char *title = render_expand(c, "pl.ten", NULL);
	doc_para_text(d, 14, 16, DOC_CENTER, 0, 0, 0, DOC_BOLD,
		      render_tpl(c, "pl.tieu_de", "Phụ lục"));
	doc_para_text(d, 14, 16, DOC_CENTER, 0, 0, 0, DOC_BOLD, title)->outline = 1;
	char *kem = render_expand(c, "pl.kem_theo", NULL);
	struct buf nb = BUF_INIT;
	for (const char *q = kem; *q; q++) {
		if (*q == ' ' && (q[1] == ' ' || (q > kem && q[-1] == ' ')))
			buf_adds(&nb, "\u00a0"); /* keep the blank for the number */
		else
			buf_addc(&nb, *q);
	}
	doc_para_text(d, 13, 16, DOC_CENTER, 0, 0, 0, DOC_ITALIC, buf_cstr(&nb));
	buf_release(&nb);
	doc_rule(d, DOC_MM(30), 4, 8);
	roster_table(c, d);
	free(kem);
	free(title);
}

void roster_doc_build(struct render_ctx *c, struct doc *d)
{
	char *title = render_expand(c, "ds.tieu_de_tai_lieu", NULL);
	char *subject = render_expand(c, "ds.trich_yeu", NULL);
	rd_doc_init(c, d, title, subject);
	roster_cover(c, d);
	roster_appendix(c, d);
	free(title);
	free(subject);
}

int roster_pdf_write(struct render_ctx *c, const char *path, const char *text_path)
{
	struct doc d;
	roster_doc_build(c, &d);
	int rc = rd_write(c, &d, path, text_path);
	doc_release(&d);
	return rc;
}
