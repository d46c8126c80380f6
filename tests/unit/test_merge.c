/* test_merge.c - unit tests of the merge rules, run through the shipped
 * path (the staged month that dh-merge uses): duplicates, status,
 * decisions, sorting, unit compliance, outputs and the summary. */
#include "harness.h"
#include "merge.h"
#include "nominee.h"
#include "plan.h"
#include "problem.h"
#include "util.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *dir, const char *name);
static void remove_outputs(const char *dir);

/* A month under test: the records to add, then the final records in
 * output order and the final problems. */
struct tmonth {
	struct merge_month m;
	struct record **in;
	size_t nin, capin;
	struct nom_rec *out;
	size_t nout, capout;
	struct problist probs;
};

static void tm_init(struct tmonth *t, const char *thang)
{
	memset(t, 0, sizeof *t);
	CHECK_INT(merge_month_init(&t->m, thang), 0);
	problist_init(&t->probs);
}

static void tm_release(struct tmonth *t)
{
	for (size_t i = 0; i < t->nin; i++) {
		rec_release(t->in[i]);
		free(t->in[i]);
	}
	free(t->in);
	for (size_t i = 0; i < t->nout; i++)
		nom_rec_release(&t->out[i]);
	free(t->out);
	problist_release(&t->probs);
	merge_month_release(&t->m);
}

/* Adds a record: ten, loai, nam_sinh, ngay_gui, nguon, vi_tri, id, from the
 * unit "U-<nguon>" (so records of different files come from different
 * units); the caller may change it until tm_compute(). */
static struct record *add(struct tmonth *t, const char *ten, const char *loai, const char *nam_sinh,
			  const char *ngay_gui, const char *nguon, const char *vi_tri,
			  const char *id)
{
	struct record *r = xcalloc(1, sizeof *r);
	rec_init(r);
	rec_set(r, R_TEN, ten);
	rec_set(r, R_LOAI, loai);
	rec_set(r, R_NAM_SINH, nam_sinh);
	rec_set(r, R_NGAY_GUI, ngay_gui);
	rec_set(r, R_NGUON, nguon);
	rec_set(r, R_VI_TRI, vi_tri);
	rec_set(r, R_ID, id);
	rec_set(r, R_LINH_VUC, "7");
	rec_set(r, R_DON_VI, "Xã Kim Đồng");
	char *ma = xasprintf("U-%s", nguon);
	rec_set(r, R_MA_DON_VI, ma);
	free(ma);
	XGROW(t->in, t->capin, t->nin + 1);
	t->in[t->nin++] = r;
	return r;
}

static int collect_rec(void *ctx, const struct nom_rec *r, size_t i)
{
	struct tmonth *t = ctx;
	CHECK_INT(i, t->nout);
	XGROW(t->out, t->capout, t->nout + 1);
	struct nom_rec *d = &t->out[t->nout++];
	memset(d, 0, sizeof *d);
	rec_copy(&d->r, &r->r);
	nom_rec_prepare(d);
	return 0;
}

static int collect_prob(void *ctx, const char *const *f, size_t i)
{
	struct tmonth *t = ctx;
	problist_add(&t->probs, f[PB_NGUON], f[PB_VI_TRI], f[PB_MA], f[PB_MUC_DO], f[PB_THONG_DIEP],
		     f[PB_ID]);
	return 0;
}

/* Adds the records, runs merge_compute() and collects the results. */
static int tm_compute(struct tmonth *t, const struct plan *p)
{
	for (size_t i = 0; i < t->nin; i++)
		CHECK_INT(merge_month_add_rec(&t->m, t->in[i]), 0);
	int rc = merge_compute(&t->m, p, NULL);
	CHECK_INT(merge_each_rec(&t->m, collect_rec, t), 0);
	CHECK_INT(merge_each_prob(&t->m, collect_prob, t), 0);
	return rc;
}

static const struct record *by_id(const struct tmonth *t, const char *id)
{
	for (size_t i = 0; i < t->nout; i++)
		if (strcmp(rec_get(&t->out[i].r, R_ID), id) == 0)
			return &t->out[i].r;
	static struct record none;
	CHECK(!"no record of that id");
	return &none;
}

static int dup(const struct tmonth *t, const char *id)
{
	return rec_has_problem_code(by_id(t, id), "trung_lap");
}

static size_t count_code(const struct tmonth *t, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < t->probs.n; i++)
		n += strcmp(t->probs.v[i].f[PB_MA], code) == 0;
	return n;
}

static const struct prob *find_prob(const struct tmonth *t, const char *code, const char *id)
{
	for (size_t i = 0; i < t->probs.n; i++)
		if (strcmp(t->probs.v[i].f[PB_MA], code) == 0 &&
		    (!id || strcmp(t->probs.v[i].f[PB_ID], id) == 0))
			return &t->probs.v[i];
	return NULL;
}

TEST(dup_tone_placement_and_case)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "Nguyễn Văn Hoà", "ca_nhan", "1980", "2026-11-05", "a.csv", "dòng 2", "A1");
	add(&t, "NGUYỄN VĂN HÒA", "ca_nhan", "1980", "2026-11-03", "b.docx", "bảng 1, dòng 4",
	    "B1");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK(dup(&t, "A1"));
	CHECK(!dup(&t, "B1"));
	CHECK_STR(rec_get(by_id(&t, "A1"), R_TRANG_THAI), "khong_hop_le");
	const struct prob *p = find_prob(&t, "trung_lap", "A1");
	CHECK(p != NULL);
	if (p) {
		CHECK(strstr(p->f[PB_THONG_DIEP], "NGUYỄN VĂN HÒA") != NULL);
		CHECK(strstr(p->f[PB_THONG_DIEP], "b.docx") != NULL);
		CHECK(strstr(p->f[PB_THONG_DIEP], "bảng 1, dòng 4") != NULL);
		CHECK_STR(p->f[PB_MUC_DO], "loi");
		CHECK_STR(p->f[PB_NGUON], "a.csv");
	}
	CHECK_INT(count_code(&t, "trung_lap"), 1);
	tm_release(&t);
}

TEST(dup_missing_year)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "Lê Thị Mai", "ca_nhan", "1990", "2026-11-02", "a.csv", "dòng 2", "A");
	add(&t, "Lê Thị Mai", "ca_nhan", "", "2026-11-04", "b.csv", "dòng 2", "B");
	add(&t, "Lê Thị Mai", "ca_nhan", "1990", "2026-11-09", "c.csv", "dòng 2", "C");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK(!dup(&t, "A"));
	CHECK(dup(&t, "B"));
	CHECK(dup(&t, "C"));
	CHECK_INT(count_code(&t, "trung_lap"), 2);
	tm_release(&t);
}

