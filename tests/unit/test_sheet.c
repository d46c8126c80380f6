/* test_sheet.c - the table interpretation: headers, two-row headers, merged
 * cells, combined columns, section rows, footers, title rows. */
#include "harness.h"
#include "plan.h"
#include "record.h"
#include "sheet.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>

static struct plan plan;

struct got {
	struct record v[16];
	int n;
};

static int keep(void *ctx, struct record *r)
{
	struct got *g = ctx;
	if (g->n < 16) {
		rec_init(&g->v[g->n]);
		rec_copy(&g->v[g->n], r);
	}
	g->n++;
	return 0;
}

static void got_release(struct got *g)
{
	for (int i = 0; i < g->n && i < 16; i++)
		rec_release(&g->v[i]);
	g->n = 0;
}

/* Adds a row of single cells; "" is an empty cell.  NULL ends the list. */
static void row(struct sheet *s, ...)
{
	struct sheet_row *r = sheet_add_row(s, s->nrows + 1);
	va_list ap;
	va_start(ap, s);
	for (const char *t; (t = va_arg(ap, const char *)) != NULL;)
		sheet_add_cell(r, t, 1, 0);
	va_end(ap);
}

static long extract(struct sheet *s, struct doc_meta *m, struct got *g)
{
	g->n = 0;
	return sheet_extract(s, &plan, m, keep, g);
}

static const char *F(struct got *g, int i, enum rec_field k)
{
	return i < g->n ? rec_get(&g->v[i], k) : "(missing)";
}

