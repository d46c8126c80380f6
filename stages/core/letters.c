/* letters.c - the feedback notes to units, the reminder letter and gui-thu.csv of a month. */
#include "letters.h"

#include "buf.h"
#include "counts.h"
#include "csvio.h"
#include "doc.h"
#include "doc_docx.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* More addressees than this: "Kính gửi" names them as a group and the
 * table lists them. */
#define KINH_GUI_MAX 6

/* ---- the data ---- */

static int has_key(const struct render_ctx *c, const char *key)
{
	return conf_get(&c->tpl, key, NULL) != NULL;
}

/* Calls fn for each code of a ';'-separated list. */
static int each_code(const char *list, int (*fn)(void *, const char *), void *ctx)
{
	char code[64];
	for (const char *s = list ? list : ""; *s;) {
		size_t n = strcspn(s, ";");
		if (n > 0 && n < sizeof(code)) {
			memcpy(code, s, n);
			code[n] = '\0';
			int rc = fn(ctx, code);
			if (rc)
				return rc;
		}
		s += n;
		if (*s)
			s++;
	}
	return 0;
}

struct fix_ctx {
	const struct render_ctx *c;
	struct buf *out; /* NULL: only tell whether something is to fix */
};

static int on_fix_code(void *p, const char *code)
{
	struct fix_ctx *f = p;
	char key[96];
	snprintf(key, sizeof(key), "sua.%s", code);
	if (!has_key(f->c, key))
		return 0;
	/* Lateness cannot be fixed any more, and a nominee already in the
	 * month's list (trung_lap) needs nothing: told, but no reason alone
	 * for a note. */
	if (!f->out)
		return strcmp(code, "gui_muon") != 0 && strcmp(code, "trung_lap") != 0;
	char *t = render_expand(f->c, key, NULL);
	if (*t) {
		if (f->out->len)
			buf_addc(f->out, '\n');
		buf_adds(f->out, t);
	}
	free(t);
	return 0;
}

static int is_code(void *want, const char *code)
{
	return strcmp(code, want) == 0;
}

static int has_code(const char *list, const char *code)
{
	return each_code(list, is_code, (void *)code);
}

/* A nomination the unit can act on: not accepted as it is, and with a
 * problem the templates tell how to fix (a record the unit itself
 * replaced by a later list, or one only late, is not). */
static int needs_fix(const struct render_ctx *c, const struct rd_nom *n)
{
	if (n->status == RD_HOP_LE || (n->van_de && has_code(n->van_de, "gui_lai")))
		return 0; /* replaced by the unit's own later list */
	struct fix_ctx f = {c, NULL};
	return each_code(n->van_de, on_fix_code, &f) != 0;
}

/* What to fix, one instruction per line. */
static char *fix_text(const struct render_ctx *c, const struct rd_nom *n)
{
	struct buf b;
	buf_init(&b);
	struct fix_ctx f = {c, &b};
	each_code(n->van_de, on_fix_code, &f);
	if (!b.len) {
		buf_release(&b);
		return render_expand(c, "sua.khac", NULL);
	}
	return buf_detach(&b);
}

static const char *unit_col(const struct render_ctx *c, size_t i, const char *name)
{
	return rd_get(&c->units, i, name);
}

/* Row of unit ma in don-vi.csv, or -1. */
static long unit_row(const struct render_ctx *c, const char *ma)
{
	for (size_t i = 0; i < c->units.n; i++)
		if (strcmp(unit_col(c, i, "ma_don_vi"), ma) == 0)
			return (long)i;
	return -1;
}

/* A unit code usable as a file name: [A-Za-z0-9_-], at most 40. */
static int safe_code(const char *ma)
{
	size_t n = strlen(ma);
	return n > 0 && n <= 40 &&
	       strspn(ma, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			  "0123456789_-") == n;
}