TEST(not_dup_different_years_or_types)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "Hoàng Văn Nam", "ca_nhan", "1980", "2026-11-02", "a.csv", "dòng 2", "A");
	add(&t, "Hoàng Văn Nam", "ca_nhan", "1985", "2026-11-03", "b.csv", "dòng 2", "B");
	add(&t, "Trường Tiểu học Kim Đồng", "tap_the", "", "2026-11-02", "a.csv", "dòng 3", "C");
	add(&t, "Trường Tiểu học Kim Đồng", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 3", "D");
	add(&t, "", "ca_nhan", "", "2026-11-02", "a.csv", "dòng 4", "E");
	add(&t, "", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 4", "F");
	/* Without diacritics the name is another name. */
	add(&t, "Nguyen Van Hoa", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 5", "G");
	add(&t, "Nguyễn Văn Hòa", "ca_nhan", "", "2026-11-04", "b.csv", "dòng 6", "H");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK_INT(count_code(&t, "trung_lap"), 0);
	CHECK_INT(t.nout, 8);
	for (size_t i = 0; i < t.nout; i++)
		CHECK(!rec_has_problem_code(&t.out[i].r, "trung_lap"));
	tm_release(&t);
}

TEST(dup_year_chain)
{
	/* An earlier record without a year absorbs both years. */
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "Lò Văn Páo", "ca_nhan", "", "2026-11-01", "a.csv", "dòng 2", "A");
	add(&t, "Lò Văn Páo", "ca_nhan", "1970", "2026-11-02", "a.csv", "dòng 3", "B");
	add(&t, "Lò Văn Páo", "ca_nhan", "1975", "2026-11-03", "a.csv", "dòng 4", "C");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK(!dup(&t, "A"));
	CHECK(dup(&t, "B"));
	CHECK(dup(&t, "C"));
	tm_release(&t);
}

TEST(dup_tie_breaks)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	/* Same date: nguon decides; same nguon: vi_tri in natural order; no date: last. */
	add(&t, "Bế Văn Hùng", "ca_nhan", "", "", "a.csv", "dòng 1", "N");
	add(&t, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "b.csv", "dòng 10", "X");
	add(&t, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "b.csv", "dòng 9", "Y");
	add(&t, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "c.csv", "dòng 1", "Z");
	/* A record that came with trung_lap is left out of the comparison. */
	rec_set(add(&t, "Bế Văn Hùng", "ca_nhan", "", "2026-11-01", "d.csv", "dòng 1", "W"),
		R_VAN_DE, "trung_lap");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK(!dup(&t, "Y"));
	CHECK(dup(&t, "X"));
	CHECK(dup(&t, "Z"));
	CHECK(dup(&t, "N"));
	CHECK(find_prob(&t, "trung_lap", "W") == NULL);
	const struct prob *p = find_prob(&t, "trung_lap", "N");
	CHECK(p && strstr(p->f[PB_THONG_DIEP], "b.csv, dòng 9"));
	tm_release(&t);
}

TEST(resubmission)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	/* Unit NV: a list on the 5th, a corrected list on the 12th, a third on
	 * the 15th; within the corrected list the nominee twice. */
	add(&t, "Lục Văn Sáng", "ca_nhan", "", "2026-11-05", "nv/ds.csv", "dòng 3", "A");
	add(&t, "Lục Văn Sáng", "ca_nhan", "1975", "2026-11-12", "nv/ds-sua.csv", "dòng 4", "B");
	add(&t, "Lục Văn Sáng", "ca_nhan", "1975", "2026-11-12", "nv/ds-sua.csv", "dòng 9", "C");
	/* Another unit, later: trung_lap, whatever the date. */
	add(&t, "Lục Văn Sáng", "ca_nhan", "1975", "2026-11-13", "dl/ds.csv", "dòng 2", "D");
	/* Same unit, same date, another file: trung_lap (which is later is not known). */
	add(&t, "Hà Thị Lan", "ca_nhan", "", "2026-11-05", "nv/a.csv", "dòng 2", "E");
	add(&t, "Hà Thị Lan", "ca_nhan", "", "2026-11-05", "nv/b.csv", "dòng 2", "F");
	/* Same unit by name (no registry code), a later date: gui_lai. */
	add(&t, "Bế Văn Ba", "ca_nhan", "", "2026-11-02", "x/1.csv", "dòng 2", "G");
	add(&t, "Bế Văn Ba", "ca_nhan", "", "2026-11-20", "x/2.csv", "dòng 2", "H");
	for (size_t i = 0; i < t.nin; i++) {
		const char *nguon = rec_get(t.in[i], R_NGUON);
		rec_set(t.in[i], R_MA_DON_VI,
			strncmp(nguon, "nv/", 3) == 0	? "NV"
			: strncmp(nguon, "dl/", 3) == 0 ? "01822"
							: "");
	}
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK(rec_has_problem_code(by_id(&t, "A"), "gui_lai"));
	CHECK_STR(rec_get(by_id(&t, "A"), R_TRANG_THAI), "khong_hop_le");
	const struct prob *p = find_prob(&t, "gui_lai", "A");
	CHECK(p && strstr(p->f[PB_THONG_DIEP],
			  "đã được thay bằng bản gửi ngày 12/11/2026 (tệp nv/ds-sua.csv)"));
	CHECK(p && strcmp(p->f[PB_NGUON], "nv/ds.csv") == 0 &&
	      strcmp(p->f[PB_VI_TRI], "dòng 3") == 0 && strcmp(p->f[PB_MUC_DO], "loi") == 0);
	CHECK_STR(rec_get(by_id(&t, "B"), R_VAN_DE), "");
	CHECK_STR(rec_get(by_id(&t, "B"), R_TRANG_THAI), "hop_le");
	CHECK(dup(&t, "C")); /* within one file */
	p = find_prob(&t, "trung_lap", "C");
	CHECK(p && strstr(p->f[PB_THONG_DIEP], "nv/ds-sua.csv, dòng 4"));
	CHECK(dup(&t, "D")); /* another unit: names the standing record */
	p = find_prob(&t, "trung_lap", "D");
	CHECK(p && strstr(p->f[PB_THONG_DIEP], "nv/ds-sua.csv, dòng 4"));
	CHECK(!dup(&t, "E") && dup(&t, "F"));
	CHECK(rec_has_problem_code(by_id(&t, "G"), "gui_lai") && !dup(&t, "H"));
	CHECK_INT(count_code(&t, "gui_lai"), 2);
	CHECK_INT(count_code(&t, "trung_lap"), 3);
	tm_release(&t);
}