TEST(simple_and_messy_headers)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "ỦY BAN NHÂN DÂN XÃ KIM ĐỒNG", NULL);
	row(&s, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11/2026", NULL);
	row(&s, "", NULL);
	row(&s, "S.T.T", "HỌ VÀ TÊN\n(Tên tập thể)", "  năm   sinh ", "Dan toc, tôn giáo",
	    "Chức vụ/Chức danh", "Nơi công tác", "TÓM TẮT THÀNH TÍCH (nội dung điển hình)",
	    "Ghi chú", NULL);
	row(&s, "1", "Lộc Văn Hải", "1978", "Tày", "Bí thư chi bộ", "Thôn Nà Pò",
	    "Vận động   nhân dân\nhiến đất", "Đề nghị khen", NULL);
	row(&s, "", "", "", "", "", "", "", "", NULL);
	row(&s, "2", "Trường Tiểu học Kim Đồng", "", "", "", "", "Dạy tốt học tốt", "", NULL);
	CHECK_INT(extract(&s, &m, &g), 2);
	CHECK_STR(F(&g, 0, R_TEN), "Lộc Văn Hải");
	CHECK_STR(F(&g, 0, R_NAM_SINH), "1978");
	CHECK_STR(F(&g, 0, R_DAN_TOC), "Tày");
	CHECK_STR(F(&g, 0, R_CHUC_VU), "Bí thư chi bộ");
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "Thôn Nà Pò");
	CHECK_STR(F(&g, 0, R_THANH_TICH), "Vận động nhân dân hiến đất");
	CHECK_STR(F(&g, 0, R_GHI_CHU), "Đề nghị khen");
	CHECK_STR(F(&g, 0, R_VI_TRI), "dòng 5");
	CHECK_STR(F(&g, 1, R_TEN), "Trường Tiểu học Kim Đồng");
	CHECK_STR(F(&g, 1, R_VI_TRI), "dòng 7");
	CHECK_STR(m.thang_vb, "2026-11");
	CHECK_STR(m.don_vi_goc, "ỦY BAN NHÂN DÂN XÃ KIM ĐỒNG");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(no_header)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Nguyễn Văn A", "1980", "Hiến đất", NULL);
	row(&s, "Tên", "x", NULL);
	CHECK_INT(extract(&s, &m, &g), -1);
	CHECK_INT(g.n, 0);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(two_row_header_csv)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "STT", "Họ và tên", "Năm sinh", "", "Dân tộc", "Thành tích", NULL);
	row(&s, "", "", "Nam", "Nữ", "", "", NULL);
	row(&s, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", NULL);
	row(&s, "1", "Nông Thị Hoa", "", "1990", "Nùng", "Sản xuất giỏi", NULL);
	row(&s, "2", "Lý Văn Sơn", "1985", "", "Dao", "Chăn nuôi giỏi", NULL);
	CHECK_INT(extract(&s, &m, &g), 2);
	CHECK_STR(F(&g, 0, R_NAM_SINH), "1990");
	CHECK_STR(F(&g, 0, R_GIOI_TINH), "Nữ");
	CHECK_STR(F(&g, 0, R_DAN_TOC), "Nùng");
	CHECK_STR(F(&g, 1, R_NAM_SINH), "1985");
	CHECK_STR(F(&g, 1, R_GIOI_TINH), "Nam");
	CHECK_STR(F(&g, 1, R_VI_TRI), "dòng 5");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(two_row_header_docx_merged)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	s.label = xstrdup("bảng 2");
	struct sheet_row *r = sheet_add_row(&s, 1);
	sheet_add_cell(r, "TT", 1, 0);
	sheet_add_cell(r, "Họ và tên", 1, 0);
	sheet_add_cell(r, "Năm sinh", 2, 0);
	sheet_add_cell(r, "Chức vụ, đơn vị công tác", 1, 0);
	sheet_add_cell(r, "Tóm tắt thành tích", 1, 0);
	r = sheet_add_row(&s, 2);
	sheet_add_cell(r, NULL, 1, 1);
	sheet_add_cell(r, NULL, 1, 1);
	sheet_add_cell(r, "Nam", 1, 0);
	sheet_add_cell(r, "Nữ", 1, 0);
	sheet_add_cell(r, NULL, 1, 1);
	sheet_add_cell(r, NULL, 1, 1);
	CHECK_INT(sheet_ncols(&s), 6);
	r = sheet_add_row(&s, 3);
	sheet_add_cell(r, "1", 1, 0);
	sheet_add_cell(r, "Hà Văn Tuấn", 1, 0);
	sheet_add_cell(r, "1979", 1, 0);
	sheet_add_cell(r, "", 1, 0);
	sheet_add_cell(r, "Chủ tịch UBND xã, xã Lê Lai", 1, 0);
	sheet_add_cell(r, "Hoàn thành xuất sắc nhiệm vụ", 1, 0);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_TEN), "Hà Văn Tuấn");
	CHECK_STR(F(&g, 0, R_NAM_SINH), "1979");
	CHECK_STR(F(&g, 0, R_GIOI_TINH), "Nam");
	CHECK_STR(F(&g, 0, R_CHUC_VU), "Chủ tịch UBND xã");
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "xã Lê Lai");
	CHECK_STR(F(&g, 0, R_VI_TRI), "bảng 2, dòng 3");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(split_position)
{
	char *cv, *nct;
	sheet_split_position("Giáo viên, Trường THCS Đức Xuân", &plan, &cv, &nct);
	CHECK_STR(cv, "Giáo viên");
	CHECK_STR(nct, "Trường THCS Đức Xuân");
	free(cv), free(nct);
	sheet_split_position("Trưởng thôn, thôn Bản Mới, xã Vân Trình", &plan, &cv, &nct);
	CHECK_STR(cv, "Trưởng thôn");
	CHECK_STR(nct, "thôn Bản Mới, xã Vân Trình");
	free(cv), free(nct);
	/* "Trường" (a school) is a workplace, not a position. */
	sheet_split_position("Trường Mầm non Canh Tân, xã Canh Tân", &plan, &cv, &nct);
	CHECK(cv == NULL);
	CHECK_STR(nct, "Trường Mầm non Canh Tân, xã Canh Tân");
	free(cv), free(nct);
	sheet_split_position("Thôn Nà Lẹng", &plan, &cv, &nct);
	CHECK(cv == NULL);
	CHECK_STR(nct, "Thôn Nà Lẹng");
	free(cv), free(nct);
	sheet_split_position("Bac si, Tram Y te xa Duc Long", &plan, &cv, &nct);
	CHECK_STR(cv, "Bac si");
	free(cv), free(nct);
}