/* "2026-11-19" -> "19/11/2026" ("" when not a date). */
static void fmt_date(char *out, size_t n, const char *iso)
{
	int y, m, d;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(out, n, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(out, n, "%s", "");
}

/* The deadline to resend: the report's day plus so_ngay_gui_lai days, as
 * the decree writes dates ("26 tháng 11 năm 2026"). */
static void set_resend_date(struct render_ctx *c)
{
	long days = conf_get_long(&c->tpl, "so_ngay_gui_lai", 5);
	if (days < 0 || days > 60)
		days = 5;
	struct tm tm = {.tm_year = c->year - 1900,
			.tm_mon = c->month - 1,
			.tm_mday = c->han_nop + 1 + (int)days,
			.tm_hour = 12};
	time_t t = timegm(&tm);
	struct tm out;
	gmtime_r(&t, &out);
	char d[8], m[8], s[64];
	rd_fmt_day(d, sizeof(d), out.tm_mday);
	rd_fmt_month(m, sizeof(m), out.tm_mon + 1);
	snprintf(s, sizeof(s), "%s tháng %s năm %d", d, m, out.tm_year + 1900);
	conf_set(&c->vars, "han_gui_lai", s);
}

/* ---- the documents ---- */

/* Header (Phòng Nội vụ), the trích yếu under the number, and "Kính gửi"
 * (kinh_gui: the line, or NULL when the caller writes it). */
static void opening(struct render_ctx *c, struct doc *d, const char *prefix, const char *kinh_gui)
{
	char k[64];
	char *date = render_expand(c, "ngay_thang", NULL);
	char *blank = render_expand(c, "ngay_thang", "ngay", "     ", NULL);
	snprintf(k, sizeof(k), "%s.so", prefix);
	char *num = render_expand(c, k, NULL);
	snprintf(k, sizeof(k), "%s.co_quan_chu_quan", prefix);
	const char *parent = render_tpl(c, k, "");
	snprintf(k, sizeof(k), "%s.co_quan", prefix);
	struct doc_header *h = doc_header(d, parent, render_tpl(c, k, "PHÒNG NỘI VỤ"), num, date);
	doc_header_blank(h, blank);
	snprintf(k, sizeof(k), "%s.trich_yeu", prefix);
	char *sub = render_expand(c, k, NULL);
	snprintf(k, sizeof(k), "%s.loai", prefix);
	doc_title(d, render_tpl(c, k, ""), sub, 14);
	if (kinh_gui)
		doc_para_text(d, 14, 17, DOC_CENTER, 0, 10, 10, DOC_REGULAR, kinh_gui);
	free(sub);
	free(num);
	free(blank);
	free(date);
}

static void letter_start(struct render_ctx *c, struct doc *d, const char *title_key,
			 const char *subject_key, const char *name)
{
	char *title = render_expand(c, title_key, "ten_don_vi", name, NULL);
	char *subject = render_expand(c, subject_key, NULL);
	/* One line: the trích yếu may be broken by hand. */
	for (char *p = subject; (p = strchr(p, '\n'));)
		*p = ' ';
	rd_doc_init(c, d, title, subject);
	free(title);
	free(subject);
	doc_section(d, 0, 1, 1, NULL);
}

size_t letters_feedback_build(struct render_ctx *c, const char *ma, struct doc *d)
{
	size_t nfix = 0;
	for (size_t i = 0; i < c->nnoms; i++)
		if (c->noms[i].ma_don_vi && strcmp(c->noms[i].ma_don_vi, ma) == 0 &&
		    needs_fix(c, &c->noms[i]))
			nfix++;
	if (!nfix)
		return 0;
	long ur = unit_row(c, ma);
	const char *name = ur >= 0 ? unit_col(c, (size_t)ur, "ten_don_vi") : "";
	for (size_t i = 0; !*name && i < c->nnoms; i++)
		if (c->noms[i].ma_don_vi && strcmp(c->noms[i].ma_don_vi, ma) == 0)
			name = c->noms[i].don_vi ? c->noms[i].don_vi : "";
	char so_guong[24], so_sua[24], sent[16];
	size_t total = 0;
	for (size_t i = 0; i < c->nnoms; i++)
		if (c->noms[i].ma_don_vi && strcmp(c->noms[i].ma_don_vi, ma) == 0)
			total++;
	rd_count(so_guong, sizeof(so_guong), total);
	rd_count(so_sua, sizeof(so_sua), nfix);
	fmt_date(sent, sizeof(sent), ur >= 0 ? unit_col(c, (size_t)ur, "ngay_gui") : "");
	char *sent_txt =
	    *sent ? render_expand(c, "ph.ngay_gui", "ngay_gui", sent, NULL) : xstrdup("");

	letter_start(c, d, "ph.tieu_de_tai_lieu", "ph.trich_yeu", name);
	char *kg = render_expand(c, "ph.kinh_gui", "ten_don_vi", name, NULL);
	opening(c, d, "ph", kg);
	free(kg);
	char *p = render_expand(c, "ph.mo_dau", "ten_don_vi", name, "so_guong_don_vi", so_guong,
				"so_can_sua", so_sua, "ngay_gui_don_vi", sent_txt, NULL);
	rd_body(d, 14, p);
	free(p);

	static const double w[4] = {DOC_MM(12), DOC_MM(50), DOC_MM(28), DOC_MM(75)};
	struct doc_table *t = doc_table(d, 4, w, 12, 14);
	doc_table_col(t, 0, DOC_CENTER, DOC_REGULAR);
	doc_table_col(t, 2, DOC_CENTER, DOC_REGULAR);
	const char *titles[4] = {render_tpl(c, "ph.cot.stt", "STT"),
				 render_tpl(c, "ph.cot.ten", "Họ và tên / Tên tập thể"),
				 render_tpl(c, "ph.cot.ket_qua", "Kết quả thẩm định"),
				 render_tpl(c, "ph.cot.can_sua", "Nội dung cần bổ sung")};
	doc_table_header(t, titles);
	size_t k = 0;
	for (size_t i = 0; i < c->nnoms; i++) {
		const struct rd_nom *n = &c->noms[i];
		if (!n->ma_don_vi || strcmp(n->ma_don_vi, ma) != 0 || !needs_fix(c, n))
			continue;
		char stt[24];
		snprintf(stt, sizeof(stt), "%zu", ++k);
		char *who = n->nam_sinh && *n->nam_sinh
				? xasprintf("%s (%s)", n->ten ? n->ten : "", n->nam_sinh)
				: xstrdup(n->ten ? n->ten : "");
		const char *res = render_tpl(
		    c, n->status == RD_CAN_XEM_XET ? "kq.can_xem_xet" : "kq.khong_hop_le", "");
		char *fix = fix_text(c, n);
		const char *cells[4] = {stt, who, res, fix};
		doc_table_cells(t, cells);
		free(who);
		free(fix);
	}
	p = render_expand(c, "ph.de_nghi", "ten_don_vi", name, NULL);
	rd_closing(c, d, 14, p, "ph");
	free(p);
	free(sent_txt);
	return nfix;
}

/* Units of the registry that sent nothing, or nothing acceptable. */
static int reminded(const struct render_ctx *c, size_t i)
{
	if (!*unit_col(c, i, "ma_don_vi"))
		return 0;
	const char *st = unit_col(c, i, "trang_thai");
	const char *dat =
	    c->units.ncols && csv_column(c->units.names, c->units.ncols, "dat_yeu_cau") >= 0
		? unit_col(c, i, "dat_yeu_cau")
		: NULL;
	return ct_unit_of(st) == CT_UNIT_CHUA_GUI ||
	       ct_unit_nothing_accepted(st, unit_col(c, i, "so_hop_le"), dat);
}

size_t letters_reminder_build(struct render_ctx *c, struct doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < c->units.n; i++)
		n += reminded(c, i) != 0;
	if (!n)
		return 0;
	char so[24];
	rd_count(so, sizeof(so), n);
	conf_set(&c->vars, "so_don_vi_don_doc", so);
	letter_start(c, d, "dd.tieu_de_tai_lieu", "dd.trich_yeu", "");
	if (n > KINH_GUI_MAX) {
		char *kg = render_expand(c, "dd.kinh_gui", NULL);
		opening(c, d, "dd", kg);
		free(kg);
	} else {
		/* "Kính gửi:" and one addressee a line, as offices write it. */
		opening(c, d, "dd", NULL);
		struct doc_para *p = doc_para(d, 14, 17, DOC_LEFT, 0, 10, 0);
		p->indent = DOC_MM(40);
		doc_run(p, DOC_REGULAR, render_tpl(c, "dd.kinh_gui_ngan", "Kính gửi:"));
		size_t k = 0;
		for (size_t i = 0; i < c->units.n; i++) {
			if (!reminded(c, i))
				continue;
			char *line =
			    xasprintf("- %s%s", unit_col(c, i, "ten_don_vi"), ++k == n ? "." : ";");
			struct doc_para *q = doc_para(d, 14, 17, DOC_LEFT, 0, 0, k == n ? 10 : 0);
			q->indent = DOC_MM(65);
			doc_run(q, DOC_REGULAR, line);
			free(line);
		}
	}
	rd_body_key(c, d, 14, "dd.mo_dau");
	rd_body_key(c, d, 14, "dd.tinh_hinh");
	static const double w[3] = {DOC_MM(12), DOC_MM(88), DOC_MM(65)};
	struct doc_table *t = doc_table(d, 3, w, 12, 14);
	doc_table_col(t, 0, DOC_CENTER, DOC_REGULAR);
	const char *titles[3] = {render_tpl(c, "dd.cot.stt", "STT"),
				 render_tpl(c, "dd.cot.don_vi", "Cơ quan, đơn vị, địa phương"),
				 render_tpl(c, "dd.cot.tinh_hinh", "Tình hình")};
	doc_table_header(t, titles);
	size_t k = 0;
	for (size_t i = 0; i < c->units.n; i++) {
		if (!reminded(c, i))
			continue;
		char stt[24], sg[24];
		snprintf(stt, sizeof(stt), "%zu", ++k);
		rd_count(sg, sizeof(sg), strtoul(unit_col(c, i, "so_guong"), NULL, 10));
		int none = ct_unit_of(unit_col(c, i, "trang_thai")) == CT_UNIT_CHUA_GUI;
		int zero = strtoul(unit_col(c, i, "so_guong"), NULL, 10) == 0;
		char *state = render_expand(c,
					    none   ? "dd.chua_gui"
					    : zero ? "dd.khong_doc_duoc"
						   : "dd.khong_dat",
					    "so_guong_don_vi", sg, NULL);
		const char *cells[3] = {stt, unit_col(c, i, "ten_don_vi"), state};
		doc_table_cells(t, cells);
		free(state);
	}
	char *p = render_expand(c, "dd.de_nghi", NULL);
	rd_closing(c, d, 14, p, "dd");
	free(p);
	return n;
}

