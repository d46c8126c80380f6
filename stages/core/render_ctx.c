/* render_ctx.c - the render context: templates, plan, dataset, the month's counts and the
 * placeholders of the documents, and the pieces the documents share. */
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
		      &n->van_de,    &n->nguon,	    &n->ghi_chu, &n->vi_tri};
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
	rd_table_release(&c->units);
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

const char *rd_templates_dir(const struct render_opts *o)
{
	return o->templates ? o->templates : "templates/pdf";
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

static const char *const nom_cols[] = {
    "id",	  "ma_don_vi", "don_vi_de_xuat", "linh_vuc", "loai",	     "ten",
    "nam_sinh",	  "gioi_tinh", "dan_toc",	 "chuc_vu",  "noi_cong_tac", "thanh_tich",
    "trang_thai", "van_de",    "nguon",		 "ghi_chu",  "vi_tri"};

static int on_nom(void *ctx, char **v, size_t row)
{
	struct render_ctx *c = ctx;
	if (c->nnoms >= MAX_ROWS)
		return 0;
	struct rd_nom n = {0};
	n.status = ct_status_of(v[12]);
	n.linh_vuc = ct_field_of(v[3]);
	n.loai = ct_loai_of(v[4]);
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
	n.vi_tri = pdf_clean(v[16], 0);
	if (n.status != RD_KHONG_HOP_LE) {
		n.chuc_vu = pdf_clean(v[9], 0);
		n.noi_cong_tac = pdf_clean(v[10], 0);
		n.thanh_tich = pdf_clean(v[11], 0);
	}
	XGROW(c->noms, c->capnoms, c->nnoms + 1);
	c->noms[c->nnoms++] = n;
	return 0;
}

/* A month "YYYY-MM" (nominee.h's rule). */
static int parse_month(const char *s, int *y, int *m)
{
	return s ? month_parse(s, y, m) : -1;
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
	char *p = xasprintf("%s/van-ban.conf", rd_templates_dir(o));
	int rc = conf_load(&c->tpl, p);
	free(p);
	if (rc != 0)
		return error("không đọc được mẫu văn bản trong %s", rd_templates_dir(o));
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
	if (rc != 0 || month_counts_load(&c->counts, o->dir) != 0)
		return -1;
	p = xasprintf("%s/don-vi.csv", o->dir);
	rc = rd_table_load(&c->units, p, 1);
	free(p);
	if (rc != 0)
		return -1;
	rd_month_vars(c);
	return 0;
}

/* ---- placeholders: every figure from c->counts ---- */

void rd_count(char *out, size_t n, size_t v)
{
	pdf_fmt_count(out, n, (long)v);
}

static void set_count(struct render_ctx *c, const char *k, size_t v)
{
	char num[24];
	rd_count(num, sizeof(num), v);
	conf_set(&c->vars, k, num);
}

/* "27 tập thể, 56 cá nhân và 13 hộ gia đình" (all nominations). */
static void by_type_text(const struct render_ctx *c, struct buf *b)
{
	int parts = 0, left = 0;
	for (int l = 0; l < CT_NLOAI; l++)
		left += ct_type_total(&c->counts, l) > 0;
	for (int l = 0; l < CT_NLOAI; l++) {
		size_t n = ct_type_total(&c->counts, l);
		if (!n)
			continue;
		char num[24];
		rd_count(num, sizeof(num), n);
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

/* "Giáo dục và Đào tạo 16 gương; Nông thôn mới 14; ..." of the given
 * per-field counts, largest first, the unknown field last. */
static void by_field_text(const struct render_ctx *c, const size_t *per_field, struct buf *b)
{
	struct field_total ft[CT_NFIELDS];
	for (int f = 0; f < CT_NFIELDS; f++)
		ft[f] = (struct field_total){f, per_field[f]};
	qsort(ft + 1, CT_NFIELDS - 1, sizeof(ft[0]), ft_cmp);
	int first = 1;
	for (int i = 1; i < CT_NFIELDS; i++) {
		if (!ft[i].n)
			continue;
		char num[24];
		rd_count(num, sizeof(num), ft[i].n);
		buf_printf(b, "%s%s %s%s", first ? "" : "; ", rd_field_name(c, ft[i].so), num,
			   first ? " gương" : "");
		first = 0;
	}
	if (ft[0].n) {
		char num[24];
		rd_count(num, sizeof(num), ft[0].n);
		buf_printf(b, "%s%s %s", first ? "" : "; ", rd_field_name(c, 0), num);
	}
}

/* ", " separated names of the registry's units that sent nothing. */
static void missing_names(const struct render_ctx *c, struct buf *b)
{
	for (size_t i = 0; i < c->units.n; i++) {
		if (!*rd_get(&c->units, i, "ma_don_vi") ||
		    ct_unit_of(rd_get(&c->units, i, "trang_thai")) != CT_UNIT_CHUA_GUI)
			continue;
		char *name = pdf_clean(rd_get(&c->units, i, "ten_don_vi"), 0);
		buf_printf(b, "%s%s", b->len ? ", " : "", name);
		free(name);
	}
}

void rd_month_vars(struct render_ctx *c)
{
	const struct month_counts *m = &c->counts;
	char num[24];
	set_count(c, "so_tep", m->files);
	set_count(c, "so_tep_loi", m->files_unreadable);
	set_count(c, "so_tep_trung", m->files_identical);
	set_count(c, "so_don_vi_da_gui", m->units_sent);
	set_count(c, "so_don_vi_phai_gui", m->units);
	set_count(c, "so_don_vi_muon", m->units_late);
	set_count(c, "so_gui_muon", m->units_late);
	set_count(c, "so_don_vi_chua_dat", m->units_nothing_accepted);
	set_count(c, "so_ngoai_danh_muc", m->outside);
	/* a count of units stands alone in "Còn 28 cơ quan..." */
	snprintf(num, sizeof(num), "%zu", m->units_not_sent);
	conf_set(&c->vars, "so_don_vi_chua_gui", num);
	set_count(c, "so_guong", m->noms);
	set_count(c, "so_hop_le", m->by_status[CT_HOP_LE]);
	set_count(c, "so_can_xem_xet", m->by_status[CT_CAN_XEM_XET]);
	set_count(c, "so_khong_hop_le", m->by_status[CT_KHONG_HOP_LE]);
	set_count(c, "so_danh_sach", m->accepted);
	struct buf b = BUF_INIT;
	by_type_text(c, &b);
	conf_set(&c->vars, "theo_loai", buf_cstr(&b));
	buf_reset(&b);
	by_field_text(c, m->accepted_by_field, &b);
	conf_set(&c->vars, "theo_linh_vuc", buf_cstr(&b));
	buf_reset(&b);
	missing_names(c, &b);
	conf_set(&c->vars, "ds_chua_gui", buf_cstr(&b));
	buf_release(&b);
}

/* ---- shared pieces of the documents ---- */

void rd_doc_init(struct render_ctx *c, struct doc *d, const char *title, const char *subject)
{
	doc_init(d);
	doc_set_info(d, title, subject, render_tpl(c, "tac_gia", "Phòng Nội vụ"),
		     render_tpl(c, "phan_mem", "dien-hinh"), c->year, c->month, c->han_nop + 1);
}

void rd_body(struct doc *d, double size, const char *text)
{
	doc_body(d, size, text);
}

void rd_body_key(struct render_ctx *c, struct doc *d, double size, const char *key)
{
	char *s = render_expand(c, key, NULL);
	if (*s)
		rd_body(d, size, s);
	free(s);
}

void rd_item(struct doc *d, const char *text)
{
	doc_para_text(d, 13, 16, DOC_JUSTIFY, DOC_MM(12.7), 0, 2, DOC_REGULAR, text);
}

/* The template key <prefix>.<name>, else bc.<name> (the period report
 * shares the review report's issuing body and addressee). */
static const char *prefixed(const struct render_ctx *c, const char *prefix, const char *name,
			    const char *def)
{
	char k[64];
	snprintf(k, sizeof(k), "%s.%s", prefix, name);
	const char *v = conf_get(&c->tpl, k, NULL);
	if (v)
		return v;
	snprintf(k, sizeof(k), "bc.%s", name);
	return render_tpl(c, k, def);
}

void rd_opening(struct render_ctx *c, struct doc *d, const char *prefix, double title_before)
{
	char k[64];
	char *date = render_expand(c, "ngay_thang", NULL);
	char *blank = render_expand(c, "ngay_thang", "ngay", "     ", NULL);
	snprintf(k, sizeof(k), "%s.so", prefix);
	char *num = render_expand(c, k, NULL);
	struct doc_header *h = doc_header(
	    d, prefixed(c, prefix, "co_quan_chu_quan", ""),
	    prefixed(c, prefix, "co_quan", "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN"), num, date);
	doc_header_blank(h, blank);
	snprintf(k, sizeof(k), "%s.trich_yeu", prefix);
	char *sub = render_expand(c, k, NULL);
	snprintf(k, sizeof(k), "%s.loai", prefix);
	doc_title(d, render_tpl(c, k, "BÁO CÁO"), sub, title_before);
	snprintf(k, sizeof(k), "%s.kinh_gui", prefix);
	char *kg = conf_get(&c->tpl, k, NULL) ? render_expand(c, k, NULL)
					      : render_expand(c, "bc.kinh_gui", NULL);
	doc_para_text(d, 14, 17, DOC_CENTER, 0, 10, 10, DOC_REGULAR, kg);
	free(kg);
	free(sub);
	free(num);
	free(blank);
	free(date);
}

void rd_closing(struct render_ctx *c, struct doc *d, double size, const char *text,
		const char *prefix)
{
	char k1[48], k2[48], k3[48];
	snprintf(k1, sizeof(k1), "%s.noi_nhan", prefix);
	snprintf(k2, sizeof(k2), "%s.ky", prefix);
	snprintf(k3, sizeof(k3), "%s.nguoi_ky", prefix);
	if (*text)
		doc_body(d, size, text)->keep_with_next = 1; /* stays with the signature */
	/* The letters (thu.conf) sign as the review report does unless they
	 * name a signer of their own: one place for the office's signer. */
	doc_signature(d, render_tpl(c, k1, ""), render_tpl(c, k2, render_tpl(c, "bc.ky", "")),
		      render_tpl(c, k3, render_tpl(c, "bc.nguoi_ky", "")));
}

int rd_write(struct render_ctx *c, const struct doc *d, const char *path, const char *text_path)
{
	if (doc_pdf_write(d, c->fonts, path) != 0)
		return -1;
	return text_path ? doc_text_write(d, text_path) : 0;
}
