/* test_validate.c - the validate stage: each problem code it owns, triggered
 * and not triggered, normalisation of the record, files, the whole run, and
 * garbage input. */
#include "harness.h"
#include "csvio.h"
#include "files.h"
#include "plan.h"
#include "problem.h"
#include "record.h"
#include "util.h"
#include "nominee.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct plan P;

/* One record under test, its problem rows captured in memory. */
struct run {
	struct record r;
	char *problems; /* CSV rows written by the sink */
	size_t len;
};

static void run_init(struct run *t)
{
	rec_init(&t->r);
	t->problems = NULL;
	t->len = 0;
	rec_set(&t->r, R_ID, "id1");
	rec_set(&t->r, R_NGUON, "2026-11/ds.csv");
	rec_set(&t->r, R_VI_TRI, "dòng 5");
	rec_set(&t->r, R_DON_VI_GOC, "UBND xã Đức Long");
	rec_set(&t->r, R_LINH_VUC_GOC, "1");
	rec_set(&t->r, R_TEN, "Nguyễn Văn An");
	rec_set(&t->r, R_NAM_SINH, "1980");
	rec_set(&t->r, R_GIOI_TINH, "Nam");
	rec_set(&t->r, R_THANH_TICH,
		"Hoàn thành xuất sắc nhiệm vụ chính trị được giao; có nhiều cách làm hay, sáng "
		"tạo trong công tác tuyên truyền; thực hành tiết kiệm, chống lãng phí.");
	rec_set(&t->r, R_NGAY_VB, "2026-11-10");
	rec_set(&t->r, R_THANG_VB, "2026-11");
}

static void run_release(struct run *t)
{
	rec_release(&t->r);
	free(t->problems);
}

static void validate(struct run *t, const char *month)
{
	FILE *f = open_memstream(&t->problems, &t->len);
	struct problem_sink sink;
	problem_sink_init(&sink, f, 0);
	struct validator v;
	if (validator_init(&v, &P, month, &sink) == 0) {
		validate_record(&v, &t->r);
		validator_release(&v);
	}
	fclose(f);
}

static int has(const struct run *t, const char *code)
{
	return rec_has_problem_code(&t->r, code);
}

static const char *get(const struct run *t, enum rec_field k)
{
	return rec_get(&t->r, k);
}

/* Validates a default record changed by one field. */
static void one(struct run *t, enum rec_field k, const char *val)
{
	run_init(t);
	rec_set(&t->r, k, val);
	validate(t, "2026-11");
}

TEST(clean_record_is_valid)
{
	struct run t;
	run_init(&t);
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_VAN_DE), "");
	CHECK_STR(get(&t, R_TRANG_THAI), "hop_le");
	CHECK_STR(get(&t, R_MA_DON_VI), "01822");
	CHECK_STR(get(&t, R_DON_VI), "Xã Đức Long");
	CHECK_STR(get(&t, R_LINH_VUC), "1");
	CHECK_STR(get(&t, R_LOAI), "ca_nhan");
	CHECK_STR(get(&t, R_TEN), "Nguyễn Văn An");
	CHECK_STR(get(&t, R_NAM_SINH), "1980");
	CHECK_STR(get(&t, R_GIOI_TINH), "nam");
	CHECK_STR(get(&t, R_NGAY_GUI), "2026-11-10");
	CHECK_STR(get(&t, R_THANG), "2026-11");
	CHECK_STR(get(&t, R_ID), "id1");
	CHECK_STR(get(&t, R_DON_VI_GOC), "UBND xã Đức Long");
	CHECK_INT(t.len, 0);
	run_release(&t);
}

/* A formula in the name cell (Excel's =HYPERLINK, a cell reference) is no
 * nominee, though it has letters; a list dash before a name is still a name. */
TEST(formula_is_not_a_name)
{
	struct run t;
	one(&t, R_TEN, "=HYPERLINK(\"http://x\",\"Nguyễn Văn An\")");
	CHECK(has(&t, "thieu_ten"));
	CHECK_STR(get(&t, R_TEN), "");
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	CHECK(t.problems && strstr(t.problems, "công thức bảng tính"));
	run_release(&t);
	one(&t, R_TEN, " =A5");
	CHECK(has(&t, "thieu_ten"));
	run_release(&t);
	one(&t, R_TEN, "123");
	CHECK(has(&t, "thieu_ten"));
	run_release(&t);
	one(&t, R_TEN, "Nguyễn Văn An");
	CHECK(!has(&t, "thieu_ten"));
	CHECK_STR(get(&t, R_TEN), "Nguyễn Văn An");
	run_release(&t);
}