TEST(section_rows)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "STT", "Họ và tên/Tên tập thể", "Tóm tắt thành tích", NULL);
	row(&s, "I. LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO", "", "", NULL);
	row(&s, "A", "TẬP THỂ", "", NULL);
	row(&s, "1", "Trường Tiểu học Đông Khê", "Dạy tốt", NULL);
	row(&s, "B", "CÁ NHÂN", "", NULL);
	row(&s, "2", "Nguyễn Thị Lan", "Giáo viên giỏi", NULL);
	row(&s, "II", "Y TẾ", "", NULL);
	row(&s, "3", "Trạm Y tế xã Đức Long", "Tiêm chủng đầy đủ", NULL);
	row(&s, "", "Hộ gia đình", "", NULL);
	row(&s, "4", "Hộ ông Hoàng Văn Pó", "Thoát nghèo", NULL);
	row(&s, "Lĩnh vực 8: Y tế", "", "", NULL);
	row(&s, "5", "Công ty TNHH Minh Long", "Nộp ngân sách", NULL);
	row(&s, "6", "Nông Văn Thiếu", "", NULL);    /* a name without summary is a record */
	row(&s, "3", "Lĩnh vực Giáo dục", "", NULL); /* numbered like the rows */
	row(&s, "7", "Tập thể lớp 9A", "", NULL);
	row(&s, "4", "Cá nhân tiêu biểu", "", NULL);
	row(&s, "8", "Lò Văn Mười", "Học giỏi", NULL);
	CHECK_INT(extract(&s, &m, &g), 8);
	CHECK_STR(F(&g, 6, R_TEN), "Tập thể lớp 9A");
	CHECK_STR(F(&g, 6, R_LINH_VUC_GOC), "Lĩnh vực Giáo dục");
	CHECK_STR(F(&g, 6, R_LOAI_GOC), "");
	CHECK_STR(F(&g, 7, R_LOAI_GOC), "Cá nhân tiêu biểu");
	CHECK_STR(F(&g, 0, R_LINH_VUC_GOC), "LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO");
	CHECK_STR(F(&g, 0, R_LOAI_GOC), "TẬP THỂ");
	CHECK_STR(F(&g, 1, R_LINH_VUC_GOC), "LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO");
	CHECK_STR(F(&g, 1, R_LOAI_GOC), "CÁ NHÂN");
	CHECK_STR(F(&g, 2, R_LINH_VUC_GOC), "Y TẾ");
	CHECK_STR(F(&g, 2, R_LOAI_GOC), ""); /* a field section resets the type */
	CHECK_STR(F(&g, 3, R_LINH_VUC_GOC), "Y TẾ");
	CHECK_STR(F(&g, 3, R_LOAI_GOC), "Hộ gia đình");
	CHECK_STR(F(&g, 4, R_LINH_VUC_GOC), "Lĩnh vực 8: Y tế");
	CHECK_STR(F(&g, 4, R_TEN), "Công ty TNHH Minh Long");
	CHECK_STR(F(&g, 5, R_TEN), "Nông Văn Thiếu");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(spanning_section_row)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "TT", "Họ tên", "Chức vụ", "Thành tích", NULL);
	struct sheet_row *r = sheet_add_row(&s, 2);
	sheet_add_cell(r, "Phong trào Nông dân thi đua sản xuất kinh doanh giỏi", 4, 0);
	row(&s, "1", "Đàm Văn Khánh", "Nông dân", "Trồng 5 ha hồi", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_LINH_VUC_GOC), "Phong trào Nông dân thi đua sản xuất kinh doanh giỏi");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(footers)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "STT", "Họ và tên", "Tóm tắt thành tích", NULL);
	row(&s, "1", "Bế Văn Toàn", "Giữ vững an ninh trật tự", NULL);
	row(&s, "STT", "Họ và tên", "Tóm tắt thành tích", NULL); /* repeated header */
	row(&s, "2", "Công an xã Thụy Hùng", "Phá 3 vụ án", NULL);
	row(&s, "3", "Tổng công ty Điện lực", "Cấp điện ổn định", NULL);
	row(&s, "", "Tổng cộng: 3 gương", "", NULL);
	row(&s, "Tổng số 3", "", "", NULL);
	row(&s, "Cộng", "", "", NULL);
	row(&s, "", "", "Đức Long, ngày 16 tháng 11 năm 2026", NULL);
	row(&s, "", "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", NULL);
	row(&s, "", "", "CHỦ TỊCH", NULL);
	row(&s, "", "Nguyễn Văn Ký", "Hoàng Văn Chủ", NULL);
	CHECK_INT(extract(&s, &m, &g), 3);
	CHECK_STR(F(&g, 0, R_TEN), "Bế Văn Toàn");
	CHECK_STR(F(&g, 1, R_TEN), "Công an xã Thụy Hùng");
	CHECK_STR(F(&g, 2, R_TEN), "Tổng công ty Điện lực");
	CHECK_STR(m.ngay_vb, "2026-11-16");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);

	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ tên", "Thành tích", NULL);
	row(&s, "Lục Thị Nga", "Giỏi", NULL);
	row(&s, "Ghi chú: danh sách gồm 01 gương", "", NULL);
	row(&s, "Thủ trưởng đơn vị", "", NULL);
	row(&s, "Lâm Văn Ký", "", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(gender_marks_and_upper_titles)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	/* The group title is on the row above the header that names the rest. */
	row(&s, "Họ và tên", "Thông tin", "", "", "Thành tích", NULL);
	row(&s, "", "Ngày sinh", "Giới tính", "", "", NULL);
	row(&s, "", "", "Nam", "Nữ", "", NULL);
	row(&s, "Ma Thị Duyên", "05/06/1991", "", "x", "Nuôi ong lấy mật", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_TEN), "Ma Thị Duyên");
	CHECK_STR(F(&g, 0, R_NAM_SINH), "05/06/1991");
	CHECK_STR(F(&g, 0, R_GIOI_TINH), "Nữ");
	CHECK_STR(F(&g, 0, R_THANH_TICH), "Nuôi ong lấy mật");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(unit_and_date_columns)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ và tên", "Giới tính", "Lĩnh vực", "Loại", "Thành tích", "Đơn vị đề xuất",
	    "Ngày gửi", NULL);
	row(&s, "Vi Văn Đông", "Nam", "Lực lượng vũ trang", "Cá nhân", "Bắt giữ 2 đối tượng",
	    "Công an huyện", "12/11/2026", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_GIOI_TINH), "Nam");
	CHECK_STR(F(&g, 0, R_LINH_VUC_GOC), "Lực lượng vũ trang");
	CHECK_STR(F(&g, 0, R_LOAI_GOC), "Cá nhân");
	CHECK_STR(F(&g, 0, R_DON_VI_GOC), "Công an huyện");
	CHECK_STR(F(&g, 0, R_NGAY_VB), "2026-11-12");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

