/* test_rtf.c - RTF: \uN with \ucN fallbacks, \'hh in the document's and
 * the font's code page (\ansicpg1258, \fcharset163), legacy fonts
 * (.VnTime: ma_cu), skipped destinations, field instructions, deleted
 * revisions, tables with horizontal and vertical merges, WordPad and
 * LibreOffice files giving the same records as their sources, and deep
 * nesting refused with tep_hong. */
#include "harness.h"
#include "msoffice.h"
#include "office_test.h"

static char *load_dump(const char *rtf, int *rc, int *legacy)
{
	struct docx_doc d;
	struct docx_err err;
	char *s = NULL;
	size_t n = 0;
	docx_doc_init(&d);
	docx_err_init(&err);
	*rc = rtf_load(rtf, strlen(rtf), &d, &err);
	FILE *f = open_memstream(&s, &n);
	docx_doc_dump(&d, f);
	fclose(f);
	*legacy = d.legacy;
	docx_doc_release(&d);
	return s;
}

TEST(text_and_code_pages)
{
	int rc, lg;
	char *s = load_dump(
	    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}"
	    "{\\f1\\froman\\fcharset163 Times New Roman;}{\\f2\\fnil\\fcharset0 .VnTime;}}"
	    "{\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}"
	    "{\\info{\\title Ti\\'eau \\'f0\\'ea\\'ec}}{\\*\\generator Riched20;}"
	    "\\uc1\\pard\\f0 H\\u7885?\\u32? v\\u224?\\u32?t\\u234?n\\par\n"
	    "\\uc2 Nguy\\u7877??n\\uc1\\par\n"
	    "\\f1 \\'d0\\'fd\\'ecc Long\\par\n"
	    "\\f2 Ho\\'b5ng Th\\'de Mai\\par\n"
	    "\\f0 a{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt link}}b"
	    "{\\deleted xo\\'e1}c{\\pict 0123abcd}\\line d\\tab e\\~f\\emdash\\par}",
	    &rc, &lg);
	CHECK_INT(rc, 0);
	CHECK_STR(s, "Họ và tên\n\nNguyễn\n\nĐức Long\n\nHoàng Thị Mai\n\n"
		     "alinkbc\nd e f—\n\n");
	CHECK_INT(lg, FONT_TCVN3);
	free(s);
	/* the document code page 1258 for a font with the default charset */
	s = load_dump("{\\rtf1\\ansi\\ansicpg1258{\\fonttbl{\\f0 Arial;}}\\f0 Vi\\'ea\\'f2t\\par}",
		      &rc, &lg);
	CHECK_STR(s, "Việt\n\n");
	CHECK_INT(lg, FONT_UNICODE);
	free(s);
}

TEST(tables_with_merges)
{
	int rc, lg;
	char *s = load_dump(
	    "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}"
	    "\\trowd\\clvmgf\\cellx1000\\clvmgf\\cellx2000\\clmgf\\cellx3000\\clmrg\\cellx4000"
	    "\\pard\\intbl STT\\cell H\\u7885? t\\u234?n\\cell N\\u259?m sinh\\cell\\cell\\row"
	    "\\trowd\\clvmrg\\cellx1000\\clvmrg\\cellx2000\\cellx3000\\cellx4000"
	    "\\pard\\intbl\\cell\\cell Nam\\cell N\\u7919?\\cell\\row"
	    "\\trowd\\cellx4000\\pard\\intbl A. T\\u7852?P TH\\u7874?\\cell\\row"
	    "\\trowd\\cellx1000\\cellx2000\\cellx3000\\cellx4000"
	    "\\pard\\intbl 1\\cell L\\u242? V\\u259?n A\\par d\\u242?ng 2\\cell "
	    "1970\\cell\\cell\\row"
	    "\\pard Sau b\\u7843?ng\\par}",
	    &rc, &lg);
	CHECK_INT(rc, 0);
	CHECK_STR(s, "[bảng 1]\n"
		     "STT | Họ tên | Năm sinh | <\n"
		     "^ | ^ | Nam | Nữ\n"
		     "A. TẬP THỂ | < | < | <\n"
		     "1 | Lò Văn A/dòng 2 | 1970 | \n\n"
		     "Sau bảng\n\n");
	free(s);
}

TEST(deep_nesting_is_refused)
{
	size_t n = 100000;
	char *r = xmalloc(2 * n + 16);
	memcpy(r, "{\\rtf1 ", 7);
	memset(r + 7, '{', n);
	memset(r + 7 + n, '}', n);
	r[7 + 2 * n] = '\0';
	struct docx_doc d;
	struct docx_err err;
	docx_doc_init(&d);
	docx_err_init(&err);
	CHECK_INT(rtf_load(r, strlen(r), &d, &err), -1);
	CHECK_INT(err.code, PC_TEP_HONG);
	CHECK(strstr(err.detail, "RTF"));
	docx_doc_release(&d);
	/* through ingest: one tep_hong naming RTF, whatever the file is called */
	struct ingested g;
	CHECK_INT(ingest_bytes(&g, "sau.doc", r, strlen(r)), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK_STR(g.dinh_dang, "rtf");
	ingested_release(&g);
	free(r);
}

TEST(same_records_as_source)
{
	static const char *const pairs[][2] = {
	    {"tests/fixtures/rtf/wordpad-tcvn3.rtf", "tests/fixtures/csv/tcvn3.csv"},
	    {"tests/fixtures/rtf/wordpad-cp1258.rtf", "tests/fixtures/csv/utf8-bom.csv"},
	    {"tests/fixtures/rtf/ds-duc-long-lo.rtf", "tests/fixtures/docx/ds-duc-long.docx"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct ingested a, b;
		long na = ingest_path(&a, pairs[i][0]), nb = ingest_path(&b, pairs[i][1]);
		CHECK(na > 0);
		CHECK_INT(na, nb);
		CHECK_STR(a.dinh_dang, "rtf");
		if (i < 2 && !same_records(&a, &b))
			CHECK(!pairs[i][0]);
		ingested_release(&a);
		ingested_release(&b);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	load_test_plan();
	RUN(text_and_code_pages);
	RUN(tables_with_merges);
	RUN(deep_nesting_is_refused);
	RUN(same_records_as_source);
	return DONE();
}
