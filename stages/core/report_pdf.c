/* report_pdf.c - builds bao-cao: Phòng Nội vụ's monthly review report and the period (sơ kết /
 * tổng kết) report (doc.h documents; doc_pdf.c draws them). */
#include "render.h"

#include "buf.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared pieces ---- */

static void fmt_n(char *out, size_t n, size_t v)
{
	rd_count(out, n, v);
}

/* A table of the report: widths in mm, simple one-row header. */
static struct doc_table *report_table(struct doc *d, size_t n, const double *mm, const int *align,
				      const char *const *titles, double size)
{
	double w[16] = {0};
	if (n > 16)
		n = 16;
	for (size_t i = 0; i < n; i++)
		w[i] = DOC_MM(mm[i]);
	struct doc_table *t = doc_table(d, n, w, size, size + 2);
	for (size_t i = 0; i < n; i++)
		doc_table_col(t, i, align[i], DOC_REGULAR);
	doc_table_header(t, titles);
	return t;
}

/* The per-field stacked bar chart (fields 1..9, and the unknown field
 * when it has nominations). */
static void field_chart(struct render_ctx *c, struct doc *d)
{
	const struct month_counts *m = &c->counts;
	size_t unk = ct_field_total(m, 0);
	struct doc_chart *ch = doc_chart(d, unk ? 10 : 9, CT_NSTATUS, DOC_MM(46));
	for (int f = 1; f <= (unk ? 10 : 9); f++) {
		int so = f == 10 ? 0 : f;
		char lab[256];
		if (so)
			snprintf(lab, sizeof(lab), "%d. %s", so, rd_field_name(c, so));
		else
			snprintf(lab, sizeof(lab), "%s", rd_field_name(c, 0));
		doc_chart_bar(ch, (size_t)f - 1, lab, m->by_field[so]);
	}
	static const char *const lk[CT_NSTATUS] = {"trang_thai.hop_le", "trang_thai.can_xem_xet",
						   "trang_thai.khong_hop_le"};
	static const char *const ld[CT_NSTATUS] = {"Hợp lệ", "Cần xem xét", "Không hợp lệ"};
	static const double shade[CT_NSTATUS] = {0.25, 0.6, 1.0};
	for (int s = 0; s < CT_NSTATUS; s++)
		doc_chart_series(ch, (size_t)s, render_tpl(c, lk[s], ld[s]), shade[s]);
}

/* Counts by type: Loại | Tổng | Hợp lệ | Cần xem xét | Không hợp lệ. */
static void type_table(struct render_ctx *c, struct doc *d)
{
	const struct month_counts *m = &c->counts;
	static const double mm[] = {45, 30, 30, 30, 30};
	static const int al[] = {DOC_LEFT, DOC_CENTER, DOC_CENTER, DOC_CENTER, DOC_CENTER};
	const char *titles[] = {render_tpl(c, "cot.loai", "Loại"),
				render_tpl(c, "cot.tong_so", "Tổng số"),
				render_tpl(c, "trang_thai.hop_le", "Hợp lệ"),
				render_tpl(c, "trang_thai.can_xem_xet", "Cần xem xét"),
				render_tpl(c, "trang_thai.khong_hop_le", "Không hợp lệ")};
	struct doc_table *t = report_table(d, 5, mm, al, titles, 12);
	t->keep_together = 1;
	for (int l = 0; l < CT_NLOAI; l++) {
		size_t tot = ct_type_total(m, l);
		if (!tot && l == CT_LOAI_KHAC)
			continue;
		char a[4][24];
		fmt_n(a[0], 24, tot);
		for (int s = 0; s < CT_NSTATUS; s++)
			fmt_n(a[s + 1], 24, m->by_type[l][s]);
		const char *cells[] = {rd_loai_label(c, l), a[0], a[1], a[2], a[3]};
		doc_table_cells(t, cells);
	}
	char a[4][24];
	fmt_n(a[0], 24, m->noms);
	for (int s = 0; s < CT_NSTATUS; s++)
		fmt_n(a[s + 1], 24, m->by_status[s]);
	struct doc_row *r = doc_table_row(t, DOC_ROW_TOTAL);
	doc_cell(r, render_tpl(c, "bang.cong", "Cộng"));
	for (int s = 0; s < 4; s++)
		doc_cell(r, a[s]);
}