/* ---- files ---- */

struct emails {
	char **ma, **email;
	size_t n, cap;
};

static int on_email(void *ctx, char **v, size_t row)
{
	struct emails *e = ctx;
	if (!*v[0] || !*v[1] || e->n >= 10000)
		return 0;
	XGROW(e->ma, e->cap, e->n + 1);
	e->email = xrealloc(e->email, e->cap * sizeof(char *));
	e->ma[e->n] = xstrdup(v[0]);
	/* One address a cell; stray spaces and control characters dropped. */
	char *s = xstrdup(v[1]);
	size_t j = 0;
	for (size_t i = 0; s[i]; i++)
		if ((unsigned char)s[i] > ' ')
			s[j++] = s[i];
	s[j] = '\0';
	e->email[e->n++] = s;
	return 0;
}

/* The registry's e-mail column (optional; the file or the column may be
 * absent). */
static void emails_load(struct emails *e, const char *plan_dir)
{
	memset(e, 0, sizeof(*e));
	char *path = xasprintf("%s/don-vi.csv", plan_dir ? plan_dir : "templates/plan");
	static const char *const cols[] = {"ma", "email"};
	if (access(path, R_OK) == 0)
		csv_read_named(path, cols, 2, on_email, e);
	free(path);
}

static const char *email_of(const struct emails *e, const char *ma)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->ma[i], ma) == 0)
			return strchr(e->email[i], '@') ? e->email[i] : "";
	return "";
}

