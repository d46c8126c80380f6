/* report_pdf.c - bao-cao.pdf: Phòng Nội vụ's monthly review report and the period (sơ kết / tổng
 * kết) report. */
#include "render.h"

#include "buf.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared pieces ---- */

/* A heading, kept on one page with keep points of what follows. */
static void heading_keep(struct pdf *p, HPDF_Outline parent, HPDF_Outline *out, const char *text,
			 double keep)
{
	struct pdf_para f = {PDF_BOLD, 13, 16, PDF_LEFT, PDF_MM(12.7), 4, 4, 0, 0};
	pdf_need(p, 16 + 8 + keep);
	HPDF_Outline o = pdf_outline(p, parent, text, 1);
	if (out)
		*out = o;
	pdf_para(p, &f, text);
}

static void heading(struct pdf *p, HPDF_Outline parent, HPDF_Outline *out, const char *text)
{
	heading_keep(p, parent, out, text, 60);
}

static void dash_list_item(struct pdf *p, const char *text)
{
	struct pdf_para f = {PDF_REGULAR, 13, 16, PDF_JUSTIFY, PDF_MM(12.7), 0, 2, 0, 0};
	pdf_para(p, &f, text);
}

static void simple_header(struct pdf *p, const struct pdf_table *t)
{
	pdf_table_simple_header(p, t, (const char *const *)t->ctx, t->size);
}

static size_t total_status(const struct render_ctx *c, int s)
{
	size_t n = 0;
	for (int f = 0; f < 10; f++)
		for (int l = 0; l < RD_NLOAI; l++)
			n += c->count[f][l][s];
	return n;
}

static size_t field_status(const struct render_ctx *c, int f, int s)
{
	size_t n = 0;
	for (int l = 0; l < RD_NLOAI; l++)
		n += c->count[f][l][s];
	return n;
}

static void fmt_n(char *out, size_t n, size_t v)
{
	pdf_fmt_count(out, n, (long)v);
}