/* Sorted index of van-de.csv rows by a key (id, or source file), rows in
 * file order within a key. */
struct prob_ix {
	const char *id;
	size_t row;
};

static int pix_cmp(const void *a, const void *b)
{
	const struct prob_ix *x = a, *y = b;
	int r = strcmp(x->id, y->id);
	if (r)
		return r;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int pix_key(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct prob_ix *)e)->id);
}

/* Reasons of one nomination: "- message" lines of its loi/canh_bao rows
 * (and the decisions, with the clerk's reason: this report is internal). */
static void reasons(const struct rd_table *vd, const struct prob_ix *ix, size_t nix,
		    const struct rd_nom *n, struct buf *b)
{
	buf_reset(b);
	const struct prob_ix *e = nix ? bsearch(n->id, ix, nix, sizeof(*ix), pix_key) : NULL;
	if (e) {
		while (e > ix && strcmp(e[-1].id, n->id) == 0)
			e--;
		for (; e < ix + nix && strcmp(e->id, n->id) == 0; e++) {
			const char *lvl = rd_get(vd, e->row, "muc_do");
			const char *ma = rd_get(vd, e->row, "ma");
			if (strcmp(lvl, "thong_tin") == 0 && !ct_is_decision(ma))
				continue;
			const char *msg = rd_get(vd, e->row, "thong_diep");
			buf_printf(b, "%s- %s", b->len ? "\n" : "", *msg ? msg : ma);
		}
	}
	if (!b->len && *n->van_de)
		buf_printf(b, "- %s", n->van_de);
}

/* III: every rejected or to-review nomination with its id (for
 * xem-xet.csv), its unit, source file and place, and its full reasons. */
static void problem_table(struct render_ctx *c, struct doc *d, const struct rd_table *vd)
{
	static const double mm[] = {12, 44, 41, 68};
	static const int al[] = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "cot.ten_ma", "Họ và tên / Tên tập thể (mã hồ sơ)"),
				render_tpl(c, "cot.don_vi_nguon", "Đơn vị đề xuất, tệp, vị trí"),
				render_tpl(c, "cot.ly_do", "Lý do")};
	static const int order[] = {RD_KHONG_HOP_LE, RD_CAN_XEM_XET};
	if (!c->counts.by_status[CT_KHONG_HOP_LE] && !c->counts.by_status[CT_CAN_XEM_XET]) {
		rd_item(d,
			render_tpl(c, "bc.khong_co_muc3",
				   "Không có gương điển hình nào không hợp lệ hoặc cần xem xét."));
		return;
	}
	struct doc_table *t = report_table(d, 4, mm, al, titles, 11);
	struct prob_ix *ix = xcalloc(vd->n ? vd->n : 1, sizeof(*ix));
	size_t nix = 0;
	for (size_t i = 0; i < vd->n; i++) {
		const char *id = rd_get(vd, i, "id");
		if (*id)
			ix[nix++] = (struct prob_ix){id, i};
	}
	qsort(ix, nix, sizeof(*ix), pix_cmp);
	struct buf why = BUF_INIT, who = BUF_INIT, src = BUF_INIT;
	size_t stt = 0;
	for (size_t k = 0; k < 2; k++) {
		size_t cnt = c->counts.by_status[order[k]];
		if (!cnt)
			continue;
		char head[160];
		snprintf(head, sizeof(head), "%s (%zu)",
			 render_tpl(c,
				    order[k] == RD_KHONG_HOP_LE ? "trang_thai.khong_hop_le"
								: "trang_thai.can_xem_xet",
				    order[k] == RD_KHONG_HOP_LE ? "Không hợp lệ" : "Cần xem xét"),
			 cnt);
		doc_table_section(t, head, DOC_BOLD_ITALIC, 0);
		for (size_t i = 0; i < c->nnoms; i++) {
			const struct rd_nom *n = &c->noms[i];
			if (n->status != order[k])
				continue;
			reasons(vd, ix, nix, n, &why);
			buf_reset(&who);
			buf_printf(&who, "%s\n%s %s",
				   *n->ten ? n->ten
					   : render_tpl(c, "bc.khong_co_ten", "(không có tên)"),
				   render_tpl(c, "bc.ma_ho_so", "Mã:"), n->id);
			buf_reset(&src);
			buf_adds(&src, n->don_vi);
			if (*n->nguon)
				buf_printf(&src, "%s%s%s%s", src.len ? "\n" : "", n->nguon,
					   *n->vi_tri ? ", " : "", n->vi_tri);
			char s[24];
			snprintf(s, sizeof(s), "%zu", ++stt);
			const char *cells[] = {s, buf_cstr(&who), buf_cstr(&src), buf_cstr(&why)};
			doc_table_cells(t, cells);
		}
	}
	buf_release(&why);
	buf_release(&who);
	buf_release(&src);
	free(ix);
}