TEST(status_from_codes)
{
	CHECK_INT(nom_status_from_codes(""), ST_HOP_LE);
	CHECK_INT(nom_status_from_codes("ma_cu;da_de_cu_truoc"), ST_HOP_LE);
	CHECK_INT(nom_status_from_codes("ma_cu;thanh_tich_ngan"), ST_CAN_XEM_XET);
	CHECK_INT(nom_status_from_codes("gui_muon;nam_sinh_sai"), ST_KHONG_HOP_LE);
	CHECK_INT(nom_status_from_codes("khong_co_ma_nay;;"), ST_HOP_LE);
	CHECK(nom_codes_have("a;trung_lap;b", "trung_lap"));
	CHECK(!nom_codes_have("a;trung_lap_x", "trung_lap"));
	struct tmonth t;
	tm_init(&t, "2026-11");
	rec_set(add(&t, "A", "ca_nhan", "", "", "a", "1", "1"), R_VAN_DE, "ma_cu");
	rec_set(add(&t, "B", "ca_nhan", "", "", "a", "2", "2"), R_VAN_DE, "ma_cu;thanh_tich_ngan");
	rec_set(add(&t, "C", "ca_nhan", "", "", "a", "3", "3"), R_VAN_DE, "gui_muon;nam_sinh_sai");
	rec_set(add(&t, "D", "ca_nhan", "", "", "a", "4", "4"), R_VAN_DE, "khong_co_ma_nay");
	/* a stale status is recomputed */
	rec_set(add(&t, "E", "ca_nhan", "", "", "a", "5", "5"), R_TRANG_THAI, "khong_hop_le");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK_STR(rec_get(by_id(&t, "1"), R_TRANG_THAI), "hop_le");
	CHECK_STR(rec_get(by_id(&t, "2"), R_TRANG_THAI), "can_xem_xet");
	CHECK_STR(rec_get(by_id(&t, "3"), R_TRANG_THAI), "khong_hop_le");
	CHECK_STR(rec_get(by_id(&t, "4"), R_TRANG_THAI), "hop_le");
	CHECK_STR(rec_get(by_id(&t, "5"), R_TRANG_THAI), "hop_le");
	size_t n;
	long st[ST_NSTATUS];
	merge_counts(&t.m, &n, st);
	CHECK_INT(n, 5);
	CHECK(st[ST_HOP_LE] == 3 && st[ST_CAN_XEM_XET] == 1 && st[ST_KHONG_HOP_LE] == 1);
	tm_release(&t);
}

TEST(decisions_applied)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	rec_set(add(&t, "A", "ca_nhan", "", "", "a.csv", "dòng 2", "ID-1"), R_VAN_DE,
		"nam_sinh_sai");
	struct record *b = add(&t, "B", "ca_nhan", "", "", "a.csv", "dòng 3", "ID-2");
	rec_set(b, R_VAN_DE, "thanh_tich_ngan");
	rec_set(b, R_GHI_CHU, "Ghi chú cũ");
	add(&t, "C", "ca_nhan", "", "", "a.csv", "dòng 4", "ID-3");
	static const char file[] = "\xEF\xBB\xBFid;Quyết định;Lý do\r\n"
				   "ID-1;chap_nhan;Năm sinh đã xác minh\r\n"
				   "ID-2;Loại bỏ;\"Thành tích không rõ; trùng hồ sơ\"\r\n"
				   "ID-9;chap_nhan;x\r\n"
				   ";loai_bo;x\r\n"
				   "ID-3;đồng ý;x\r\n"
				   "\r\n";
	CHECK_INT(merge_read_decisions_mem(&t.m, file, sizeof file - 1), 0);
	CHECK_INT(t.m.ndec, 5);
	CHECK_INT(tm_compute(&t, NULL), 0);
	const struct record *a = by_id(&t, "ID-1");
	const struct record *rb = by_id(&t, "ID-2");
	CHECK_STR(rec_get(a, R_TRANG_THAI), "hop_le");
	CHECK(rec_has_problem_code(a, "nam_sinh_sai")); /* problems stay listed */
	CHECK(rec_has_problem_code(a, "quyet_dinh"));
	CHECK_STR(rec_get(a, R_GHI_CHU), "Đã chấp nhận sau thẩm định: Năm sinh đã xác minh");
	CHECK_STR(rec_get(rb, R_TRANG_THAI), "khong_hop_le");
	CHECK_STR(rec_get(rb, R_GHI_CHU),
		  "Đã loại bỏ sau thẩm định: Thành tích không rõ; trùng hồ sơ. Ghi chú cũ");
	CHECK_STR(rec_get(by_id(&t, "ID-3"), R_TRANG_THAI), "hop_le");
	CHECK(!rec_has_problem_code(by_id(&t, "ID-3"), "quyet_dinh"));
	CHECK_INT(count_code(&t, "quyet_dinh"), 2);
	CHECK_INT(count_code(&t, "quyet_dinh_sai"), 3);
	const struct prob *p = find_prob(&t, "quyet_dinh", "ID-1");
	CHECK(p && strstr(p->f[PB_THONG_DIEP], "chấp nhận") &&
	      strstr(p->f[PB_THONG_DIEP], "Năm sinh đã xác minh"));
	CHECK(p && strcmp(p->f[PB_NGUON], "a.csv") == 0 &&
	      strcmp(p->f[PB_MUC_DO], "thong_tin") == 0);
	p = find_prob(&t, "quyet_dinh_sai", "ID-9");
	CHECK(p && strcmp(p->f[PB_NGUON], "2026-11/xem-xet.csv") == 0 &&
	      strcmp(p->f[PB_VI_TRI], "dòng 4") == 0 && strstr(p->f[PB_THONG_DIEP], "ID-9"));
	CHECK(t.m.dec[0].applied && t.m.dec[1].applied && !t.m.dec[2].applied);
	tm_release(&t);
}