TEST(unit_matching)
{
	struct run t;
	one(&t, R_DON_VI_GOC, "PHÒNG GD&ĐT");
	CHECK_STR(get(&t, R_MA_DON_VI), "GDDT");
	CHECK_STR(get(&t, R_DON_VI), "Phòng Giáo dục và Đào tạo");
	CHECK(!has(&t, "don_vi_khong_ro"));
	run_release(&t);
	/* from the folder when the document names no unit */
	run_init(&t);
	rec_set(&t.r, R_DON_VI_GOC, NULL);
	rec_set(&t.r, R_NGUON, "2026-11/duc-long/ds.docx");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_MA_DON_VI), "01822");
	CHECK(!has(&t, "don_vi_khong_ro"));
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_DON_VI_GOC, NULL);
	rec_set(&t.r, R_NGUON, "2026-11/Phong GD/Truong TH/ds.csv");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_MA_DON_VI), "GDDT");
	run_release(&t);
	/* an unmatched header, but a known folder */
	run_init(&t);
	rec_set(&t.r, R_DON_VI_GOC, "Trường PTDTBT THCS");
	rec_set(&t.r, R_NGUON, "2026-11/Phong_GD_DT/ds.csv");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_MA_DON_VI), "GDDT");
	run_release(&t);
	/* from the file name */
	run_init(&t);
	rec_set(&t.r, R_DON_VI_GOC, NULL);
	rec_set(&t.r, R_NGUON, "2026-11/xa Duc Xuan.csv");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_MA_DON_VI), "01831");
	run_release(&t);
}

TEST(don_vi_khong_ro)
{
	struct run t;
	one(&t, R_DON_VI_GOC, "CÔNG TY TNHH ABC");
	CHECK(has(&t, "don_vi_khong_ro"));
	CHECK_STR(get(&t, R_MA_DON_VI), "");
	CHECK(strstr(get(&t, R_DON_VI), "ABC") != NULL);
	CHECK_STR(get(&t, R_TRANG_THAI), "can_xem_xet");
	CHECK(t.problems && strstr(t.problems, "ABC") && strstr(t.problems, "canh_bao"));
	run_release(&t);
	/* unknown, named only by its folder */
	run_init(&t);
	rec_set(&t.r, R_DON_VI_GOC, NULL);
	rec_set(&t.r, R_NGUON, "2026-11/HTX Rau sach/ds.csv");
	validate(&t, "2026-11");
	CHECK(has(&t, "don_vi_khong_ro"));
	CHECK_STR(get(&t, R_DON_VI), "HTX Rau sach");
	run_release(&t);
	/* a commune merged away */
	one(&t, R_DON_VI_GOC, "UBND xã Thị Ngân");
	CHECK(has(&t, "don_vi_khong_ro"));
	CHECK_STR(get(&t, R_MA_DON_VI), "");
	CHECK_STR(get(&t, R_DON_VI), "Xã Thị Ngân");
	CHECK(t.problems && strstr(t.problems, "sáp nhập"));
	run_release(&t);
	one(&t, R_DON_VI_GOC, "Công an huyện Thạch An");
	CHECK(!has(&t, "don_vi_khong_ro"));
	CHECK_STR(get(&t, R_MA_DON_VI), "CAH");
	run_release(&t);
}

TEST(field_sources)
{
	struct run t;
	one(&t, R_LINH_VUC_GOC, "VII");
	CHECK_STR(get(&t, R_LINH_VUC), "7");
	run_release(&t);
	one(&t, R_LINH_VUC_GOC, "I. LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO");
	CHECK_STR(get(&t, R_LINH_VUC), "7");
	run_release(&t);
	/* from the title */
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, NULL);
	rec_set(&t.r, R_TIEU_DE, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN LĨNH VỰC Y TẾ THÁNG 11/2026");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_LINH_VUC), "8");
	CHECK(!has(&t, "linh_vuc_khong_ro"));
	run_release(&t);
	/* from the unit's single led field */
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, NULL);
	rec_set(&t.r, R_DON_VI_GOC, "Hội Nông dân huyện");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_LINH_VUC), "6");
	run_release(&t);
}

TEST(linh_vuc_khong_ro)
{
	struct run t;
	one(&t, R_LINH_VUC_GOC, NULL);
	CHECK(has(&t, "linh_vuc_khong_ro"));
	CHECK_STR(get(&t, R_LINH_VUC), "");
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	run_release(&t);
	/* the summary's words alone never decide the field */
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, NULL);
	rec_set(&t.r, R_THANH_TICH,
		"Là giáo viên dạy tốt, có nhiều học sinh giỏi cấp tỉnh, "
		"đổi mới phương pháp giảng dạy, nhà trường ghi nhận.");
	validate(&t, "2026-11");
	CHECK(has(&t, "linh_vuc_khong_ro"));
	run_release(&t);
	one(&t, R_LINH_VUC_GOC, "Khác");
	CHECK(has(&t, "linh_vuc_khong_ro"));
	CHECK(t.problems && strstr(t.problems, "Khác"));
	run_release(&t);
	one(&t, R_LINH_VUC_GOC, "Giáo dục và Y tế");
	CHECK(has(&t, "linh_vuc_khong_ro"));
	run_release(&t);
}

static const char *type_of(const char *name, const char *loai_goc)
{
	static char out[32];
	struct run t;
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "4");
	rec_set(&t.r, R_TEN, name);
	rec_set(&t.r, R_LOAI_GOC, loai_goc);
	validate(&t, "2026-11");
	snprintf(out, sizeof out, "%s", get(&t, R_LOAI));
	run_release(&t);
	return out;
}