static void emails_release(struct emails *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->ma[i]);
		free(e->email[i]);
	}
	free(e->ma);
	free(e->email);
}

/* Removes the letters of an earlier run from phan-hoi/. */
static void clear_old(const char *dir)
{
	char *ph = xasprintf("%s/phan-hoi", dir);
	DIR *dp = opendir(ph);
	if (dp) {
		struct dirent *de;
		while ((de = readdir(dp))) {
			if (de->d_name[0] == '.' || !(str_ends_with(de->d_name, ".pdf") ||
						      str_ends_with(de->d_name, ".docx")))
				continue;
			char *f = xasprintf("%s/%s", ph, de->d_name);
			unlink(f);
			free(f);
		}
		closedir(dp);
	}
	rmdir(ph); /* only when empty */
	free(ph);
	static const char *const old[] = {"don-doc.pdf", "don-doc.docx"};
	for (size_t i = 0; i < ARRAY_SIZE(old); i++) {
		char *f = xasprintf("%s/%s", dir, old[i]);
		unlink(f);
		free(f);
	}
}

/* Writes one letter as PDF and DOCX (base without extension), and its
 * text dump into .work/ when that folder exists. */
static int write_letter(struct render_ctx *c, const struct doc *d, const char *base,
			const char *dump_name)
{
	const char *dir = c->opts->dir;
	char *pdf = xasprintf("%s/%s.pdf", dir, base);
	char *docx = xasprintf("%s/%s.docx", dir, base);
	char *work = xasprintf("%s/.work", dir);
	struct stat st;
	char *txt = stat(work, &st) == 0 && S_ISDIR(st.st_mode)
			? xasprintf("%s/%s.txt", work, dump_name)
			: NULL;
	int rc = rd_write(c, d, pdf, txt) == 0 && doc_docx_write(d, docx) == 0 ? 0 : -1;
	free(pdf);
	free(docx);
	free(work);
	free(txt);
	return rc;
}

