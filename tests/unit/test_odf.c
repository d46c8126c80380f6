/* test_odf.c - OpenDocument: LibreOffice's .ods and .odt of a list give
 * the records of the same list as CSV; spanned and covered cells, repeated
 * columns and rows (an empty repeat costs nothing, a repeat with text is
 * copied within a budget), hidden sheets, paragraphs, notes dropped; flat
 * ODF; hostile and encrypted packages. */
#include "harness.h"
#include "formats_fixture.h"

#define NS                                                                                         \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                       \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                         \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                         \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

static char *flat(const char *body, struct docx_err *err)
{
	char *xml =
	    xasprintf("<?xml version=\"1.0\"?><office:document %s>%s</office:document>", NS, body);
	char *d = dump_mem(odf_load_flat, xml, strlen(xml), err);
	free(xml);
	return d;
}

TEST(libreoffice_same_as_csv)
{
	struct got o, t, c;
	size_t len;
	char *csv = fixture_bytes("src/ds-thang-11.csv", &len);
	CHECK_INT(ingest_fixture(&o, "ds-thang-11.ods"), 3);
	CHECK_STR(o.dinh_dang, "ods");
	CHECK_INT(ingest_fixture(&t, "ds-thang-11.odt"), 3);
	CHECK_STR(t.dinh_dang, "odt");
	if (csv)
		CHECK_INT(ingest_mem(&c, "ds.csv", csv, len), 3);
	CHECK(same_records(&o, &c));
	CHECK(same_records(&t, &c));
	CHECK_STR(f(&o, 2, R_VI_TRI), "trang tính ds-thang-11, dòng 9");
	CHECK_STR(f(&t, 2, R_VI_TRI), "bảng 1, dòng 9");
	got_release(&o);
	got_release(&t);
	got_release(&c);
	free(csv);
}

TEST(spans_and_repeats)
{
	struct docx_err err;
	char *d = flat(
	    "<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">"
	    "<style:table-properties table:display=\"false\"/></style:style>"
	    "</office:automatic-styles><office:body><office:spreadsheet>"
	    "<table:table table:name=\"An\" "
	    "table:style-name=\"ta2\"><table:table-row><table:table-cell>"
	    "<text:p>bí mật</text:p></table:table-cell></table:table-row></table:table>"
	    "<table:table table:name=\"DS\">"
	    "<table:table-row><table:table-cell table:number-columns-spanned=\"3\"><text:p>TIÊU "
	    "ĐỀ</text:p></table:table-cell><table:covered-table-cell "
	    "table:number-columns-repeated=\"2\"/></table:table-row>"
	    "<table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>Họ "
	    "tên</text:p></table:table-cell><table:table-cell "
	    "table:number-columns-repeated=\"16384\"/></table:table-row>"
	    "<table:table-row table:number-rows-repeated=\"1000000\"><table:covered-table-cell/>"
	    "<table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p>"
	    "<office:annotation><text:p>ghi chú ẩn</text:p></office:annotation></table:table-cell>"
	    "</table:table-row>"
	    "<table:table-row><table:table-cell office:value-type=\"date\" "
	    "office:date-value=\"1982-03-15\"><text:p>03/15/82</text:p></table:table-cell>"
	    "<table:table-cell><text:p>a<text:s "
	    "text:c=\"2\"/>b<text:tab/>c<text:line-break/>d</text:p>"
	    "<text:p>e</text:p></table:table-cell></table:table-row>"
	    "</table:table></office:spreadsheet></office:body>",
	    &err);
	CHECK(d != NULL);
	if (!d)
		return;
	CHECK(strstr(d, "bí mật") == NULL);
	CHECK(strstr(d, "[trang tính DS]\nTIÊU ĐỀ | < | <\nHọ tên\n^ | x | x\n | x | x\n") != NULL);
	CHECK(strstr(d, "ghi chú ẩn") == NULL);
	CHECK(strstr(d, "15/03/1982 | a b c/d/e\n") != NULL);
	/* the text row repeated a million times is copied within the budget */
	size_t rows = 0;
	for (const char *p = d; (p = strstr(p, " | x | x\n")); p++)
		rows++;
	CHECK(rows > 1000 && rows <= XL_MAX_REPEAT);
	free(d);
}

TEST(text_paragraphs)
{
	struct docx_err err;
	char *d =
	    flat("<office:body><office:text><text:h>BÁO CÁO THÀNH TÍCH</text:h>"
		 "<text:p>Họ và tên: Nông Văn Minh<text:note><text:note-body><text:p>chú "
		 "thích</text:p></text:note-body></text:note></text:p>"
		 "<text:list><text:list-item><text:p>Năm sinh: 1982</text:p></text:list-item>"
		 "</text:list><table:table><table:table-row><table:table-cell><text:p>ngoài"
		 "</text:p><table:table><table:table-row><table:table-cell><text:p>trong</text:p>"
		 "</table:table-cell></table:table-row></table:table></table:table-cell>"
		 "</table:table-row></table:table></office:text></office:body>",
		 &err);
	CHECK(d != NULL);
	if (!d)
		return;
	CHECK(strstr(d, "BÁO CÁO THÀNH TÍCH\n\nHọ và tên: Nông Văn Minh\n\nNăm sinh: 1982\n\n") ==
	      d);
	CHECK(strstr(d, "chú thích") == NULL);
	CHECK(strstr(d, "[bảng 1]\nngoài/trong\n") != NULL);
	free(d);
}

TEST(hostile_packages)
{
	struct got g;
	struct docx_err err;
	CHECK_INT(ingest_fixture(&g, "odt-ma-hoa.odt"), 0);
	CHECK_INT(g.counts[PC_TEP_MA_HOA], 1);
	CHECK(g.probs && strstr(g.probs, "OpenDocument .odt"));
	got_release(&g);
	/* 16,384 repeated columns with text over a million repeated rows */
	CHECK_INT(ingest_fixture(&g, "ods-lap-16384.ods"), 0);
	CHECK_INT(g.counts[PC_TEP_RONG] + g.counts[PC_TEP_HONG], 1);
	got_release(&g);
	/* not OpenDocument, a DOCTYPE, malformed XML */
	char *d = flat("<office:body><office:text><text:p>x</office:text></office:body>", &err);
	CHECK(d == NULL && err.code == PC_TEP_HONG);
	free(d);
	const char *dt =
	    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><office:document " NS
	    "><office:body/></office:document>";
	d = dump_mem(odf_load_flat, dt, strlen(dt), &err);
	CHECK(d == NULL && err.code == PC_TEP_HONG && strstr(err.detail, "DOCTYPE"));
	free(d);
	d = dump_mem(odf_load_flat, "<html/>", 7, &err);
	CHECK(d == NULL && err.code == PC_TEP_HONG);
	free(d);
}

int main(int argc, char **argv)
{
	load_plan();
	RUN(libreoffice_same_as_csv);
	RUN(spans_and_repeats);
	RUN(text_paragraphs);
	RUN(hostile_packages);
	free_plan();
	return DONE();
}
