/* nominee.c - the shared vocabulary and rules of a nominee (see nominee.h). */
#include "nominee.h"
#include "buf.h"
#include "plan.h"
#include "csvio.h"
#include "problem.h"
#include "text.h"
#include "util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---- */

static const char *const status_names[ST_NSTATUS] = {"hop_le", "can_xem_xet", "khong_hop_le"};
static const char *const unit_names[UNIT_NSTATES] = {"da_gui", "gui_muon", "chua_gui"};

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *nom_status_name(enum nom_status s)
{
	return (unsigned)s < ST_NSTATUS ? status_names[s] : "";
}

int nom_status_parse(const char *s)
{
	return name_index(status_names, ST_NSTATUS, s);
}

int nom_status_accepted(enum nom_status s)
{
	return s == ST_HOP_LE || s == ST_CAN_XEM_XET;
}

/* Calls cb for every code of a ';'-separated list until it returns non-zero. */
static int each_code(const char *list, int (*cb)(void *ctx, const char *code, size_t len),
		     void *ctx)
{
	const char *s = list ? list : "";
	while (*s) {
		const char *e = strchr(s, ';');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		int rc = cb(ctx, s, len);
		if (rc || !e)
			return rc;
		s = e + 1;
	}
	return 0;
}

static int worst_level(void *ctx, const char *code, size_t len)
{
	int *worst = ctx;
	char name[64];
	if (len >= sizeof name)
		return 0; /* no catalogue code is that long */
	memcpy(name, code, len);
	name[len] = '\0';
	int c = problem_code_by_name(name);
	if (c >= 0 && (int)problem_level((enum problem_code)c) > *worst)
		*worst = (int)problem_level((enum problem_code)c);
	return 0;
}

enum nom_status nom_status_from_codes(const char *van_de)
{
	int worst = LEVEL_THONG_TIN;
	each_code(van_de, worst_level, &worst);
	return worst == LEVEL_LOI	 ? ST_KHONG_HOP_LE
	       : worst == LEVEL_CANH_BAO ? ST_CAN_XEM_XET
					 : ST_HOP_LE;
}

static int is_code(void *ctx, const char *code, size_t len)
{
	const char *want = ctx;
	return strlen(want) == len && memcmp(code, want, len) == 0;
}

int nom_codes_have(const char *van_de, const char *code)
{
	return each_code(van_de, is_code, (void *)code);
}

int nom_type_rank(const char *loai)
{
	static const enum subject_type order[] = {LOAI_TAP_THE, LOAI_CA_NHAN, LOAI_HO_GIA_DINH};
	enum subject_type t = loai_from_code(loai);
	for (int i = 0; t != LOAI_NONE && i < (int)ARRAY_SIZE(order); i++)
		if (order[i] == t)
			return i;
	return *loai ? (int)ARRAY_SIZE(order) : (int)ARRAY_SIZE(order) + 1;
}

struct codes_edit {
	struct buf out;
	const char *code;
	int present, done;
};

static int edit_code(void *ctx, const char *code, size_t len)
{
	struct codes_edit *e = ctx;
	size_t n = strlen(e->code);
	if (len == n && memcmp(code, e->code, n) == 0)
		return 0; /* dropped, added back below when present */
	const char *qd = problem_code_name(PC_QUYET_DINH);
	if (e->present && !e->done && len == strlen(qd) && memcmp(code, qd, len) == 0) {
		buf_printf(&e->out, "%s%s", e->out.len ? ";" : "", e->code);
		e->done = 1;
	}
	if (len)
		buf_printf(&e->out, "%s%.*s", e->out.len ? ";" : "", (int)len, code);
	return 0;
}

char *nom_codes_with(const char *van_de, const char *code, int present)
{
	struct codes_edit e = {BUF_INIT, code, present, 0};
	each_code(van_de, edit_code, &e);
	if (present && !e.done)
		buf_printf(&e.out, "%s%s", e.out.len ? ";" : "", code);
	return buf_detach(&e.out);
}

const char *unit_state_name(enum unit_state s)
{
	return (unsigned)s < UNIT_NSTATES ? unit_names[s] : "";
}

int unit_state_parse(const char *s)
{
	return name_index(unit_names, UNIT_NSTATES, s);
}

int month_parse(const char *s, int *year, int *month)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	if (year)
		*year = y;
	if (month)
		*month = m;
	return 0;
}

/* ---- identity ---- */

int nominee_years_compatible(const char *a, const char *b)
{
	return !*a || !*b || strcmp(a, b) == 0;
}

int nominee_group_cmp(const struct nom_ident *a, const struct nom_ident *b)
{
	int c = strcmp(a->khoa, b->khoa);
	return c ? c : strcmp(a->loai, b->loai);
}

int nominee_same(const struct nom_ident *a, const struct nom_ident *b)
{
	return *a->khoa && nominee_group_cmp(a, b) == 0 &&
	       nominee_years_compatible(a->nam_sinh, b->nam_sinh);
}