TEST(type_detection)
{
	CHECK_STR(type_of("Trường Tiểu học Kim Đồng", NULL), "tap_the");
	CHECK_STR(type_of("TRƯỜNG MẦM NON ĐỨC LONG", NULL), "tap_the");
	CHECK_STR(type_of("Hợp tác xã Rau sạch", NULL), "tap_the");
	CHECK_STR(type_of("HTX Chè Đức Long", NULL), "tap_the");
	CHECK_STR(type_of("Công ty TNHH Minh Anh", NULL), "tap_the");
	CHECK_STR(type_of("Xóm Nà Lẹng", NULL), "tap_the");
	CHECK_STR(type_of("Chi bộ thôn Bản Chang", NULL), "tap_the");
	CHECK_STR(type_of("Trạm Y tế xã Lê Lai", NULL), "tap_the");
	CHECK_STR(type_of("Tổ sản xuất số 2", NULL), "tap_the");
	CHECK_STR(type_of("Đồn Biên phòng Đức Long", NULL), "tap_the");
	CHECK_STR(type_of("Hộ ông Nông Văn Dũng", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Hộ gia đình bà Lý Thị Mai", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Gia đình ông Hoàng Văn Tư", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Vợ chồng ông Nông Văn Pảo", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Hai vợ chồng Nông Văn Pảo", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Ông bà Nông Văn Pảo", NULL), "ho_gia_dinh");
	CHECK_STR(type_of("Nông Văn Pảo", "Hộ GĐ"), "ho_gia_dinh");
	CHECK_STR(type_of("Nông Văn Pảo", "Gia đình"), "ho_gia_dinh");
	{
		struct run t;
		one(&t, R_TEN, "Hai vợ chồng ông Nông Văn Pảo");
		CHECK_STR(get(&t, R_TEN), "Hộ ông Nông Văn Pảo");
		run_release(&t);
		one(&t, R_TEN, "VỢ CHỒNG BÀ LỤC THỊ HOA");
		CHECK_STR(get(&t, R_TEN), "Hộ bà Lục Thị Hoa");
		run_release(&t);
	}
	CHECK_STR(type_of("Nguyễn Văn An", NULL), "ca_nhan");
	/* surnames that look like collective words */
	CHECK_STR(type_of("Tô Văn Nam", NULL), "ca_nhan");
	CHECK_STR(type_of("Đoàn Thị Hoa", NULL), "ca_nhan");
	CHECK_STR(type_of("Hồ Anh Tuấn", NULL), "ca_nhan");
	CHECK_STR(type_of("Trương Văn Khoa", NULL), "ca_nhan");
	CHECK_STR(type_of("Bàn Văn Sinh", NULL), "ca_nhan");
	/* the type column wins */
	CHECK_STR(type_of("Nguyễn Văn An", "A. TẬP THỂ"), "tap_the");
	CHECK_STR(type_of("Trường X", "CN"), "ca_nhan");
	CHECK_STR(type_of("Nông Văn Dũng", "Hộ gia đình"), "ho_gia_dinh");
	CHECK_STR(type_of("Nông Văn Dũng", "TT"), "tap_the");
}

TEST(loai_khong_phu_hop)
{
	struct run t;
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "5");
	rec_set(&t.r, R_TEN, "Hộ ông Nông Văn Dũng");
	validate(&t, "2026-11");
	CHECK(has(&t, "loai_khong_phu_hop"));
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	CHECK(t.problems && strstr(t.problems, "lĩnh vực 5"));
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "6");
	rec_set(&t.r, R_TEN, "HTX Chè Đức Long");
	validate(&t, "2026-11");
	CHECK(has(&t, "loai_khong_phu_hop"));
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "6");
	rec_set(&t.r, R_TEN, "Hộ ông Nông Văn Dũng");
	validate(&t, "2026-11");
	CHECK(!has(&t, "loai_khong_phu_hop"));
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "4");
	rec_set(&t.r, R_TEN, "Hộ bà Lý Thị Mai");
	validate(&t, "2026-11");
	CHECK(!has(&t, "loai_khong_phu_hop"));
	run_release(&t);
}