TEST(decisions_lenient_format)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "A", "ca_nhan", "", "", "a.csv", "dòng 2", "X1");
	/* No header, comma; the id decided twice: the later line wins. */
	static const char file[] = "X1,loai_bo,lần đầu\nX1,Chấp nhận,xem lại\n";
	merge_read_decisions_mem(&t.m, file, sizeof file - 1);
	CHECK_INT(t.m.ndec, 2);
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK_STR(rec_get(by_id(&t, "X1"), R_TRANG_THAI), "hop_le");
	CHECK_INT(count_code(&t, "quyet_dinh"), 1);
	CHECK_INT(count_code(&t, "quyet_dinh_sai"), 1);
	tm_release(&t);
	/* Windows-1258 (Excel "CSV" on Vietnamese Windows) is converted. */
	struct merge_month m2;
	CHECK_INT(merge_month_init(&m2, "2026-11"), 0);
	static const char cp[] =
	    "id;quy\xea\xect \xf0i\xf2nh;ly do\r\nX1;Ch\xe2\xecp nh\xe2\xf2n;\r\n";
	merge_read_decisions_mem(&m2, cp, sizeof cp - 1);
	CHECK_INT(m2.ndec, 1);
	CHECK(m2.ndec == 1 && m2.dec[0].kind == QD_CHAP_NHAN);
	CHECK_INT(m2.probs.n, 0);
	merge_month_release(&m2);
	/* Binary: one problem, nothing read. */
	CHECK_INT(merge_month_init(&m2, "2026-11"), 0);
	static const char bad[] = "id,quyet_dinh\n\x01\x02\x00\x00\x03\x04\x00\x05\x06\x07\x08";
	merge_read_decisions_mem(&m2, bad, sizeof bad - 1);
	CHECK_INT(m2.ndec, 0);
	CHECK(m2.probs.n == 1 && strcmp(m2.probs.v[0].f[PB_MA], "quyet_dinh_sai") == 0);
	merge_month_release(&m2);
	/* UTF-8 lines and a line saved in Windows-1258 in one file: refused
	 * whole, naming the line, as the plan's files are. */
	CHECK_INT(merge_month_init(&m2, "2026-11"), 0);
	static const char mixed[] = "id,quyet_dinh,ly_do\nX1,chap_nhan,Đã xác minh năm sinh\n"
				    "X2,loai_bo,Ch\xe2\xecp nh\xe2\xf2n\n"
				    "X3,chap_nhan,Đơn vị đã bổ sung thành tích, được chấp nhận\n";
	merge_read_decisions_mem(&m2, mixed, sizeof mixed - 1);
	CHECK_INT(m2.ndec, 0);
	CHECK(m2.probs.n == 1 && strcmp(m2.probs.v[0].f[PB_MA], "quyet_dinh_sai") == 0);
	CHECK(m2.probs.n == 1 && strcmp(m2.probs.v[0].f[PB_VI_TRI], "dòng 3") == 0);
	CHECK_INT(decision_parse("CHAP_NHAN"), QD_CHAP_NHAN);
	CHECK_INT(decision_parse(" loại  bỏ "), QD_LOAI_BO);
	CHECK_INT(decision_parse("có"), QD_NONE);
	merge_month_release(&m2);
}

/* Adds a record as validate leaves it (validated with the plan, its
 * problem rows in the month). */
static void add_validated(struct tmonth *t, const struct plan *p, struct record *r)
{
	char *rows = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&rows, &len);
	struct problem_sink sink;
	struct validator v;
	problem_sink_init(&sink, f, 0);
	CHECK_INT(validator_init(&v, p, "2026-11", &sink), 0);
	validate_record(&v, r);
	validator_release(&v);
	fclose(f);
	char path[] = "/tmp/test_merge_probs.XXXXXX";
	int fd = mkstemp(path);
	FILE *pf = fdopen(fd, "w");
	problem_write_header(pf);
	fwrite(rows, 1, len, pf);
	fclose(pf);
	CHECK_INT(merge_read_problems(&t->m, path), 0);
	remove(path);
	free(rows);
	XGROW(t->in, t->capin, t->nin + 1);
	t->in[t->nin++] = r;
}

static struct record *raw_rec(const char *id, const char *ten, const char *loai_goc,
			      const char *linh_vuc_goc, const char *nguon, const char *vi_tri)
{
	struct record *r = xcalloc(1, sizeof *r);
	rec_init(r);
	rec_set(r, R_ID, id);
	rec_set(r, R_TEN, ten);
	rec_set(r, R_LOAI_GOC, loai_goc);
	rec_set(r, R_LINH_VUC_GOC, linh_vuc_goc);
	rec_set(r, R_DON_VI_GOC, "UBND xã Đức Long");
	rec_set(r, R_NGUON, nguon);
	rec_set(r, R_VI_TRI, vi_tri);
	rec_set(r, R_NGAY_VB, "2026-11-05");
	rec_set(r, R_THANH_TICH,
		"Gia đình phát triển kinh tế hộ, trồng rừng và chăn nuôi trâu bò, thu nhập "
		"ổn định, giúp đỡ nhiều hộ nghèo trong xóm cùng sản xuất kinh doanh giỏi và "
		"thoát nghèo bền vững.");
	return r;
}

TEST(corrections)
{
	struct plan p;
	if (plan_load(&p, "templates/plan") != 0) {
		CHECK(!"templates/plan");
		return;
	}
	struct tmonth t;
	tm_init(&t, "2026-11");
	/* A household in field 5 (not allowed there): the clerk moves it to
	 * field 6 and fixes the name; another record is corrected to what it
	 * already is (no change); a third only gets a decision. */
	add_validated(&t, &p,
		      raw_rec("H1", "Hộ ông Lục Văn Sáng", "Hộ gia đình", "5", "dl.csv", "dòng 2"));
	add_validated(&t, &p, raw_rec("C1", "Nông Văn Tài", "Cá nhân", "6", "dl.csv", "dòng 3"));
	add_validated(&t, &p, raw_rec("C2", "Bế Thị Hoa", "Cá nhân", "6", "dl.csv", "dòng 4"));
	CHECK(rec_has_problem_code(t.in[0], "loai_khong_phu_hop"));
	static const char file[] = "id,quyet_dinh,ly_do,linh_vuc,ten,nam_sinh,ngay_gui\r\n"
				   "H1,,,6,Hộ ông Lục Văn Sang,,\r\n"
				   "C1,,,6,Nông Văn Tài,,\r\n"
				   "C2,chap_nhan,đã xác minh,,,1980,16/11/2026\r\n"
				   "C9,,,,,,\r\n"
				   "C3,,,7,,,\r\n";
	CHECK_INT(merge_read_decisions_mem(&t.m, file, sizeof file - 1), 0);
	CHECK_INT(tm_compute(&t, &p), 0);
	const struct record *h = by_id(&t, "H1");
	CHECK_STR(rec_get(h, R_LINH_VUC), "6");
	CHECK_STR(rec_get(h, R_LOAI), "ho_gia_dinh");
	CHECK_STR(rec_get(h, R_TEN), "Hộ ông Lục Văn Sang");
	CHECK(!rec_has_problem_code(h, "loai_khong_phu_hop")); /* validated again */
	CHECK(rec_has_problem_code(h, "quyet_dinh"));
	CHECK(strcmp(rec_get(h, R_TRANG_THAI), "khong_hop_le") != 0);
	CHECK(find_prob(&t, "loai_khong_phu_hop", "H1") == NULL); /* its old row is gone */
	const struct prob *pr = find_prob(&t, "quyet_dinh", "H1");
	CHECK(pr && strstr(pr->f[PB_THONG_DIEP], "sửa linh_vuc \"5\" thành \"6\", ten \"Hộ ông Lục "
						 "Văn Sáng\" thành \"Hộ ông Lục Văn Sang\" "
						 "(2026-11/xem-xet.csv, dòng 2)"));
	/* C1: the same values: nothing changed, nothing reported. */
	CHECK(!rec_has_problem_code(by_id(&t, "C1"), "quyet_dinh"));
	CHECK(find_prob(&t, "quyet_dinh", "C1") == NULL);
	CHECK(!t.m.dec[1].applied);
	/* C2: corrected and decided; the date as the clerk wrote it. */
	const struct record *c2 = by_id(&t, "C2");
	CHECK_STR(rec_get(c2, R_NAM_SINH), "1980");
	CHECK_STR(rec_get(c2, R_NGAY_GUI), "2026-11-16");
	CHECK_STR(rec_get(c2, R_TRANG_THAI), "hop_le");
	CHECK_INT(count_code(&t, "quyet_dinh"), 3); /* H1; C2 corrected, C2 accepted */
	/* C9: a row left without a decision is not an error; C3: no such id. */
	CHECK_INT(count_code(&t, "quyet_dinh_sai"), 1);
	pr = find_prob(&t, "quyet_dinh_sai", "C3");
	CHECK(pr && strstr(pr->f[PB_THONG_DIEP], "không có hồ sơ mã C3"));
	/* The corrections, old and new values, for the ledger. */
	CHECK_INT(t.m.nfixes, 4);
	if (t.m.nfixes == 4) {
		CHECK(t.m.fixes[0].field == R_LINH_VUC && strcmp(t.m.fixes[0].old, "5") == 0);
		CHECK_STR(t.m.fixes[3].new_value, "2026-11-16");
		CHECK_INT(t.m.fixes[3].line, 4);
	}
	tm_release(&t);
	plan_release(&p);
}