/* IV: files that could not be read, with what to do. */
static void file_table(struct render_ctx *c, struct doc *d, const struct rd_table *tep,
		       const struct rd_table *vd)
{
	static const double mm[] = {12, 48, 35, 70};
	static const int al[] = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"), render_tpl(c, "cot.tep", "Tệp"),
				render_tpl(c, "cot.don_vi_gui", "Đơn vị gửi"),
				render_tpl(c, "cot.loi", "Lỗi và cách khắc phục")};
	if (!c->counts.files_unreadable) {
		rd_item(d, render_tpl(c, "bc.khong_co_muc4",
				      "Không có tệp nào bị lỗi hoặc không đọc được."));
		return;
	}
	struct doc_table *t = report_table(d, 4, mm, al, titles, 11);
	/* the file-level errors (no id) by source file, in van-de.csv order:
	 * one sorted index, not a scan of every problem per file (a month
	 * with 15,000 unreadable files would take minutes) */
	struct prob_ix *ix = xcalloc(vd->n ? vd->n : 1, sizeof(*ix));
	size_t nix = 0;
	for (size_t j = 0; j < vd->n; j++)
		if (!*rd_get(vd, j, "id") && strcmp(rd_get(vd, j, "muc_do"), "loi") == 0)
			ix[nix++] = (struct prob_ix){rd_get(vd, j, "nguon"), j};
	qsort(ix, nix, sizeof(*ix), pix_cmp);
	struct buf why = BUF_INIT;
	size_t stt = 0;
	for (size_t i = 0; i < tep->n; i++) {
		const char *loi = rd_get(tep, i, "loi");
		if (!ct_file_unreadable(loi))
			continue;
		const char *src = rd_get(tep, i, "nguon");
		buf_reset(&why);
		const struct prob_ix *e = nix ? bsearch(src, ix, nix, sizeof(*ix), pix_key) : NULL;
		while (e && e > ix && strcmp(e[-1].id, src) == 0)
			e--;
		for (; e && e < ix + nix && strcmp(e->id, src) == 0; e++)
			buf_printf(&why, "%s%s", why.len ? "\n" : "",
				   rd_get(vd, e->row, "thong_diep"));
		if (!why.len)
			buf_adds(&why, loi);
		char s[24];
		snprintf(s, sizeof(s), "%zu", ++stt);
		const char *cells[] = {s, src, rd_get(tep, i, "don_vi_de_xuat"), buf_cstr(&why)};
		doc_table_cells(t, cells);
	}
	buf_release(&why);
	free(ix);
}

