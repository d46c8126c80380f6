/* test_docx_ingest.c - DOCX submissions to records: the list layout (header
 * block, two-row header, sections, headings between tables, legacy fonts),
 * the achievement-report layout (one and two reports), and the problems of
 * files that give no records. */
#include "harness.h"
#include "buf.h"
#include "docx.h"
#include "ingest.h"
#include "plan.h"
#include "problem.h"
#include "record.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAXR 16

static struct plan plan;
static int have_plan;

struct got {
	struct record v[MAXR];
	int n;
	unsigned long counts[PC_COUNT];
	const char *ma_cu, *dinh_dang;
	char *probs;
	size_t probs_len;
};

static int keep(void *ctx, struct record *r)
{
	struct got *g = ctx;
	if (g->n < MAXR) {
		rec_init(&g->v[g->n]);
		rec_copy(&g->v[g->n], r);
	}
	g->n++;
	return 0;
}

static void got_release(struct got *g)
{
	for (int i = 0; i < g->n && i < MAXR; i++)
		rec_release(&g->v[i]);
	free(g->probs);
	memset(g, 0, sizeof(*g));
}

/* Reads a fixture through docx_ingest(); returns its result, -2 if the
 * fixture is missing. */
static long ingest_fixture(struct got *g, const char *name)
{
	char *path = xasprintf("tests/fixtures/docx/%s", name), *data = NULL;
	size_t len;
	long n = -2;

	memset(g, 0, sizeof(*g));
	if (read_file(path, INGEST_MAX_FILE, &data, &len) == 0) {
		FILE *pf = open_memstream(&g->probs, &g->probs_len);
		struct problem_sink sink;
		struct ingest_ctx c;
		struct file_info fi = {path, name, "", "2026-11-20", (long long)len};
		problem_sink_init(&sink, pf, 0);
		ingest_ctx_init(&c, have_plan ? &plan : NULL, &sink, keep, g, "2026-11");
		c.file = &fi;
		sha256_hex(data, len, fi.sha256);
		n = docx_ingest(&c, data, len);
		g->ma_cu = c.ma_cu;
		g->dinh_dang = c.dinh_dang;
		memcpy(g->counts, sink.counts, sizeof(g->counts));
		ingest_ctx_release(&c);
		fclose(pf);
	}
	free(data);
	free(path);
	return n;
}

static const char *f(struct got *g, int i, enum rec_field k)
{
	return i < g->n && i < MAXR ? rec_get(&g->v[i], k) : "(none)";
}

/* Ingests a main document part given as the body XML of a w:document. */
static long ingest_body(struct got *g, const char *body)
{
	char *xml = xasprintf("<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
			      "wordprocessingml/2006/main\"><w:body>%s</w:body></w:document>",
			      body);
	struct docx_doc d;
	struct docx_err err;
	long n = -2;
	memset(g, 0, sizeof(*g));
	docx_doc_init(&d);
	docx_err_init(&err);
	if (docx_text_parse(xml, strlen(xml), NULL, &d, &err) == 0) {
		FILE *pf = open_memstream(&g->probs, &g->probs_len);
		struct problem_sink sink;
		struct ingest_ctx c;
		struct file_info fi = {"x.docx", "x.docx", "", "2026-11-20",
				       (long long)strlen(xml)};
		problem_sink_init(&sink, pf, 0);
		ingest_ctx_init(&c, have_plan ? &plan : NULL, &sink, keep, g, "2026-11");
		c.file = &fi;
		n = docx_ingest_doc(&c, &d);
		ingest_ctx_release(&c);
		fclose(pf);
	}
	docx_doc_release(&d);
	free(xml);
	return n;
}

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"

TEST(report_short_date_line_ends_summary)
{
	struct got g;
	CHECK_INT(ingest_body(&g, P("BÁO CÁO TÓM TẮT THÀNH TÍCH") P("Họ và tên: Đàm Văn Đức")
				      P("II. THÀNH TÍCH ĐẠT ĐƯỢC")
					  P("Hoàn thành xuất sắc nhiệm vụ được giao.")
					      P("Ngày 15/11/2026") P("Đàm Văn Đức")),
		  1);
	CHECK_STR(f(&g, 0, R_THANH_TICH), "Hoàn thành xuất sắc nhiệm vụ được giao.");
	CHECK_STR(f(&g, 0, R_NGAY_VB), "2026-11-15");
	got_release(&g);
}