TEST(names)
{
	struct run t;
	one(&t, R_TEN, "NGUYỄN  VĂN   AN");
	CHECK_STR(get(&t, R_TEN), "Nguyễn Văn An");
	run_release(&t);
	one(&t, R_TEN, "Đ/c Nông Văn Dũng");
	CHECK_STR(get(&t, R_TEN), "Nông Văn Dũng");
	run_release(&t);
	one(&t, R_TEN, "Bà LÝ THỊ MAI");
	CHECK_STR(get(&t, R_TEN), "Lý Thị Mai");
	run_release(&t);
	one(&t, R_TEN, "Bs. Lương Thị Thu");
	CHECK_STR(get(&t, R_TEN), "Lương Thị Thu");
	CHECK_STR(get(&t, R_CHUC_VU), "Bs");
	run_release(&t);
	/* a note after the name goes to chuc_vu */
	one(&t, R_TEN, "Nguyễn Văn An (Trưởng xóm)");
	CHECK_STR(get(&t, R_TEN), "Nguyễn Văn An");
	CHECK_STR(get(&t, R_CHUC_VU), "Trưởng xóm");
	run_release(&t);
	one(&t, R_TEN, "Hoàng Thị Lan, giáo viên");
	CHECK_STR(get(&t, R_TEN), "Hoàng Thị Lan");
	run_release(&t);
	one(&t, R_TEN, "Thiếu tá Nông Văn Tài - Đội trưởng");
	CHECK_STR(get(&t, R_TEN), "Nông Văn Tài");
	CHECK_STR(get(&t, R_CHUC_VU), "Thiếu tá");
	run_release(&t);
	one(&t, R_TEN, "Bác sĩ CKI Nông Văn Hải");
	CHECK_STR(get(&t, R_TEN), "Nông Văn Hải");
	run_release(&t);
	/* a four-word title */
	one(&t, R_TEN, "Nhà giáo ưu tú Lý Văn Tư");
	CHECK_STR(get(&t, R_TEN), "Lý Văn Tư");
	CHECK_STR(get(&t, R_CHUC_VU), "Nhà giáo ưu tú");
	run_release(&t);
	one(&t, R_TEN, "Thầy thuốc ưu tú Hoàng Văn Lâm");
	CHECK_STR(get(&t, R_TEN), "Hoàng Văn Lâm");
	run_release(&t);
	one(&t, R_TEN, "Đồng chí Thiếu tá ĐÀM VĂN QUYẾT");
	CHECK_STR(get(&t, R_TEN), "Đàm Văn Quyết");
	CHECK_STR(get(&t, R_CHUC_VU), "Thiếu tá");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_TEN, "Đại úy Hoàng Văn Nam");
	rec_set(&t.r, R_CHUC_VU, "Đội trưởng");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_TEN), "Hoàng Văn Nam");
	CHECK_STR(get(&t, R_CHUC_VU), "Đội trưởng");
	run_release(&t);
	/* a name that is only a title word keeps it */
	one(&t, R_TEN, "Bác");
	CHECK_STR(get(&t, R_TEN), "Bác");
	run_release(&t);
	one(&t, R_TEN, "Bác Sĩ");
	CHECK(!has(&t, "thieu_ten"));
	run_release(&t);
	/* gender from the honorific when the column is empty */
	run_init(&t);
	rec_set(&t.r, R_TEN, "Bà Lý Thị Mai");
	rec_set(&t.r, R_GIOI_TINH, NULL);
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_GIOI_TINH), "nu");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "6");
	rec_set(&t.r, R_TEN, "Hộ ông NÔNG VĂN DŨNG");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_TEN), "Hộ ông Nông Văn Dũng");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "6");
	rec_set(&t.r, R_TEN, "Gia đình bà lý thị mai");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_TEN), "Hộ bà Lý Thị Mai");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "4");
	rec_set(&t.r, R_TEN, "TRƯỜNG TIỂU HỌC KIM ĐỒNG");
	rec_set(&t.r, R_NAM_SINH, "2030");
	rec_set(&t.r, R_GIOI_TINH, "Nam");
	validate(&t, "2026-11");
	CHECK_STR(get(&t, R_LOAI), "tap_the");
	CHECK_STR(get(&t, R_TEN), "Trường Tiểu học Kim Đồng");
	CHECK_STR(get(&t, R_NAM_SINH), ""); /* collectives: year ignored */
	CHECK_STR(get(&t, R_GIOI_TINH), "");
	CHECK(!has(&t, "nam_sinh_sai"));
	run_release(&t);
}

TEST(thieu_ten)
{
	struct run t;
	one(&t, R_TEN, NULL);
	CHECK(has(&t, "thieu_ten"));
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	run_release(&t);
	one(&t, R_TEN, "  \t ");
	CHECK(has(&t, "thieu_ten"));
	run_release(&t);
	one(&t, R_TEN, "Lò Văn Tư");
	CHECK(!has(&t, "thieu_ten"));
	run_release(&t);
	one(&t, R_TEN, "12");
	CHECK(has(&t, "thieu_ten"));
	run_release(&t);
}

TEST(nam_sinh_sai)
{
	struct run t;
	one(&t, R_NAM_SINH, "2030");
	CHECK(has(&t, "nam_sinh_sai"));
	CHECK(t.problems && strstr(t.problems, "2030"));
	run_release(&t);
	one(&t, R_NAM_SINH, "2027");
	CHECK(has(&t, "nam_sinh_sai"));
	run_release(&t);
	one(&t, R_NAM_SINH, "1900"); /* 126 years old */
	CHECK(has(&t, "nam_sinh_sai"));
	run_release(&t);
	one(&t, R_NAM_SINH, "85");
	CHECK(has(&t, "nam_sinh_sai"));
	CHECK_STR(get(&t, R_NAM_SINH), "");
	run_release(&t);
	one(&t, R_NAM_SINH, "1916"); /* exactly 110 */
	CHECK(!has(&t, "nam_sinh_sai"));
	run_release(&t);
	one(&t, R_NAM_SINH, "12/03/1985");
	CHECK(!has(&t, "nam_sinh_sai"));
	CHECK_STR(get(&t, R_NAM_SINH), "1985");
	run_release(&t);
	one(&t, R_NAM_SINH, NULL);
	CHECK(!has(&t, "nam_sinh_sai"));
	CHECK_STR(get(&t, R_NAM_SINH), "");
	run_release(&t);
	/* relative to the run month, not today */
	run_init(&t);
	rec_set(&t.r, R_NAM_SINH, "2025");
	validate(&t, "2024-11");
	CHECK(has(&t, "nam_sinh_sai"));
	run_release(&t);
}

