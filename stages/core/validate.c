/* validate.c - the plan's rules applied to nominations and files (the validate stage). */
#include "validate.h"
#include "buf.h"
#include "csvio.h"
#include "nominee.h"
#include "text.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Longest text a record field may bring into the checks (bytes). */
#define FIELD_MAX 65536
/* Longest unit name kept as written (bytes). */
#define UNIT_NAME_MAX 160
/* Evidence phrases quoted in a thieu_minh_chung message. */
#define EVIDENCE_EXAMPLES 4

int validator_init(struct validator *v, const struct plan *p, const char *month,
		   struct problem_sink *sink)
{
	memset(v, 0, sizeof *v);
	v->plan = p;
	v->sink = sink;
	if (month_parse(month, &v->year, &v->month) != 0)
		return error("tháng không hợp lệ: \"%s\" (cần dạng YYYY-MM, ví dụ 2026-11)",
			     month ? month : "");
	snprintf(v->thang, sizeof v->thang, "%04d-%02d", v->year, v->month);
	return 0;
}

/* A date "YYYY-MM-DD" -> y, m, d.  Returns 0 or -1. */
static int parse_date(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	return 0;
}

static char *bounded_copy(const char *s)
{
	size_t n = strnlen(s, FIELD_MAX);
	while (n && n < strlen(s) && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return xstrndup(s, n);
}

/* vn_normalize of a record field, bounded. */
static char *norm(const char *s)
{
	s = s ? s : "";
	if (strnlen(s, FIELD_MAX + 1) <= FIELD_MAX) /* within the bound: no copy */
		return vn_normalize(s);
	char *c = bounded_copy(s);
	char *t = vn_normalize(c);
	free(c);
	return t;
}

/* vn_key of a record field, bounded. */
static char *key(const char *s)
{
	s = s ? s : "";
	if (strnlen(s, FIELD_MAX + 1) <= FIELD_MAX)
		return vn_key(s);
	char *c = bounded_copy(s);
	char *t = vn_key(c);
	free(c);
	return t;
}

/* ---- unit ---- */

/* 1 for a folder named like a month ("2026-11"). */
static int is_month_folder(const char *s, size_t len)
{
	char tmp[8];
	int y, m;
	if (len != 7)
		return 0;
	memcpy(tmp, s, 7);
	tmp[7] = '\0';
	return month_parse(tmp, &y, &m) == 0;
}

/* Cuts s to at most max bytes, at a space. */
static void cut_words(char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return;
	n = max;
	while (n && s[n] != ' ')
		n--;
	if (!n) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	s[n] = '\0';
}

/* A path component with '-' and '_' read as spaces, normalised. */
static char *component_text(const char *s, size_t len)
{
	char *c = xstrndup(s, len);
	for (char *p = c; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	char *t = vn_normalize(c);
	free(c);
	return t;
}

const struct plan_unit *validate_find_unit(const struct plan *p, const char *goc, const char *nguon,
					   char **written)
{
	const struct plan_unit *u = NULL;
	char *as_written = norm(goc);
	char *folder = NULL;
	if (*as_written)
		u = plan_match_unit(p, as_written);
	/* the folders of the source, innermost first, then the file name */
	const char *path = nguon ? nguon : "";
	size_t plen = strnlen(path, 4096);
	const char *base = path;
	for (size_t i = 0; i < plen; i++)
		if (path[i] == '/')
			base = path + i + 1;
	const char *end = base > path ? base - 1 : path;
	while (!u && end > path) {
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		size_t len = (size_t)(end - start);
		if (len && !is_month_folder(start, len)) {
			char *t = component_text(start, len);
			if (!folder && *t) {
				folder = xstrdup(t);
				cut_words(folder, UNIT_NAME_MAX);
			}
			u = plan_match_unit(p, t);
			free(t);
		}
		end = start > path ? start - 1 : path;
	}
	if (!u && *base) {
		size_t blen = strnlen(base, 1024);
		const char *dot = NULL;
		for (size_t i = 0; i < blen; i++)
			if (base[i] == '.')
				dot = base + i;
		char *t = component_text(base, dot && dot > base ? (size_t)(dot - base) : blen);
		u = plan_match_unit(p, t);
		free(t);
	}
	if (u) {
		*written = xstrdup(u->ten);
	} else if (*as_written) {
		*written = vn_collective_name(as_written, plan_vocab(p));
		cut_words(*written, UNIT_NAME_MAX);
	} else if (folder) {
		*written = xstrdup(folder);
	} else {
		*written = xstrdup("");
	}
	free(as_written);
	free(folder);
	return u;
}

static void check_unit(struct validator *v, struct record *r)
{
	const char *goc = rec_get(r, R_DON_VI_GOC);
	if (!*goc)
		goc = rec_get(r, R_DON_VI);
	char *written = NULL;
	const struct plan_unit *u = validate_find_unit(v->plan, goc, rec_get(r, R_NGUON), &written);
	if (u && u->hoat_dong) {
		rec_set(r, R_MA_DON_VI, u->ma);
		rec_take(r, R_DON_VI, written);
		return;
	}
	rec_set(r, R_MA_DON_VI, NULL);
	char *detail;
	if (u)
		detail = xasprintf("“%s”, %s; đề nghị đơn vị ghi tên đơn vị hiện nay", u->ten,
				   *u->ghi_chu ? u->ghi_chu : "đơn vị không còn hoạt động");
	else if (*written)
		detail = xasprintf("“%s”", written);
	else
		detail = xstrdup("văn bản không ghi tên đơn vị");
	rec_take(r, R_DON_VI, written);
	problem_report_rec(v->sink, r, PC_DON_VI_KHONG_RO, detail);
	free(detail);
}

/* ---- field ---- */

static void check_field(struct validator *v, struct record *r)
{
	const char *sources[] = {rec_get(r, R_LINH_VUC_GOC), rec_get(r, R_LINH_VUC),
				 rec_get(r, R_TIEU_DE)};
	int so = 0;
	for (size_t i = 0; i < ARRAY_SIZE(sources) && !so; i++)
		if (*sources[i])
			so = plan_match_field(v->plan, sources[i]);
	if (!so)
		so = plan_field_led_by(v->plan, rec_get(r, R_MA_DON_VI));
	if (so) {
		char num[4];
		snprintf(num, sizeof num, "%d", so);
		rec_set(r, R_LINH_VUC, num);
		return;
	}
	rec_set(r, R_LINH_VUC, NULL);
	char *goc = norm(sources[0]);
	char *detail = *goc ? xasprintf("ghi “%s”, không khớp lĩnh vực nào", goc)
			    : xstrdup("không ghi lĩnh vực");
	problem_report_rec(v->sink, r, PC_LINH_VUC_KHONG_RO, detail);
	free(detail);
	free(goc);
}

/* ---- type and name ---- */

/* The type a name's opening words tell (the vocabulary's dau-ten-* groups:
 * with diacritics as identity keys; typed without them, only the
 * unambiguous openers of the -khong-dau groups), or LOAI_NONE. */
static enum subject_type type_from_name(const struct vocab *voc, const char *name)
{
	char *c = bounded_copy(name);
	char *k = vn_ident_key(c);
	free(c);
	enum subject_type t = LOAI_NONE;
	if (vocab_starts(voc, VG_DAU_TEN_HO, VF_IDENT, k) && strchr(k, ' '))
		t = LOAI_HO_GIA_DINH;
	else if (vocab_starts(voc, VG_DAU_TEN_TAP_THE, VF_IDENT, k))
		t = LOAI_TAP_THE;
	free(k);
	if (t == LOAI_NONE) {
		char *pk = key(name);
		if (vocab_starts(voc, VG_DAU_TEN_HO_KD, VF_KEY, pk))
			t = LOAI_HO_GIA_DINH;
		else if (vocab_starts(voc, VG_DAU_TEN_TAP_THE_KD, VF_KEY, pk))
			t = LOAI_TAP_THE;
		free(pk);
	}
	return t;
}

static void check_type(struct validator *v, struct record *r)
{
	enum subject_type t = plan_match_type(v->plan, rec_get(r, R_LOAI_GOC));
	if (t == LOAI_NONE)
		t = loai_from_code(rec_get(r, R_LOAI));
	if (t == LOAI_NONE)
		t = type_from_name(plan_vocab(v->plan), rec_get(r, R_TEN));
	if (t == LOAI_NONE)
		t = LOAI_CA_NHAN; /* a year of birth, a gender, or nothing: a person */
	rec_set(r, R_LOAI, loai_code(t));
	const struct plan_field *f = plan_field(v->plan, atoi(rec_get(r, R_LINH_VUC)));
	if (!f || (f->loai_cho_phep & t))
		return;
	char *allowed = loai_mask_label(f->loai_cho_phep);
	char *detail = xasprintf("%s không thuộc diện giới thiệu ở lĩnh vực %d (%s); lĩnh "
				 "vực này chỉ giới thiệu %s",
				 loai_label(t), f->so, f->ten_ngan, allowed);
	problem_report_rec(v->sink, r, PC_LOAI_KHONG_PHU_HOP, detail);
	free(detail);
	free(allowed);
}

/* The first word of s (a normalised string) and the rest. */
static void split_first(const char *s, char **first, const char **rest)
{
	size_t n = strcspn(s, " ");
	*first = xstrndup(s, n);
	*rest = s[n] ? s + n + 1 : s + n;
}

/* "Hộ ông NÔNG VĂN DŨNG" -> "Hộ ông Nông Văn Dũng"; "Gia đình bà X" ->
 * "Hộ bà X"; "Ông X" -> "Hộ ông X"; "X" -> "X". */
/* 1 when the first word of s is w (as an identity key). */
static int next_word_is(const char *s, const char *w)
{
	char *first;
	const char *rest;
	split_first(s, &first, &rest);
	char *k = vn_ident_key(first);
	int is = strcmp(k, w) == 0;
	free(k);
	free(first);
	return is;
}

static char *household_name(const struct vocab *voc, const char *raw)
{
	char *s = norm(raw);
	const char *p = s;
	int had_ho = 0;
	char *honorific = NULL;
	for (int step = 0; step < 4 && *p; step++) {
		char *w;
		const char *rest;
		split_first(p, &w, &rest);
		char *k = vn_ident_key(w);
		free(w);
		if (!had_ho && !honorific && strcmp(k, "hộ") == 0) {
			had_ho = 1;
			p = rest;
		} else if (!honorific && strcmp(k, "gia") == 0 && str_starts_with(rest, "đình ")) {
			p = rest + strlen("đình ");
			had_ho = 1;
		} else if (!honorific && (strcmp(k, "hai") == 0 || strcmp(k, "vợ") == 0) &&
			   next_word_is(rest, strcmp(k, "hai") == 0 ? "vợ" : "chồng")) {
			/* "Vợ chồng ông ...", "Hai vợ chồng ...": the household */
			int hai = strcmp(k, "hai") == 0;
			split_first(rest, &w, &p);
			free(w);
			if (hai && next_word_is(p, "chồng")) {
				split_first(p, &w, &rest);
				free(w);
				p = rest;
			}
			had_ho = 1;
		} else if (!honorific && (strcmp(k, "ông") == 0 || strcmp(k, "bà") == 0 ||
					  strcmp(k, "anh") == 0 || strcmp(k, "chị") == 0)) {
			honorific = k;
			k = NULL;
			p = rest;
		} else {
			free(k);
			break;
		}
		free(k);
	}
	char *stripped = vn_strip_honorific(p, voc);
	char *proper = vn_proper_name(stripped);
	char *out;
	if (!*proper)
		out = xstrdup("");
	else if (honorific)
		out = xasprintf("Hộ %s %s", honorific, proper);
	else if (had_ho)
		out = xasprintf("Hộ %s", proper);
	else
		out = xstrdup(proper);
	free(proper);
	free(stripped);
	free(honorific);
	free(s);
	return out;
}

/* "nam", "nu" or NULL from the honorific a person's name starts with (the
 * vocabulary's danh-xung-nam, danh-xung-nu). */
static const char *gender_from_honorific(const struct vocab *voc, const char *raw)
{
	char *c = bounded_copy(raw);
	char *k = vn_ident_key(c);
	free(c);
	const char *g = NULL;
	if (vocab_starts(voc, VG_DANH_XUNG_NAM, VF_IDENT, k))
		g = "nam";
	else if (vocab_starts(voc, VG_DANH_XUNG_NU, VF_IDENT, k))
		g = "nu";
	free(k);
	return g;
}

/* Removes honorifics, titles and ranks from the front of a person's name
 * ("Đồng chí Thiếu tá Đàm Văn Quyết", "Bs. Lương Thị Thu").  Returns the
 * name (malloc'd) and in *title the first title removed (malloc'd or NULL). */
static char *strip_person_titles(const struct vocab *voc, const char *raw, char **title)
{
	/* titles are tried before honorifics: "Thầy thuốc ưu tú ..." is a
	 * title, not "Thầy" and a name */
	char *s = vn_normalize(raw);
	*title = NULL;
	for (int round = 0; round < 6; round++) {
		/* the first one to four words ("nhà giáo ưu tú"), as an
		 * identity key */
		size_t ends[4], n = 0;
		for (size_t i = 0; s[i] && n < 4; i++)
			if (s[i + 1] == ' ' || s[i + 1] == '\0')
				ends[n++] = i + 1;
		size_t cut = 0;
		for (size_t w = n; w-- > 0 && !cut;) {
			if (!s[ends[w]])
				continue; /* keep at least one word of name */
			char *head = xstrndup(s, ends[w]);
			char *k = vn_ident_key(head);
			if (vocab_is(voc, VG_CHUC_DANH_TRUOC_TEN, VF_IDENT, k))
				cut = ends[w];
			if (cut && !*title) {
				char *trim = xstrndup(head, strcspn(head, ".:"));
				*title = vn_normalize(trim);
				free(trim);
			}
			free(k);
			free(head);
		}
		if (!cut) {
			char *h = vn_strip_honorific(s, voc);
			int same = strcmp(h, s) == 0;
			free(s);
			s = h;
			if (same)
				break;
			continue;
		}
		const char *after = s + cut;
		while (*after == ' ' || *after == '.' || *after == ':' || *after == ',')
			after++;
		char *rest = vn_normalize(after);
		free(s);
		s = rest;
	}
	return s;
}

/* 1 when s has a letter (a name made only of digits or marks is no name). */
static int has_letter(const char *s)
{
	char *k = vn_key(s);
	int found = 0;
	for (const char *p = k; *p && !found; p++)
		found = *p >= 'a' && *p <= 'z';
	free(k);
	return found;
}

/* A person's name followed by a note ("Nguyễn Văn An (Trưởng xóm)",
 * "Nông Văn Tài - Đội trưởng", "Hoàng Thị Lan, giáo viên"): cuts s at the
 * note and returns the note (malloc'd, without its brackets), or NULL.  A
 * name itself has no brackets, commas or spaced dashes. */
static char *split_name_note(char *s)
{
	static const char *const seps[] = {"(", ",", " - ", " – ", " — "};
	size_t cut = strlen(s);
	for (size_t i = 0; i < ARRAY_SIZE(seps); i++) {
		const char *p = strstr(s, seps[i]);
		if (p && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	if (cut == strlen(s) || cut == 0)
		return NULL;
	char *head = xstrndup(s, cut);
	if (!has_letter(head)) {
		free(head);
		return NULL;
	}
	const char *t = s + cut;
	while (*t == ' ' || *t == '(' || *t == ',' || *t == '-' || (unsigned char)*t >= 0x80) {
		if ((unsigned char)*t >= 0x80) { /* the en or em dash only */
			if (strncmp(t, "–", strlen("–")) == 0 || strncmp(t, "—", strlen("—")) == 0)
				t += strlen("–");
			else
				break;
		} else {
			t++;
		}
	}
	char *note = xstrdup(t);
	size_t n = strlen(note);
	while (n && (note[n - 1] == ')' || note[n - 1] == ' ' || note[n - 1] == '.'))
		note[--n] = '\0';
	size_t h = strlen(head);
	while (h && head[h - 1] == ' ')
		head[--h] = '\0';
	strcpy(s, head);
	free(head);
	char *out = vn_normalize(note);
	free(note);
	return out;
}

static void check_name(struct validator *v, struct record *r)
{
	enum subject_type t = loai_from_code(rec_get(r, R_LOAI));
	const char *raw = rec_get(r, R_TEN);
	const struct vocab *voc = plan_vocab(v->plan);
	char *name;
	/* A spreadsheet formula ("=HYPERLINK(...)", "=A5") is not a name,
	 * whatever letters it holds. */
	const char *lead = raw;
	while (*lead == ' ' || *lead == '\t')
		lead++;
	if (*lead == '=' || *lead == '+' || *lead == '@') {
		rec_set(r, R_TEN, NULL);
		problem_report_rec(v->sink, r, PC_THIEU_TEN,
				   "ô tên là công thức bảng tính, không phải họ tên");
		return;
	}
	if (t == LOAI_TAP_THE) {
		char *s = norm(raw);
		name = vn_collective_name(s, voc);
		free(s);
	} else if (t == LOAI_HO_GIA_DINH) {
		name = household_name(voc, raw);
	} else {
		char *s = norm(raw);
		char *title = NULL;
		char *stripped = strip_person_titles(voc, s, &title);
		char *note = split_name_note(stripped);
		name = vn_proper_name(stripped);
		if (title && *title && !*rec_get(r, R_CHUC_VU))
			rec_set(r, R_CHUC_VU, title);
		if (note && *note && !*rec_get(r, R_CHUC_VU))
			rec_set(r, R_CHUC_VU, note);
		free(note);
		free(title);
		free(stripped);
		free(s);
		if (!*rec_get(r, R_GIOI_TINH)) {
			const char *g = gender_from_honorific(voc, raw);
			if (g)
				rec_set(r, R_GIOI_TINH, g);
		}
	}
	if (!has_letter(name)) {
		rec_set(r, R_TEN, NULL);
		problem_report_rec(v->sink, r, PC_THIEU_TEN,
				   t == LOAI_TAP_THE ? "chưa ghi tên tập thể" : "chưa ghi họ tên");
		free(name);
		return;
	}
	rec_take(r, R_TEN, name);
}

/* ---- year of birth, gender, ethnic group ---- */

static void check_birth(struct validator *v, struct record *r)
{
	enum subject_type t = loai_from_code(rec_get(r, R_LOAI));
	char *raw = norm(rec_get(r, R_NAM_SINH));
	if (t == LOAI_TAP_THE || !*raw) {
		rec_set(r, R_NAM_SINH, NULL);
		free(raw);
		return;
	}
	int year = vn_parse_year(raw);
	char *detail = NULL;
	if (!year) {
		if (strpbrk(raw, "0123456789"))
			detail = xasprintf("ghi “%s”, không đọc được năm sinh (cần 4 chữ số)", raw);
	} else if (year > v->year - v->plan->tuoi_toi_thieu) {
		detail = xasprintf("năm sinh %d sau tháng %02d/%d đang tổng hợp", year, v->month,
				   v->year);
	} else if (v->year - year > v->plan->tuoi_toi_da) {
		detail = xasprintf("năm sinh %d, tức trên %d tuổi", year, v->plan->tuoi_toi_da);
	}
	if (year) {
		char y[8];
		snprintf(y, sizeof y, "%04d", year);
		rec_set(r, R_NAM_SINH, y);
	} else {
		rec_set(r, R_NAM_SINH, NULL);
	}
	if (detail)
		problem_report_rec(v->sink, r, PC_NAM_SINH_SAI, detail);
	free(detail);
	free(raw);
}

static void check_gender(struct validator *v, struct record *r)
{
	if (loai_from_code(rec_get(r, R_LOAI)) == LOAI_TAP_THE) {
		rec_set(r, R_GIOI_TINH, NULL);
		return;
	}
	char *k = key(rec_get(r, R_GIOI_TINH));
	const char *g = NULL;
	const struct vocab *voc = plan_vocab(v->plan);
	if (vocab_is(voc, VG_GIOI_TINH_NAM, VF_KEY, k))
		g = "nam";
	else if (vocab_is(voc, VG_GIOI_TINH_NU, VF_KEY, k))
		g = "nu";
	if (!g && *k) {
		int has_nu = vn_key_contains(k, "nu"), has_nam = vn_key_contains(k, "nam");
		if (has_nu != has_nam)
			g = has_nu ? "nu" : "nam";
	}
	rec_set(r, R_GIOI_TINH, g);
	free(k);
}

static void check_ethnic(struct validator *v, struct record *r)
{
	char *raw = norm(rec_get(r, R_DAN_TOC));
	const char *e = *raw ? plan_match_ethnic(v->plan, raw) : NULL;
	if (e)
		rec_set(r, R_DAN_TOC, e);
	else
		rec_set(r, R_DAN_TOC, raw);
	free(raw);
}

/* ---- summary ---- */

static void check_summary(struct validator *v, struct record *r)
{
	char *s = norm(rec_get(r, R_THANH_TICH));
	size_t words = vn_word_count(s);
	if (words == 0) {
		rec_set(r, R_THANH_TICH, NULL);
		problem_report_rec(v->sink, r, PC_THIEU_THANH_TICH, NULL);
		free(s);
		return;
	}
	if (words < (size_t)v->plan->so_tu_toi_thieu) {
		char *d = xasprintf("%zu từ, cần ít nhất %d từ", words, v->plan->so_tu_toi_thieu);
		problem_report_rec(v->sink, r, PC_THANH_TICH_NGAN, d);
		free(d);
	}
	const struct plan_field *f = plan_field(v->plan, atoi(rec_get(r, R_LINH_VUC)));
	enum subject_type t = loai_from_code(rec_get(r, R_LOAI));
	int ti = t == LOAI_TAP_THE ? 0 : t == LOAI_CA_NHAN ? 1 : t == LOAI_HO_GIA_DINH ? 2 : -1;
	if (f && ti >= 0 && (f->loai_cho_phep & t) && f->minh_chung[ti].n) {
		/* A summary written with diacritics is matched with them, so that
		 * "thực hiện" is not "hiến (đất)", "trong xóm" not "trồng", "chính
		 * sách" not "sạch"; one typed without them, without. */
		char *ik = vn_ident_key(s);
		int marks = 0;
		for (const char *c = ik; *c && !marks; c++)
			marks = (unsigned char)*c >= 0x80;
		int found = 0;
		if (marks) {
			const struct strlist *d = &f->minh_chung_dau[ti];
			for (size_t i = 0; i < d->n && !found; i++)
				found = vn_key_contains(ik, d->v[i]);
		} else {
			char *k = vn_key(s);
			for (size_t i = 0; i < f->minh_chung[ti].n && !found; i++)
				found = vn_key_contains(k, f->minh_chung[ti].v[i]);
			free(k);
		}
		free(ik);
		if (!found) {
			struct buf b = BUF_INIT;
			char *what = vn_lower(loai_label(t));
			buf_printf(&b, "lĩnh vực %d (%s), đối tượng %s; chưa nêu nội dung như ",
				   f->so, f->ten_ngan, what);
			free(what);
			const struct strlist *ex = &f->minh_chung_goc[ti];
			for (size_t i = 0; i < ex->n && i < EVIDENCE_EXAMPLES; i++)
				buf_printf(&b, "%s“%s”", i ? ", " : "", ex->v[i]);
			if (ex->n > EVIDENCE_EXAMPLES)
				buf_adds(&b, "...");
			problem_report_rec(v->sink, r, PC_THIEU_MINH_CHUNG, buf_cstr(&b));
			buf_release(&b);
		}
	}
	rec_take(r, R_THANH_TICH, s);
}

/* ---- dates, month, encoding ---- */

/* The submission date: the document's date, else the file's. */
static const char *submission_date(const char *ngay_vb, const char *ngay_tep)
{
	int y, m, d;
	if (parse_date(ngay_vb, &y, &m, &d) == 0)
		return ngay_vb;
	if (parse_date(ngay_tep, &y, &m, &d) == 0)
		return ngay_tep;
	return "";
}

/* Remembers the earliest written date of the records of r's file. */
static void note_file_date(struct validator *v, const char *nguon, const char *date)
{
	struct file_date *last = v->nfdates ? &v->fdates[v->nfdates - 1] : NULL;
	if (!last || strcmp(last->nguon, nguon) != 0) {
		XGROW(v->fdates, v->cap_fdates, v->nfdates + 1);
		last = &v->fdates[v->nfdates++];
		last->nguon = xstrdup(nguon);
		last->date[0] = '\0';
	}
	if (!last->date[0] || strcmp(date, last->date) < 0)
		snprintf(last->date, sizeof last->date, "%s", date);
}

/* The earliest written record date of file nguon, or NULL. */
static const char *file_date_of(struct validator *v, const char *nguon)
{
	for (size_t k = 0; k < v->nfdates; k++) {
		size_t i = (v->fcursor + k) % v->nfdates;
		if (strcmp(v->fdates[i].nguon, nguon) == 0) {
			v->fcursor = i + 1;
			return v->fdates[i].date;
		}
	}
	return NULL;
}

void validator_release(struct validator *v)
{
	for (size_t i = 0; i < v->nfdates; i++)
		free(v->fdates[i].nguon);
	free(v->fdates);
	v->fdates = NULL;
	v->nfdates = v->cap_fdates = v->fcursor = 0;
}

static void check_dates(struct validator *v, struct record *r)
{
	/* a date that ingest already put in ngay_gui counts as the document's */
	const char *date = submission_date(rec_get(r, R_NGAY_VB), rec_get(r, R_NGAY_GUI));
	int written = *date != '\0';
	if (!*date)
		date = submission_date(rec_get(r, R_NGAY_TEP), NULL);
	rec_take(r, R_NGAY_GUI, xstrdup(date));
	date = rec_get(r, R_NGAY_GUI);
	if (written)
		note_file_date(v, rec_get(r, R_NGUON), date);
	int y, m, d;
	if (parse_date(date, &y, &m, &d) == 0) {
		long when = (long)y * 12 + (m - 1), run = (long)v->year * 12 + (v->month - 1);
		if (when > run || (when == run && d > v->plan->han_nop)) {
			char *detail =
			    xasprintf("gửi ngày %02d/%02d/%04d, hạn nộp ngày %02d/%02d/%04d", d, m,
				      y, v->plan->han_nop, v->month, v->year);
			problem_report_rec(v->sink, r, PC_GUI_MUON, detail);
			free(detail);
		}
	}
	const char *thang_vb = rec_get(r, R_THANG_VB);
	int ty, tm;
	if (month_parse(thang_vb, &ty, &tm) == 0 && (ty != v->year || tm != v->month)) {
		char *detail =
		    xasprintf("văn bản ghi tháng %02d/%04d, đang tổng hợp tháng %02d/%04d", tm, ty,
			      v->month, v->year);
		problem_report_rec(v->sink, r, PC_THANG_KHONG_KHOP, detail);
		free(detail);
	}
	char *ma_cu = norm(rec_get(r, R_MA_CU));
	if (*ma_cu) {
		char *detail = xasprintf("bảng mã %s", ma_cu);
		problem_report_rec(v->sink, r, PC_MA_CU, detail);
		free(detail);
	}
	free(ma_cu);
}

static void normalise_text_fields(struct record *r)
{
	static const enum rec_field fields[] = {R_CHUC_VU, R_NOI_CONG_TAC};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		rec_take(r, fields[i], norm(rec_get(r, fields[i])));
}

void validate_record(struct validator *v, struct record *r)
{
	if (!*rec_get(r, R_THANG))
		rec_set(r, R_THANG, v->thang);
	check_unit(v, r);
	check_field(v, r);
	check_type(v, r);
	check_name(v, r);
	check_birth(v, r);
	check_gender(v, r);
	check_ethnic(v, r);
	normalise_text_fields(r);
	check_summary(v, r);
	check_dates(v, r);
	rec_set(r, R_TRANG_THAI, nom_status_name(nom_status_from_codes(rec_get(r, R_VAN_DE))));
	v->nrecords++;
}

void validate_file_row(struct validator *v, struct file_row *f)
{
	char *written = NULL;
	const struct plan_unit *u = validate_find_unit(v->plan, file_row_get(f, FL_DON_VI_GOC),
						       file_row_get(f, FL_NGUON), &written);
	file_row_set(f, FL_MA_DON_VI, u && u->hoat_dong ? u->ma : NULL);
	file_row_set(f, FL_DON_VI, written);
	free(written);
	const char *date = submission_date(file_row_get(f, FL_NGAY_VB), "");
	if (!*date)
		date = file_date_of(v, file_row_get(f, FL_NGUON));
	if (!date || !*date)
		date = submission_date(file_row_get(f, FL_NGAY_TEP), "");
	file_row_set(f, FL_NGAY_GUI, date);
}

/* ---- the stage ---- */

struct run_ctx {
	struct validator *v;
	FILE *out;
};

static int on_record(void *ctx, struct record *r)
{
	struct run_ctx *c = ctx;
	validate_record(c->v, r);
	rec_write_row(c->out, r, rec_all_fields, REC_NFIELDS);
	return 0;
}

static int on_file(void *ctx, struct file_row *f)
{
	struct run_ctx *c = ctx;
	validate_file_row(c->v, f);
	file_row_write(c->out, f);
	return 0;
}

int validate_run(const struct plan *p, const char *month, const char *records_in,
		 const char *files_in, const char *out, const char *files_out,
		 const char *problems_out, int echo)
{
	int rc = -1;
	struct validator v;
	struct problem_sink sink;
	char *tmp_rec = NULL, *tmp_files = NULL, *tmp_prob = NULL;
	FILE *frec = NULL, *ffiles = NULL, *fprob = NULL;
	if (validator_init(&v, p, month, &sink) != 0)
		return -1;
	if (!(frec = open_tmp(out, &tmp_rec)) || !(ffiles = open_tmp(files_out, &tmp_files)) ||
	    !(fprob = open_tmp(problems_out, &tmp_prob)))
		goto out;
	problem_sink_init(&sink, fprob, echo);
	problem_write_header(fprob);
	rec_write_header(frec, rec_all_fields, REC_NFIELDS);
	file_row_write_header(ffiles);
	struct run_ctx c = {&v, frec};
	if (rec_read_path(records_in, on_record, &c) != 0)
		goto out;
	c.out = ffiles;
	if (file_rows_read(files_in, on_file, &c) != 0)
		goto out;
	if (commit_tmp(frec, tmp_rec, out) != 0) {
		frec = NULL;
		goto out;
	}
	frec = NULL;
	if (commit_tmp(ffiles, tmp_files, files_out) != 0) {
		ffiles = NULL;
		goto out;
	}
	ffiles = NULL;
	if (commit_tmp(fprob, tmp_prob, problems_out) != 0) {
		fprob = NULL;
		goto out;
	}
	fprob = NULL;
	rc = 0;
out:
	if (frec)
		abort_tmp(frec, tmp_rec);
	if (ffiles)
		abort_tmp(ffiles, tmp_files);
	if (fprob)
		abort_tmp(fprob, tmp_prob);
	validator_release(&v);
	return rc;
}