/* V: the staff decisions applied. */
static void decision_table(struct render_ctx *c, struct doc *d, const struct rd_table *vd)
{
	static const double mm[] = {12, 48, 105};
	static const int al[] = {DOC_CENTER, DOC_LEFT, DOC_LEFT};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "cot.guong", "Gương điển hình"),
				render_tpl(c, "cot.quyet_dinh", "Quyết định")};
	if (!c->counts.decisions) {
		rd_item(d, render_tpl(c, "bc.khong_co_muc5",
				      "Không có quyết định xem xét nào trong tháng."));
		return;
	}
	struct doc_table *t = report_table(d, 3, mm, al, titles, 11);
	size_t stt = 0;
	for (size_t j = 0; j < vd->n; j++) {
		if (!ct_is_decision(rd_get(vd, j, "ma")))
			continue;
		const char *id = rd_get(vd, j, "id"), *who = id;
		for (size_t i = 0; i < c->nnoms && *id; i++)
			if (strcmp(c->noms[i].id, id) == 0) {
				who = c->noms[i].ten;
				break;
			}
		char s[24];
		snprintf(s, sizeof(s), "%zu", ++stt);
		const char *cells[] = {s, who, rd_get(vd, j, "thong_diep")};
		doc_table_cells(t, cells);
	}
}

static void closing(struct render_ctx *c, struct doc *d, const char *key)
{
	doc_space(d, 6);
	char *s = render_expand(c, key, NULL);
	rd_closing(c, d, 13, s, "bc");
	free(s);
}

static void heading(struct doc *d, const char *text, int level)
{
	doc_heading(d, 13, text, level);
}

/* A report's info, first page, header, title, addressee and opening
 * paragraph, from the template keys <prefix>.tieu_de_tai_lieu, .trich_yeu,
 * .mo_dau... */
static void report_start(struct render_ctx *c, struct doc *d, const char *prefix)
{
	char k1[48], k2[48], k3[48];
	snprintf(k1, sizeof(k1), "%s.tieu_de_tai_lieu", prefix);
	snprintf(k2, sizeof(k2), "%s.trich_yeu", prefix);
	snprintf(k3, sizeof(k3), "%s.mo_dau", prefix);
	char *title = render_expand(c, k1, NULL);
	char *subject = render_expand(c, k2, NULL);
	rd_doc_init(c, d, title, subject);
	doc_section(d, 0, 1, 1, NULL);
	rd_opening(c, d, prefix, 14);
	rd_body_key(c, d, 13, k3);
	free(title);
	free(subject);
}

/* ---- the monthly report ---- */

