/* test_docmeta.c - Vietnamese dates and months, and preamble lines read
 * into document metadata. */
#include "harness.h"
#include "plan.h"
#include "sheet.h"
#include "util.h"

static struct plan plan;

static const char *date(const char *s)
{
	static char out[11];
	if (!parse_vn_date(s, out))
		return "(none)";
	return out;
}

static const char *month(const char *s)
{
	static char out[8];
	if (!parse_vn_month(s, out))
		return "(none)";
	return out;
}

TEST(dates)
{
	CHECK_STR(date("Đức Long, ngày 05 tháng 01 năm 2026"), "2026-01-05");
	CHECK_STR(date("Duc Long, ngay 5 thang 1 nam 2026"), "2026-01-05");
	CHECK_STR(date("NGÀY 15 THÁNG 11 NĂM 2026"), "2026-11-15");
	CHECK_STR(date("Thạch An, ngày 15/11/2026"), "2026-11-15");
	CHECK_STR(date("15-11-2026"), "2026-11-15");
	CHECK_STR(date("15.11.2026"), "2026-11-15");
	CHECK_STR(date("2026-11-15"), "2026-11-15");
	CHECK_STR(date("ngày 29 tháng 02 năm 2024"), "2024-02-29");
	CHECK_STR(date("ngày 29 tháng 02 năm 2026"), "(none)");
	CHECK_STR(date("31/04/2026"), "(none)");
	CHECK_STR(date("ngày 32 tháng 1 năm 2026"), "(none)");
	CHECK_STR(date("15/13/2026"), "(none)");
	CHECK_STR(date("01/01/1899"), "(none)");
	CHECK_STR(date("01/01/2101"), "(none)");
	CHECK_STR(date("tháng 11/2026"), "(none)");
	CHECK_STR(date("ngày ... tháng ... năm 2026"), "(none)");
	CHECK_STR(date("115/11/20266"), "(none)");
	CHECK_STR(date(""), "(none)");
}

TEST(months)
{
	CHECK_STR(month("DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026"), "2026-11");
	CHECK_STR(month("V/v giới thiệu gương điển hình tiên tiến tháng 11/2026"), "2026-11");
	CHECK_STR(month("Tháng 11/2026"), "2026-11");
	CHECK_STR(month("thang 9 nam 2026"), "2026-09");
	CHECK_STR(month("T11/2026"), "2026-11");
	CHECK_STR(month("11/2026"), "2026-11");
	CHECK_STR(month("11-2026"), "2026-11");
	CHECK_STR(month("2026-11"), "2026-11");
	CHECK_STR(month("tháng 13/2026"), "(none)");
	CHECK_STR(month("15/11/2026"), "(none)");
	CHECK_STR(month("2026-11-15"), "(none)");
	CHECK_STR(month("tháng 11"), "(none)");
	CHECK_STR(month("Số: 15/DS-UBND"), "(none)");
}

TEST(header_block)
{
	struct doc_meta m;
	doc_meta_init(&m);
	CHECK_INT(doc_meta_scan_line(&m, "UBND HUYỆN THẠCH AN", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "UBND XÃ ĐỨC LONG", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Độc lập - Tự do - Hạnh phúc", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Số: 15/DS-UBND", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Đức Long, ngày 15 tháng 11 năm 2026", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "DANH SÁCH", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "LĨNH VỰC Y TẾ", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Kính gửi: Phòng Nội vụ huyện Thạch An", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Thực hiện Kế hoạch số 45/KH-UBND", &plan), 0);
	CHECK_STR(m.don_vi_goc, "UBND XÃ ĐỨC LONG");
	CHECK_STR(m.so_vb, "15/DS-UBND");
	CHECK_STR(m.ngay_vb, "2026-11-15");
	CHECK_STR(m.thang_vb, "2026-11");
	CHECK_STR(m.tieu_de, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026 LĨNH VỰC Y TẾ");
	CHECK_STR(m.linh_vuc_goc, "LĨNH VỰC Y TẾ");
	CHECK(m.loai_goc == NULL);
	doc_meta_release(&m);
}

TEST(motto_is_not_a_unit)
{
	struct doc_meta m;
	doc_meta_init(&m);
	CHECK_INT(doc_meta_scan_line(&m, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", &plan), 1);
	CHECK_INT(doc_meta_scan_line(&m, "Doc lap - Tu do - Hanh phuc", &plan), 1);
	CHECK(m.don_vi_goc == NULL);
	CHECK_INT(doc_meta_scan_line(&m, "PHÒNG Y TẾ", &plan), 1);
	CHECK_STR(m.don_vi_goc, "PHÒNG Y TẾ");
	CHECK_INT(doc_meta_scan_line(&m, "ĐẢNG ỦY XÃ LÊ LAI", &plan), 1);
	CHECK_STR(m.don_vi_goc, "ĐẢNG ỦY XÃ LÊ LAI");
	doc_meta_release(&m);
}

TEST(titles_and_types)
{
	struct doc_meta m;
	doc_meta_init(&m);
	CHECK_INT(doc_meta_scan_line(&m,
				     "V/v giới thiệu gương điển hình tiên tiến tháng 10/2026 "
				     "(tập thể)",
				     &plan),
		  1);
	CHECK_STR(m.thang_vb, "2026-10");
	CHECK_STR(m.loai_goc, "Tập thể");
	doc_meta_release(&m);
	doc_meta_init(&m);
	CHECK_INT(doc_meta_scan_line(&m, "Đơn vị: Hội Nông dân huyện", &plan), 1);
	CHECK_STR(m.don_vi_goc, "Hội Nông dân huyện");
	CHECK_INT(doc_meta_scan_line(&m, "Tháng 12/2026", &plan), 1);
	CHECK_STR(m.thang_vb, "2026-12");
	doc_meta_release(&m);
}

TEST(merge)
{
	struct doc_meta a, b;
	doc_meta_init(&a);
	doc_meta_init(&b);
	a.ngay_vb = xstrdup("2026-11-01");
	b.ngay_vb = xstrdup("2026-11-02");
	b.so_vb = xstrdup("1/BC");
	doc_meta_merge(&a, &b);
	CHECK_STR(a.ngay_vb, "2026-11-01");
	CHECK_STR(a.so_vb, "1/BC");
	doc_meta_release(&a);
	doc_meta_release(&b);
}

int main(int argc, char **argv)
{
	if (plan_load(&plan, "templates/plan") != 0) {
		fprintf(stderr, "cannot load templates/plan (run from the repository root)\n");
		return 1;
	}
	RUN(dates);
	RUN(months);
	RUN(header_block);
	RUN(motto_is_not_a_unit);
	RUN(titles_and_types);
	RUN(merge);
	plan_release(&plan);
	return DONE();
}