/* A name cell with the position on the line after the name. */
TEST(position_under_the_name)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ và tên", "Năm sinh", "Thành tích", NULL);
	row(&s, "Lục Văn Pẻng\nTrưởng xóm Nà Ngần", "1968", "Vận động hiến đất", NULL);
	row(&s, "Hoàng Thị Lan\nGiáo viên, Trường TH Kim Đồng", "1990", "Dạy giỏi", NULL);
	/* not a position: kept as written (validation reads the note) */
	row(&s, "Nông Văn Tài\n(Đội trưởng)", "1975", "Sản xuất giỏi", NULL);
	row(&s, "Chi hội Phụ nữ\nxóm Nà Ngần", "", "Xây dựng nông thôn mới", NULL);
	CHECK_INT(extract(&s, &m, &g), 4);
	CHECK_STR(F(&g, 0, R_TEN), "Lục Văn Pẻng");
	CHECK_STR(F(&g, 0, R_CHUC_VU), "Trưởng xóm Nà Ngần");
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "");
	CHECK_STR(F(&g, 1, R_TEN), "Hoàng Thị Lan");
	CHECK_STR(F(&g, 1, R_CHUC_VU), "Giáo viên");
	CHECK_STR(F(&g, 1, R_NOI_CONG_TAC), "Trường TH Kim Đồng");
	CHECK_STR(F(&g, 2, R_TEN), "Nông Văn Tài (Đội trưởng)");
	CHECK_STR(F(&g, 2, R_CHUC_VU), "");
	CHECK_STR(F(&g, 3, R_TEN), "Chi hội Phụ nữ xóm Nà Ngần");
	CHECK_STR(F(&g, 3, R_CHUC_VU), "");
	got_release(&g);
	/* a position column of its own wins */
	sheet_release(&s);
	sheet_init(&s);
	row(&s, "Họ và tên", "Chức vụ", "Thành tích", NULL);
	row(&s, "Lục Văn Pẻng\nTrưởng xóm Nà Ngần", "Bí thư chi bộ", "Vận động hiến đất", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_TEN), "Lục Văn Pẻng");
	CHECK_STR(F(&g, 0, R_CHUC_VU), "Bí thư chi bộ");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