/* I.1: files, units and nominations in one table. */
static void summary_table(struct render_ctx *c, struct doc *d)
{
	const struct month_counts *m = &c->counts;
	static const double mm[] = {13, 56, 22, 74};
	static const int al[] = {DOC_CENTER, DOC_LEFT, DOC_CENTER, DOC_LEFT};
	const char *titles[] = {
	    render_tpl(c, "cot.stt", "STT"), render_tpl(c, "cot.noi_dung", "Nội dung"),
	    render_tpl(c, "cot.so_luong", "Số lượng"), render_tpl(c, "cot.ghi_chu", "Ghi chú")};
	struct doc_table *t = report_table(d, 4, mm, al, titles, 12);
	t->after = 8;
	t->keep_together = 1;
	char nf[24], nb[24], nd[24], units[64], st[CT_NSTATUS][24], ng[24];
	fmt_n(nf, sizeof(nf), m->files);
	fmt_n(nb, sizeof(nb), m->files_unreadable);
	fmt_n(nd, sizeof(nd), m->files_identical);
	snprintf(units, sizeof(units), "%s/%s", conf_get(&c->vars, "so_don_vi_da_gui", "0"),
		 conf_get(&c->vars, "so_don_vi_phai_gui", "0"));
	for (int s = 0; s < CT_NSTATUS; s++)
		fmt_n(st[s], sizeof(st[s]), m->by_status[s]);
	fmt_n(ng, sizeof(ng), m->noms);
	struct buf g1 = BUF_INIT, g2 = BUF_INIT;
	const char *sep = "";
	if (m->files_unreadable) {
		char *e = render_expand(c, "bc.ghi_chu.tep_loi", "so", nb, NULL);
		buf_printf(&g1, "%s", e);
		free(e);
	}
	if (m->files_identical) {
		char *e = render_expand(c, "bc.ghi_chu.tep_trung", "so", nd, NULL);
		buf_printf(&g1, "%s%s", g1.len ? "; " : "", e);
		free(e);
	}
	static const struct {
		const char *key, *var;
		int which;
	} notes[] = {{"bc.ghi_chu.gui_muon", "so_don_vi_muon", 0},
		     {"bc.ghi_chu.chua_dat", "so_don_vi_chua_dat", 1},
		     {"bc.ghi_chu.ngoai_danh_muc", "so_ngoai_danh_muc", 2}};
	const size_t vals[] = {m->units_late, m->units_nothing_accepted, m->outside};
	for (size_t i = 0; i < ARRAY_SIZE(notes); i++) {
		if (!vals[notes[i].which])
			continue;
		char *e = render_expand(c, notes[i].key, "so",
					conf_get(&c->vars, notes[i].var, "0"), NULL);
		if (*e)
			buf_printf(&g2, "%s%s", sep, e);
		sep = "; ";
		free(e);
	}
	const char *xem = render_tpl(c, "bc.xem_muc3", "Xem mục III");
	const char *rows[][4] = {
	    {"1", render_tpl(c, "bc.dong.tep", "Tệp hồ sơ tiếp nhận"), nf, buf_cstr(&g1)},
	    {"2", render_tpl(c, "bc.dong.don_vi", "Đơn vị đã gửi / phải gửi"), units,
	     buf_cstr(&g2)},
	    {"3", render_tpl(c, "bc.dong.guong", "Gương được giới thiệu"), ng,
	     conf_get(&c->vars, "theo_loai", "")},
	    {"", render_tpl(c, "bc.dong.hop_le", "- Hợp lệ"), st[CT_HOP_LE], ""},
	    {"", render_tpl(c, "bc.dong.can_xem_xet", "- Cần xem xét"), st[CT_CAN_XEM_XET],
	     m->by_status[CT_CAN_XEM_XET] ? xem : ""},
	    {"", render_tpl(c, "bc.dong.khong_hop_le", "- Không hợp lệ"), st[CT_KHONG_HOP_LE],
	     m->by_status[CT_KHONG_HOP_LE] ? xem : ""},
	};
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		doc_table_cells(t, rows[i]);
	buf_release(&g1);
	buf_release(&g2);
}

/* II: units that sent nothing, late, or nothing acceptable, and senders
 * outside the registry; each heading's count from c->counts, each list
 * from don-vi.csv by the same rules (counts.h). */