TEST(dataset_copy_as_decisions)
{
	/* A copy of dataset.csv used as the decisions file changes nothing and
	 * reports nothing. */
	struct tmonth t;
	tm_init(&t, "2026-11");
	rec_set(add(&t, "Lê Thị Mai", "ca_nhan", "1990", "2026-11-02", "a.csv", "dòng 2", "A"),
		R_VAN_DE, "thanh_tich_ngan");
	add(&t, "Bế Văn Ba", "ca_nhan", "", "2026-11-03", "a.csv", "dòng 3", "B");
	CHECK_INT(tm_compute(&t, NULL), 0);
	char dir[] = "/tmp/test_merge.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(merge_write_outputs(&t.m, dir), 0);
	char *copy = slurp(dir, "dataset.csv"), *before = slurp(dir, "van-de.csv");
	remove_outputs(dir);
	struct tmonth u;
	tm_init(&u, "2026-11");
	for (size_t i = 0; i < t.nin; i++) {
		struct record *r = add(&u, "", "", "", "", "", "", "");
		rec_copy(r, t.in[i]);
	}
	CHECK(copy != NULL);
	if (copy)
		CHECK_INT(merge_read_decisions_mem(&u.m, copy, strlen(copy)), 0);
	CHECK_INT(u.m.ndec, 2);
	CHECK_INT(tm_compute(&u, NULL), 0);
	CHECK_INT(u.probs.n, t.probs.n);
	CHECK_INT(count_code(&u, "quyet_dinh") + count_code(&u, "quyet_dinh_sai"), 0);
	CHECK_INT(u.m.nfixes, 0);
	CHECK_STR(rec_get(by_id(&u, "A"), R_TRANG_THAI), "can_xem_xet");
	free(copy);
	free(before);
	tm_release(&u);
	tm_release(&t);
}

/* The records of a month, sorted in C (nom_recs_sort, as the period
 * dataset) and by the stage's SQL collation, are in the same order. */
static void check_same_order(const struct tmonth *t)
{
	struct nom_rec *v = xcalloc(t->nout + 1, sizeof *v);
	for (size_t i = 0; i < t->nout; i++) {
		rec_copy(&v[t->nout - 1 - i].r, &t->out[i].r);
		nom_rec_prepare(&v[t->nout - 1 - i]);
	}
	nom_recs_sort(v, t->nout, 0);
	for (size_t i = 0; i < t->nout; i++) {
		CHECK_STR(rec_get(&v[i].r, R_ID), rec_get(&t->out[i].r, R_ID));
		CHECK_STR(rec_get(&v[i].r, R_VI_TRI), rec_get(&t->out[i].r, R_VI_TRI));
		nom_rec_release(&v[i]);
	}
	free(v);
}

TEST(sort_records)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	add(&t, "Giang Văn Minh", "ca_nhan", "", "", "a", "1", "1");
	add(&t, "Đinh Thị Lan", "ca_nhan", "", "", "a", "2", "2");
	add(&t, "Dương Văn An", "ca_nhan", "", "", "a", "3", "3");
	add(&t, "Trường Mầm non Hoa Sen", "tap_the", "", "", "a", "4", "4");
	add(&t, "Hộ ông Lục Văn Sáng", "ho_gia_dinh", "", "", "a", "5", "5");
	rec_set(add(&t, "Ẩn danh", "ca_nhan", "", "", "a", "6", "6"), R_LINH_VUC, "");
	rec_set(add(&t, "Nông Văn Tú", "ca_nhan", "", "", "a", "7", "7"), R_LINH_VUC, "10");
	rec_set(add(&t, "Ma Văn Tú", "ca_nhan", "", "", "a", "8", "8"), R_LINH_VUC, "2");
	/* Unit name: Đ after D. */
	rec_set(add(&t, "Hà Văn Bình", "ca_nhan", "", "", "a", "9", "9"), R_DON_VI, "Xã Đức Long");
	rec_set(add(&t, "Hà Văn Bình", "ca_nhan", "", "", "a", "10", "10"), R_DON_VI, "Xã Danh Sỹ");
	/* Field text after numbers; "07" after "7"; unknown type after households. */
	rec_set(add(&t, "Lý Văn Tám", "ca_nhan", "", "", "a", "11", "11"), R_LINH_VUC, "khác");
	rec_set(add(&t, "Lý Văn Tám", "khac", "", "", "a", "12", "12"), R_LINH_VUC, "07");
	CHECK_INT(tm_compute(&t, NULL), 0);
	static const char *const want[] = {"8", "12", "4", "10", "9",  "3",
					   "2", "1",  "5", "7",	 "11", "6"};
	CHECK_INT(t.nout, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want) && i < t.nout; i++)
		CHECK_STR(rec_get(&t.out[i].r, R_ID), want[i]);
	check_same_order(&t);
	tm_release(&t);
}