/* The per-field stacked bar chart (README "Chart"). */
static void field_chart(struct render_ctx *c, struct pdf *p)
{
	const double bh = 10, gap = 6.5, labw = PDF_MM(46);
	int rows[10], nr = 0;
	size_t maxv = 0;
	for (int f = 1; f <= 9; f++)
		rows[nr++] = f;
	size_t unk = 0;
	for (int s = 0; s < RD_NSTATUS; s++)
		unk += field_status(c, 0, s);
	if (unk)
		rows[nr++] = 0;
	for (int i = 0; i < nr; i++) {
		size_t t = 0;
		for (int s = 0; s < RD_NSTATUS; s++)
			t += field_status(c, rows[i], s);
		maxv = t > maxv ? t : maxv;
	}
	static const double nice[] = {1, 2, 5};
	double step = 1;
	for (double mag = 1;; mag *= 10) {
		int done = 0;
		for (size_t k = 0; k < 3; k++) {
			step = nice[k] * mag;
			if ((double)maxv / step <= 9) {
				done = 1;
				break;
			}
		}
		if (done || mag > 1e7)
			break;
	}
	if (step < 2 && maxv > 5)
		step = 2;
	double amax = ceil((double)(maxv ? maxv : 1) / step) * step;
	if (amax < (double)maxv + step * 0.3)
		amax += step;
	double height = nr * (bh + gap) + 14 + 22;
	pdf_need(p, height + 8);
	double x0 = p->ml + labw + 4, w = pdf_text_width_area(p) - labw - 4 - 24;
	double top = p->y - 4;
	double axis = top - nr * (bh + gap);
	/* Grid and axis. */
	HPDF_Page_SetGrayStroke(p->page, 0.8);
	for (double v = 0; v <= amax + 0.001; v += step) {
		double x = x0 + w * v / amax;
		HPDF_Page_SetLineWidth(p->page, 0.4);
		HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)axis);
		HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)top);
		HPDF_Page_Stroke(p->page);
	}
	HPDF_Page_SetGrayStroke(p->page, 0);
	pdf_hline(p, x0, x0 + w, axis, 0.5);
	for (double v = 0; v <= amax + 0.001; v += step) {
		double x = x0 + w * v / amax;
		char lab[32];
		snprintf(lab, sizeof(lab), "%.0f", v);
		pdf_text(p, PDF_REGULAR, 9, x - 20, 40, axis - 10, PDF_CENTER, lab);
	}
	static const double shade[RD_NSTATUS] = {0.25, 0.6, 1.0};
	for (int i = 0; i < nr; i++) {
		int f = rows[i];
		double by = top - i * (bh + gap) - gap / 2 - bh;
		char lab[256];
		if (f)
			snprintf(lab, sizeof(lab), "%d. %s", f, rd_field_name(c, f));
		else
			snprintf(lab, sizeof(lab), "%s", rd_field_name(c, 0));
		/* Shrink the label to its column. */
		char *cl = pdf_clean(lab, 0);
		size_t len = strlen(cl);
		while (len > 1 && pdf_width(p, PDF_REGULAR, 11, cl, len) > labw) {
			len--;
			while (len && ((unsigned char)cl[len] & 0xC0) == 0x80)
				len--;
		}
		pdf_draw_line(p, PDF_REGULAR, 11, p->ml, labw, by + 2, PDF_RIGHT, cl, len, 0);
		free(cl);
		double x = x0;
		size_t tot = 0;
		for (int s = 0; s < RD_NSTATUS; s++) {
			size_t v = field_status(c, f, s);
			if (!v)
				continue;
			double sw = w * (double)v / amax;
			pdf_rect(p, x, by, sw, bh, 0.5, shade[s], 1, 1);
			x += sw;
			tot += v;
		}
		char t[24];
		snprintf(t, sizeof(t), "%zu", tot);
		pdf_text(p, PDF_BOLD, 11, x + 4, 40, by + 2, PDF_LEFT, t);
	}
	/* Legend. */
	static const char *const lk[RD_NSTATUS] = {"trang_thai.hop_le", "trang_thai.can_xem_xet",
						   "trang_thai.khong_hop_le"};
	static const char *const ld[RD_NSTATUS] = {"Hợp lệ", "Cần xem xét", "Không hợp lệ"};
	double lw = 0;
	for (int s = 0; s < RD_NSTATUS; s++)
		lw += 12 + pdf_swidth(p, PDF_REGULAR, 10, render_tpl(c, lk[s], ld[s])) + 18;
	double lx = x0 + (w - lw) / 2, ly = axis - 28;
	for (int s = 0; s < RD_NSTATUS; s++) {
		const char *t = render_tpl(c, lk[s], ld[s]);
		pdf_rect(p, lx, ly, 8, 8, 0.5, shade[s], 1, 1);
		pdf_text(p, PDF_REGULAR, 10, lx + 12, 200, ly + 0.5, PDF_LEFT, t);
		lx += 12 + pdf_swidth(p, PDF_REGULAR, 10, t) + 18;
	}
	p->y = ly - 10;
}