static void unit_lists(struct render_ctx *c, struct doc *d)
{
	const struct month_counts *m = &c->counts;
	const struct rd_table *dv = &c->units;
	enum { L_CHUA_GUI, L_GUI_MUON, L_CHUA_DAT, L_NGOAI, L_N };
	static const char *const keys[L_N] = {"bc.muc2.1", "bc.muc2.2", "bc.muc2.3", "bc.muc2.4"};
	static const char *const defs[L_N] = {
	    "1. Đơn vị chưa gửi ({so} đơn vị)", "2. Đơn vị gửi muộn ({so} đơn vị)",
	    "3. Đơn vị đã gửi nhưng chưa có gương đạt yêu cầu ({so} đơn vị)",
	    "4. Nơi gửi ngoài danh mục đơn vị ({so})"};
	const size_t counts[L_N] = {m->units_not_sent, m->units_late, m->units_nothing_accepted,
				    m->outside};
	for (int k = 0; k < L_N; k++) {
		char num[24];
		fmt_n(num, sizeof(num), counts[k]);
		char *h = conf_get(&c->tpl, keys[k], NULL)
			      ? render_expand(c, keys[k], "so", num, NULL)
			      : NULL;
		if (!h) {
			struct buf b = BUF_INIT;
			const char *t = strstr(defs[k], "{so}");
			buf_add(&b, defs[k], (size_t)(t - defs[k]));
			buf_printf(&b, "%s%s", num, t + 4);
			h = buf_detach(&b);
		}
		heading(d, h, 2);
		free(h);
		if (!counts[k]) {
			rd_item(d, render_tpl(c, "bc.khong_co", "- Không có."));
			continue;
		}
		size_t seen = 0;
		for (size_t i = 0; i < dv->n && seen < counts[k]; i++) {
			const char *ma = rd_get(dv, i, "ma_don_vi");
			const char *st = rd_get(dv, i, "trang_thai");
			int u = ct_unit_of(st), in = k == L_NGOAI ? !*ma : *ma != 0;
			if (!in || (k == L_CHUA_GUI && u != CT_UNIT_CHUA_GUI) ||
			    (k == L_GUI_MUON && u != CT_UNIT_GUI_MUON) ||
			    (k == L_CHUA_DAT &&
			     !ct_unit_nothing_accepted(st, rd_get(dv, i, "so_hop_le"),
						       rd_get(dv, i, "dat_yeu_cau"))))
				continue;
			const char *name = rd_get(dv, i, "ten_don_vi");
			const char *date = rd_get(dv, i, "ngay_gui");
			int dd, mo, yy;
			seen++;
			const char *end = seen == counts[k] ? "." : ";";
			char *line;
			if ((k == L_GUI_MUON || k == L_NGOAI) &&
			    sscanf(date, "%4d-%2d-%2d", &yy, &mo, &dd) == 3)
				line =
				    xasprintf("- %s (%s %02d/%02d/%04d%s)%s", name,
					      render_tpl(c, "bc.gui_ngay", "gửi ngày"), dd % 100,
					      mo % 100, yy % 10000,
					      u == CT_UNIT_GUI_MUON && k == L_NGOAI
						  ? render_tpl(c, "bc.gui_muon_ngoac", ", gửi muộn")
						  : "",
					      end);
			else
				line = xasprintf("- %s%s", name, end);
			rd_item(d, line);
			free(line);
		}
	}
}

void report_doc_build(struct render_ctx *c, struct doc *d)
{
	struct rd_table tep = {0}, vd = {0};
	char *ptep = xasprintf("%s/tep.csv", c->opts->dir);
	char *pvd = xasprintf("%s/van-de.csv", c->opts->dir);
	/* a missing or unreadable table lists nothing; the counts say what
	 * was there */
	if (rd_table_load(&tep, ptep, 1) != 0)
		memset(&tep, 0, sizeof(tep));
	if (rd_table_load(&vd, pvd, 1) != 0)
		memset(&vd, 0, sizeof(vd));
	report_start(c, d, "bc");
	heading(d, render_tpl(c, "bc.muc1", "I. KẾT QUẢ TIẾP NHẬN"), 1);
	heading(d, render_tpl(c, "bc.muc1.1", "1. Tổng hợp chung"), 2);
	summary_table(c, d);
	heading(d, render_tpl(c, "bc.muc1.2", "2. Số gương điển hình theo lĩnh vực"), 2);
	field_chart(c, d);
	heading(d, render_tpl(c, "bc.muc1.3", "3. Số gương điển hình theo loại"), 2);
	type_table(c, d);
	heading(d, render_tpl(c, "bc.muc2", "II. ĐƠN VỊ CHƯA GỬI, GỬI MUỘN"), 1);
	unit_lists(c, d);
	char *h = render_expand(c, "bc.muc3", NULL);
	heading(d, h, 1);
	free(h);
	problem_table(c, d, &vd);
	heading(d, render_tpl(c, "bc.muc4", "IV. TỆP KHÔNG ĐỌC ĐƯỢC"), 1);
	file_table(c, d, &tep, &vd);
	heading(d, render_tpl(c, "bc.muc5", "V. QUYẾT ĐỊNH XEM XÉT ĐÃ ÁP DỤNG"), 1);
	decision_table(c, d, &vd);
	closing(c, d, "bc.ket_luan");
	rd_table_release(&tep);
	rd_table_release(&vd);
	free(ptep);
	free(pvd);
}

