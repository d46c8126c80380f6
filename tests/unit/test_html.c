/* test_html.c - web pages saved by Word or Excel (and .mht): the same
 * records as the CSV list; colspan and rowspan on the grid; line breaks,
 * deleted text, scripts and styles; the charset of the meta tag (Windows-1258
 * converted and marked), a .VnTime font in a style; MIME archives in
 * quoted-printable and base64; deep nesting bounded. */
#include "harness.h"
#include "formats_fixture.h"
#include "buf.h"

static char *page(const char *html, struct docx_err *err)
{
	return dump_mem(html_load, html, strlen(html), err);
}

TEST(word_and_excel_pages_same_as_csv)
{
	struct got w, x, m, c;
	size_t len;
	char *csv = fixture_bytes("src/ds-thang-11.csv", &len);
	CHECK_INT(ingest_fixture(&w, "ds-word-web.doc"), 3);
	CHECK_STR(w.dinh_dang, "html");
	CHECK_INT(ingest_fixture(&x, "ds-excel-web.xls"), 3);
	CHECK_INT(ingest_fixture(&m, "ds-web.mht"), 3);
	CHECK_STR(m.dinh_dang, "mht");
	CHECK_STR(m.ma_cu, "CP1258"); /* the archive's page is in Windows-1258 */
	if (csv)
		CHECK_INT(ingest_mem(&c, "ds.csv", csv, len), 3);
	CHECK(same_records(&w, &c));
	CHECK(same_records(&x, &c));
	CHECK(same_records(&m, &c));
	got_release(&w);
	got_release(&x);
	got_release(&m);
	got_release(&c);
	free(csv);
}

TEST(tables_to_grids)
{
	struct docx_err err;
	char *d = page("<html><head><title>t</title><style>p{}</style><script>x()</script></head>"
		       "<body><p>UBND XÃ<br>ĐỨC LONG</p><div>Danh <b>sách</b> <del>cũ</del></div>"
		       "<table><tr><td colspan=2>A</td><td rowspan=2>B</td></tr>"
		       "<tr><td>C</td><td>D<p>E</p></td></tr><tr><td>F</td><td "
		       "colspan=99999>G</td></tr></table><p>Hết</p></body></html>",
		       &err);
	CHECK(d != NULL);
	if (!d)
		return;
	CHECK(str_starts_with(d, "UBND XÃ\nĐỨC LONG\n\nDanh sách\n\n[bảng 1]\nA | < | B\nC | D/E | "
				 "^\nF | G | < | < "));
	CHECK(str_ends_with(d, " | <\n\nHết\n\n"));
	size_t cells = 0;
	for (const char *p = strstr(d, "F | G"); p && *p != '\n'; p++)
		cells += *p == '|';
	CHECK_INT(cells, SHEET_MAX_COLS - 1); /* colspan=99999 stops at the grid's width */
	free(d);
}

TEST(charsets_and_fonts)
{
	struct docx_err err;
	/* "Đức" in Windows-1258: D0 FD EC 63 (ư, then the combining acute) */
	char *d =
	    page("<html><head><meta http-equiv=Content-Type content=\"text/html; "
		 "charset=windows-1258\"></head><body><p>\xD0\xFD\xEC\x63 Long</p></body></html>",
		 &err);
	CHECK(d && strstr(d, "Đức Long"));
	free(d);
	struct docx_doc one;
	docx_doc_init(&one);
	CHECK_INT(
	    html_load("<html><head><meta charset=windows-1258></head><p>x</p>", 53, &one, &err),
	    1); /* 1: converted from Windows-1258, the ma_cu mark */
	docx_doc_release(&one);
	/* Word's web page with a .VnTime span: TCVN3 bytes shown as cp1252 */
	struct docx_doc m;
	docx_doc_init(&m);
	docx_err_init(&err);
	const char *v = "<html><head><meta charset=utf-8></head><body><p><span "
			"style='font-family:\".VnTime\";mso-bidi-font-family:Arial'>L\xC3\xB4"
			"c V\xC2\xA8n</span> Pẻng</p></body></html>";
	CHECK_INT(html_load(v, strlen(v), &m, &err), 0);
	CHECK(m.n == 1 && m.v[0].text && !strcmp(m.v[0].text, "Lục Văn Pẻng"));
	CHECK_INT(m.legacy, FONT_TCVN3);
	docx_doc_release(&m);
}

TEST(mht_archives)
{
	struct docx_err err;
	const char *qp =
	    "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"XX\"\r\n\r\n"
	    "--XX\r\nContent-Type: image/png\r\n\r\nPNG\r\n"
	    "--XX\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	    "<p>=C4=90=E1=BB=A9c Long r=\r\n=E1=BA=A5t d=C3=A0i</p>\r\n--XX--\r\n";
	char *d = page(qp, &err);
	CHECK(d && !strcmp(d, "Đức Long rất dài\n\n"));
	free(d);
	const char *b64 = "From: <Saved by Windows Internet Explorer 8>\r\nMIME-Version: 1.0\r\n"
			  "Content-Type: multipart/related;\r\n\tboundary=\"B\"\r\n\r\n--B\r\n"
			  "Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
			  "PHA+SOG7jSB0w6pu"
			  "PC9wPg==\r\n--B--\r\n";
	CHECK(html_is_mht(b64, strlen(b64)));
	d = page(b64, &err);
	CHECK(d && !strcmp(d, "Họ tên\n\n"));
	free(d);
	const char *none =
	    "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=B\r\n\r\n"
	    "--B\r\nContent-Type: image/gif\r\n\r\nGIF\r\n--B--\r\n";
	d = page(none, &err);
	CHECK(d == NULL && err.code == PC_TEP_HONG && strstr(err.detail, ".mht"));
	free(d);
}

TEST(deep_nesting_bounded)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "<div><table><tr><td>");
	buf_adds(&b, "sâu");
	struct docx_err err;
	char *d = dump_mem(html_load, b.data, b.len, &err);
	CHECK(d != NULL || err.code == PC_TEP_HONG);
	free(d);
	buf_release(&b);
	/* a rowspan of a million and 300 columns: the grid is bounded */
	d = page("<table><tr><td rowspan=1000000 colspan=3>x</td></tr><tr><td>y</td></tr></table>",
		 &err);
	CHECK(d && !strcmp(d, "[bảng 1]\nx | < | <\n^ | < | < | y\n\n"));
	free(d);
}

int main(int argc, char **argv)
{
	load_plan();
	RUN(word_and_excel_pages_same_as_csv);
	RUN(tables_to_grids);
	RUN(charsets_and_fonts);
	RUN(mht_archives);
	RUN(deep_nesting_bounded);
	free_plan();
	return DONE();
}