/* Counts by type: Loại | Tổng | Hợp lệ | Cần xem xét | Không hợp lệ. */
static void type_table(struct render_ctx *c, struct pdf *p)
{
	static const struct pdf_col cols[] = {{PDF_MM(45), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(30), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(30), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(30), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(30), PDF_CENTER, PDF_REGULAR}};
	const char *titles[] = {render_tpl(c, "cot.loai", "Loại"),
				render_tpl(c, "cot.tong_so", "Tổng số"),
				render_tpl(c, "trang_thai.hop_le", "Hợp lệ"),
				render_tpl(c, "trang_thai.can_xem_xet", "Cần xem xét"),
				render_tpl(c, "trang_thai.khong_hop_le", "Không hợp lệ")};
	struct pdf_table t = {cols, 5, p->ml, 12, 14, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	pdf_need(p, 4 * 19 + 20);
	t.header(p, &t);
	size_t sum[RD_NSTATUS + 1] = {0};
	for (int l = 0; l < RD_NLOAI; l++) {
		size_t v[RD_NSTATUS] = {0}, tot = 0;
		for (int f = 0; f < 10; f++)
			for (int s = 0; s < RD_NSTATUS; s++)
				v[s] += c->count[f][l][s];
		for (int s = 0; s < RD_NSTATUS; s++)
			tot += v[s];
		if (!tot && l == RD_LOAI_KHAC)
			continue;
		char a[4][24];
		fmt_n(a[0], 24, tot);
		for (int s = 0; s < RD_NSTATUS; s++) {
			fmt_n(a[s + 1], 24, v[s]);
			sum[s + 1] += v[s];
		}
		sum[0] += tot;
		const char *cells[] = {rd_loai_label(c, l), a[0], a[1], a[2], a[3]};
		pdf_table_row(p, &t, cells, NULL, 0, 0);
	}
	char a[4][24];
	for (int s = 0; s < 4; s++)
		fmt_n(a[s], 24, sum[s]);
	const char *cells[] = {render_tpl(c, "bang.cong", "Cộng"), a[0], a[1], a[2], a[3]};
	int st[] = {PDF_BOLD, PDF_BOLD, PDF_BOLD, PDF_BOLD, PDF_BOLD};
	pdf_table_row(p, &t, cells, st, 0, 0);
	p->y -= 6;
}

/* Sorted index of van-de.csv rows by id. */
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

static int is_decision(const char *ma)
{
	return str_starts_with(ma, "quyet_dinh") || strcmp(ma, "chap_nhan") == 0 ||
	       strcmp(ma, "loai_bo") == 0;
}

/* Reasons of one nomination: "- message" lines of its loi/canh_bao rows. */
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
			if (strcmp(lvl, "thong_tin") == 0 && !is_decision(ma))
				continue;
			const char *msg = rd_get(vd, e->row, "thong_diep");
			buf_printf(b, "%s- %s", b->len ? "\n" : "", *msg ? msg : ma);
		}
	}
	if (!b->len && *n->van_de)
		buf_printf(b, "- %s", n->van_de);
}

