/* roster_pdf.c - the render context (templates, plan, dataset) and danh-sach.pdf: the cover report
 * and its appendix roster. */
#include "render.h"

#include "buf.h"
#include "csvio.h"
#include "plan.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* Bounds on hostile input. */
#define MAX_ROWS 200000
#define MAX_COLS 64

/* ---- context ---- */

void render_ctx_init(struct render_ctx *c, const struct render_opts *o)
{
	memset(c, 0, sizeof(*c));
	c->opts = o;
	conf_init(&c->tpl);
	conf_init(&c->plan);
	conf_init(&c->vars);
	c->han_nop = 20;
}

static void nom_release(struct rd_nom *n)
{
	char **f[] = {&n->id,	     &n->ma_don_vi, &n->don_vi,	 &n->ten,	   &n->nam_sinh,
		      &n->gioi_tinh, &n->dan_toc,   &n->chuc_vu, &n->noi_cong_tac, &n->thanh_tich,
		      &n->van_de,    &n->nguon,	    &n->ghi_chu};
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		free(*f[i]);
}

void render_ctx_release(struct render_ctx *c)
{
	conf_release(&c->tpl);
	conf_release(&c->plan);
	conf_release(&c->vars);
	for (int i = 0; i < 9; i++) {
		free(c->fields[i].ten_ngan);
		free(c->fields[i].tieu_de);
	}
	for (int i = 0; i < PDF_NSTYLES; i++)
		free(c->fonts[i]);
	for (size_t i = 0; i < c->nnoms; i++)
		nom_release(&c->noms[i]);
	free(c->noms);
	memset(c, 0, sizeof(*c));
}

const char *render_tpl(const struct render_ctx *c, const char *key, const char *def)
{
	return conf_get(&c->tpl, key, def);
}

static const char *lookup_var(const struct render_ctx *c, const char *name, size_t len, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	const char *k, *found = NULL;
	while ((k = va_arg(aq, const char *)) != NULL) {
		const char *v = va_arg(aq, const char *);
		if (!found && strlen(k) == len && memcmp(k, name, len) == 0)
			found = v ? v : "";
	}
	va_end(aq);
	if (found)
		return found;
	for (size_t i = c->vars.n; i-- > 0;)
		if (strlen(c->vars.keys[i]) == len && memcmp(c->vars.keys[i], name, len) == 0)
			return c->vars.vals[i];
	return NULL;
}