/* A lone "Đơn vị" column in a list from a known sender is the workplace. */
TEST(lone_unit_column)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "UBND THỊ TRẤN ĐÔNG KHÊ", NULL);
	row(&s, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11/2026", NULL);
	row(&s, "Họ và tên", "Đơn vị", "Thành tích", NULL);
	row(&s, "Đinh Thị Hạnh", "Trường THCS Đông Khê", "Giáo viên dạy giỏi cấp huyện", NULL);
	row(&s, "Hà Văn Sơn", "UBND xã Lê Lai", "Cán bộ tiêu biểu", NULL);
	CHECK_INT(extract(&s, &m, &g), 2);
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "Trường THCS Đông Khê");
	CHECK_STR(F(&g, 0, R_DON_VI_GOC), "");
	/* a registry unit in it is still the nominating unit */
	CHECK_STR(F(&g, 1, R_DON_VI_GOC), "UBND xã Lê Lai");
	CHECK_STR(F(&g, 1, R_NOI_CONG_TAC), "");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
	/* no sender named by the document: the column stays the unit */
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ và tên", "Đơn vị", "Thành tích", NULL);
	row(&s, "Đinh Thị Hạnh", "Trường THCS Đông Khê", "Giáo viên dạy giỏi cấp huyện", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_DON_VI_GOC), "Trường THCS Đông Khê");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
	/* "Đơn vị đề xuất" is the nominating unit whatever the sender */
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "UBND THỊ TRẤN ĐÔNG KHÊ", NULL);
	row(&s, "Họ và tên", "Đơn vị đề xuất", "Thành tích", NULL);
	row(&s, "Đinh Thị Hạnh", "Trường THCS Đông Khê", "Giáo viên dạy giỏi cấp huyện", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(F(&g, 0, R_DON_VI_GOC), "Trường THCS Đông Khê");
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(vertical_merge_carries)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ và tên", "Đơn vị đề xuất", "Thành tích", NULL);
	struct sheet_row *r = sheet_add_row(&s, 2);
	sheet_add_cell(r, "A Một", 1, 0);
	sheet_add_cell(r, "Phòng Y tế", 1, 0);
	sheet_add_cell(r, "x", 1, 0);
	r = sheet_add_row(&s, 3);
	sheet_add_cell(r, "B Hai", 1, 0);
	sheet_add_cell(r, NULL, 1, 1);
	sheet_add_cell(r, "y", 1, 0);
	CHECK_INT(extract(&s, &m, &g), 2);
	CHECK_STR(F(&g, 1, R_DON_VI_GOC), "Phòng Y tế");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(continuation_rows)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "STT", "Họ và tên", "Năm sinh", "Thành tích", "Ghi chú", NULL);
	row(&s, "1", "A Một", "1980", "Hoàn thành tốt;", NULL);
	row(&s, "", "", "", "có sáng kiến.", "ghi", NULL);
	row(&s, "2", "B Hai", "1981", "x", NULL);
	row(&s, "", "", "", "y", NULL);
	row(&s, "3", "", "1982", "không tên", NULL); /* a row of its own: STT and year */
	CHECK_INT(extract(&s, &m, &g), 3);
	CHECK_STR(F(&g, 0, R_THANH_TICH), "Hoàn thành tốt; có sáng kiến.");
	CHECK_STR(F(&g, 0, R_GHI_CHU), "ghi");
	CHECK_STR(F(&g, 1, R_THANH_TICH), "x y");
	CHECK_STR(F(&g, 2, R_THANH_TICH), "không tên");
	CHECK_STR(F(&g, 2, R_TEN), "");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(date_line_in_name_column)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "STT", "Họ và tên", "Thành tích", NULL);
	row(&s, "1", "A Một", "x", NULL);
	row(&s, "", "Canh Tân, ngày 13/11/2026", "", NULL);
	CHECK_INT(extract(&s, &m, &g), 1);
	CHECK_STR(m.ngay_vb ? m.ngay_vb : "", "2026-11-13");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(address_column_is_a_fallback)
{
	struct sheet s;
	struct doc_meta m;
	struct got g;
	sheet_init(&s);
	doc_meta_init(&m);
	row(&s, "Họ và tên", "Quê quán", "Chức vụ / Đơn vị", "Thành tích", NULL);
	row(&s, "A Một", "xã Lê Lai", "Giáo viên, Trường Tiểu học Lê Lai", "x", NULL);
	row(&s, "B Hai", "xã Đức Long", "", "y", NULL);
	CHECK_INT(extract(&s, &m, &g), 2);
	CHECK_STR(F(&g, 0, R_CHUC_VU), "Giáo viên");
	CHECK_STR(F(&g, 0, R_NOI_CONG_TAC), "Trường Tiểu học Lê Lai");
	CHECK_STR(F(&g, 1, R_NOI_CONG_TAC), "xã Đức Long");
	got_release(&g);
	doc_meta_release(&m);
	sheet_release(&s);
}