int report_pdf_write(struct render_ctx *c, const char *path, const char *text_path)
{
	struct doc d;
	report_doc_build(c, &d);
	int rc = rd_write(c, &d, path, text_path);
	doc_release(&d);
	return rc;
}

/* ---- the period report ---- */

static void compliance_table(struct render_ctx *c, struct doc *d, const struct rd_table *tt)
{
	static const double mm[] = {12, 43, 15, 15, 15, 15, 15, 35};
	static const int al[] = {DOC_CENTER, DOC_LEFT,	 DOC_CENTER, DOC_CENTER,
				 DOC_CENTER, DOC_CENTER, DOC_CENTER, DOC_LEFT};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "ky.cot.don_vi", "Đơn vị"),
				render_tpl(c, "ky.cot.so_thang_gui", "Số tháng đã gửi"),
				render_tpl(c, "ky.cot.gui_muon", "Gửi muộn"),
				render_tpl(c, "ky.cot.chua_gui", "Chưa gửi"),
				render_tpl(c, "ky.cot.so_guong", "Số gương"),
				render_tpl(c, "ky.cot.hop_le", "Hợp lệ"),
				render_tpl(c, "ky.cot.thang_chua_gui", "Tháng chưa gửi")};
	if (!tt->n) {
		rd_item(d, render_tpl(c, "ky.khong_co_so_lieu", "- Không có số liệu."));
		return;
	}
	struct doc_table *t = report_table(d, 8, mm, al, titles, 11);
	struct buf miss = BUF_INIT;
	for (size_t i = 0; i < tt->n; i++) {
		buf_reset(&miss);
		for (size_t j = 0; j < tt->ncols; j++) {
			const char *name = tt->names[j];
			int y, m;
			char tail;
			if (sscanf(name, "%4d-%2d%c", &y, &m, &tail) != 2)
				continue;
			if (strcmp(tt->rows[i][j], unit_state_name(UNIT_CHUA_GUI)) == 0)
				buf_printf(&miss, "%s%02d/%04d", miss.len ? ", " : "", m % 100,
					   y % 10000);
		}
		char s[24];
		snprintf(s, sizeof(s), "%zu", i + 1);
		const char *cells[] = {s,
				       rd_get(tt, i, "ten_don_vi"),
				       rd_get(tt, i, "so_thang_gui"),
				       rd_get(tt, i, "so_thang_muon"),
				       rd_get(tt, i, "so_thang_chua_gui"),
				       rd_get(tt, i, "so_guong"),
				       rd_get(tt, i, "so_hop_le"),
				       buf_cstr(&miss)};
		doc_table_cells(t, cells);
	}
	buf_release(&miss);
}

/* "2026-01;2026-02" -> "01/2026, 02/2026" */
static void fmt_months(const char *in, struct buf *out)
{
	buf_reset(out);
	while (*in) {
		size_t n = strcspn(in, ";, ");
		int y, m;
		char tail;
		char *tok = xstrndup(in, n);
		if (sscanf(tok, "%4d-%2d%c", &y, &m, &tail) == 2)
			buf_printf(out, "%s%02d/%04d", out->len ? ", " : "", m % 100, y % 10000);
		else if (*tok)
			buf_printf(out, "%s%s", out->len ? ", " : "", tok);
		free(tok);
		in += n;
		while (*in == ';' || *in == ',' || *in == ' ')
			in++;
	}
}