TEST(report_more_labels)
{
	struct got g;
	CHECK_INT(ingest_body(&g, P("BÁO CÁO TÓM TẮT THÀNH TÍCH")
				      P("Họ tên: Lương Văn Tâm          Sinh năm: 1979")
					  P("THÀNH TÍCH ĐẠT ĐƯỢC") P("Vận động nhân dân hiến đất.")
					      P("BÁO CÁO THÀNH TÍCH CỦA TẬP THỂ")
						  P("Tên đơn vị: Trường Mầm non Hoa Sen")
						      P("THÀNH TÍCH ĐẠT ĐƯỢC")
							  P("Dẫn đầu phong trào thi đua.")),
		  2);
	CHECK_STR(f(&g, 0, R_TEN), "Lương Văn Tâm");
	CHECK_STR(f(&g, 0, R_NAM_SINH), "1979");
	CHECK_STR(f(&g, 1, R_TEN), "Trường Mầm non Hoa Sen");
	CHECK_STR(f(&g, 1, R_LOAI_GOC), "Tập thể");
	got_release(&g);
}

TEST(report_workplace_labels)
{
	struct got g;
	CHECK_INT(ingest_body(
		      &g, P("BÁO CÁO THÀNH TÍCH") P("- Họ và tên: Nguyễn Thị Mai")
			      P("- Quê quán: xã Kim Đồng")
				  P("- Chức vụ, đơn vị: Tổ trưởng chuyên môn, Trường THCS Kim Đồng")
				      P("II. TÓM TẮT THÀNH TÍCH") P("Giáo viên dạy giỏi.")
					  P("BÁO CÁO THÀNH TÍCH") P("Họ và tên: Hoàng Văn Bảo") P(
					      "Nơi công tác hiện nay: Đồn Biên phòng Đức Long")
					      P("THÀNH TÍCH ĐẠT ĐƯỢC") P("Bắt giữ 3 vụ buôn lậu.")),
		  2);
	CHECK_STR(f(&g, 0, R_CHUC_VU), "Tổ trưởng chuyên môn");
	CHECK_STR(f(&g, 0, R_NOI_CONG_TAC), "Trường THCS Kim Đồng");
	CHECK_STR(f(&g, 1, R_NOI_CONG_TAC), "Đồn Biên phòng Đức Long");
	got_release(&g);
}

#define TC(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TBL(rows)                                                                                  \
	"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" rows "</w:tbl>"

TEST(split_table_continues)
{
	struct got g;
	CHECK_INT(
	    ingest_body(
		&g,
		TBL("<w:tr>" TC("STT") TC("Họ và tên") TC(
		    "Thành tích") "</w:tr>"
				  "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
				  "<w:p><w:r><w:t>I. LĨNH VỰC Y TẾ</w:t></w:r></w:p></w:tc></w:tr>"
				  "<w:tr>" TC("1") TC("A Một") TC("x") "</w:tr>") P("")
		    TBL("<w:tr>" TC("2") TC("B Hai") TC("y") "</w:tr>")),
	    2);
	CHECK_STR(f(&g, 1, R_TEN), "B Hai");
	CHECK_STR(f(&g, 1, R_LINH_VUC_GOC), "LĨNH VỰC Y TẾ");
	CHECK_STR(f(&g, 1, R_VI_TRI), "bảng 2, dòng 1");
	got_release(&g);
}

