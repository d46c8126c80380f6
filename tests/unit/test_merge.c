/* test_merge.c - unit tests of the merge rules: duplicates, status,
 * decisions, sorting and unit compliance. */
#include "harness.h"
#include "merge.h"
#include "plan.h"
#include "problem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Adds a record: ten, loai, nam_sinh, ngay_gui, nguon, vi_tri, id. */
static struct merge_rec *add(struct merge_month *m, const char *ten, const char *loai,
			     const char *nam_sinh, const char *ngay_gui, const char *nguon,
			     const char *vi_tri, const char *id)
{
	struct record r;
	rec_init(&r);
	rec_set(&r, R_TEN, ten);
	rec_set(&r, R_LOAI, loai);
	rec_set(&r, R_NAM_SINH, nam_sinh);
	rec_set(&r, R_NGAY_GUI, ngay_gui);
	rec_set(&r, R_NGUON, nguon);
	rec_set(&r, R_VI_TRI, vi_tri);
	rec_set(&r, R_ID, id);
	rec_set(&r, R_LINH_VUC, "7");
	rec_set(&r, R_DON_VI, "Xã Kim Đồng");
	rec_set(&r, R_MA_DON_VI, "01792");
	merge_month_add_rec(m, &r);
	rec_release(&r);
	return &m->recs[m->nrecs - 1];
}

static struct merge_rec *by_id(struct merge_month *m, const char *id)
{
	for (size_t i = 0; i < m->nrecs; i++)
		if (strcmp(rec_get(&m->recs[i].r, R_ID), id) == 0)
			return &m->recs[i];
	return NULL;
}

static int dup(struct merge_month *m, const char *id)
{
	return rec_has_problem_code(&by_id(m, id)->r, "trung_lap");
}

static size_t count_code(const struct merge_month *m, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < m->probs.n; i++)
		n += strcmp(m->probs.v[i].f[PB_MA], code) == 0;
	return n;
}

static const struct prob *find_prob(const struct merge_month *m, const char *code, const char *id)
{
	for (size_t i = 0; i < m->probs.n; i++)
		if (strcmp(m->probs.v[i].f[PB_MA], code) == 0 &&
		    (!id || strcmp(m->probs.v[i].f[PB_ID], id) == 0))
			return &m->probs.v[i];
	return NULL;
}

TEST(dup_tone_placement_and_case)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add(&m, "Nguyễn Văn Hoà", "ca_nhan", "1980", "2026-11-05", "a.csv", "dòng 2", "A1");
	add(&m, "NGUYỄN VĂN HÒA", "ca_nhan", "1980", "2026-11-03", "b.docx", "bảng 1, dòng 4",
	    "B1");
	merge_duplicates(&m);
	CHECK(dup(&m, "A1"));
	CHECK(!dup(&m, "B1"));
	const struct prob *p = find_prob(&m, "trung_lap", "A1");
	CHECK(p != NULL);
	if (p) {
		CHECK(strstr(p->f[PB_THONG_DIEP], "b.docx") != NULL);
		CHECK(strstr(p->f[PB_THONG_DIEP], "bảng 1, dòng 4") != NULL);
		CHECK_STR(p->f[PB_MUC_DO], "loi");
		CHECK_STR(p->f[PB_NGUON], "a.csv");
	}
	CHECK_INT(by_id(&m, "A1")->dup_of, by_id(&m, "B1") - m.recs);
	merge_month_release(&m);
}

TEST(dup_missing_year)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add(&m, "Lê Thị Mai", "ca_nhan", "1990", "2026-11-02", "a.csv", "dòng 2", "A");
	add(&m, "Lê Thị Mai", "ca_nhan", "", "2026-11-04", "b.csv", "dòng 2", "B");
	add(&m, "Lê Thị Mai", "ca_nhan", "1990", "2026-11-09", "c.csv", "dòng 2", "C");
	merge_duplicates(&m);
	CHECK(!dup(&m, "A"));
	CHECK(dup(&m, "B"));
	CHECK(dup(&m, "C"));
	CHECK_INT(count_code(&m, "trung_lap"), 2);
	merge_month_release(&m);
}