static void mail_row(FILE *f, const char *ma, const char *name, const char *email,
		     const char *subject, const char *file)
{
	const char *row[5] = {ma, name, email, subject, file};
	csv_write_row(f, row, 5);
}

int letters_write(struct render_ctx *c)
{
	const char *dir = c->opts->dir;
	int rc = 0;
	set_resend_date(c);
	clear_old(dir);
	struct emails em;
	emails_load(&em, c->opts->plan_dir);
	char *csv = xasprintf("%s/gui-thu.csv", dir);
	char *tmp = NULL;
	FILE *f = open_tmp(csv, &tmp);
	if (!f) {
		rc = -1;
		goto out;
	}
	csv_write_bom(f);
	static const char *const head[5] = {"ma_don_vi", "ten_don_vi", "email", "tieu_de",
					    "tep_dinh_kem"};
	csv_write_row(f, head, 5);

	/* Feedback notes, in the registry order of don-vi.csv. */
	char *ph = xasprintf("%s/phan-hoi", dir);
	int made_dir = 0;
	for (size_t i = 0; i < c->units.n && rc == 0; i++) {
		const char *ma = unit_col(c, i, "ma_don_vi");
		if (!safe_code(ma))
			continue;
		struct doc d;
		doc_init(&d);
		if (letters_feedback_build(c, ma, &d) > 0) {
			if (!made_dir && mkdir_p(ph) != 0)
				rc = -1;
			made_dir = 1;
			char *base = xasprintf("phan-hoi/%s", ma);
			char *dump = xasprintf("phan-hoi-%s", ma);
			if (rc == 0)
				rc = write_letter(c, &d, base, dump);
			char *subject = render_expand(c, "ph.thu_dien_tu", NULL);
			char *file = xasprintf("%s.pdf", base);
			mail_row(f, ma, unit_col(c, i, "ten_don_vi"), email_of(&em, ma), subject,
				 file);
			free(file);
			free(subject);
			free(base);
			free(dump);
		}
		doc_release(&d);
	}
	free(ph);

	/* The reminder: one letter, one mail row per addressee. */
	struct doc d;
	doc_init(&d);
	if (rc == 0 && letters_reminder_build(c, &d) > 0) {
		rc = write_letter(c, &d, "don-doc", "don-doc");
		char *subject = render_expand(c, "dd.thu_dien_tu", NULL);
		for (size_t i = 0; i < c->units.n; i++)
			if (reminded(c, i))
				mail_row(f, unit_col(c, i, "ma_don_vi"),
					 unit_col(c, i, "ten_don_vi"),
					 email_of(&em, unit_col(c, i, "ma_don_vi")), subject,
					 "don-doc.pdf");
		free(subject);
	}
	doc_release(&d);
	if (rc == 0)
		rc = commit_tmp(f, tmp, csv);
	else
		abort_tmp(f, tmp);
out:
	free(csv);
	emails_release(&em);
	return rc;
}