TEST(list_with_header_block)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-duc-long.docx"), 3);
	CHECK_INT(g.n, 3);
	CHECK_STR(f(&g, 0, R_TEN), "Trường Tiểu học Đức Long");
	CHECK_STR(f(&g, 0, R_VI_TRI), "bảng 2, dòng 4");
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "100% học sinh") != NULL);
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "MERGEFIELD") == NULL);
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "có 12 giáo viên") != NULL);
	CHECK_STR(f(&g, 1, R_TEN), "Nông Văn Minh");
	CHECK_STR(f(&g, 1, R_NAM_SINH), "1982");
	CHECK_STR(f(&g, 1, R_DAN_TOC), "Tày");
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "xóm Nà Lẹng đạt chuẩn") != NULL);
	CHECK_STR(f(&g, 2, R_TEN), "Hoàng Thị Lan");
	CHECK_STR(f(&g, 2, R_NAM_SINH), "1990");
	CHECK(strstr(f(&g, 2, R_GIOI_TINH), "N") != NULL);
	CHECK_STR(f(&g, 2, R_SO_VB), "15/DS-UBND");
	CHECK_STR(f(&g, 2, R_NGAY_VB), "2026-11-15");
	CHECK_STR(f(&g, 2, R_THANG_VB), "2026-11");
	CHECK_STR(f(&g, 2, R_BO_CUC), "danh_sach");
	CHECK(strstr(f(&g, 2, R_DON_VI_GOC), "ĐỨC LONG") != NULL);
	CHECK_STR(g.dinh_dang, "docx");
	CHECK(g.ma_cu == NULL);
	got_release(&g);
}

TEST(headings_between_tables)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-y-te.docx"), 2);
	CHECK_STR(f(&g, 0, R_VI_TRI), "bảng 1, dòng 2");
	CHECK_STR(f(&g, 0, R_LINH_VUC_GOC), "LĨNH VỰC Y TẾ");
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "phòng, chống dịch") != NULL);
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "Bằng khen") == NULL); /* nested table */
	CHECK_STR(f(&g, 1, R_TEN), "Lý Thị Thu");
	CHECK_STR(f(&g, 1, R_VI_TRI), "bảng 3, dòng 2");
	CHECK(strstr(f(&g, 1, R_LINH_VUC_GOC), "HỌC TẬP VÀ LÀM THEO") != NULL);
	CHECK_STR(f(&g, 1, R_NGAY_VB), "2026-11-10");
	CHECK_STR(f(&g, 1, R_THANG_VB), "2026-11");
	got_release(&g);
}

TEST(strict_list)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-strict.docx"), 2);
	CHECK(strstr(f(&g, 0, R_TEN), "Hoàng Văn Thắng") != NULL);
	CHECK_STR(f(&g, 1, R_NAM_SINH), "1980");
	CHECK_STR(f(&g, 1, R_NGAY_VB), "2026-11-18");
	got_release(&g);
}

TEST(legacy_list)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-tcvn3.docx"), 2);
	CHECK_STR(f(&g, 0, R_TEN), "Nguyễn Văn An");
	CHECK_STR(f(&g, 0, R_DAN_TOC), "Tày");
	CHECK_STR(f(&g, 1, R_TEN), "Hoàng Thị Mai");
	CHECK(strstr(f(&g, 1, R_NOI_CONG_TAC), "Xã Lê Lợi") != NULL);
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "câu lạc bộ hát then") != NULL);
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "ở các xóm") != NULL);
	CHECK_STR(f(&g, 1, R_MA_CU), "TCVN3");
	CHECK_STR(g.ma_cu, "TCVN3");
	CHECK_STR(f(&g, 1, R_NGAY_VB), "2026-11-16");
	got_release(&g);
}

TEST(one_report)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "bc-nong-thi-hoa.docx"), 1);
	CHECK_STR(f(&g, 0, R_TEN), "Nông Thị Hoa");
	CHECK_STR(f(&g, 0, R_GIOI_TINH), "Nữ");
	CHECK_STR(f(&g, 0, R_NAM_SINH), "1985");
	CHECK_STR(f(&g, 0, R_DAN_TOC), "Tày");
	CHECK_STR(f(&g, 0, R_CHUC_VU), "Giáo viên");
	CHECK_STR(f(&g, 0, R_NOI_CONG_TAC), "Trường Mầm non Hoa Sen, xã Đức Long");
	CHECK_STR(f(&g, 0, R_LINH_VUC_GOC), "Giáo dục và Đào tạo");
	CHECK_STR(f(&g, 0, R_BO_CUC), "bao_cao");
	CHECK(str_starts_with(f(&g, 0, R_THANH_TICH), "1. Năm học 2024-2025"));
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "được Hội đồng khoa học huyện công nhận.") != NULL);
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "Giấy khen") == NULL);
	CHECK(strstr(f(&g, 0, R_THANH_TICH), "\n") == NULL);
	CHECK(str_starts_with(f(&g, 0, R_VI_TRI), "báo cáo 1 (đoạn "));
	CHECK_STR(f(&g, 0, R_NGAY_VB), "2026-11-12");
	CHECK_STR(f(&g, 0, R_THANG_VB), "2026-11");
	got_release(&g);
}