static void exemplar_table(struct render_ctx *c, struct doc *d, const struct rd_table *gt)
{
	static const double mm[] = {12, 36, 17, 32, 28, 13, 27};
	static const int al[] = {DOC_CENTER, DOC_LEFT,	 DOC_CENTER, DOC_LEFT,
				 DOC_LEFT,   DOC_CENTER, DOC_LEFT};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "cot.ten", "Họ và tên / Tên tập thể"),
				render_tpl(c, "ky.cot.nam_sinh", "Năm sinh"),
				render_tpl(c, "cot.don_vi", "Đơn vị đề xuất"),
				render_tpl(c, "ky.cot.linh_vuc", "Lĩnh vực"),
				render_tpl(c, "ky.cot.so_lan", "Số lần"),
				render_tpl(c, "ky.cot.cac_thang", "Các tháng")};
	if (!gt->n) {
		rd_item(d, render_tpl(c, "ky.khong_co_muc3",
				      "- Không có gương điển hình nào được giới thiệu nhiều lần."));
		return;
	}
	struct doc_table *t = report_table(d, 7, mm, al, titles, 11);
	struct buf months = BUF_INIT;
	for (size_t i = 0; i < gt->n; i++) {
		fmt_months(rd_get(gt, i, "cac_thang"), &months);
		char s[24];
		snprintf(s, sizeof(s), "%zu", i + 1);
		const char *lv = rd_get(gt, i, "linh_vuc");
		int f = ct_field_of(lv);
		const char *cells[] = {s,
				       rd_get(gt, i, "ten"),
				       rd_get(gt, i, "nam_sinh"),
				       rd_get(gt, i, "don_vi_de_xuat"),
				       f ? rd_field_name(c, f) : lv,
				       rd_get(gt, i, "so_lan"),
				       buf_cstr(&months)};
		doc_table_cells(t, cells);
	}
	buf_release(&months);
}

void period_doc_build(struct render_ctx *c, struct doc *d)
{
	struct rd_table tt = {0}, gt = {0};
	char *ptt = xasprintf("%s/tuan-thu.csv", c->opts->dir);
	char *pgt = xasprintf("%s/guong-tieu-bieu.csv", c->opts->dir);
	if (rd_table_load(&tt, ptt, 1) != 0)
		memset(&tt, 0, sizeof(tt));
	if (rd_table_load(&gt, pgt, 1) != 0)
		memset(&gt, 0, sizeof(gt));
	/* Placeholders of the period. */
	int months = (c->year * 12 + c->month) - (c->y0 * 12 + c->m0) + 1;
	long last = conf_get_long(&c->plan, "nam_ket_thuc", 2025);
	int final = months >= 12 && c->year >= last;
	conf_set(&c->vars, "kieu",
		 render_tpl(c, final ? "ky.tong_ket" : "ky.so_ket", final ? "Tổng kết" : "Sơ kết"));
	char num[24];
	snprintf(num, sizeof(num), "%d", months);
	conf_set(&c->vars, "so_thang", num);
	report_start(c, d, "ky");
	heading(d, render_tpl(c, "ky.muc1", "I. KẾT QUẢ CHUNG"), 1);
	rd_body_key(c, d, 13, "ky.tong_hop");
	heading(d, render_tpl(c, "ky.muc1.1", "1. Số gương điển hình theo lĩnh vực"), 2);
	field_chart(c, d);
	heading(d, render_tpl(c, "ky.muc1.2", "2. Số gương điển hình theo loại"), 2);
	type_table(c, d);
	heading(d, render_tpl(c, "ky.muc2", "II. TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ"), 1);
	compliance_table(c, d, &tt);
	heading(d, render_tpl(c, "ky.muc3", "III. GƯƠNG ĐIỂN HÌNH ĐƯỢC GIỚI THIỆU NHIỀU LẦN"), 1);
	exemplar_table(c, d, &gt);
	closing(c, d, "ky.ket_luan");
	rd_table_release(&tt);
	rd_table_release(&gt);
	free(ptt);
	free(pgt);
}

int period_pdf_write(struct render_ctx *c, const char *path, const char *text_path)
{
	struct doc d;
	period_doc_build(c, &d);
	int rc = rd_write(c, &d, path, text_path);
	doc_release(&d);
	return rc;
}