TEST(natural_order)
{
	CHECK(natural_cmp("dòng 9", "dòng 10") < 0);
	CHECK(natural_cmp("bảng 2, dòng 1", "bảng 10, dòng 1") < 0);
	CHECK(natural_cmp("a", "a") == 0);
	CHECK(natural_cmp("a", "ab") < 0);
	CHECK(natural_cmp("x01", "x1") != 0);
	CHECK(natural_cmp("x01", "x1") == -natural_cmp("x1", "x01"));
}

TEST(problems_sorted_and_deduplicated)
{
	struct tmonth t;
	tm_init(&t, "2026-11");
	struct problist *l = &t.m.probs;
	problist_add(l, "", "Xã B", "chua_gui", "canh_bao", "m", "");
	l->v[l->n - 1].ord = 2;
	problist_add(l, "", "Xã A", "chua_gui", "canh_bao", "m", "");
	l->v[l->n - 1].ord = 5;
	problist_add(l, "b.csv", "dòng 10", "thieu_ten", "loi", "m", "1");
	problist_add(l, "b.csv", "dòng 9", "thieu_ten", "loi", "m", "2");
	problist_add(l, "a.csv", "", "tep_hong", "loi", "m", "");
	problist_add(l, "b.csv", "dòng 9", "thieu_ten", "loi", "m", "2");
	problist_add(l, "b.csv", "dòng 9", "tep_hong", "loi", "m", "2");
	CHECK_INT(tm_compute(&t, NULL), 0);
	CHECK_INT(t.probs.n, 6);
	if (t.probs.n == 6) {
		const struct prob *v = t.probs.v;
		CHECK_STR(v[0].f[PB_NGUON], "a.csv");
		CHECK_STR(v[1].f[PB_MA], "tep_hong"); /* catalogue order */
		CHECK_STR(v[2].f[PB_VI_TRI], "dòng 9");
		CHECK_STR(v[3].f[PB_VI_TRI], "dòng 10");
		CHECK_STR(v[4].f[PB_VI_TRI], "Xã B"); /* registry order, not name */
		CHECK_STR(v[5].f[PB_VI_TRI], "Xã A");
	}
	tm_release(&t);
}

/* A registry of four units; the last need not submit. */
static void test_plan(struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->han_nop = 20;
	p->nunits = 4;
	p->units = xcalloc(4, sizeof *p->units);
	static const char *const ma[] = {"NV", "01822", "01789", "TTGDNN"};
	static const char *const ten[] = {"Phòng Nội vụ", "Xã Đức Long", "Xã Canh Tân",
					  "Trung tâm GDNN - GDTX huyện"};
	for (int i = 0; i < 4; i++) {
		p->units[i].ma = (char *)ma[i];
		p->units[i].ten = (char *)ten[i];
		p->units[i].phai_gui = i < 3;
	}
}

static void add_file(struct merge_month *m, const char *nguon, const char *ma, const char *ten,
		     const char *ngay)
{
	struct file_row f;
	file_row_init(&f);
	file_row_set(&f, FL_NGUON, nguon);
	file_row_set(&f, FL_MA_DON_VI, ma);
	file_row_set(&f, FL_DON_VI, ten);
	file_row_set(&f, FL_NGAY_GUI, ngay);
	merge_month_add_file(m, &f);
	file_row_release(&f);
}

TEST(units_compliance)
{
	struct plan p;
	test_plan(&p);
	struct tmonth t;
	tm_init(&t, "2026-11");
	struct merge_month *m = &t.m;
	add_file(m, "2026-11/nv.docx", "NV", "Phòng Nội vụ", "2026-11-20");
	add_file(m, "2026-11/dl.csv", "01822", "Xã Đức Long", "2026-11-21");
	add_file(m, "2026-11/dl2.csv", "01822", "Xã Đức Long", "2026-11-02");
	add_file(m, "2026-11/x.csv", "", "UBND xã Tân Lập", "2026-11-05");
	add_file(m, "2026-11/z.csv", "", "", "2026-11-05");
	add_file(m, "2026-11/hs/a.csv", "", "Truong Mam non Hoa Sen", "2026-11-06");
	struct record *r = add(&t, "A", "ca_nhan", "", "2026-11-20", "2026-11/nv.docx", "1", "1");
	rec_set(r, R_MA_DON_VI, "NV");
	rec_set(r, R_VAN_DE, "nam_sinh_sai");
	r = add(&t, "B", "ca_nhan", "", "2026-11-20", "2026-11/nv.docx", "2", "2");
	rec_set(r, R_MA_DON_VI, "NV");
	rec_set(r, R_VAN_DE, "thanh_tich_ngan");
	r = add(&t, "C", "ca_nhan", "", "2026-11-25", "2026-11/tt.csv", "1", "3");
	rec_set(r, R_MA_DON_VI, "TTGDNN");
	r = add(&t, "D", "ca_nhan", "", "2026-11-05", "2026-11/x.csv", "1", "4");
	rec_set(r, R_MA_DON_VI, "");
	rec_set(r, R_DON_VI, "UBND xã Tân Lập");
	r = add(&t, "E", "ca_nhan", "", "2026-11-06", "2026-11/hs/a.csv", "1", "5");
	rec_set(r, R_MA_DON_VI, "");
	rec_set(r, R_DON_VI, "Trường Mầm non Hoa Sen");
	CHECK_INT(tm_compute(&t, &p), 0);
	CHECK_INT(m->nunits, 7);
	if (m->nunits == 7) {
		CHECK_STR(m->units[0].ma, "NV");
		CHECK_INT(m->units[0].trang_thai, UNIT_DA_GUI); /* on the 20th: on time */
		CHECK_INT(m->units[0].so_tep, 1);
		CHECK_INT(m->units[0].so_guong, 2);
		CHECK_INT(m->units[0].so_hop_le, 1);
		CHECK_STR(m->units[1].ma, "01822");
		CHECK_STR(m->units[1].ngay_gui, "2026-11-02"); /* earliest */
		CHECK_INT(m->units[1].trang_thai, UNIT_DA_GUI);
		CHECK_INT(m->units[1].so_tep, 2);
		CHECK_STR(m->units[2].ma, "01789");
		CHECK_INT(m->units[2].trang_thai, UNIT_CHUA_GUI);
		CHECK_STR(m->units[3].ma, "TTGDNN"); /* need not submit, but sent */
		CHECK_INT(m->units[3].trang_thai, UNIT_GUI_MUON);
		CHECK_STR(m->units[4].ten, "Không rõ đơn vị gửi");
		/* Folder spelling and record spelling: one sender, the record's name. */
		CHECK_STR(m->units[5].ten, "Trường Mầm non Hoa Sen");
		CHECK_INT(m->units[5].so_tep, 1);
		CHECK_INT(m->units[5].so_guong, 1);
		CHECK_STR(m->units[6].ten, "UBND xã Tân Lập");
		CHECK_STR(m->units[6].ma, "");
		CHECK_INT(m->units[6].so_guong, 1);
		CHECK_INT(m->units[6].so_tep, 1);
	}
	CHECK_INT(count_code(&t, "chua_gui"), 1);
	const struct prob *pr = find_prob(&t, "chua_gui", NULL);
	CHECK(pr && strstr(pr->f[PB_THONG_DIEP], "Xã Canh Tân") && !*pr->f[PB_NGUON]);
	CHECK_INT(unit_status("2026-11", 20, "2026-11-21"), UNIT_GUI_MUON);
	CHECK_INT(unit_status("2026-11", 20, "2026-12-01"), UNIT_GUI_MUON);
	CHECK_INT(unit_status("2026-11", 20, "2026-10-30"), UNIT_DA_GUI);
	CHECK_INT(unit_status("2026-11", 20, ""), UNIT_DA_GUI);
	tm_release(&t);
	free(p.units);
}