TEST(gender_and_ethnic)
{
	struct run t;
	one(&t, R_GIOI_TINH, "Nữ");
	CHECK_STR(get(&t, R_GIOI_TINH), "nu");
	run_release(&t);
	one(&t, R_GIOI_TINH, "NAM");
	CHECK_STR(get(&t, R_GIOI_TINH), "nam");
	run_release(&t);
	one(&t, R_GIOI_TINH, "???");
	CHECK_STR(get(&t, R_GIOI_TINH), "");
	run_release(&t);
	one(&t, R_DAN_TOC, "H'Mông");
	CHECK_STR(get(&t, R_DAN_TOC), "Mông");
	run_release(&t);
	one(&t, R_DAN_TOC, "tay");
	CHECK_STR(get(&t, R_DAN_TOC), "Tày");
	run_release(&t);
	one(&t, R_DAN_TOC, "  Sao   Hỏa ");
	CHECK_STR(get(&t, R_DAN_TOC), "Sao Hỏa");
	run_release(&t);
}

TEST(summary_checks)
{
	struct run t;
	one(&t, R_THANH_TICH, NULL);
	CHECK(has(&t, "thieu_thanh_tich"));
	CHECK(!has(&t, "thanh_tich_ngan"));
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	run_release(&t);
	/* 14 words, with evidence */
	one(&t, R_THANH_TICH, "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến hay được áp dụng rộng.");
	CHECK(has(&t, "thanh_tich_ngan"));
	CHECK(!has(&t, "thieu_minh_chung"));
	CHECK_STR(get(&t, R_TRANG_THAI), "can_xem_xet");
	run_release(&t);
	/* 15 words */
	one(&t, R_THANH_TICH,
	    "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến hay được áp dụng rộng rãi.");
	CHECK(!has(&t, "thanh_tich_ngan"));
	run_release(&t);
	/* no evidence for field 8 */
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "8");
	rec_set(&t.r, R_THANH_TICH,
		"Anh là người hiền lành, chăm chỉ, hòa đồng với mọi người xung quanh, luôn vui vẻ "
		"và được bà con trong xóm quý mến.");
	validate(&t, "2026-11");
	CHECK(has(&t, "thieu_minh_chung"));
	CHECK(t.problems && strstr(t.problems, "lĩnh vực 8"));
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, "8");
	rec_set(&t.r, R_THANH_TICH,
		"Là bác sỹ tận tình, luôn giữ gìn y đức của người thầy thuốc, khám chữa bệnh cho "
		"hàng nghìn lượt người dân trong năm.");
	validate(&t, "2026-11");
	CHECK(!has(&t, "thieu_minh_chung"));
	run_release(&t);
	/* real summaries written without the plan's phrases have evidence */
	{
		static const char *const good[][3] = {
		    {"Bộ phận Một cửa xã Lê Lai", "5",
		     "Cơ quan xây dựng quy chế ứng xử, bố trí phòng làm việc gọn gàng, ngăn nắp; "
		     "100% văn bản được gửi nhận qua hệ thống điện tử; cán bộ đeo thẻ khi làm "
		     "việc."},
		    {"Hoàng Văn Lâm", "8",
		     "Anh là y sĩ trạm y tế, thường xuyên đến từng nhà tư vấn cho bà con cách "
		     "phòng bệnh, vệ sinh môi trường, ăn chín uống sôi."},
		    {"Nông Thị Dung", "7",
		     "Cô tích cực đến từng nhà vận động học sinh ra lớp, không để học sinh nào "
		     "bỏ học; giúp nhiều em dân tộc thiểu số tiến bộ."},
		    {"Lê Văn Hùng", "5",
		     "Anh là công chức tư pháp, luôn hướng dẫn người dân tận tình, giải quyết "
		     "thủ tục chứng thực nhanh chóng, không gây khó khăn cho dân."},
		    {"Hợp tác xã Nà Pàn", "3",
		     "Hợp tác xã liên kết với 120 hộ thành viên trồng và tiêu thụ hồi, quế; sản "
		     "phẩm đạt OCOP 3 sao."},
		    {"Bế Văn Đức", "1",
		     "Anh luôn nêu cao tinh thần phục vụ nhân dân, cần cù, liêm chính, không "
		     "tham ô lãng phí; vận động bà con xây dựng nếp sống văn minh."},
		};
		for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
			run_init(&t);
			rec_set(&t.r, R_TEN, good[i][0]);
			rec_set(&t.r, R_LINH_VUC_GOC, good[i][1]);
			rec_set(&t.r, R_THANH_TICH, good[i][2]);
			validate(&t, "2026-11");
			CHECK(!has(&t, "thieu_minh_chung"));
			run_release(&t);
		}
	}
	/* words that differ from the evidence only in their diacritics are not
	 * evidence: "hiền"/"thực hiện" is not "hiến", "trong" is not "trồng" */
	{
		static const char *const plain[][2] = {{"2", "Nguyễn Văn An"},
						       {"6", "Nguyễn Văn An"},
						       {"6", "Hộ ông Nông Văn Pảo"},
						       {"4", "Hộ ông Nông Văn Pảo"}};
		for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
			run_init(&t);
			rec_set(&t.r, R_LINH_VUC_GOC, plain[i][0]);
			rec_set(&t.r, R_TEN, plain[i][1]);
			rec_set(
			    &t.r, R_THANH_TICH,
			    "Anh là người hiền lành, chăm chỉ, thực hiện tốt mọi việc, sống hòa "
			    "thuận, được bà con trong xóm quý mến và tin yêu.");
			validate(&t, "2026-11");
			CHECK(has(&t, "thieu_minh_chung"));
			run_release(&t);
		}
		/* typed without diacritics: matched without them */
		run_init(&t);
		rec_set(&t.r, R_LINH_VUC_GOC, "2");
		rec_set(&t.r, R_THANH_TICH,
			"Gia dinh tu nguyen hien 300 m2 dat de mo rong duong lien xom, gop 20 ngay "
			"cong cung ba con be tong hoa duong.");
		validate(&t, "2026-11");
		CHECK(!has(&t, "thieu_minh_chung"));
		run_release(&t);
	}
	/* unknown field: no evidence check */
	run_init(&t);
	rec_set(&t.r, R_LINH_VUC_GOC, NULL);
	rec_set(&t.r, R_THANH_TICH,
		"Anh là người hiền lành, chăm chỉ, hòa đồng với mọi người xung quanh, luôn vui vẻ "
		"và được bà con trong xóm quý mến.");
	validate(&t, "2026-11");
	CHECK(!has(&t, "thieu_minh_chung"));
	run_release(&t);
	one(&t, R_THANH_TICH,
	    "  Hoàn  thành\nxuất sắc nhiệm vụ chính trị được giao; có nhiều "
	    "cách làm hay, sáng tạo trong công tác  ");
	CHECK_STR(get(&t, R_THANH_TICH), "Hoàn thành xuất sắc nhiệm vụ chính trị được giao; có "
					 "nhiều cách làm hay, sáng tạo trong công tác");
	run_release(&t);
}