char *nominee_history_detail(char *const *months, size_t n)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "đã giới thiệu %zu lần: ", n);
	for (size_t k = 0; k < n; k++)
		buf_printf(&b, "%s%s", k ? ", " : "", months[k]);
	return buf_detach(&b);
}

/* ---- order ---- */

int natural_ncmp(const char *a, size_t na, const char *b, size_t nb)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	const unsigned char *pe = p + na, *qe = q + nb;
	while (p < pe && q < qe) {
		if (*p >= '0' && *p <= '9' && *q >= '0' && *q <= '9') {
			while (p < pe && *p == '0')
				p++;
			while (q < qe && *q == '0')
				q++;
			size_t np = 0, nq = 0;
			while (p + np < pe && p[np] >= '0' && p[np] <= '9')
				np++;
			while (q + nq < qe && q[nq] >= '0' && q[nq] <= '9')
				nq++;
			if (np != nq)
				return np < nq ? -1 : 1;
			int c = memcmp(p, q, np);
			if (c)
				return c < 0 ? -1 : 1;
			p += np;
			q += nq;
			continue;
		}
		if (*p != *q)
			return *p < *q ? -1 : 1;
		p++;
		q++;
	}
	if (p < pe || q < qe)
		return p < pe ? 1 : -1;
	/* "01" and "1": still a total order (strcmp's) */
	int c = memcmp(a, b, na < nb ? na : nb);
	if (c)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

int natural_cmp(const char *a, const char *b)
{
	return natural_ncmp(a, strlen(a), b, strlen(b));
}

/* A counted string. */
struct cstr {
	const char *s;
	size_t n;
};

/* The fields of the output order, in order. */
enum { OK_THANG, OK_LINH_VUC, OK_LOAI, OK_SK_UNIT, OK_SK_NAME, OK_ID, OK_NGUON, OK_VI_TRI, OK_N };

static int cstr_cmp(struct cstr a, struct cstr b)
{
	int c = memcmp(a.s, b.s, a.n < b.n ? a.n : b.n);
	if (c)
		return c < 0 ? -1 : 1;
	return a.n < b.n ? -1 : a.n > b.n;
}

/* linh_vuc's class: 0 a number (strtol's whole text), 1 other text, 2 empty. */
static int field_class(struct cstr v, long *num)
{
	*num = 0;
	if (!v.n)
		return 2;
	char small[64], *t = v.n < sizeof small ? small : xmalloc(v.n + 1), *end;
	memcpy(t, v.s, v.n);
	t[v.n] = '\0';
	long n = strtol(t, &end, 10);
	int cls = *end || memchr(v.s, '\0', v.n) ? 1 : 0;
	if (t != small)
		free(t);
	if (cls == 0)
		*num = n;
	return cls;
}

static int type_rank_n(struct cstr v)
{
	char small[32];
	if (v.n >= sizeof small || memchr(v.s, '\0', v.n))
		return nom_type_rank("x"); /* other text */
	memcpy(small, v.s, v.n);
	small[v.n] = '\0';
	return nom_type_rank(small);
}

/* The output order over the fields of two records. */
static int order_cmp(const struct cstr *a, const struct cstr *b)
{
	int c;
	if ((c = cstr_cmp(a[OK_THANG], b[OK_THANG])))
		return c;
	long na, nb;
	int ca = field_class(a[OK_LINH_VUC], &na), cb = field_class(b[OK_LINH_VUC], &nb);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (na != nb)
		return na < nb ? -1 : 1;
	if ((c = cstr_cmp(a[OK_LINH_VUC], b[OK_LINH_VUC])))
		return c;
	int ra = type_rank_n(a[OK_LOAI]), rb = type_rank_n(b[OK_LOAI]);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	for (int k = OK_LOAI; k <= OK_SK_NAME; k++)
		if ((c = cstr_cmp(a[k], b[k])))
			return c;
	for (int k = OK_ID; k < OK_N; k++)
		if ((c = natural_ncmp(a[k].s, a[k].n, b[k].s, b[k].n)))
			return c;
	return 0;
}

static void rec_fields(const struct nom_rec *m, int by_month, struct cstr *f)
{
	const char *v[OK_N] = {by_month ? rec_get(&m->r, R_THANG) : "",
			       rec_get(&m->r, R_LINH_VUC),
			       rec_get(&m->r, R_LOAI),
			       m->sk_unit,
			       m->sk_name,
			       rec_get(&m->r, R_ID),
			       rec_get(&m->r, R_NGUON),
			       rec_get(&m->r, R_VI_TRI)};
	for (int k = 0; k < OK_N; k++)
		f[k] = (struct cstr){v[k], strlen(v[k])};
}

static int rec_order_cmp(const struct nom_rec *a, const struct nom_rec *b, int by_month)
{
	struct cstr fa[OK_N], fb[OK_N];
	rec_fields(a, by_month, fa);
	rec_fields(b, by_month, fb);
	return order_cmp(fa, fb);
}

static int rec_cmp(const void *x, const void *y)
{
	return rec_order_cmp(x, y, 0);
}

static int rec_cmp_month(const void *x, const void *y)
{
	return rec_order_cmp(x, y, 1);
}