TEST(not_dup_different_years_or_types)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add(&m, "Hoàng Văn Nam", "ca_nhan", "1980", "2026-11-02", "a.csv", "dòng 2", "A");
	add(&m, "Hoàng Văn Nam", "ca_nhan", "1985", "2026-11-03", "b.csv", "dòng 2", "B");
	add(&m, "Trường Tiểu học Kim Đồng", "tap_the", "", "2026-11-02", "a.csv", "dòng 3", "C");
	add(&m, "Trường Tiểu học Kim Đồng", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 3", "D");
	add(&m, "", "ca_nhan", "", "2026-11-02", "a.csv", "dòng 4", "E");
	add(&m, "", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 4", "F");
	/* Without diacritics the name is another name. */
	add(&m, "Nguyen Van Hoa", "ca_nhan", "", "2026-11-03", "b.csv", "dòng 5", "G");
	add(&m, "Nguyễn Văn Hòa", "ca_nhan", "", "2026-11-04", "b.csv", "dòng 6", "H");
	merge_duplicates(&m);
	CHECK_INT(count_code(&m, "trung_lap"), 0);
	for (size_t i = 0; i < m.nrecs; i++)
		CHECK_INT(m.recs[i].dup_of, -1);
	merge_month_release(&m);
}

TEST(dup_year_chain)
{
	/* An earlier record without a year absorbs both years. */
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add(&m, "Lò Văn Páo", "ca_nhan", "", "2026-11-01", "a.csv", "dòng 2", "A");
	add(&m, "Lò Văn Páo", "ca_nhan", "1970", "2026-11-02", "a.csv", "dòng 3", "B");
	add(&m, "Lò Văn Páo", "ca_nhan", "1975", "2026-11-03", "a.csv", "dòng 4", "C");
	merge_duplicates(&m);
	CHECK(!dup(&m, "A"));
	CHECK(dup(&m, "B"));
	CHECK(dup(&m, "C"));
	merge_month_release(&m);
}

TEST(dup_tie_breaks)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	/* Same date: nguon decides; same nguon: vi_tri in natural order; no date: last. */
	add(&m, "Bế Văn Hùng", "ca_nhan", "", "", "a.csv", "dòng 1", "N");
	add(&m, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "b.csv", "dòng 10", "X");
	add(&m, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "b.csv", "dòng 9", "Y");
	add(&m, "Bế Văn Hùng", "ca_nhan", "", "2026-11-10", "c.csv", "dòng 1", "Z");
	merge_duplicates(&m);
	CHECK(!dup(&m, "Y"));
	CHECK(dup(&m, "X"));
	CHECK(dup(&m, "Z"));
	CHECK(dup(&m, "N"));
	merge_month_release(&m);
}

TEST(status_from_codes)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	rec_set(&add(&m, "A", "ca_nhan", "", "", "a", "1", "1")->r, R_VAN_DE, "ma_cu");
	rec_set(&add(&m, "B", "ca_nhan", "", "", "a", "2", "2")->r, R_VAN_DE,
		"ma_cu;thanh_tich_ngan");
	rec_set(&add(&m, "C", "ca_nhan", "", "", "a", "3", "3")->r, R_VAN_DE,
		"gui_muon;nam_sinh_sai");
	rec_set(&add(&m, "D", "ca_nhan", "", "", "a", "4", "4")->r, R_VAN_DE, "khong_co_ma_nay");
	struct merge_rec *e = add(&m, "E", "ca_nhan", "", "", "a", "5", "5");
	rec_set(&e->r, R_TRANG_THAI, "khong_hop_le"); /* stale status is recomputed */
	merge_status(&m);
	CHECK_STR(rec_get(&by_id(&m, "1")->r, R_TRANG_THAI), "hop_le");
	CHECK_STR(rec_get(&by_id(&m, "2")->r, R_TRANG_THAI), "can_xem_xet");
	CHECK_STR(rec_get(&by_id(&m, "3")->r, R_TRANG_THAI), "khong_hop_le");
	CHECK_STR(rec_get(&by_id(&m, "4")->r, R_TRANG_THAI), "hop_le");
	CHECK_STR(rec_get(&by_id(&m, "5")->r, R_TRANG_THAI), "hop_le");
	merge_month_release(&m);
}