TEST(gui_muon)
{
	struct run t;
	one(&t, R_NGAY_VB, "2026-11-21");
	CHECK(has(&t, "gui_muon"));
	CHECK(t.problems && strstr(t.problems, "21/11/2026"));
	CHECK_STR(get(&t, R_NGAY_GUI), "2026-11-21");
	run_release(&t);
	one(&t, R_NGAY_VB, "2026-11-20");
	CHECK(!has(&t, "gui_muon"));
	run_release(&t);
	one(&t, R_NGAY_VB, "2026-12-01");
	CHECK(has(&t, "gui_muon"));
	run_release(&t);
	one(&t, R_NGAY_VB, "2026-10-30");
	CHECK(!has(&t, "gui_muon"));
	run_release(&t);
	/* the file's date when the document has none */
	run_init(&t);
	rec_set(&t.r, R_NGAY_VB, NULL);
	rec_set(&t.r, R_NGAY_TEP, "2026-11-25");
	validate(&t, "2026-11");
	CHECK(has(&t, "gui_muon"));
	CHECK_STR(get(&t, R_NGAY_GUI), "2026-11-25");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_NGAY_VB, NULL);
	rec_set(&t.r, R_NGAY_GUI, "2026-11-22");
	rec_set(&t.r, R_NGAY_TEP, "2026-11-02");
	validate(&t, "2026-11");
	CHECK(has(&t, "gui_muon"));
	CHECK_STR(get(&t, R_NGAY_GUI), "2026-11-22");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_NGAY_VB, NULL);
	rec_set(&t.r, R_NGAY_TEP, NULL);
	validate(&t, "2026-11");
	CHECK(!has(&t, "gui_muon"));
	CHECK_STR(get(&t, R_NGAY_GUI), "");
	run_release(&t);
	run_init(&t);
	rec_set(&t.r, R_NGAY_VB, "2026-13-45");
	rec_set(&t.r, R_NGAY_TEP, "2026-11-02");
	validate(&t, "2026-11");
	CHECK(!has(&t, "gui_muon"));
	CHECK_STR(get(&t, R_NGAY_GUI), "2026-11-02");
	run_release(&t);
}

TEST(thang_khong_khop_and_ma_cu)
{
	struct run t;
	one(&t, R_THANG_VB, "2026-10");
	CHECK(has(&t, "thang_khong_khop"));
	CHECK(t.problems && strstr(t.problems, "10/2026"));
	CHECK_STR(get(&t, R_TRANG_THAI), "can_xem_xet");
	run_release(&t);
	one(&t, R_THANG_VB, "2026-11");
	CHECK(!has(&t, "thang_khong_khop"));
	run_release(&t);
	one(&t, R_THANG_VB, NULL);
	CHECK(!has(&t, "thang_khong_khop"));
	run_release(&t);
	one(&t, R_MA_CU, "TCVN3");
	CHECK(has(&t, "ma_cu"));
	CHECK(t.problems && strstr(t.problems, "TCVN3") && strstr(t.problems, "thong_tin"));
	CHECK_STR(get(&t, R_TRANG_THAI), "hop_le");
	run_release(&t);
	one(&t, R_MA_CU, NULL);
	CHECK(!has(&t, "ma_cu"));
	run_release(&t);
}