void nom_recs_sort(struct nom_rec *v, size_t n, int by_month)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_month ? rec_cmp_month : rec_cmp);
}

void nom_rec_prepare(struct nom_rec *m)
{
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = vn_ident_key(rec_get(&m->r, R_TEN));
	m->sk_unit = vn_sort_key(rec_get(&m->r, R_DON_VI));
	m->sk_name = vn_sort_key(rec_get(&m->r, R_TEN));
}

void nom_rec_release(struct nom_rec *m)
{
	rec_release(&m->r);
	free(m->khoa);
	free(m->sk_unit);
	free(m->sk_name);
	m->khoa = m->sk_unit = m->sk_name = NULL;
}

struct nom_ident nom_rec_ident(const struct nom_rec *m)
{
	return (struct nom_ident){m->khoa, rec_get(&m->r, R_LOAI), rec_get(&m->r, R_NAM_SINH)};
}

const enum rec_field nom_dataset_cols[NOM_DATASET_NCOLS] = {
    R_ID,	R_THANG,     R_MA_DON_VI, R_DON_VI,  R_LINH_VUC,     R_LOAI,	   R_TEN,
    R_NAM_SINH, R_GIOI_TINH, R_DAN_TOC,	  R_CHUC_VU, R_NOI_CONG_TAC, R_THANH_TICH, R_TRANG_THAI,
    R_VAN_DE,	R_NGUON,     R_VI_TRI,	  R_SHA256,  R_NGAY_GUI,     R_GHI_CHU,
};

int nom_write_dataset(FILE *f, const struct nom_rec *v, size_t n)
{
	csv_write_bom(f);
	rec_write_header(f, nom_dataset_cols, NOM_DATASET_NCOLS);
	for (size_t i = 0; i < n; i++)
		rec_write_row(f, &v[i].r, nom_dataset_cols, NOM_DATASET_NCOLS);
	return ferror(f) ? -1 : 0;
}

/* The key: each field as "<decimal length>:<bytes>". */
void nominee_order_key(struct buf *b, const struct record *r, const char *sk_unit,
		       const char *sk_name)
{
	const char *v[OK_N] = {
	    "",	     rec_get(r, R_LINH_VUC), rec_get(r, R_LOAI),  sk_unit,
	    sk_name, rec_get(r, R_ID),	     rec_get(r, R_NGUON), rec_get(r, R_VI_TRI)};
	for (int k = 0; k < OK_N; k++) {
		/* "<decimal length>:" without printf: this runs for every record */
		size_t n = strlen(v[k]), len = 0;
		char digits[24];
		do
			digits[sizeof digits - 1 - len++] = (char)('0' + n % 10);
		while ((n /= 10) != 0);
		buf_add(b, digits + sizeof digits - len, len);
		buf_addc(b, ':');
		buf_adds(b, v[k]);
	}
}

/* Splits a nominee_order_key(); a malformed key gives empty fields. */
static void key_fields(const char *s, size_t n, struct cstr *f)
{
	size_t i = 0;
	for (int k = 0; k < OK_N; k++) {
		size_t len = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && len < n)
			len = len * 10 + (size_t)(s[i++] - '0');
		if (i < n && s[i] == ':')
			i++;
		if (len > n - i)
			len = n - i;
		f[k] = (struct cstr){s + i, len};
		i += len;
	}
}

static int order_collation(void *u, int na, const void *a, int nb, const void *b)
{
	struct cstr fa[OK_N], fb[OK_N];
	(void)u;
	key_fields(a, (size_t)na, fa);
	key_fields(b, (size_t)nb, fb);
	return order_cmp(fa, fb);
}

static int nat_collation(void *u, int na, const void *a, int nb, const void *b)
{
	(void)u;
	return natural_ncmp(a, (size_t)na, b, (size_t)nb);
}

static const char *arg_text(sqlite3_value *v)
{
	const unsigned char *s = sqlite3_value_text(v);
	return s ? (const char *)s : "";
}

static void sql_nominee_same(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct nom_ident a = {arg_text(argv[0]), arg_text(argv[1]), arg_text(argv[2])};
	struct nom_ident b = {arg_text(argv[3]), arg_text(argv[4]), arg_text(argv[5])};
	sqlite3_result_int(cx, nominee_same(&a, &b));
}

static void sql_has_code(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(cx, nom_codes_have(arg_text(argv[0]), arg_text(argv[1])));
}

int nominee_sql_register(void *handle)
{
	sqlite3 *db = handle;
	int fl = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_collation(db, "nat", SQLITE_UTF8, NULL, nat_collation) != SQLITE_OK ||
	    sqlite3_create_collation(db, "nominee_order", SQLITE_UTF8, NULL, order_collation) !=
		SQLITE_OK ||
	    sqlite3_create_function(db, "nominee_same", 6, fl, NULL, sql_nominee_same, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "has_code", 2, fl, NULL, sql_has_code, NULL, NULL) !=
		SQLITE_OK)
		return -1;
	return 0;
}