TEST(bounds)
{
	struct sheet s;
	sheet_init(&s);
	struct sheet_row *r = sheet_add_row(&s, 1);
	sheet_add_cell(r, "wide", 100000, 0);
	CHECK_INT(r->n, SHEET_MAX_COLS);
	sheet_add_cell(r, "more", 1, 0);
	CHECK_INT(r->n, SHEET_MAX_COLS);
	sheet_release(&s);
}

int main(int argc, char **argv)
{
	if (plan_load(&plan, "templates/plan") != 0) {
		fprintf(stderr, "cannot load templates/plan (run from the repository root)\n");
		return 1;
	}
	RUN(simple_and_messy_headers);
	RUN(no_header);
	RUN(two_row_header_csv);
	RUN(two_row_header_docx_merged);
	RUN(split_position);
	RUN(section_rows);
	RUN(spanning_section_row);
	RUN(footers);
	RUN(gender_marks_and_upper_titles);
	RUN(unit_and_date_columns);
	RUN(vertical_merge_carries);
	RUN(continuation_rows);
	RUN(date_line_in_name_column);
	RUN(address_column_is_a_fallback);
	RUN(bounds);
	RUN(position_under_the_name);
	RUN(lone_unit_column);
	plan_release(&plan);
	return DONE();
}