TEST(status_from_codes)
{
	/* the status is nominee.c's nom_status_from_codes (test_merge holds
	 * its rules); codes from an earlier stage count too */
	struct run t;
	one(&t, R_VAN_DE, "trung_lap");
	CHECK_STR(get(&t, R_TRANG_THAI), "khong_hop_le");
	run_release(&t);
}

TEST(month_parsing)
{
	int y, m;
	CHECK_INT(month_parse("2026-11", &y, &m), 0);
	CHECK_INT(y, 2026);
	CHECK_INT(m, 11);
	CHECK_INT(month_parse("2026-13", &y, &m), -1);
	CHECK_INT(month_parse("2026-1", &y, &m), -1);
	CHECK_INT(month_parse("abcd-ef", &y, &m), -1);
	CHECK_INT(month_parse(NULL, &y, &m), -1);
	struct validator v;
	struct problem_sink s;
	problem_sink_init(&s, NULL, 0);
	CHECK_INT(validator_init(&v, &P, "11/2026", &s), -1);
	CHECK_INT(validator_init(&v, &P, "2026-11", &s), 0);
	CHECK_STR(v.thang, "2026-11");
}

TEST(file_rows)
{
	struct problem_sink s;
	problem_sink_init(&s, NULL, 0);
	struct validator v;
	validator_init(&v, &P, "2026-11", &s);
	struct file_row f;
	file_row_init(&f);
	file_row_set(&f, FL_NGUON, "2026-11/UBND xa Le Loi/ds.csv");
	file_row_set(&f, FL_NGAY_TEP, "2026-11-27");
	validate_file_row(&v, &f);
	CHECK_STR(file_row_get(&f, FL_MA_DON_VI), "01828");
	CHECK_STR(file_row_get(&f, FL_DON_VI), "Xã Lê Lợi");
	CHECK_STR(file_row_get(&f, FL_NGAY_GUI), "2026-11-27");
	file_row_release(&f);
	file_row_init(&f);
	file_row_set(&f, FL_NGUON, "2026-11/ds.csv");
	file_row_set(&f, FL_DON_VI_GOC, "PHÒNG Y TẾ");
	file_row_set(&f, FL_NGAY_VB, "2026-11-15");
	file_row_set(&f, FL_NGAY_TEP, "2026-11-27");
	validate_file_row(&v, &f);
	CHECK_STR(file_row_get(&f, FL_MA_DON_VI), "YT");
	CHECK_STR(file_row_get(&f, FL_NGAY_GUI), "2026-11-15");
	file_row_release(&f);
	file_row_init(&f);
	file_row_set(&f, FL_NGUON, "2026-11/Xa Danh Sy/ds.csv");
	validate_file_row(&v, &f);
	CHECK_STR(file_row_get(&f, FL_MA_DON_VI), "");
	CHECK_STR(file_row_get(&f, FL_DON_VI), "Xã Danh Sỹ");
	file_row_release(&f);

	/* A file without a document date takes the earliest date written in
	 * its records (a "Ngày gửi" column), not its modification date. */
	struct record r;
	rec_init(&r);
	rec_set(&r, R_NGUON, "2026-11/Hoi Nong dan/ds.csv");
	rec_set(&r, R_TEN, "Hà Văn Tuyên");
	rec_set(&r, R_NGAY_VB, "2026-11-14");
	rec_set(&r, R_NGAY_TEP, "2026-11-27");
	validate_record(&v, &r);
	rec_release(&r);
	rec_init(&r);
	rec_set(&r, R_NGUON, "2026-11/Hoi Nong dan/ds.csv");
	rec_set(&r, R_TEN, "Lương Văn Sáng");
	rec_set(&r, R_NGAY_VB, "2026-11-12");
	validate_record(&v, &r);
	rec_release(&r);
	file_row_init(&f);
	file_row_set(&f, FL_NGUON, "2026-11/Hoi Nong dan/ds.csv");
	file_row_set(&f, FL_NGAY_TEP, "2026-11-27");
	validate_file_row(&v, &f);
	CHECK_STR(file_row_get(&f, FL_NGAY_GUI), "2026-11-12");
	file_row_release(&f);
	validator_release(&v);
}

static int count_rows(void *ctx, struct record *r)
{
	int *n = ctx;
	(*n)++;
	if (strcmp(rec_get(r, R_ID), "a") == 0 && strcmp(rec_get(r, R_MA_DON_VI), "01822") != 0)
		*n += 1000;
	return 0;
}

static int count_files(void *ctx, struct file_row *f)
{
	int *n = ctx;
	(*n)++;
	if (strcmp(file_row_get(f, FL_MA_DON_VI), "GDDT") != 0)
		*n += 1000;
	return 0;
}