TEST(decisions_applied)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	rec_set(&add(&m, "A", "ca_nhan", "", "", "a.csv", "dòng 2", "ID-1")->r, R_VAN_DE,
		"nam_sinh_sai");
	struct merge_rec *b = add(&m, "B", "ca_nhan", "", "", "a.csv", "dòng 3", "ID-2");
	rec_set(&b->r, R_VAN_DE, "thanh_tich_ngan");
	rec_set(&b->r, R_GHI_CHU, "Ghi chú cũ");
	add(&m, "C", "ca_nhan", "", "", "a.csv", "dòng 4", "ID-3");
	static const char file[] = "\xEF\xBB\xBFid;Quyết định;Lý do\r\n"
				   "ID-1;chap_nhan;Năm sinh đã xác minh\r\n"
				   "ID-2;Loại bỏ;\"Thành tích không rõ; trùng hồ sơ\"\r\n"
				   "ID-9;chap_nhan;x\r\n"
				   ";loai_bo;x\r\n"
				   "ID-3;đồng ý;x\r\n"
				   "\r\n";
	CHECK_INT(merge_read_decisions_mem(&m, file, sizeof file - 1), 0);
	CHECK_INT(m.ndec, 5);
	merge_status(&m);
	merge_decisions(&m);
	struct merge_rec *a = by_id(&m, "ID-1");
	b = by_id(&m, "ID-2");
	CHECK_STR(rec_get(&a->r, R_TRANG_THAI), "hop_le");
	CHECK(rec_has_problem_code(&a->r, "nam_sinh_sai")); /* problems stay listed */
	CHECK(rec_has_problem_code(&a->r, "quyet_dinh"));
	CHECK_STR(rec_get(&a->r, R_GHI_CHU), "Đã chấp nhận sau thẩm định: Năm sinh đã xác minh");
	CHECK_STR(rec_get(&b->r, R_TRANG_THAI), "khong_hop_le");
	CHECK_STR(rec_get(&b->r, R_GHI_CHU),
		  "Đã loại bỏ sau thẩm định: Thành tích không rõ; trùng hồ sơ. Ghi chú cũ");
	CHECK_STR(rec_get(&by_id(&m, "ID-3")->r, R_TRANG_THAI), "hop_le");
	CHECK(!rec_has_problem_code(&by_id(&m, "ID-3")->r, "quyet_dinh"));
	CHECK_INT(count_code(&m, "quyet_dinh"), 2);
	CHECK_INT(count_code(&m, "quyet_dinh_sai"), 3);
	const struct prob *p = find_prob(&m, "quyet_dinh", "ID-1");
	CHECK(p && strstr(p->f[PB_THONG_DIEP], "chấp nhận") &&
	      strstr(p->f[PB_THONG_DIEP], "Năm sinh đã xác minh"));
	CHECK(p && strcmp(p->f[PB_NGUON], "a.csv") == 0 &&
	      strcmp(p->f[PB_MUC_DO], "thong_tin") == 0);
	p = find_prob(&m, "quyet_dinh_sai", "ID-9");
	CHECK(p && strcmp(p->f[PB_NGUON], "2026-11/xem-xet.csv") == 0 &&
	      strcmp(p->f[PB_VI_TRI], "dòng 4") == 0 && strstr(p->f[PB_THONG_DIEP], "ID-9"));
	CHECK(m.dec[0].applied && m.dec[1].applied && !m.dec[2].applied);
	merge_month_release(&m);
}

TEST(decisions_lenient_format)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add(&m, "A", "ca_nhan", "", "", "a.csv", "dòng 2", "X1");
	/* No header, comma; the id decided twice: the later line wins. */
	static const char file[] = "X1,loai_bo,lần đầu\nX1,Chấp nhận,xem lại\n";
	merge_read_decisions_mem(&m, file, sizeof file - 1);
	CHECK_INT(m.ndec, 2);
	merge_status(&m);
	merge_decisions(&m);
	CHECK_STR(rec_get(&m.recs[0].r, R_TRANG_THAI), "hop_le");
	CHECK_INT(count_code(&m, "quyet_dinh"), 1);
	CHECK_INT(count_code(&m, "quyet_dinh_sai"), 1);
	/* Windows-1258 (Excel "CSV" on Vietnamese Windows) is converted. */
	struct merge_month m2;
	merge_month_init(&m2, "2026-11");
	static const char cp[] =
	    "id;quy\xea\xect \xf0i\xf2nh;ly do\r\nX1;Ch\xe2\xecp nh\xe2\xf2n;\r\n";
	merge_read_decisions_mem(&m2, cp, sizeof cp - 1);
	CHECK_INT(m2.ndec, 1);
	CHECK(m2.ndec == 1 && m2.dec[0].kind == QD_CHAP_NHAN);
	CHECK_INT(count_code(&m2, "quyet_dinh_sai"), 0);
	merge_month_release(&m2);
	/* Binary: one problem, nothing read. */
	merge_month_init(&m2, "2026-11");
	static const char bad[] = "id,quyet_dinh\n\x01\x02\x00\x00\x03\x04\x00\x05\x06\x07\x08";
	merge_read_decisions_mem(&m2, bad, sizeof bad - 1);
	CHECK_INT(m2.ndec, 0);
	CHECK_INT(count_code(&m2, "quyet_dinh_sai"), 1);
	CHECK_INT(decision_parse("CHAP_NHAN"), QD_CHAP_NHAN);
	CHECK_INT(decision_parse(" loại  bỏ "), QD_LOAI_BO);
	CHECK_INT(decision_parse("có"), QD_NONE);
	merge_month_release(&m);
	merge_month_release(&m2);
}