static void problem_table(struct render_ctx *c, struct pdf *p, const struct rd_table *vd)
{
	static const struct pdf_col cols[] = {{PDF_MM(12), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(40), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(33), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(80), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {
	    render_tpl(c, "cot.stt", "STT"), render_tpl(c, "cot.ten", "Họ và tên / Tên tập thể"),
	    render_tpl(c, "cot.don_vi", "Đơn vị đề xuất"), render_tpl(c, "cot.ly_do", "Lý do")};
	struct pdf_table t = {cols, 4, p->ml, 11, 13, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	struct prob_ix *ix = xcalloc(vd->n ? vd->n : 1, sizeof(*ix));
	size_t nix = 0;
	for (size_t i = 0; i < vd->n; i++) {
		const char *id = rd_get(vd, i, "id");
		if (*id)
			ix[nix++] = (struct prob_ix){id, i};
	}
	qsort(ix, nix, sizeof(*ix), pix_cmp);
	struct buf why = BUF_INIT;
	size_t stt = 0;
	static const int order[] = {RD_KHONG_HOP_LE, RD_CAN_XEM_XET};
	int started = 0;
	for (size_t k = 0; k < 2; k++) {
		size_t cnt = total_status(c, order[k]);
		if (!cnt)
			continue;
		if (!started) {
			pdf_need(p, 60);
			t.header(p, &t);
			started = 1;
		}
		char head[128];
		snprintf(head, sizeof(head), "%s (%zu)",
			 render_tpl(c,
				    order[k] == RD_KHONG_HOP_LE ? "trang_thai.khong_hop_le"
								: "trang_thai.can_xem_xet",
				    order[k] == RD_KHONG_HOP_LE ? "Không hợp lệ" : "Cần xem xét"),
			 cnt);
		const char *hc[] = {head};
		int hs[] = {PDF_BOLD_ITALIC};
		pdf_table_row(p, &t, hc, hs, 1, 22);
		for (size_t i = 0; i < c->nnoms; i++) {
			const struct rd_nom *n = &c->noms[i];
			if (n->status != order[k])
				continue;
			reasons(vd, ix, nix, n, &why);
			char s[24];
			snprintf(s, sizeof(s), "%zu", ++stt);
			const char *cells[] = {
			    s,
			    *n->ten ? n->ten : render_tpl(c, "bc.khong_co_ten", "(không có tên)"),
			    n->don_vi, buf_cstr(&why)};
			pdf_table_row(p, &t, cells, NULL, 0, 0);
		}
	}
	if (!started)
		dash_list_item(p, render_tpl(c, "bc.khong_co_muc3",
					     "Không có gương điển hình nào không hợp lệ hoặc cần "
					     "xem xét."));
	else
		p->y -= 6;
	buf_release(&why);
	free(ix);
}

/* A file-level error that kept the file from being read: every tep.csv
 * "loi" except tep_trung (an identical copy, read once under its twin). */
static int file_unreadable(const char *loi)
{
	return *loi && strcmp(loi, "tep_trung") != 0;
}

static void file_table(struct render_ctx *c, struct pdf *p, const struct rd_table *tep,
		       const struct rd_table *vd)
{
	static const struct pdf_col cols[] = {{PDF_MM(12), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(48), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(35), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(70), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"), render_tpl(c, "cot.tep", "Tệp"),
				render_tpl(c, "cot.don_vi_gui", "Đơn vị gửi"),
				render_tpl(c, "cot.loi", "Lỗi và cách khắc phục")};
	struct pdf_table t = {cols, 4, p->ml, 11, 13, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	struct buf why = BUF_INIT;
	size_t stt = 0;
	for (size_t i = 0; i < tep->n; i++) {
		const char *loi = rd_get(tep, i, "loi");
		if (!file_unreadable(loi))
			continue;
		const char *src = rd_get(tep, i, "nguon");
		buf_reset(&why);
		for (size_t j = 0; j < vd->n; j++) {
			if (*rd_get(vd, j, "id") || strcmp(rd_get(vd, j, "nguon"), src) != 0 ||
			    strcmp(rd_get(vd, j, "muc_do"), "loi") != 0)
				continue;
			buf_printf(&why, "%s%s", why.len ? "\n" : "", rd_get(vd, j, "thong_diep"));
		}
		if (!why.len)
			buf_adds(&why, loi);
		if (!stt) {
			pdf_need(p, 60);
			t.header(p, &t);
		}
		char s[24];
		snprintf(s, sizeof(s), "%zu", ++stt);
		const char *cells[] = {s, src, rd_get(tep, i, "don_vi_de_xuat"), buf_cstr(&why)};
		pdf_table_row(p, &t, cells, NULL, 0, 0);
	}
	if (!stt)
		dash_list_item(p, render_tpl(c, "bc.khong_co_muc4",
					     "Không có tệp nào bị lỗi hoặc không đọc được."));
	else
		p->y -= 6;
	buf_release(&why);
}

static void decision_table(struct render_ctx *c, struct pdf *p, const struct rd_table *vd)
{
	static const struct pdf_col cols[] = {{PDF_MM(12), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(48), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(105), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "cot.guong", "Gương điển hình"),
				render_tpl(c, "cot.quyet_dinh", "Quyết định")};
	struct pdf_table t = {cols, 3, p->ml, 11, 13, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	size_t stt = 0;
	for (size_t j = 0; j < vd->n; j++) {
		if (!is_decision(rd_get(vd, j, "ma")))
			continue;
		const char *id = rd_get(vd, j, "id"), *who = id;
		for (size_t i = 0; i < c->nnoms && *id; i++)
			if (strcmp(c->noms[i].id, id) == 0) {
				who = c->noms[i].ten;
				break;
			}
		if (!stt) {
			pdf_need(p, 60);
			t.header(p, &t);
		}
		char s[24];
		snprintf(s, sizeof(s), "%zu", ++stt);
		const char *cells[] = {s, who, rd_get(vd, j, "thong_diep")};
		pdf_table_row(p, &t, cells, NULL, 0, 0);
	}
	if (!stt)
		dash_list_item(p, render_tpl(c, "bc.khong_co_muc5",
					     "Không có quyết định xem xét nào trong tháng."));
	else
		p->y -= 6;
}

static void report_header(struct render_ctx *c, struct pdf *p, const char *prefix)
{
	char k1[64], k2[64], k3[64];
	snprintf(k1, sizeof(k1), "%s.so", prefix);
	char *date = render_expand(c, "ngay_thang", NULL);
	char *num = render_expand(c, k1, NULL);
	struct pdf_header h = {render_tpl(c, "bc.co_quan_chu_quan", "UBND HUYỆN THẠCH AN"),
			       render_tpl(c, "bc.co_quan", "PHÒNG NỘI VỤ"), num, date};
	pdf_official_header(p, &h);
	snprintf(k2, sizeof(k2), "%s.trich_yeu", prefix);
	snprintf(k3, sizeof(k3), "%s.loai", prefix);
	char *sub = render_expand(c, k2, NULL);
	pdf_title(p, render_tpl(c, k3, "BÁO CÁO"), sub, 14);
	char *kg = render_expand(c, "bc.kinh_gui", NULL);
	struct pdf_para kgf = {PDF_REGULAR, 14, 17, PDF_CENTER, 0, 10, 10, 0, 0};
	pdf_para(p, &kgf, kg);
	free(kg);
	free(sub);
	free(num);
	free(date);
}

static void closing(struct render_ctx *c, struct pdf *p, const char *key)
{
	pdf_space(p, 6);
	char *s = render_expand(c, key, NULL);
	rd_closing(c, p, 13, s, "bc");
	free(s);
}

static void para_key(struct render_ctx *c, struct pdf *p, const char *key)
{
	char *s = render_expand(c, key, NULL);
	if (*s)
		rd_body(p, 13, s);
	free(s);
}

/* ---- the monthly report ---- */

static void summary_table(struct render_ctx *c, struct pdf *p, const struct rd_table *tep)
{
	static const struct pdf_col cols[] = {{PDF_MM(13), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(56), PDF_LEFT, PDF_REGULAR},
					      {PDF_MM(22), PDF_CENTER, PDF_REGULAR},
					      {PDF_MM(74), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {
	    render_tpl(c, "cot.stt", "STT"), render_tpl(c, "cot.noi_dung", "Nội dung"),
	    render_tpl(c, "cot.so_luong", "Số lượng"), render_tpl(c, "cot.ghi_chu", "Ghi chú")};
	struct pdf_table t = {cols, 4, p->ml, 12, 14, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	size_t bad = 0, dup = 0;
	for (size_t i = 0; i < tep->n; i++) {
		bad += file_unreadable(rd_get(tep, i, "loi"));
		dup += *rd_get(tep, i, "trung_voi") != 0;
	}
	char nf[24], nb[24], nd[24], units[64], st[RD_NSTATUS][24];
	fmt_n(nf, sizeof(nf), tep->n);
	fmt_n(nb, sizeof(nb), bad);
	fmt_n(nd, sizeof(nd), dup);
	snprintf(units, sizeof(units), "%s/%s", conf_get(&c->vars, "so_don_vi_da_gui", "0"),
		 conf_get(&c->vars, "so_don_vi_phai_gui", "0"));
	for (int s = 0; s < RD_NSTATUS; s++)
		fmt_n(st[s], sizeof(st[s]), total_status(c, s));
	char *e1 = bad ? render_expand(c, "bc.ghi_chu.tep_loi", "so", nb, NULL) : xstrdup("");
	char *e2 = dup ? render_expand(c, "bc.ghi_chu.tep_trung", "so", nd, NULL) : xstrdup("");
	char *g1 = xasprintf("%s%s%s", e1, *e1 && *e2 ? "; " : "", e2);
	free(e1);
	free(e2);
	const char *late = conf_get(&c->vars, "so_gui_muon", "0");
	char *g2 = strcmp(late, "0") ? render_expand(c, "bc.ghi_chu.gui_muon", "so", late, NULL)
				     : xstrdup("");
	pdf_need(p, 7 * 19 + 20);
	t.header(p, &t);
	const char *rows[][4] = {
	    {"1", render_tpl(c, "bc.dong.tep", "Tệp hồ sơ tiếp nhận"), nf, g1},
	    {"2", render_tpl(c, "bc.dong.don_vi", "Đơn vị đã gửi / phải gửi"), units, g2},
	    {"3", render_tpl(c, "bc.dong.guong", "Gương được giới thiệu"),
	     conf_get(&c->vars, "so_guong", "0"), conf_get(&c->vars, "theo_loai", "")},
	    {"", render_tpl(c, "bc.dong.hop_le", "- Hợp lệ"), st[RD_HOP_LE], ""},
	    {"", render_tpl(c, "bc.dong.can_xem_xet", "- Cần xem xét"), st[RD_CAN_XEM_XET],
	     total_status(c, RD_CAN_XEM_XET) ? render_tpl(c, "bc.xem_muc3", "Xem mục III") : ""},
	    {"", render_tpl(c, "bc.dong.khong_hop_le", "- Không hợp lệ"), st[RD_KHONG_HOP_LE],
	     total_status(c, RD_KHONG_HOP_LE) ? render_tpl(c, "bc.xem_muc3", "Xem mục III") : ""},
	};
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		pdf_table_row(p, &t, rows[i], NULL, 0, 0);
	p->y -= 8;
	free(g1);
	free(g2);
}

static void unit_lists(struct render_ctx *c, struct pdf *p, const struct rd_table *dv,
		       HPDF_Outline parent)
{
	static const char *const st[] = {"chua_gui", "gui_muon"};
	static const char *const keys[] = {"bc.muc2.1", "bc.muc2.2"};
	for (int k = 0; k < 2; k++) {
		size_t n = 0;
		for (size_t i = 0; i < dv->n; i++)
			n += strcmp(rd_get(dv, i, "trang_thai"), st[k]) == 0;
		char num[24];
		fmt_n(num, sizeof(num), n);
		char *h = render_expand(c, keys[k], "so", num, NULL);
		heading(p, parent, NULL, h);
		free(h);
		if (!n) {
			dash_list_item(p, render_tpl(c, "bc.khong_co", "- Không có."));
			continue;
		}
		size_t seen = 0;
		for (size_t i = 0; i < dv->n; i++) {
			if (strcmp(rd_get(dv, i, "trang_thai"), st[k]) != 0)
				continue;
			const char *name = rd_get(dv, i, "ten_don_vi");
			const char *date = rd_get(dv, i, "ngay_gui");
			char *line;
			int dd, mm, yy;
			seen++;
			if (k == 1 && sscanf(date, "%4d-%2d-%2d", &yy, &mm, &dd) == 3)
				line = xasprintf("- %s (%s %02d/%02d/%04d)%s", name,
						 render_tpl(c, "bc.gui_ngay", "gửi ngày"), dd % 100,
						 mm % 100, yy % 10000, seen == n ? "." : ";");
			else
				line = xasprintf("- %s%s", name, seen == n ? "." : ";");
			dash_list_item(p, line);
			free(line);
		}
	}
}

int report_pdf_write(struct render_ctx *c, const char *path)
{
	struct pdf p;
	struct rd_table tep = {0}, vd = {0}, dv = {0};
	int rc = -1;
	char *title = NULL, *subject = NULL;
	char *ptep = xasprintf("%s/tep.csv", c->opts->dir);
	char *pvd = xasprintf("%s/van-de.csv", c->opts->dir);
	char *pdv = xasprintf("%s/don-vi.csv", c->opts->dir);
	memset(&p, 0, sizeof(p));
	if (rd_table_load(&tep, ptep, 1) || rd_table_load(&vd, pvd, 1) ||
	    rd_table_load(&dv, pdv, 1) || rd_month_vars(c))
		goto out;
	char nt[24];
	fmt_n(nt, sizeof(nt), tep.n);
	conf_set(&c->vars, "so_tep", nt);
	title = render_expand(c, "bc.tieu_de_tai_lieu", NULL);
	subject = render_expand(c, "bc.trich_yeu", NULL);
	if (rd_pdf_open(c, &p, title, subject) != 0)
		goto out;
	pdf_new_page(&p, 0, 1);
	report_header(c, &p, "bc");
	para_key(c, &p, "bc.mo_dau");
	HPDF_Outline o1, o;
	char *h;
	heading(&p, NULL, &o1, render_tpl(c, "bc.muc1", "I. KẾT QUẢ TIẾP NHẬN"));
	heading_keep(&p, o1, NULL, render_tpl(c, "bc.muc1.1", "1. Tổng hợp chung"), 7 * 19);
	summary_table(c, &p, &tep);
	heading_keep(&p, o1, NULL,
		     render_tpl(c, "bc.muc1.2", "2. Số gương điển hình theo lĩnh vực"), 210);
	field_chart(c, &p);
	heading_keep(&p, o1, NULL, render_tpl(c, "bc.muc1.3", "3. Số gương điển hình theo loại"),
		     6 * 19);
	type_table(c, &p);
	heading(&p, NULL, &o, render_tpl(c, "bc.muc2", "II. ĐƠN VỊ CHƯA GỬI, GỬI MUỘN"));
	unit_lists(c, &p, &dv, o);
	h = render_expand(c, "bc.muc3", NULL);
	heading(&p, NULL, &o, h);
	free(h);
	problem_table(c, &p, &vd);
	heading(&p, NULL, &o, render_tpl(c, "bc.muc4", "IV. TỆP KHÔNG ĐỌC ĐƯỢC"));
	file_table(c, &p, &tep, &vd);
	heading(&p, NULL, &o, render_tpl(c, "bc.muc5", "V. QUYẾT ĐỊNH XEM XÉT ĐÃ ÁP DỤNG"));
	decision_table(c, &p, &vd);
	closing(c, &p, "bc.ket_luan");
	rc = pdf_save(&p, path);
out:
	pdf_release(&p);
	rd_table_release(&tep);
	rd_table_release(&vd);
	rd_table_release(&dv);
	free(ptep);
	free(pvd);
	free(pdv);
	free(title);
	free(subject);
	return rc;
}

/* ---- the period report ---- */

static void compliance_table(struct render_ctx *c, struct pdf *p, const struct rd_table *tt)
{
	static const struct pdf_col cols[] = {
	    {PDF_MM(12), PDF_CENTER, PDF_REGULAR}, {PDF_MM(43), PDF_LEFT, PDF_REGULAR},
	    {PDF_MM(15), PDF_CENTER, PDF_REGULAR}, {PDF_MM(15), PDF_CENTER, PDF_REGULAR},
	    {PDF_MM(15), PDF_CENTER, PDF_REGULAR}, {PDF_MM(15), PDF_CENTER, PDF_REGULAR},
	    {PDF_MM(15), PDF_CENTER, PDF_REGULAR}, {PDF_MM(35), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "ky.cot.don_vi", "Đơn vị"),
				render_tpl(c, "ky.cot.so_thang_gui", "Số tháng đã gửi"),
				render_tpl(c, "ky.cot.gui_muon", "Gửi muộn"),
				render_tpl(c, "ky.cot.chua_gui", "Chưa gửi"),
				render_tpl(c, "ky.cot.so_guong", "Số gương"),
				render_tpl(c, "ky.cot.hop_le", "Hợp lệ"),
				render_tpl(c, "ky.cot.thang_chua_gui", "Tháng chưa gửi")};
	struct pdf_table t = {cols, 8, p->ml, 11, 13, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	if (!tt->n) {
		dash_list_item(p, render_tpl(c, "ky.khong_co_so_lieu", "- Không có số liệu."));
		return;
	}
	pdf_need(p, 80);
	t.header(p, &t);
	struct buf miss = BUF_INIT;
	for (size_t i = 0; i < tt->n; i++) {
		buf_reset(&miss);
		for (size_t j = 0; j < tt->ncols; j++) {
			const char *name = tt->names[j];
			int y, m;
			char tail;
			if (sscanf(name, "%4d-%2d%c", &y, &m, &tail) != 2)
				continue;
			if (strcmp(tt->rows[i][j], "chua_gui") == 0)
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
		pdf_table_row(p, &t, cells, NULL, 0, 0);
	}
	buf_release(&miss);
	p->y -= 6;
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

static void exemplar_table(struct render_ctx *c, struct pdf *p, const struct rd_table *gt)
{
	static const struct pdf_col cols[] = {
	    {PDF_MM(12), PDF_CENTER, PDF_REGULAR}, {PDF_MM(36), PDF_LEFT, PDF_REGULAR},
	    {PDF_MM(17), PDF_CENTER, PDF_REGULAR}, {PDF_MM(32), PDF_LEFT, PDF_REGULAR},
	    {PDF_MM(28), PDF_LEFT, PDF_REGULAR},   {PDF_MM(13), PDF_CENTER, PDF_REGULAR},
	    {PDF_MM(27), PDF_LEFT, PDF_REGULAR}};
	const char *titles[] = {render_tpl(c, "cot.stt", "STT"),
				render_tpl(c, "cot.ten", "Họ và tên / Tên tập thể"),
				render_tpl(c, "ky.cot.nam_sinh", "Năm sinh"),
				render_tpl(c, "cot.don_vi", "Đơn vị đề xuất"),
				render_tpl(c, "ky.cot.linh_vuc", "Lĩnh vực"),
				render_tpl(c, "ky.cot.so_lan", "Số lần"),
				render_tpl(c, "ky.cot.cac_thang", "Các tháng")};
	struct pdf_table t = {cols, 7, p->ml, 11, 13, 3, 3, 2, 3, 0.5, simple_header, titles, 0, 0};
	if (!gt->n) {
		dash_list_item(
		    p, render_tpl(c, "ky.khong_co_muc3",
				  "- Không có gương điển hình nào được giới thiệu nhiều lần."));
		return;
	}
	pdf_need(p, 80);
	t.header(p, &t);
	struct buf months = BUF_INIT;
	for (size_t i = 0; i < gt->n; i++) {
		fmt_months(rd_get(gt, i, "cac_thang"), &months);
		char s[24];
		snprintf(s, sizeof(s), "%zu", i + 1);
		const char *lv = rd_get(gt, i, "linh_vuc");
		int f = atoi(lv);
		const char *cells[] = {s,
				       rd_get(gt, i, "ten"),
				       rd_get(gt, i, "nam_sinh"),
				       rd_get(gt, i, "don_vi_de_xuat"),
				       f >= 1 && f <= 9 ? rd_field_name(c, f) : lv,
				       rd_get(gt, i, "so_lan"),
				       buf_cstr(&months)};
		pdf_table_row(p, &t, cells, NULL, 0, 0);
	}
	buf_release(&months);
	p->y -= 6;
}

int period_pdf_write(struct render_ctx *c, const char *path)
{
	struct pdf p;
	struct rd_table tt = {0}, gt = {0};
	int rc = -1;
	char *title = NULL, *subject = NULL;
	char *ptt = xasprintf("%s/tuan-thu.csv", c->opts->dir);
	char *pgt = xasprintf("%s/guong-tieu-bieu.csv", c->opts->dir);
	memset(&p, 0, sizeof(p));
	if (rd_table_load(&tt, ptt, 1) || rd_table_load(&gt, pgt, 1))
		goto out;
	/* Placeholders of the period. */
	int months = (c->year * 12 + c->month) - (c->y0 * 12 + c->m0) + 1;
	long last = conf_get_long(&c->plan, "nam_ket_thuc", 2025);
	int final = months >= 12 && c->year >= last;
	conf_set(&c->vars, "kieu",
		 render_tpl(c, final ? "ky.tong_ket" : "ky.so_ket", final ? "Tổng kết" : "Sơ kết"));
	char num[24];
	snprintf(num, sizeof(num), "%d", months);
	conf_set(&c->vars, "so_thang", num);
	rd_month_vars(c);
	title = render_expand(c, "ky.tieu_de_tai_lieu", NULL);
	subject = render_expand(c, "ky.trich_yeu", NULL);
	if (rd_pdf_open(c, &p, title, subject) != 0)
		goto out;
	pdf_new_page(&p, 0, 1);
	report_header(c, &p, "ky");
	para_key(c, &p, "ky.mo_dau");
	HPDF_Outline o1;
	heading(&p, NULL, &o1, render_tpl(c, "ky.muc1", "I. KẾT QUẢ CHUNG"));
	para_key(c, &p, "ky.tong_hop");
	heading_keep(&p, o1, NULL,
		     render_tpl(c, "ky.muc1.1", "1. Số gương điển hình theo lĩnh vực"), 210);
	field_chart(c, &p);
	heading_keep(&p, o1, NULL, render_tpl(c, "ky.muc1.2", "2. Số gương điển hình theo loại"),
		     6 * 19);
	type_table(c, &p);
	heading(&p, NULL, NULL, render_tpl(c, "ky.muc2", "II. TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ"));
	compliance_table(c, &p, &tt);
	heading(&p, NULL, NULL,
		render_tpl(c, "ky.muc3", "III. GƯƠNG ĐIỂN HÌNH ĐƯỢC GIỚI THIỆU NHIỀU LẦN"));
	exemplar_table(c, &p, &gt);
	closing(c, &p, "ky.ket_luan");
	rc = pdf_save(&p, path);
out:
	pdf_release(&p);
	rd_table_release(&tt);
	rd_table_release(&gt);
	free(ptt);
	free(pgt);
	free(title);
	free(subject);
	return rc;
}
