/* test_xlsx.c - Excel workbooks: LibreOffice's .xlsx gives the records of
 * the same list as CSV; a workbook written by hand the way Excel writes it
 * (hidden sheet, shared and rich strings with phonetic runs, inline and
 * formula strings, gaps in the references, merged title rows and a two-row
 * header, date formats, .VnTime text); the strict namespace with the 1904
 * date system; and hostile workbooks, each a bounded tep_hong/tep_rong. */
#include "harness.h"
#include "formats_fixture.h"

TEST(libreoffice_same_as_csv)
{
	struct got x, c;
	size_t len;
	char *csv = fixture_bytes("src/ds-thang-11.csv", &len);
	CHECK_INT(ingest_fixture(&x, "ds-thang-11.xlsx"), 3);
	CHECK_STR(x.dinh_dang, "xlsx");
	CHECK(csv != NULL);
	if (csv)
		CHECK_INT(ingest_mem(&c, "ds.csv", csv, len), 3);
	CHECK(same_records(&x, &c));
	/* a date typed in the CSV, kept as a date serial by Calc, shown again */
	CHECK_STR(f(&x, 1, R_NAM_SINH), "15/03/1982");
	CHECK_STR(f(&x, 1, R_VI_TRI), "trang tính ds-thang-11, dòng 8");
	got_release(&x);
	got_release(&c);
	free(csv);
}

TEST(hand_written_workbook)
{
	struct docx_err err;
	char *dump = dump_fixture(xlsx_load, "ds-excel-tay.xlsx", &err);
	CHECK(dump != NULL);
	if (!dump)
		return;
	/* sheet order, the hidden sheet skipped, the empty one too */
	CHECK(strstr(dump, "Ẩn Danh") == NULL);
	CHECK(strstr(dump, "[trang tính Trống]") == NULL);
	CHECK(strstr(dump, "[trang tính Danh sách]") < strstr(dump, "[trang tính Ghi chú]"));
	/* merged title rows and the two-row header, like Word's merged cells */
	CHECK(strstr(dump, "UBND XÃ ĐỨC LONG | < | < | < | < | < | < | < | <\n") != NULL);
	CHECK(strstr(dump, "STT | Họ và tên | Năm sinh | < | Dân tộc | Chức vụ | Lĩnh vực | "
			   "Tóm tắt thành tích | Ngày gửi\n^ | ^ | Nam | Nữ | ^ | ^\n") != NULL);
	/* rich text joined without its phonetic run; numbers as shown */
	CHECK(strstr(dump, "1 | Nông Văn Minh | 1982 |  | Tày | Trưởng xóm |") != NULL);
	CHECK(strstr(dump, "XX") == NULL);
	CHECK(strstr(dump, "1982.0") == NULL);
	/* a custom date format and the built-in one (time part dropped) */
	CHECK(strstr(dump, "| 16/11/2026\n") != NULL);
	CHECK(strstr(dump, "46342") == NULL);
	/* booleans, errors, big and small numbers, ISO dates, Lotus's 29/02/1900 */
	CHECK(strstr(dump, "TRUE | #N/A | 1.5E+20 | 0.1 | 16/11/2026 | 29/02/1900 | 01/03/1900 | "
			   "28/02/1900") != NULL);
	free(dump);

	struct got g;
	CHECK_INT(ingest_fixture(&g, "ds-excel-tay.xlsx"), 2);
	CHECK_STR(f(&g, 0, R_TEN), "Nông Văn Minh");
	CHECK_STR(f(&g, 0, R_NAM_SINH), "1982");
	CHECK_STR(f(&g, 0, R_GIOI_TINH), "Nam");
	CHECK_STR(f(&g, 0, R_NGAY_VB), "2026-11-16");
	CHECK_STR(f(&g, 0, R_DON_VI_GOC), "UBND XÃ ĐỨC LONG");
	/* .VnTime cells converted, the file marked */
	CHECK_STR(f(&g, 1, R_TEN), "Lục Văn Pẻng");
	CHECK_STR(f(&g, 1, R_CHUC_VU), "trưởng xóm Nà Ngần");
	CHECK_STR(f(&g, 1, R_GIOI_TINH), "Nam");
	CHECK_STR(f(&g, 1, R_DAN_TOC), "Nùng");
	CHECK_STR(f(&g, 1, R_VI_TRI), "trang tính Danh sách, dòng 9");
	CHECK(strstr(f(&g, 1, R_THANH_TICH), "Vận động bà con xóm") != NULL);
	CHECK_STR(g.ma_cu, "TCVN3");
	CHECK_STR(f(&g, 1, R_MA_CU), "TCVN3");
	got_release(&g);
}

TEST(strict_1904_same)
{
	struct got a, b;
	CHECK_INT(ingest_fixture(&a, "ds-excel-tay.xlsx"), 2);
	CHECK_INT(ingest_fixture(&b, "ds-strict-1904.xlsx"), 2);
	CHECK(same_records(&a, &b));
	CHECK_STR(b.dinh_dang, "xlsx");
	got_release(&a);
	got_release(&b);
}

TEST(hostile_workbooks)
{
	struct got g;
	/* A1:XFD1048576 claimed, a cell at XFD1048576, a shared string index
	 * of 99,999,999, a merge over the whole sheet: nothing allocated for it */
	CHECK_INT(ingest_fixture(&g, "xlsx-kich-thuoc-lon.xlsx"), 0);
	CHECK_INT(g.counts[PC_TEP_RONG], 1);
	CHECK_INT(g.counts[PC_TEP_HONG], 0);
	got_release(&g);
	CHECK_INT(ingest_fixture(&g, "xlsx-thuc-the.xlsx"), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "tệp Excel .xlsx") && strstr(g.probs, "DOCTYPE"));
	got_release(&g);
	CHECK_INT(ingest_fixture(&g, "xlsx-cat-cut.xlsx"), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "tệp Excel .xlsx bị cắt cụt hoặc hỏng"));
	CHECK(g.probs && !strstr(g.probs, ".docx bị"));
	CHECK_STR(g.dinh_dang, "xlsx");
	got_release(&g);
	/* bytes that are not a zip at all, and a zip with no workbook part */
	struct docx_err err;
	char *d = dump_mem(xlsx_load, "PK\3\4garbage", 11, &err);
	CHECK(d == NULL);
	CHECK_INT(err.code, PC_TEP_HONG);
	CHECK(strstr(err.detail, "tệp Excel .xlsx") != NULL);
	free(d);
}

int main(int argc, char **argv)
{
	load_plan();
	RUN(libreoffice_same_as_csv);
	RUN(hand_written_workbook);
	RUN(strict_1904_same);
	RUN(hostile_workbooks);
	free_plan();
	return DONE();
}