TEST(sort_records)
{
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	struct merge_rec *r;
	r = add(&m, "Giang Văn Minh", "ca_nhan", "", "", "a", "1", "1");
	r = add(&m, "Đinh Thị Lan", "ca_nhan", "", "", "a", "2", "2");
	r = add(&m, "Dương Văn An", "ca_nhan", "", "", "a", "3", "3");
	r = add(&m, "Trường Mầm non Hoa Sen", "tap_the", "", "", "a", "4", "4");
	r = add(&m, "Hộ ông Lục Văn Sáng", "ho_gia_dinh", "", "", "a", "5", "5");
	r = add(&m, "Ẩn danh", "ca_nhan", "", "", "a", "6", "6");
	rec_set(&r->r, R_LINH_VUC, "");
	merge_rec_prepare(r);
	r = add(&m, "Nông Văn Tú", "ca_nhan", "", "", "a", "7", "7");
	rec_set(&r->r, R_LINH_VUC, "10");
	merge_rec_prepare(r);
	r = add(&m, "Ma Văn Tú", "ca_nhan", "", "", "a", "8", "8");
	rec_set(&r->r, R_LINH_VUC, "2");
	merge_rec_prepare(r);
	/* Unit name: Đ after D. */
	r = add(&m, "Hà Văn Bình", "ca_nhan", "", "", "a", "9", "9");
	rec_set(&r->r, R_DON_VI, "Xã Đức Long");
	merge_rec_prepare(r);
	r = add(&m, "Hà Văn Bình", "ca_nhan", "", "", "a", "10", "10");
	rec_set(&r->r, R_DON_VI, "Xã Danh Sỹ");
	merge_rec_prepare(r);
	merge_sort_recs(m.recs, m.nrecs, 0);
	static const char *const want[] = {"8", "4", "10", "9", "3", "2", "1", "5", "7", "6"};
	CHECK_INT(m.nrecs, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want) && i < m.nrecs; i++)
		CHECK_STR(rec_get(&m.recs[i].r, R_ID), want[i]);
	merge_month_release(&m);
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
	struct problist l;
	problist_init(&l);
	problist_add(&l, "", "Xã B", "chua_gui", "canh_bao", "m", "");
	l.v[l.n - 1].ord = 2;
	problist_add(&l, "", "Xã A", "chua_gui", "canh_bao", "m", "");
	l.v[l.n - 1].ord = 5;
	problist_add(&l, "b.csv", "dòng 10", "thieu_ten", "loi", "m", "1");
	problist_add(&l, "b.csv", "dòng 9", "thieu_ten", "loi", "m", "2");
	problist_add(&l, "a.csv", "", "tep_hong", "loi", "m", "");
	problist_add(&l, "b.csv", "dòng 9", "thieu_ten", "loi", "m", "2");
	problist_add(&l, "b.csv", "dòng 9", "tep_hong", "loi", "m", "2");
	problist_sort(&l);
	CHECK_INT(l.n, 6);
	if (l.n == 6) {
		CHECK_STR(l.v[0].f[PB_NGUON], "a.csv");
		CHECK_STR(l.v[1].f[PB_MA], "tep_hong"); /* catalogue order */
		CHECK_STR(l.v[2].f[PB_VI_TRI], "dòng 9");
		CHECK_STR(l.v[3].f[PB_VI_TRI], "dòng 10");
		CHECK_STR(l.v[4].f[PB_VI_TRI], "Xã B"); /* registry order, not name */
		CHECK_STR(l.v[5].f[PB_VI_TRI], "Xã A");
	}
	problist_release(&l);
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
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add_file(&m, "2026-11/nv.docx", "NV", "Phòng Nội vụ", "2026-11-20");
	add_file(&m, "2026-11/dl.csv", "01822", "Xã Đức Long", "2026-11-21");
	add_file(&m, "2026-11/dl2.csv", "01822", "Xã Đức Long", "2026-11-02");
	add_file(&m, "2026-11/x.csv", "", "UBND xã Tân Lập", "2026-11-05");
	add_file(&m, "2026-11/z.csv", "", "", "2026-11-05");
	add_file(&m, "2026-11/hs/a.csv", "", "Truong Mam non Hoa Sen", "2026-11-06");
	struct merge_rec *r =
	    add(&m, "A", "ca_nhan", "", "2026-11-20", "2026-11/nv.docx", "1", "1");
	rec_set(&r->r, R_MA_DON_VI, "NV");
	rec_set(&r->r, R_VAN_DE, "nam_sinh_sai");
	r = add(&m, "B", "ca_nhan", "", "2026-11-20", "2026-11/nv.docx", "2", "2");
	rec_set(&r->r, R_MA_DON_VI, "NV");
	rec_set(&r->r, R_VAN_DE, "thanh_tich_ngan");
	r = add(&m, "C", "ca_nhan", "", "2026-11-25", "2026-11/tt.csv", "1", "3");
	rec_set(&r->r, R_MA_DON_VI, "TTGDNN");
	r = add(&m, "D", "ca_nhan", "", "2026-11-05", "2026-11/x.csv", "1", "4");
	rec_set(&r->r, R_MA_DON_VI, "");
	rec_set(&r->r, R_DON_VI, "UBND xã Tân Lập");
	r = add(&m, "E", "ca_nhan", "", "2026-11-06", "2026-11/hs/a.csv", "1", "5");
	rec_set(&r->r, R_MA_DON_VI, "");
	rec_set(&r->r, R_DON_VI, "Trường Mầm non Hoa Sen");
	merge_status(&m);
	merge_units(&m, &p);
	CHECK_INT(m.nunits, 7);
	if (m.nunits == 7) {
		CHECK_STR(m.units[0].ma, "NV");
		CHECK_STR(m.units[0].trang_thai, "da_gui"); /* on the 20th: on time */
		CHECK_INT(m.units[0].so_tep, 1);
		CHECK_INT(m.units[0].so_guong, 2);
		CHECK_INT(m.units[0].so_hop_le, 1);
		CHECK_STR(m.units[1].ma, "01822");
		CHECK_STR(m.units[1].ngay_gui, "2026-11-02"); /* earliest */
		CHECK_STR(m.units[1].trang_thai, "da_gui");
		CHECK_INT(m.units[1].so_tep, 2);
		CHECK_STR(m.units[2].ma, "01789");
		CHECK_STR(m.units[2].trang_thai, "chua_gui");
		CHECK_STR(m.units[3].ma, "TTGDNN"); /* need not submit, but sent */
		CHECK_STR(m.units[3].trang_thai, "gui_muon");
		CHECK_STR(m.units[4].ten, "Không rõ đơn vị gửi");
		/* Folder spelling and record spelling: one sender, the record's name. */
		CHECK_STR(m.units[5].ten, "Trường Mầm non Hoa Sen");
		CHECK_INT(m.units[5].so_tep, 1);
		CHECK_INT(m.units[5].so_guong, 1);
		CHECK_STR(m.units[6].ten, "UBND xã Tân Lập");
		CHECK_STR(m.units[6].ma, "");
		CHECK_INT(m.units[6].so_guong, 1);
		CHECK_INT(m.units[6].so_tep, 1);
	}
	CHECK_INT(count_code(&m, "chua_gui"), 1);
	const struct prob *pr = find_prob(&m, "chua_gui", NULL);
	CHECK(pr && strstr(pr->f[PB_THONG_DIEP], "Xã Canh Tân") && !*pr->f[PB_NGUON]);
	CHECK_STR(unit_status("2026-11", 20, "2026-11-21"), "gui_muon");
	CHECK_STR(unit_status("2026-11", 20, "2026-12-01"), "gui_muon");
	CHECK_STR(unit_status("2026-11", 20, "2026-10-30"), "da_gui");
	CHECK_STR(unit_status("2026-11", 20, ""), "da_gui");
	merge_month_release(&m);
	free(p.units);
}