/* A proposal letter with no table: one numbered paragraph per nominee. */
TEST(proposal_letter)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "tt-dong-khe.docx"), 3);
	CHECK_STR(f(&g, 0, R_TEN), "Ông Nông Văn An");
	CHECK_STR(f(&g, 0, R_NAM_SINH), "sinh năm 1970");
	CHECK_STR(f(&g, 0, R_DAN_TOC), "Tày");
	CHECK_STR(f(&g, 0, R_CHUC_VU), "Chủ tịch Hội Nông dân thị trấn Đông Khê");
	CHECK_STR(f(&g, 0, R_LINH_VUC_GOC), "lĩnh vực Nông dân sản xuất kinh doanh giỏi");
	CHECK(str_starts_with(f(&g, 0, R_THANH_TICH), "Phát triển mô hình trồng thạch đen"));
	CHECK_STR(f(&g, 0, R_BO_CUC), "to_trinh");
	CHECK(str_starts_with(f(&g, 0, R_VI_TRI), "mục 1 (đoạn "));
	CHECK_STR(f(&g, 1, R_TEN), "Bà Hoàng Thị Bích");
	CHECK_STR(f(&g, 1, R_DAN_TOC), "Nùng");
	CHECK_STR(f(&g, 1, R_CHUC_VU), "giáo viên");
	CHECK_STR(f(&g, 1, R_NOI_CONG_TAC), "Trường THCS Đông Khê");
	CHECK_STR(f(&g, 2, R_TEN), "Chi hội Phụ nữ Tổ dân phố 2");
	CHECK_STR(f(&g, 2, R_NOI_CONG_TAC), "thị trấn Đông Khê");
	CHECK_STR(f(&g, 2, R_LINH_VUC_GOC), "lĩnh vực Nông thôn mới");
	/* the letter's own lines are its metadata, the "Căn cứ" items no entries */
	CHECK_STR(f(&g, 0, R_DON_VI_GOC), "THỊ TRẤN ĐÔNG KHÊ");
	CHECK_STR(f(&g, 0, R_NGAY_VB), "2026-11-14");
	CHECK_STR(f(&g, 0, R_THANG_VB), "2026-11");
	CHECK_INT(g.counts[PC_TEP_RONG], 0);
	got_release(&g);
	/* numbered paragraphs without an achievement are not nominees */
	CHECK_INT(ingest_body(&g,
			      "<w:p><w:r><w:t>TỜ TRÌNH</w:t></w:r></w:p>"
			      "<w:p><w:r><w:t>1. Căn cứ Luật Thi đua, Khen thưởng năm "
			      "2022;</w:t></w:r></w:p>"
			      "<w:p><w:r><w:t>2. Ông Nông Văn B, sinh năm 1970.</w:t></w:r></w:p>"),
		  0);
	got_release(&g);
}