static char *slurp(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *data = NULL;
	size_t len = 0;
	if (read_file(path, 64u << 20, &data, &len) != 0)
		data = NULL;
	free(path);
	return data;
}

static void remove_outputs(const char *dir)
{
	static const char *const outs[] = {"dataset.csv", "van-de.csv", "don-vi.csv", "tep.csv"};
	for (size_t k = 0; k < ARRAY_SIZE(outs); k++) {
		char *path = xasprintf("%s/%s", dir, outs[k]);
		remove(path);
		free(path);
	}
	remove(dir);
}

TEST(compute_and_write)
{
	struct plan p;
	test_plan(&p);
	struct tmonth t;
	tm_init(&t, "2026-11");
	add_file(&t.m, "2026-11/nv.docx", "NV", "Phòng Nội vụ", "2026-11-10");
	/* Xã Đức Long sent only an unreadable file: sent, requirement not met. */
	add_file(&t.m, "2026-11/dl.docx", "01822", "Xã Đức Long", "2026-11-11");
	t.m.files[1].f[FL_LOI] = xstrdup("tep_hong");
	rec_set(add(&t, "Nguyễn Văn Hoà", "ca_nhan", "1980", "2026-11-10", "2026-11/nv.docx",
		    "dòng 3", "b"),
		R_MA_DON_VI, "NV");
	rec_set(add(&t, "Nguyễn Văn Hòa", "ca_nhan", "1980", "2026-11-10", "2026-11/nv.docx",
		    "dòng 2", "a"),
		R_MA_DON_VI, "NV");
	CHECK_INT(tm_compute(&t, &p), 0);
	char dir[] = "/tmp/test_merge.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(merge_write_outputs(&t.m, dir), 0);
	char *buf = slurp(dir, "dataset.csv");
	CHECK(buf && memcmp(buf, "\xEF\xBB\xBFid,thang,ma_don_vi,", 22) == 0);
	CHECK(buf && strstr(buf, ",ngay_gui,ghi_chu\r\n") != NULL);
	/* The kept record (dòng 2) first: same sort keys, id "a" < "b". */
	const char *a = buf ? strstr(buf, "\r\na,") : NULL, *b = buf ? strstr(buf, "\r\nb,") : NULL;
	CHECK(a && b && a < b);
	CHECK(b && strstr(b, "khong_hop_le,trung_lap,") != NULL);
	free(buf);
	buf = slurp(dir, "don-vi.csv");
	CHECK(buf && strstr(buf, "\r\nNV,Phòng Nội vụ,1,2,1,2026-11-10,da_gui,1\r\n"));
	CHECK(buf && strstr(buf, "\r\n01789,Xã Canh Tân,0,0,0,,chua_gui,0\r\n"));
	CHECK(buf && strstr(buf, "\r\n01822,Xã Đức Long,1,0,0,2026-11-11,da_gui,0\r\n"));
	free(buf);
	buf = slurp(dir, "tep.csv");
	CHECK(buf && strstr(buf, "\r\n2026-11/nv.docx,NV,Phòng Nội vụ,2026-11-10,,2,1,,,\r\n"));
	free(buf);
	/* The summary reads the same folder back. */
	char *sum = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sum, &len);
	CHECK_INT(merge_summary(dir, "2026-11", 1, f), 0);
	fclose(f);
	CHECK(strstr(sum, "Tháng 2026-11 (chỉ kiểm tra, chưa ghi kết quả)\n"));
	CHECK(strstr(sum, "Tệp đã đọc:          2 (1 tệp lỗi"));
	CHECK(strstr(sum, "Gương điển hình:     2: 1 hợp lệ, 0 cần xem xét, 1 không hợp lệ"));
	/* Registry units: two sent of three, one with nothing accepted. */
	CHECK(strstr(sum, "Đơn vị đã gửi:       2/3 (0 gửi muộn); chưa gửi: 1; "
			  "đã gửi nhưng chưa có gương đạt: 1\n"));
	CHECK(strstr(sum, "    trung_lap            1\n"));
	CHECK(strstr(sum, "    chua_gui             1\n"));
	CHECK(!strstr(sum, "danh-sach.pdf"));
	free(sum);
	remove_outputs(dir);
	tm_release(&t);
	free(p.units);
}

/* A random month with every rule's corner cases. */
static void random_month(struct merge_month *m, unsigned seed, size_t n)
{
	static const char *const names[] = {"Nguyễn Văn Hoà", "NGUYỄN VĂN HÒA",	  "Lê Thị Ánh",
					    "Le Thi Anh",     "Trần Bình",	  "",
					    "Đỗ Ðức",	      "Phạm Thị Thu Hằng"};
	static const char *const loai[] = {"ca_nhan", "tap_the", "ho_gia_dinh", "khac", ""};
	static const char *const years[] = {"", "1980", "1981", "1975"};
	static const char *const dates[] = {"", "2026-11-03", "2026-11-05", "2026-11-21"};
	static const char *const files[] = {"2026-11/a.csv", "2026-11/b10.docx", "2026-11/b9.docx",
					    "2026-11/x/c.csv", "2026-11/z.csv"};
	static const char *const lv[] = {"7", "10", "2", "", "khác", "07"};
	static const char *const units[] = {"Xã Kim Đồng", "xã kim đồng", "Trường Mầm non", ""};
	static const char *const ma[] = {"01792", "", "NV", "99999"};
	static const char *const codes[] = {"",		 "nam_sinh_sai", "thanh_tich_ngan",
					    "trung_lap", "ma_cu",	 "x_unknown;ma_cu"};
	for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
		struct file_row fr;
		file_row_init(&fr);
		file_row_set(&fr, FL_NGUON, files[f]);
		file_row_set(&fr, FL_MA_DON_VI, ma[f % ARRAY_SIZE(ma)]);
		file_row_set(&fr, FL_DON_VI, units[f % ARRAY_SIZE(units)]);
		file_row_set(&fr, FL_NGAY_GUI, dates[f % ARRAY_SIZE(dates)]);
		merge_month_add_file(m, &fr);
		file_row_release(&fr);
	}
	srand(seed);