TEST(compute_and_write)
{
	struct plan p;
	test_plan(&p);
	struct merge_month m;
	merge_month_init(&m, "2026-11");
	add_file(&m, "2026-11/nv.docx", "NV", "Phòng Nội vụ", "2026-11-10");
	add(&m, "Nguyễn Văn Hoà", "ca_nhan", "1980", "2026-11-10", "2026-11/nv.docx", "dòng 3",
	    "b");
	add(&m, "Nguyễn Văn Hòa", "ca_nhan", "1980", "2026-11-10", "2026-11/nv.docx", "dòng 2",
	    "a");
	CHECK_INT(merge_compute(&m, &p, NULL), 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	merge_write_dataset(f, m.recs, m.nrecs);
	fclose(f);
	CHECK(len > 3 && memcmp(buf, "\xEF\xBB\xBFid,thang,ma_don_vi,", 22) == 0);
	CHECK(strstr(buf, ",ngay_gui,ghi_chu\r\n") != NULL);
	/* The kept record (dòng 2) first: same sort keys, id "a" < "b". */
	const char *a = strstr(buf, "\r\na,"), *b = strstr(buf, "\r\nb,");
	CHECK(a && b && a < b);
	CHECK(b && strstr(b, "khong_hop_le,trung_lap,") != NULL);
	free(buf);
	merge_month_release(&m);
	free(p.units);
}

/* A random month with every rule's corner cases, built the same way in memory
 * and staged. */
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
		merge_month_add_rec(m, &r);
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

static char *slurp(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *data = NULL;
	size_t len = 0;
	if (read_file(path, 64u << 20, &data, &len) != 0)
		data = NULL;
	free(path);
	return data;
}

static char *summary_of(const struct merge_month *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	merge_print_summary(m, f);
	fclose(f);
	return buf;
}

TEST(staged_equals_memory)
{
	static const char *const outs[] = {"dataset.csv", "van-de.csv", "don-vi.csv", "tep.csv"};
	struct plan p;
	test_plan(&p);
	for (unsigned seed = 1; seed <= 6; seed++) {
		char dir[2][64];
		char *summary[2];
		for (int staged = 0; staged < 2; staged++) {
			struct merge_month m;
			merge_month_init(&m, "2026-11");
			if (staged)
				CHECK_INT(merge_month_stage(&m), 0);
			random_month(&m, seed, seed * 37);
			CHECK_INT(merge_compute(&m, &p, NULL), 0);
			snprintf(dir[staged], sizeof dir[staged], "/tmp/test_merge.XXXXXX");
			CHECK(mkdtemp(dir[staged]) != NULL);
			CHECK_INT(merge_write_outputs(&m, dir[staged]), 0);
			summary[staged] = summary_of(&m);
			merge_month_release(&m);
		}
		CHECK_STR(summary[1], summary[0]);
		for (size_t k = 0; k < ARRAY_SIZE(outs); k++) {
			char *a = slurp(dir[0], outs[k]), *b = slurp(dir[1], outs[k]);
			CHECK(a && b);
			if (a && b)
				CHECK_STR(b, a);
			free(a);
			free(b);
		}
		for (int staged = 0; staged < 2; staged++) {
			free(summary[staged]);
			for (size_t k = 0; k < ARRAY_SIZE(outs); k++) {
				char *path = xasprintf("%s/%s", dir[staged], outs[k]);
				remove(path);
				free(path);
			}
			remove(dir[staged]);
		}
	}
	free(p.units);
}

int main(int argc, char **argv)
{
	dh_progname = "test_merge";
	RUN(dup_tone_placement_and_case);
	RUN(dup_missing_year);
	RUN(not_dup_different_years_or_types);
	RUN(dup_year_chain);
	RUN(dup_tie_breaks);
	RUN(status_from_codes);
	RUN(decisions_applied);
	RUN(decisions_lenient_format);
	RUN(sort_records);
	RUN(natural_order);
	RUN(problems_sorted_and_deduplicated);
	RUN(units_compliance);
	RUN(compute_and_write);
	RUN(staged_equals_memory);
	return DONE();
}
