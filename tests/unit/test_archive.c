/* test_archive.c - zip attachments: each member that is a submission is read
 * as a file of the month (nguon "archive.zip/member"), folders, Mac forks
 * and Thumbs.db skipped, a PDF member refused on its own, an archive inside
 * one read, the next level refused; bombs; the damaged .xlsx/.odt named as
 * such, not as a "tệp nén .docx". */
#include "harness.h"
#include "formats_fixture.h"

TEST(members_are_files)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "ho-so.zip"), 6);
	CHECK_STR(g.dinh_dang, "zip");
	CHECK_STR(f(&g, 0, R_NGUON), "ho-so.zip/Ho so/ds-thang-11.docx");
	CHECK_STR(f(&g, 0, R_TEN), "Trường Tiểu học Đức Long");
	CHECK_STR(f(&g, 3, R_NGUON), "ho-so.zip/Ho so/trong.zip/ds-thang-11.ods");
	CHECK_STR(f(&g, 3, R_VI_TRI), "trang tính ds-thang-11, dòng 6");
	/* each member's own hash, not the archive's */
	CHECK(strcmp(f(&g, 0, R_SHA256), f(&g, 3, R_SHA256)) != 0);
	CHECK(g.probs && strstr(g.probs, "ho-so.zip/Ho so/ban-scan.pdf,,khong_ho_tro"));
	CHECK(g.probs && !strstr(g.probs, "Thumbs") && !strstr(g.probs, "MACOSX"));
	CHECK_INT(g.counts[PC_KHONG_HO_TRO], 1);
	CHECK_INT(g.counts[PC_TEP_HONG] + g.counts[PC_TEP_RONG], 0);
	got_release(&g);
}

TEST(limits)
{
	struct got g;
	CHECK_INT(ingest_fixture(&g, "long-3-cap.zip"), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "long-3-cap.zip/cap2.zip/cap3.zip") &&
	      strstr(g.probs, "quá một cấp"));
	got_release(&g);
	CHECK_INT(ingest_fixture(&g, "bom-nen.zip"), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "bom nén"));
	got_release(&g);
	/* an empty zip named .zip, and one named .xlsx */
	static const char empty[22] = "PK\5\6";
	CHECK_INT(ingest_mem(&g, "trong.zip", empty, sizeof(empty)), 0);
	CHECK_INT(g.counts[PC_TEP_RONG], 1);
	got_release(&g);
	CHECK_INT(ingest_mem(&g, "ds.xlsx", empty, sizeof(empty)), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "tệp Excel .xlsx thiếu phần xl/workbook.xml"));
	got_release(&g);
}

TEST(damage_names_the_format)
{
	struct got g;
	size_t len;
	char *ods = fixture_bytes("ds-thang-11.ods", &len);
	if (!ods)
		return;
	CHECK_INT(ingest_mem(&g, "x.ods", ods, len / 2), 0);
	CHECK(g.probs && strstr(g.probs, "tệp OpenDocument .ods bị cắt cụt hoặc hỏng"));
	got_release(&g);
	free(ods);
	char *xl = fixture_bytes("ds-thang-11.xlsx", &len);
	if (!xl)
		return;
	CHECK_INT(ingest_mem(&g, "bang.bin", xl, len - 30), 0);
	CHECK(g.probs && strstr(g.probs, "tệp Excel .xlsx"));
	CHECK_STR(g.dinh_dang, "xlsx");
	got_release(&g);
	free(xl);
}

int main(int argc, char **argv)
{
	load_plan();
	RUN(members_are_files);
	RUN(limits);
	RUN(damage_names_the_format);
	free_plan();
	return DONE();
}