char *render_expand(const struct render_ctx *c, const char *key, ...)
{
	struct buf b = BUF_INIT;
	const char *t = conf_get(&c->tpl, key, NULL);
	if (!t) {
		warning("van-ban.conf: thiếu khóa \"%s\"", key);
		t = "";
	}
	va_list ap;
	va_start(ap, key);
	for (const char *s = t; *s;) {
		const char *e = *s == '{' ? strchr(s, '}') : NULL;
		if (e && e - s <= 40) {
			const char *v = lookup_var(c, s + 1, (size_t)(e - s - 1), ap);
			if (v) {
				buf_adds(&b, v);
				s = e + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	va_end(ap);
	if (!b.data)
		return xstrdup("");
	return buf_detach(&b);
}

/* ---- tables ---- */

static int on_table_row(void *ctx, char **fields, size_t n, size_t row)
{
	struct rd_table *t = ctx;
	if (row == 1) {
		t->ncols = n < MAX_COLS ? n : MAX_COLS;
		t->names = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
		for (size_t i = 0; i < t->ncols; i++) {
			char *s = fields[i];
			if (i == 0 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
			    (unsigned char)s[2] == 0xBF)
				s += 3;
			t->names[i] = xstrdup(s);
		}
		return 0;
	}
	if (n == 1 && fields[0][0] == '\0')
		return 0;
	if (t->n >= MAX_ROWS)
		return 0;
	XGROW(t->rows, t->cap, t->n + 1);
	char **r = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	for (size_t i = 0; i < t->ncols; i++)
		r[i] = xstrdup(i < n ? fields[i] : "");
	t->rows[t->n++] = r;
	return 0;
}

int rd_table_load(struct rd_table *t, const char *path, int optional)
{
	memset(t, 0, sizeof(*t));
	if (optional && access(path, F_OK) != 0)
		return 0;
	return csv_read_path(path, ',', on_table_row, t) < 0 ? -1 : 0;
}

void rd_table_release(struct rd_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	for (size_t j = 0; j < t->ncols; j++)
		free(t->names[j]);
	free(t->rows);
	free(t->names);
	memset(t, 0, sizeof(*t));
}

const char *rd_get(const struct rd_table *t, size_t i, const char *name)
{
	if (i >= t->n)
		return "";
	for (size_t j = 0; j < t->ncols; j++)
		if (strcmp(t->names[j], name) == 0)
			return t->rows[i][j];
	return "";
}

/* ---- plan ---- */

/* Upper case of cleaned text (roster headings are written in capitals). */
static char *rd_upper(const char *s)
{
	char *c = pdf_clean(s, 0);
	struct buf b = BUF_INIT;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)c;
	utf8proc_ssize_t rem = (utf8proc_ssize_t)strlen(c);
	while (rem > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u, rem, &cp);
		if (n <= 0)
			break;
		buf_add_utf8(&b, (unsigned)utf8proc_toupper(cp));
		u += n;
		rem -= n;
	}
	free(c);
	return b.data ? buf_detach(&b) : xstrdup("");
}

/* The fields' names and the deadline day come from the plan (plan_load(),
 * the one reader of the plan files); without a readable plan the template
 * texts stand in. */
static void load_plan(struct render_ctx *c)
{
	const char *dir = c->opts->plan_dir ? c->opts->plan_dir : "templates/plan";
	struct plan p;
	c->han_nop = 20;
	if (plan_load(&p, dir) != 0) {
		warning("%s: không đọc được Kế hoạch, dùng tên lĩnh vực mặc định", dir);
		return;
	}
	for (size_t i = 0; i < p.conf.n; i++)
		conf_set(&c->plan, p.conf.keys[i], p.conf.vals[i]);
	c->han_nop = p.han_nop >= 1 && p.han_nop <= 28 ? p.han_nop : 20;
	for (size_t i = 0; i < p.nfields; i++) {
		const struct plan_field *pf = &p.fields[i];
		if (pf->so < 1 || pf->so > 9)
			continue;
		struct rd_field *f = &c->fields[pf->so - 1];
		free(f->ten_ngan);
		free(f->tieu_de);
		f->so = pf->so;
		f->ten_ngan = pdf_clean(pf->ten_ngan ? pf->ten_ngan : "", 0);
		f->tieu_de = rd_upper(pf->tieu_de_danh_sach ? pf->tieu_de_danh_sach : "");
	}
	plan_release(&p);
}

const char *rd_roman(int n)
{
	static const char *const r[] = {
	    "",	    "I",     "II",   "III", "IV",   "V",     "VI",     "VII",	"VIII", "IX", "X",
	    "XI",   "XII",   "XIII", "XIV", "XV",   "XVI",   "XVII",   "XVIII", "XIX",	"XX", "XXI",
	    "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",	"XXX"};
	return n >= 1 && n < (int)ARRAY_SIZE(r) ? r[n] : "";
}

const char *rd_field_heading(const struct render_ctx *c, int so)
{
	if (so >= 1 && so <= 9 && c->fields[so - 1].tieu_de && *c->fields[so - 1].tieu_de)
		return c->fields[so - 1].tieu_de;
	static char key[32];
	snprintf(key, sizeof(key), "linh_vuc.%d.tieu_de", so >= 1 && so <= 9 ? so : 0);
	return render_tpl(c, key, so >= 1 && so <= 9 ? "LĨNH VỰC KHÁC" : "CHƯA XÁC ĐỊNH LĨNH VỰC");
}

const char *rd_field_name(const struct render_ctx *c, int so)
{
	if (so >= 1 && so <= 9 && c->fields[so - 1].ten_ngan && *c->fields[so - 1].ten_ngan)
		return c->fields[so - 1].ten_ngan;
	static char key[32];
	snprintf(key, sizeof(key), "linh_vuc.%d.ten", so >= 1 && so <= 9 ? so : 0);
	return render_tpl(c, key, "Chưa xác định");
}

const char *rd_loai_label(const struct render_ctx *c, int loai)
{
	static const char *const keys[] = {"loai.tap_the", "loai.ca_nhan", "loai.ho_gia_dinh",
					   "loai.khac"};
	static const char *const defs[] = {"Tập thể", "Cá nhân", "Hộ gia đình", "Khác"};
	if (loai < 0 || loai >= RD_NLOAI)
		loai = RD_LOAI_KHAC;
	return render_tpl(c, keys[loai], defs[loai]);
}

void rd_fmt_day(char *out, size_t n, int day)
{
	snprintf(out, n, "%02d", day < 0 ? 0 : day % 100);
}

void rd_fmt_month(char *out, size_t n, int month)
{
	snprintf(out, n, month <= 2 ? "%02d" : "%d", month < 0 ? 0 : month % 100);
}

/* ---- dataset ---- */

static const char *const nom_cols[] = {"id",	     "ma_don_vi", "don_vi_de_xuat", "linh_vuc",
				       "loai",	     "ten",	  "nam_sinh",	    "gioi_tinh",
				       "dan_toc",    "chuc_vu",	  "noi_cong_tac",   "thanh_tich",
				       "trang_thai", "van_de",	  "nguon",	    "ghi_chu"};

static int on_nom(void *ctx, char **v, size_t row)
{
	struct render_ctx *c = ctx;
	if (c->nnoms >= MAX_ROWS)
		return 0;
	struct rd_nom n = {0};
	n.status = strcmp(v[12], "hop_le") == 0	       ? RD_HOP_LE
		   : strcmp(v[12], "can_xem_xet") == 0 ? RD_CAN_XEM_XET
						       : RD_KHONG_HOP_LE;
	char *end;
	long lv = strtol(v[3], &end, 10);
	n.linh_vuc = lv >= 1 && lv <= 9 && !*end && v[3][0] ? (int)lv : 0;
	n.loai = strcmp(v[4], "tap_the") == 0	    ? RD_TAP_THE
		 : strcmp(v[4], "ca_nhan") == 0	    ? RD_CA_NHAN
		 : strcmp(v[4], "ho_gia_dinh") == 0 ? RD_HO_GIA_DINH
						    : RD_LOAI_KHAC;
	n.seq = c->nnoms;
	n.id = pdf_clean(v[0], 0);
	n.ma_don_vi = pdf_clean(v[1], 0);
	n.don_vi = pdf_clean(v[2], 0);
	n.ten = pdf_clean(v[5], 0);
	n.nam_sinh = pdf_clean(v[6], 0);
	n.gioi_tinh = pdf_clean(v[7], 0);
	n.dan_toc = pdf_clean(v[8], 0);
	n.van_de = pdf_clean(v[13], 0);
	n.nguon = pdf_clean(v[14], 0);
	n.ghi_chu = pdf_clean(v[15], 0);
	if (n.status != RD_KHONG_HOP_LE) {
		n.chuc_vu = pdf_clean(v[9], 0);
		n.noi_cong_tac = pdf_clean(v[10], 0);
		n.thanh_tich = pdf_clean(v[11], 0);
	}
	XGROW(c->noms, c->capnoms, c->nnoms + 1);
	c->noms[c->nnoms++] = n;
	c->count[n.linh_vuc][n.loai][n.status]++;
	return 0;
}

static int parse_month(const char *s, int *y, int *m)
{
	int yy, mm;
	char tail;
	if (!s || sscanf(s, "%4d-%2d%c", &yy, &mm, &tail) != 2 || yy < 1900 || yy > 2999 ||
	    mm < 1 || mm > 12)
		return -1;
	*y = yy;
	*m = mm;
	return 0;
}

static void set_var(struct render_ctx *c, const char *k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_var(struct render_ctx *c, const char *k, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	conf_set(&c->vars, k, buf_cstr(&b));
	buf_release(&b);
}

int render_ctx_load(struct render_ctx *c)
{
	const struct render_opts *o = c->opts;
	const char *tdir = o->templates ? o->templates : "templates/pdf";
	char *p = xasprintf("%s/van-ban.conf", tdir);
	int rc = conf_load(&c->tpl, p);
	free(p);
	if (rc != 0)
		return error("không đọc được mẫu văn bản trong %s", tdir);
	load_plan(c);
	if (o->period) {
		char a[8] = {0}, b[8] = {0};
		if (strlen(o->period) != 15 || o->period[7] != '_')
			return error("--period phải có dạng YYYY-MM_YYYY-MM: %s", o->period);
		memcpy(a, o->period, 7);
		memcpy(b, o->period + 8, 7);
		if (parse_month(a, &c->y0, &c->m0) || parse_month(b, &c->year, &c->month) ||
		    c->y0 * 12 + c->m0 > c->year * 12 + c->month)
			return error("--period không hợp lệ: %s", o->period);
	} else if (parse_month(o->month, &c->year, &c->month) != 0) {
		return error("--month phải có dạng YYYY-MM: %s", o->month ? o->month : "");
	}
	char d[8], m[8];
	rd_fmt_day(d, sizeof(d), c->han_nop + 1);
	rd_fmt_month(m, sizeof(m), c->month);
	set_var(c, "thang", "%s", m);
	set_var(c, "nam", "%d", c->year);
	set_var(c, "ngay", "%s", d);
	set_var(c, "han_nop", "%d", c->han_nop);
	set_var(c, "dia_danh", "%s", render_tpl(c, "dia_danh", "Thạch An"));
	set_var(c, "ngay_bao_cao", "ngày %s tháng %s năm %d", d, m, c->year);
	if (o->period) {
		rd_fmt_month(m, sizeof(m), c->m0);
		set_var(c, "thang_dau", "%s", m);
		set_var(c, "nam_dau", "%d", c->y0);
		rd_fmt_month(m, sizeof(m), c->month);
		set_var(c, "thang_cuoi", "%s", m);
		set_var(c, "nam_cuoi", "%d", c->year);
	}
	/* Fonts: paths from the templates override fontconfig. */
	static const char *const fkeys[] = {"phong_chu.thuong", "phong_chu.dam",
					    "phong_chu.nghieng", "phong_chu.dam_nghieng"};
	for (int i = 0; i < PDF_NSTYLES; i++) {
		const char *v = render_tpl(c, fkeys[i], "");
		c->fonts[i] = *v ? xstrdup(v) : NULL;
	}
	if (pdf_find_fonts(render_tpl(c, "phong_chu", "Liberation Serif"), c->fonts) != 0)
		return -1;
	p = xasprintf("%s/dataset.csv", o->dir);
	rc = csv_read_named(p, nom_cols, ARRAY_SIZE(nom_cols), on_nom, c);
	if (rc != 0)
		error("%s: không đọc được", p);
	free(p);
	return rc ? -1 : 0;
}

int rd_pdf_open(struct render_ctx *c, struct pdf *p, const char *title, const char *subject)
{
	if (pdf_open(p, c->fonts) != 0)
		return -1;
	pdf_set_info(p, title, render_tpl(c, "tac_gia", "Phòng Nội vụ"), subject,
		     render_tpl(c, "phan_mem", "dien-hinh"), c->year, c->month, c->han_nop + 1);
	return 0;
}

/* ---- the roster ---- */

enum { C_STT, C_TEN, C_NAM, C_NU, C_DT, C_CV, C_TT, C_DV, C_GC, C_N };

static const struct pdf_col roster_cols[C_N] = {
    {PDF_MM(11), PDF_CENTER, PDF_REGULAR},  {PDF_MM(36), PDF_LEFT, PDF_REGULAR},
    {PDF_MM(12), PDF_CENTER, PDF_REGULAR},  {PDF_MM(12), PDF_CENTER, PDF_REGULAR},
    {PDF_MM(14), PDF_CENTER, PDF_REGULAR},  {PDF_MM(40), PDF_LEFT, PDF_REGULAR},
    {PDF_MM(93), PDF_JUSTIFY, PDF_REGULAR}, {PDF_MM(25), PDF_LEFT, PDF_REGULAR},
    {PDF_MM(14), PDF_CENTER, PDF_ITALIC},
};

static void roster_header(struct pdf *p, const struct pdf_table *t)
{
	const struct render_ctx *c = t->ctx;
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
	const double size = 12, lead = 14, row = 19;
	double h = 2 * row;
	double x = t->x, top = p->y;
	for (int i = 0; i < C_N; i++) {
		const char *txt = render_tpl(c, keys[i], defs[i]);
		double w = roster_cols[i].w;
		if (i == C_NAM || i == C_NU) {
			pdf_header_cell(p, x, top - row, w, h - row, PDF_BOLD, size, lead, txt,
					t->grid);
			if (i == C_NAM)
				pdf_header_cell(
				    p, x, top, w + roster_cols[C_NU].w, row, PDF_BOLD, size, lead,
				    render_tpl(c, "pl.cot.nam_sinh", "Năm sinh"), t->grid);
		} else {
			pdf_header_cell(p, x, top, w, h, PDF_BOLD, size, lead, txt, t->grid);
		}
		x += w;
	}
	p->y = top - h;
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

/* The Ghi chú cell of an accepted nomination. */
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
	} else if (has_code(n->van_de, "gui_muon")) {
		buf_adds(b, render_tpl(c, "ghi_chu.gui_muon", "Gửi muộn"));
	}
	if (n->ghi_chu && *n->ghi_chu) {
		if (b->len)
			buf_adds(b, "; ");
		buf_adds(b, n->ghi_chu);
	}
}

/* A person's year goes under Nam or Nữ; unknown sex is read from "Thị". */
static int is_female(const struct rd_nom *n)
{
	if (strcmp(n->gioi_tinh, "nu") == 0)
		return 1;
	if (strcmp(n->gioi_tinh, "nam") == 0)
		return 0;
	return strstr(n->ten, " Thị ") != NULL;
}

/* Frees what only the roster shows of a drawn nomination: the report
 * needs the id and the name of every one (decisions), the unit and the
 * problems of those not accepted outright. */
static void nom_drop_roster(struct rd_nom *n)
{
	char **f[] = {&n->nam_sinh,	&n->gioi_tinh,	&n->dan_toc, &n->chuc_vu,
		      &n->noi_cong_tac, &n->thanh_tich, &n->nguon,   &n->ghi_chu};
	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	if (n->status == RD_HOP_LE) {
		free(n->don_vi);
		free(n->van_de);
		n->don_vi = n->van_de = NULL;
	}
}

/* A section row, cleaned (the roster table draws its cells as they are). */
static void roster_span_row(struct pdf *p, const struct pdf_table *t, const char *text, int style,
			    int span, double keep)
{
	char *cl = pdf_clean(text, PDF_KEEP_NL);
	const char *cells[] = {cl};
	int st[] = {style};
	pdf_table_row(p, t, cells, st, span, keep);
	free(cl);
}

static void roster_table(struct render_ctx *c, struct pdf *p, HPDF_Outline parent)
{
	struct pdf_table t = {roster_cols, C_N, p->ml,	       11, 13, 3, 3, 2,
			      3,	   0.5, roster_header, c,  1,  1};
	size_t n = 0;
	struct rd_nom **v = xcalloc(c->nnoms ? c->nnoms : 1, sizeof(*v));
	for (size_t i = 0; i < c->nnoms; i++)
		if (c->noms[i].status != RD_KHONG_HOP_LE)
			v[n++] = &c->noms[i];
	qsort(v, n, sizeof(*v), roster_cmp);
	t.header(p, &t);
	if (n == 0)
		roster_span_row(
		    p, &t,
		    render_tpl(c, "pl.khong_co",
			       "Không có gương điển hình nào được đề nghị trong tháng."),
		    PDF_ITALIC, 2, 0);
	struct buf note = BUF_INIT, cv = BUF_INIT, head = BUF_INIT;
	int field = -1, loai = -1, nfield = 0, nloai = 0;
	const double minrow = t.pad_t + t.lead + t.pad_b;
	for (size_t i = 0; i < n; i++) {
		struct rd_nom *r = v[i];
		int f = r->linh_vuc ? r->linh_vuc : 10;
		if (f != field) {
			field = f;
			loai = -1;
			nloai = 0;
			buf_reset(&head);
			buf_printf(&head, "%s. %s", rd_roman(++nfield),
				   rd_field_heading(c, r->linh_vuc));
			roster_span_row(p, &t, head.data, PDF_BOLD, 1, 2 * minrow + 4);
			pdf_outline(p, parent, head.data, 0);
		}
		if (r->loai != loai) {
			loai = r->loai;
			buf_reset(&head);
			buf_printf(&head, "%d. %s", ++nloai, rd_loai_label(c, loai));
			roster_span_row(p, &t, head.data, PDF_BOLD_ITALIC, 1, minrow);
		}
		char stt[24];
		snprintf(stt, sizeof(stt), "%zu", i + 1);
		/* The fields were cleaned when read; what is joined here from
		 * them or from the templates is cleaned again only when it can
		 * differ from its cleaned form. */
		buf_reset(&cv);
		buf_adds(&cv, r->chuc_vu);
		if (*r->noi_cong_tac && !strstr(r->chuc_vu, r->noi_cong_tac)) {
			if (cv.len)
				buf_adds(&cv, ", ");
			buf_adds(&cv, r->noi_cong_tac);
		}
		char *cvc = cv.len > PDF_TEXT_MAX ? pdf_clean(buf_cstr(&cv), PDF_KEEP_NL) : NULL;
		roster_note(c, r, &note);
		char *nc = note.len ? pdf_clean(buf_cstr(&note), PDF_KEEP_NL) : NULL;
		int person = r->loai == RD_CA_NHAN;
		int fem = person && is_female(r);
		const char *cells[C_N] = {stt,
					  r->ten,
					  person && !fem ? r->nam_sinh : "",
					  person && fem ? r->nam_sinh : "",
					  r->dan_toc,
					  cvc ? cvc : buf_cstr(&cv),
					  r->thanh_tich,
					  r->don_vi,
					  nc ? nc : ""};
		pdf_table_row(p, &t, cells, NULL, 0, 0);
		free(cvc);
		free(nc);
		nom_drop_roster(r);
	}
	buf_release(&note);
	buf_release(&cv);
	buf_release(&head);
	free(v);
}

/* "27 tập thể, 56 cá nhân và 13 hộ gia đình" */
static void by_type_text(const struct render_ctx *c, struct buf *b)
{
	size_t tot[RD_NLOAI] = {0};
	for (int f = 0; f < 10; f++)
		for (int l = 0; l < RD_NLOAI; l++)
			for (int s = 0; s < RD_NSTATUS; s++)
				tot[l] += c->count[f][l][s];
	int parts = 0, left = 0;
	for (int l = 0; l < RD_NLOAI; l++)
		left += tot[l] > 0;
	for (int l = 0; l < RD_NLOAI; l++) {
		if (!tot[l])
			continue;
		char num[24];
		pdf_fmt_count(num, sizeof(num), (long)tot[l]);
		utf8proc_uint8_t *lab = NULL;
		if (utf8proc_map((const utf8proc_uint8_t *)rd_loai_label(c, l), 0, &lab,
				 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				     UTF8PROC_CASEFOLD) < 0)
			lab = NULL;
		if (parts)
			buf_adds(b, left == 1 ? " và " : ", ");
		buf_printf(b, "%s %s", num, lab ? (const char *)lab : "");
		free(lab);
		parts++;
		left--;
	}
}

struct field_total {
	int so;
	size_t n;
};

static int ft_cmp(const void *a, const void *b)
{
	const struct field_total *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->so - y->so;
}

/* "Giáo dục và Đào tạo 16 gương; Nông thôn mới 14; ..." */
static void by_field_text(const struct render_ctx *c, struct buf *b)
{
	struct field_total ft[10];
	for (int f = 0; f < 10; f++) {
		ft[f].so = f;
		ft[f].n = 0;
		for (int l = 0; l < RD_NLOAI; l++)
			for (int s = 0; s < RD_NSTATUS; s++)
				ft[f].n += c->count[f][l][s];
	}
	qsort(ft + 1, 9, sizeof(ft[0]), ft_cmp);
	int first = 1;
	for (int i = 1; i < 10; i++) {
		if (!ft[i].n)
			continue;
		char num[24];
		pdf_fmt_count(num, sizeof(num), (long)ft[i].n);
		buf_printf(b, "%s%s %s%s", first ? "" : "; ", rd_field_name(c, ft[i].so), num,
			   first ? " gương" : "");
		first = 0;
	}
	if (ft[0].n) {
		char num[24];
		pdf_fmt_count(num, sizeof(num), (long)ft[0].n);
		buf_printf(b, "%s%s %s", first ? "" : "; ", rd_field_name(c, 0), num);
	}
}

/* Unit statistics from don-vi.csv. */
static void unit_vars(struct render_ctx *c, struct rd_table *dv)
{
	size_t reg = 0, sent = 0, late = 0, nmiss = 0, all_late = 0;
	struct buf miss = BUF_INIT;
	for (size_t i = 0; i < dv->n; i++) {
		const char *st = rd_get(dv, i, "trang_thai");
		all_late += strcmp(st, "gui_muon") == 0;
		if (!*rd_get(dv, i, "ma_don_vi"))
			continue; /* an unknown sender: not in the registry counts */
		reg++;
		if (strcmp(st, "da_gui") == 0 || strcmp(st, "gui_muon") == 0)
			sent++;
		if (strcmp(st, "gui_muon") == 0)
			late++;
		if (strcmp(st, "chua_gui") == 0) {
			nmiss++;
			char *name = pdf_clean(rd_get(dv, i, "ten_don_vi"), 0);
			buf_printf(&miss, "%s%s", miss.len ? ", " : "", name);
			free(name);
		}
	}
	char a[24], b[24], l[24];
	pdf_fmt_count(a, sizeof(a), (long)sent);
	pdf_fmt_count(b, sizeof(b), (long)reg);
	pdf_fmt_count(l, sizeof(l), (long)late);
	char nm[24], al[24];
	pdf_fmt_count(al, sizeof(al), (long)all_late);
	conf_set(&c->vars, "so_gui_muon", al);
	snprintf(nm, sizeof(nm), "%zu", nmiss);
	conf_set(&c->vars, "so_don_vi_chua_gui", nm);
	conf_set(&c->vars, "so_don_vi_da_gui", a);
	conf_set(&c->vars, "so_don_vi_phai_gui", b);
	conf_set(&c->vars, "so_don_vi_muon", l);
	conf_set(&c->vars, "ds_chua_gui", buf_cstr(&miss));
	buf_release(&miss);
}

static void status_vars(struct render_ctx *c)
{
	size_t st[RD_NSTATUS] = {0}, tot = 0;
	for (int f = 0; f < 10; f++)
		for (int l = 0; l < RD_NLOAI; l++)
			for (int s = 0; s < RD_NSTATUS; s++) {
				st[s] += c->count[f][l][s];
				tot += c->count[f][l][s];
			}
	char num[24];
	pdf_fmt_count(num, sizeof(num), (long)tot);
	conf_set(&c->vars, "so_guong", num);
	pdf_fmt_count(num, sizeof(num), (long)st[RD_HOP_LE]);
	conf_set(&c->vars, "so_hop_le", num);
	pdf_fmt_count(num, sizeof(num), (long)st[RD_CAN_XEM_XET]);
	conf_set(&c->vars, "so_can_xem_xet", num);
	pdf_fmt_count(num, sizeof(num), (long)st[RD_KHONG_HOP_LE]);
	conf_set(&c->vars, "so_khong_hop_le", num);
	pdf_fmt_count(num, sizeof(num), (long)(st[RD_HOP_LE] + st[RD_CAN_XEM_XET]));
	conf_set(&c->vars, "so_danh_sach", num);
	struct buf b = BUF_INIT;
	by_type_text(c, &b);
	conf_set(&c->vars, "theo_loai", buf_cstr(&b));
	buf_reset(&b);
	by_field_text(c, &b);
	conf_set(&c->vars, "theo_linh_vuc", buf_cstr(&b));
	buf_release(&b);
}

/* Fills the placeholders shared by both monthly documents. */
int rd_month_vars(struct render_ctx *c)
{
	struct rd_table dv;
	char *p = xasprintf("%s/don-vi.csv", c->opts->dir);
	int rc = rd_table_load(&dv, p, 1);
	free(p);
	if (rc != 0)
		return -1;
	unit_vars(c, &dv);
	status_vars(c);
	rd_table_release(&dv);
	return 0;
}

void rd_body(struct pdf *p, double size, const char *text)
{
	struct pdf_para fmt = {
	    PDF_REGULAR, size, size >= 14 ? 17 : 16, PDF_JUSTIFY, PDF_MM(12.7), 0, 6, 0, 0};
	pdf_para(p, &fmt, text);
}

void rd_closing(struct render_ctx *c, struct pdf *p, double size, const char *text,
		const char *prefix)
{
	char k1[48], k2[48], k3[48];
	snprintf(k1, sizeof(k1), "%s.noi_nhan", prefix);
	snprintf(k2, sizeof(k2), "%s.ky", prefix);
	snprintf(k3, sizeof(k3), "%s.nguoi_ky", prefix);
	const char *rec = render_tpl(c, k1, ""), *sig = render_tpl(c, k2, "");
	struct pdf_para fmt = {
	    PDF_REGULAR, size, size >= 14 ? 17 : 16, PDF_JUSTIFY, PDF_MM(12.7), 0, 6, 0, 0};
	double h = *text ? pdf_para_height(p, &fmt, text) : 0;
	double need = h + pdf_signature_height(rec, sig);
	if (need < p->ph - p->mt - p->mb)
		pdf_need(p, need); /* the last paragraph stays with the signature */
	if (*text)
		pdf_para(p, &fmt, text);
	pdf_signature(p, rec, sig, render_tpl(c, k3, ""));
}

static void expand_para(struct render_ctx *c, struct pdf *p, const char *key)
{
	char *s = render_expand(c, key, NULL);
	if (*s)
		rd_body(p, 14, s);
	free(s);
}

static void roster_cover(struct render_ctx *c, struct pdf *p, HPDF_Outline root)
{
	pdf_new_page(p, 0, 1);
	pdf_outline(p, root, render_tpl(c, "ds.muc_luc.bia", "Báo cáo"), 0);
	char *date = render_expand(c, "ngay_thang", NULL);
	char *num = render_expand(c, "ds.so", NULL);
	struct pdf_header h = {render_tpl(c, "ds.co_quan_chu_quan", ""),
			       render_tpl(c, "ds.co_quan", "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN"), num,
			       date};
	pdf_official_header(p, &h);
	char *sub = render_expand(c, "ds.trich_yeu", NULL);
	pdf_title(p, render_tpl(c, "ds.loai", "BÁO CÁO"), sub, 20);
	char *kg = render_expand(c, "ds.kinh_gui", NULL);
	struct pdf_para kgf = {PDF_REGULAR, 14, 17, PDF_CENTER, 0, 10, 10, 0, 0};
	pdf_para(p, &kgf, kg);
	expand_para(c, p, "ds.mo_dau");
	int empty = c->nnoms == 0;
	if (empty) {
		expand_para(c, p, "ds.khong_co");
	} else {
		const char *late = conf_get(&c->vars, "so_don_vi_muon", "0");
		char *gm = strcmp(late, "0") ? render_expand(c, "ds.gui_muon", NULL) : xstrdup("");
		char *gm2 = *gm ? xasprintf(" %s", gm) : xstrdup("");
		char *s = render_expand(c, "ds.tiep_nhan", "gui_muon", gm2, NULL);
		rd_body(p, 14, s);
		free(s);
		free(gm);
		free(gm2);
		expand_para(c, p, "ds.theo_linh_vuc");
	}
	long many = conf_get_long(&c->tpl, "ds.chua_gui_toi_da", 10);
	long nmiss = conf_get_long(&c->vars, "so_don_vi_chua_gui", 0);
	if (nmiss > many)
		expand_para(c, p, "ds.chua_gui_nhieu"); /* keep the cover on one page */
	else if (nmiss > 0)
		expand_para(c, p, "ds.chua_gui");
	size_t listed = 0;
	for (size_t i = 0; i < c->nnoms; i++)
		listed += c->noms[i].status != RD_KHONG_HOP_LE;
	char *last = render_expand(c, listed ? "ds.ket_luan" : "ds.ket_luan_rong", NULL);
	rd_closing(c, p, 14, last, "ds");
	free(last);
	free(kg);
	free(sub);
	free(num);
	free(date);
}

static void roster_appendix(struct render_ctx *c, struct pdf *p, HPDF_Outline root)
{
	pdf_new_page(p, 1, 1);
	char *title = render_expand(c, "pl.ten", NULL);
	HPDF_Outline o = pdf_outline(p, root, title, 1);
	double w = pdf_text_width_area(p);
	struct pdf_para f1 = {PDF_BOLD, 14, 16, PDF_CENTER, 0, 0, 0, 0, 0};
	pdf_para(p, &f1, render_tpl(c, "pl.tieu_de", "Phụ lục"));
	pdf_para(p, &f1, title);
	char *kem = render_expand(c, "pl.kem_theo", NULL);
	struct buf nb = BUF_INIT;
	for (const char *q = kem; *q; q++) {
		if (*q == ' ' && (q[1] == ' ' || (q > kem && q[-1] == ' ')))
			buf_adds(&nb, "\u00a0"); /* keep the blank for the number */
		else
			buf_addc(&nb, *q);
	}
	free(kem);
	kem = buf_detach(&nb);
	struct pdf_para f2 = {PDF_ITALIC, 13, 16, PDF_CENTER, 0, 0, 0, 0, 0};
	pdf_para(p, &f2, kem);
	double ry = p->y - 4;
	pdf_hline(p, p->ml + (w - PDF_MM(30)) / 2, p->ml + (w + PDF_MM(30)) / 2, ry, 0.6);
	p->y = ry - 8;
	roster_table(c, p, o);
	free(kem);
	free(title);
}

int roster_pdf_write(struct render_ctx *c, const char *path)
{
	struct pdf p;
	int rc = -1;
	if (rd_month_vars(c) != 0)
		return -1;
	char *title = render_expand(c, "ds.tieu_de_tai_lieu", NULL);
	char *subject = render_expand(c, "ds.trich_yeu", NULL);
	if (rd_pdf_open(c, &p, title, subject) != 0)
		goto out;
	HPDF_Outline root = NULL;
	roster_cover(c, &p, root);
	roster_appendix(c, &p, root);
	rc = pdf_save(&p, path);
out:
	pdf_release(&p);
	free(title);
	free(subject);
	return rc;
}

int render_run(const struct render_opts *o)
{
	struct render_ctx c;
	int rc = -1;
	render_ctx_init(&c, o);
	if (render_ctx_load(&c) != 0)
		goto out;
	char *ds = xasprintf("%s/danh-sach.pdf", o->dir);
	char *bc = xasprintf("%s/bao-cao.pdf", o->dir);
	if (o->period)
		rc = period_pdf_write(&c, bc);
	else
		rc = roster_pdf_write(&c, ds) == 0 && report_pdf_write(&c, bc) == 0 ? 0 : -1;
	free(ds);
	free(bc);
out:
	render_ctx_release(&c);
	return rc;
}