TEST(two_reports)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "bc-hai-bao-cao.docx"), 2);
	CHECK_STR(f(&g, 0, R_TEN), "Đinh Thị Hằng");
	CHECK(strstr(f(&g, 0, R_NAM_SINH), "1983") != NULL);
	CHECK_STR(f(&g, 0, R_DAN_TOC), "Nùng");
	CHECK(strstr(f(&g, 0, R_NOI_CONG_TAC), "Hội Phụ nữ xã Canh Tân") != NULL);
	CHECK(str_starts_with(f(&g, 0, R_THANH_TICH), "Vận động hội viên"));
	CHECK_STR(f(&g, 1, R_TEN), "Chi hội Phụ nữ xóm Khau Khoang");
	CHECK_STR(f(&g, 1, R_LOAI_GOC), "Tập thể");
	CHECK_STR(f(&g, 1, R_NOI_CONG_TAC), "Xóm Khau Khoang, xã Trọng Con");
	CHECK_STR(f(&g, 1, R_LINH_VUC_GOC), "Vì người nghèo");
	CHECK(str_starts_with(f(&g, 1, R_THANH_TICH), "Chi hội có 42 hội viên"));
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "TM.") == NULL);
	CHECK(str_starts_with(f(&g, 1, R_VI_TRI), "báo cáo 2 (đoạn "));
	got_release(&g);
}

TEST(list_with_reports)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-kem-bao-cao.docx"), 2);
	CHECK_STR(f(&g, 0, R_TEN), "Lò Văn Sinh");
	CHECK_STR(f(&g, 0, R_BO_CUC), "danh_sach");
	CHECK_STR(f(&g, 0, R_DAN_TOC), "Dao"); /* from the attached report */
	CHECK_STR(f(&g, 0, R_LINH_VUC_GOC), "Nông thôn mới");
	CHECK(str_starts_with(f(&g, 0, R_THANH_TICH), "Vận động nhân dân")); /* the list's */
	CHECK_STR(f(&g, 1, R_TEN), "Hoàng Thị Xuân");
	CHECK_STR(f(&g, 1, R_BO_CUC), "bao_cao");
	CHECK_STR(f(&g, 1, R_GIOI_TINH), "Nữ");
	CHECK(str_starts_with(f(&g, 1, R_THANH_TICH), "Thành lập tổ hợp tác"));
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "Kim Đồng, ngày") == NULL);
	CHECK_STR(f(&g, 1, R_NGAY_VB), "2026-11-17");
	got_release(&g);
}

TEST(no_records)
{
	static const struct {
		const char *file;
		int code;
	} cases[] = {
	    {"khong-co-guong.docx", PC_TEP_RONG},  {"xml-hong.docx", PC_TEP_HONG},
	    {"xxe-thuc-the.docx", PC_TEP_HONG},	   {"bom-nen.docx", PC_TEP_HONG},
	    {"cat-cut.docx", PC_TEP_HONG},	   {"ole-ma-hoa.docx", PC_TEP_MA_HOA},
	    {"doc-doi-ten.docx", PC_KHONG_HO_TRO}, {"bang-tinh-xlsx.docx", PC_KHONG_HO_TRO},
	    {"van-ban-odt.docx", PC_KHONG_HO_TRO},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct got g;
		CHECK_INT(ingest_fixture(&g, cases[i].file), 0);
		CHECK_INT(g.n, 0);
		if (g.counts[cases[i].code] != 1)
			fprintf(stderr, "  %s: %.*s\n", cases[i].file, (int)g.probs_len, g.probs);
		CHECK_INT(g.counts[cases[i].code], 1);
		got_release(&g);
	}
	struct got g;
	ingest_fixture(&g, "khong-co-guong.docx");
	CHECK(g.probs && strstr(g.probs, "Họ và tên") != NULL);
	got_release(&g);
	ingest_fixture(&g, "doc-doi-ten.docx");
	CHECK(g.probs && strstr(g.probs, "Lưu thành .docx") != NULL);
	CHECK_STR(g.dinh_dang, "doc");
	got_release(&g);
}

int main(int argc, char **argv)
{
	have_plan = plan_load(&plan, "templates/plan") == 0;
	if (!have_plan)
		fprintf(stderr, "  (templates/plan not loaded: running without a plan)\n");
	RUN(list_with_header_block);
	RUN(headings_between_tables);
	RUN(split_table_continues);
	RUN(strict_list);
	RUN(legacy_list);
	RUN(one_report);
	RUN(report_short_date_line_ends_summary);
	RUN(report_more_labels);
	RUN(report_workplace_labels);
	RUN(two_reports);
	RUN(proposal_letter);
	RUN(list_with_reports);
	RUN(no_records);
	if (have_plan)
		plan_release(&plan);
	return DONE();
}