TEST(whole_run)
{
	char dir[] = "/tmp/test_validate.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *rin = xasprintf("%s/records.csv", dir), *fin = xasprintf("%s/files.csv", dir),
	     *out = xasprintf("%s/validated.csv", dir), *fout = xasprintf("%s/fv.csv", dir),
	     *prob = xasprintf("%s/pv.csv", dir);
	FILE *f = fopen(rin, "w");
	rec_write_header(f, rec_all_fields, REC_NFIELDS);
	struct run t;
	run_init(&t);
	rec_set(&t.r, R_ID, "a");
	rec_write_row(f, &t.r, rec_all_fields, REC_NFIELDS);
	rec_set(&t.r, R_ID, "b");
	rec_set(&t.r, R_TEN, NULL);
	rec_write_row(f, &t.r, rec_all_fields, REC_NFIELDS);
	run_release(&t);
	fclose(f);
	f = fopen(fin, "w");
	file_row_write_header(f);
	struct file_row fr;
	file_row_init(&fr);
	file_row_set(&fr, FL_NGUON, "2026-11/Phong GD&DT/ds.docx");
	file_row_write(f, &fr);
	file_row_release(&fr);
	fclose(f);
	CHECK_INT(validate_run(&P, "2026-11", rin, fin, out, fout, prob, 0), 0);
	int n = 0;
	CHECK_INT(rec_read_path(out, count_rows, &n), 0);
	CHECK_INT(n, 2);
	n = 0;
	CHECK_INT(file_rows_read(fout, count_files, &n), 0);
	CHECK_INT(n, 1);
	char *data = NULL;
	size_t len = 0;
	CHECK_INT(read_file(prob, 1 << 20, &data, &len), 0);
	CHECK(data && str_starts_with(data, "nguon,vi_tri,ma,muc_do,thong_diep,id"));
	CHECK(data && strstr(data, "thieu_ten") && strstr(data, ",b\r\n"));
	free(data);
	/* a missing input fails cleanly and leaves no temporary files */
	CHECK_INT(validate_run(&P, "2026-11", "/nonexistent.csv", fin, out, fout, prob, 0), -1);
	CHECK_INT(validate_run(&P, "2026-99", rin, fin, out, fout, prob, 0), -1);
	unlink(rin);
	unlink(fin);
	unlink(out);
	unlink(fout);
	unlink(prob);
	CHECK_INT(rmdir(dir), 0); /* empty: no temporary left behind */
	free(rin);
	free(fin);
	free(out);
	free(fout);
	free(prob);
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)rng;
}

static char *garbage(void)
{
	static const char *const bits[] = {
	    "Hộ ông ",	"Trường ",  "2030", "1985", "/",	";", "Đức Long", "VII",
	    "\xff\xfe", "\xe1\xba", "  ",   "Nữ",   "2026-11-", "x", "\"",	 "\n"};
	size_t n = next_rand() % 12;
	struct {
		char *p;
		size_t len;
	} b = {NULL, 0};
	FILE *f = open_memstream(&b.p, &b.len);
	for (size_t i = 0; i < n; i++) {
		unsigned r = next_rand();
		if (r % 3)
			fputs(bits[r % ARRAY_SIZE(bits)], f);
		else
			fputc((char)((r >> 8) | 1), f);
	}
	fclose(f);
	return b.p;
}

TEST(garbage_records)
{
	for (int iter = 0; iter < 2000; iter++) {
		struct run t;
		rec_init(&t.r);
		t.problems = NULL;
		t.len = 0;
		for (int k = 0; k < REC_NFIELDS; k++) {
			if (next_rand() % 2) {
				char *g = garbage();
				rec_set(&t.r, (enum rec_field)k, g);
				free(g);
			}
		}
		validate(&t, "2026-11");
		const char *st = get(&t, R_TRANG_THAI);
		CHECK(strcmp(st, "hop_le") == 0 || strcmp(st, "can_xem_xet") == 0 ||
		      strcmp(st, "khong_hop_le") == 0);
		const char *lv = get(&t, R_LINH_VUC);
		CHECK(!*lv || (lv[0] >= '1' && lv[0] <= '9' && !lv[1]));
		CHECK(loai_from_code(get(&t, R_LOAI)) != LOAI_NONE);
		run_release(&t);
	}
	/* one huge field */
	size_t big = 300000;
	char *s = xmalloc(big + 1);
	for (size_t i = 0; i < big; i++)
		s[i] = "y duc "[i % 6];
	s[big] = '\0';
	struct run t;
	one(&t, R_THANH_TICH, s);
	CHECK(!has(&t, "thieu_thanh_tich"));
	run_release(&t);
	s[5000] = '\0';
	one(&t, R_DON_VI_GOC, s);
	CHECK(has(&t, "don_vi_khong_ro"));
	CHECK(strlen(get(&t, R_DON_VI)) <= 160);
	run_release(&t);
	free(s);
}

int main(int argc, char **argv)
{
	dh_progname = "test_validate";
	if (plan_load(&P, "templates/plan") != 0) {
		fprintf(stderr, "cannot load templates/plan (run from the repo root)\n");
		return 1;
	}
	RUN(clean_record_is_valid);
	RUN(formula_is_not_a_name);
	RUN(unit_matching);
	RUN(don_vi_khong_ro);
	RUN(field_sources);
	RUN(linh_vuc_khong_ro);
	RUN(type_detection);
	RUN(loai_khong_phu_hop);
	RUN(names);
	RUN(thieu_ten);
	RUN(nam_sinh_sai);
	RUN(gender_and_ethnic);
	RUN(summary_checks);
	RUN(gui_muon);
	RUN(thang_khong_khop_and_ma_cu);
	RUN(status_from_codes);
	RUN(month_parsing);
	RUN(file_rows);
	RUN(whole_run);
	RUN(garbage_records);
	plan_release(&P);
	return DONE();
}