#define PICK(a) a[(size_t)rand() % ARRAY_SIZE(a)]
	for (size_t i = 0; i < n; i++) {
		struct record r;
		rec_init(&r);
		char id[32], pos[32];
		snprintf(id, sizeof id, "ID-%d", rand() % (int)(n + 3));
		snprintf(pos, sizeof pos, "dòng %d", rand() % 20);
		rec_set(&r, R_ID, id);
		rec_set(&r, R_TEN, PICK(names));
		rec_set(&r, R_LOAI, PICK(loai));
		rec_set(&r, R_NAM_SINH, PICK(years));
		rec_set(&r, R_NGAY_GUI, PICK(dates));
		rec_set(&r, R_NGUON, PICK(files));
		rec_set(&r, R_VI_TRI, rand() % 5 ? pos : "");
		rec_set(&r, R_LINH_VUC, PICK(lv));
		rec_set(&r, R_DON_VI, PICK(units));
		rec_set(&r, R_MA_DON_VI, PICK(ma));
		rec_set(&r, R_VAN_DE, PICK(codes));
		rec_set(&r, R_GHI_CHU, rand() % 3 ? "" : "ghi chú");
		CHECK_INT(merge_month_add_rec(m, &r), 0);
		if (rand() % 4 == 0)
			problist_add(&m->probs, rec_get(&r, R_NGUON), rec_get(&r, R_VI_TRI),
				     "nam_sinh_sai", "loi", "m", id);
		rec_release(&r);
	}
#undef PICK
	problist_add(&m->probs, "", "", "tep_hong", "loi", "m", "");
	problist_add(&m->probs, "2026-11/a.csv", "", "tep_hong", "loi", "m", "");
	problist_add(&m->probs, "2026-11/a.csv", "", "tep_hong", "loi", "m", "");
	static const char dec[] = "id,quyet_dinh,ly_do\nID-1,chap_nhan,đủ\nID-2,loai_bo,\n"
				  "ID-3,chap_nhan,x\nID-3,loai_bo,y\nID-999,chap_nhan,\n"
				  "ID-4,không rõ,\n,chap_nhan,\n";
	merge_read_decisions_mem(m, dec, sizeof dec - 1);
}

TEST(random_months)
{
	/* Every rule's corner cases at once: the run completes, every record
	 * comes out once, in the order nom_recs_sort() gives, and a duplicate
	 * is never the first of its identity in submission order. */
	struct plan p;
	test_plan(&p);
	for (unsigned seed = 1; seed <= 6; seed++) {
		struct tmonth t;
		tm_init(&t, "2026-11");
		random_month(&t.m, seed, seed * 37);
		CHECK_INT(tm_compute(&t, &p), 0);
		CHECK_INT(t.nout, seed * 37);
		check_same_order(&t);
		size_t nrecs;
		long st[ST_NSTATUS];
		merge_counts(&t.m, &nrecs, st);
		CHECK_INT(st[ST_HOP_LE] + st[ST_CAN_XEM_XET] + st[ST_KHONG_HOP_LE], nrecs);
		for (size_t i = 0; i < t.nout; i++) {
			const struct record *r = &t.out[i].r;
			CHECK_STR(rec_get(r, R_THANG), "2026-11");
			int s = nom_status_parse(rec_get(r, R_TRANG_THAI));
			CHECK(s >= 0);
			if (!rec_has_problem_code(r, "quyet_dinh"))
				CHECK_INT(s, nom_status_from_codes(rec_get(r, R_VAN_DE)));
		}
		tm_release(&t);
	}
	free(p.units);
}

TEST(month_codes)
{
	int y = 0, mo = 0;
	CHECK_INT(month_parse("2026-11", &y, &mo), 0);
	CHECK(y == 2026 && mo == 11);
	CHECK_INT(month_parse("2026-00", NULL, NULL), -1);
	CHECK_INT(month_parse("2026-13", NULL, NULL), -1);
	CHECK_INT(month_parse("2026-1", NULL, NULL), -1);
	CHECK_INT(month_parse("2026-11 ", NULL, NULL), -1);
	CHECK_INT(month_parse("1899-12", NULL, NULL), -1);
	CHECK_INT(month_parse("", NULL, NULL), -1);
	CHECK_INT(month_parse(NULL, NULL, NULL), -1);
	for (int s = 0; s < ST_NSTATUS; s++)
		CHECK_INT(nom_status_parse(nom_status_name((enum nom_status)s)), s);
	for (int s = 0; s < UNIT_NSTATES; s++)
		CHECK_INT(unit_state_parse(unit_state_name((enum unit_state)s)), s);
	CHECK_INT(nom_status_parse("hop le"), -1);
	CHECK(nom_type_rank("tap_the") < nom_type_rank("ca_nhan"));
	CHECK(nom_type_rank("ca_nhan") < nom_type_rank("ho_gia_dinh"));
	CHECK(nom_type_rank("ho_gia_dinh") < nom_type_rank("khac"));
	CHECK(nom_type_rank("khac") < nom_type_rank(""));
	struct nom_ident a = {"lê thị mai", "ca_nhan", "1990"}, b = {"lê thị mai", "ca_nhan", ""};
	struct nom_ident c = {"lê thị mai", "tap_the", ""}, d = {"", "ca_nhan", ""};
	struct nom_ident e = {"lê thị mai", "ca_nhan", "1991"};
	CHECK(nominee_same(&a, &b) && nominee_same(&b, &a));
	CHECK(!nominee_same(&a, &c) && !nominee_same(&a, &e) && !nominee_same(&d, &d));
}

int main(int argc, char **argv)
{
	dh_progname = "test_merge";
	RUN(dup_tone_placement_and_case);
	RUN(dup_missing_year);
	RUN(not_dup_different_years_or_types);
	RUN(dup_year_chain);
	RUN(dup_tie_breaks);
	RUN(resubmission);
	RUN(status_from_codes);
	RUN(decisions_applied);
	RUN(decisions_lenient_format);
	RUN(corrections);
	RUN(dataset_copy_as_decisions);
	RUN(sort_records);
	RUN(natural_order);
	RUN(problems_sorted_and_deduplicated);
	RUN(units_compliance);
	RUN(compute_and_write);
	RUN(random_months);
	RUN(month_codes);
	return DONE();
}
