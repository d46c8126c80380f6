/* test_docx_text.c - unit tests of Word's text model (docx_text.c) and the
 * package layer (docx_zip.c): runs, revisions, fields, alternate content,
 * text boxes, grids, nested tables, legacy fonts, hostile XML and zips. */
#include "buf.h"
#include "docx.h"
#include "harness.h"
#include "problem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define MC_NS "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
#define DOC(body)                                                                                  \
	"<?xml version=\"1.0\"?><w:document " W_NS " " MC_NS "><w:body>" body                      \
	"</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

static struct docx_doc doc;
static struct docx_err err;

/* Parses xml into the global doc; returns the parser's result. */
static int parse_styled(const char *xml, const struct docx_styles *st)
{
	docx_doc_release(&doc);
	docx_doc_init(&doc);
	docx_err_init(&err);
	return docx_text_parse(xml, strlen(xml), st, &doc, &err);
}

static int parse(const char *xml)
{
	return parse_styled(xml, NULL);
}

/* Text of the n-th paragraph block (1-based), or NULL. */
static const char *para(size_t n)
{
	for (size_t i = 0; i < doc.n; i++)
		if (doc.v[i].kind == DOCX_PARA && doc.v[i].index == n)
			return doc.v[i].text;
	return NULL;
}

static const struct sheet *table(size_t n)
{
	for (size_t i = 0; i < doc.n; i++)
		if (doc.v[i].kind == DOCX_TABLE && doc.v[i].index == n)
			return doc.v[i].table;
	return NULL;
}

static const char *cell(const struct sheet *s, size_t r, size_t c)
{
	if (!s || r >= s->nrows || c >= s->rows[r].n)
		return "(none)";
	return s->rows[r].cells[c].text ? s->rows[r].cells[c].text : "";
}

TEST(runs_tabs_breaks)
{
	CHECK_INT(parse(DOC("<w:p><w:r><w:t>Họ và</w:t><w:tab/><w:t>tên</w:t></w:r>"
			    "<w:r><w:br/><w:t>dòng hai</w:t><w:cr/><w:t>ba</w:t></w:r></w:p>"
			    "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
			    "</w:pPr><w:r><w:t>không tab</w:t></w:r></w:p>")),
		  0);
	CHECK_STR(para(1), "Họ và tên\ndòng hai\nba");
	CHECK_STR(para(2), "không tab");
	CHECK_INT(doc.npara, 2);
}

TEST(tracked_changes)
{
	CHECK_INT(
	    parse(DOC("<w:p><w:r><w:t xml:space=\"preserve\">Nông Văn </w:t></w:r>"
		      "<w:del w:id=\"1\"><w:r><w:delText>Mình</w:delText></w:r></w:del>"
		      "<w:ins w:id=\"2\"><w:r><w:t>Minh</w:t></w:r>"
		      "<w:del w:id=\"3\"><w:r><w:delText>xx</w:delText></w:r></w:del></w:ins></w:p>"
		      "<w:p><w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom>"
		      "<w:moveTo><w:r><w:t>mới</w:t></w:r></w:moveTo></w:p>")),
	    0);
	CHECK_STR(para(1), "Nông Văn Minh");
	CHECK_STR(para(2), "mới");
}

TEST(read_through_wrappers)
{
	CHECK_INT(
	    parse(DOC("<w:sdt><w:sdtPr><w:alias w:val=\"Tên\"/><w:placeholder>"
		      "<w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr><w:sdtContent>"
		      "<w:p><w:smartTag w:element=\"place\"><w:r><w:t>Đức</w:t></w:r></w:smartTag>"
		      "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
		      "<w:hyperlink w:anchor=\"a\"><w:r><w:t>Long</w:t></w:r></w:hyperlink>"
		      "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
		      "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple>"
		      "<w:customXml w:element=\"x\"><w:r><w:t>!</w:t></w:r></w:customXml>"
		      "</w:p></w:sdtContent></w:sdt>")),
	    0);
	CHECK_STR(para(1), "Đức Long 7!");
}

TEST(field_instructions_dropped)
{
	CHECK_INT(parse(DOC("<w:p><w:r><w:t xml:space=\"preserve\">có </w:t></w:r>"
			    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			    "<w:r><w:instrText> MERGEFIELD SoGV </w:instrText></w:r>"
			    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
			    "<w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
			    "<w:r><w:t xml:space=\"preserve\"> giáo viên</w:t></w:r></w:p>"
			    /* a field without a separator: nothing of it shows */
			    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			    "<w:r><w:t>ẩn</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
			    "<w:r><w:t>hiện</w:t></w:r></w:p>")),
		  0);
	CHECK_STR(para(1), "có 12 giáo viên");
	CHECK_STR(para(2), "hiện");
}

TEST(alternate_content_once)
{
	CHECK_INT(parse(DOC("<w:p><w:r><w:t>A</w:t></w:r><mc:AlternateContent>"
			    "<mc:Choice Requires=\"wps\"><w:r><w:t>B</w:t></w:r></mc:Choice>"
			    "<mc:Fallback><w:r><w:t>B</w:t></w:r></mc:Fallback>"
			    "</mc:AlternateContent><w:r><w:t>C</w:t></w:r></w:p>"
			    "<w:p><mc:AlternateContent><mc:Fallback><w:r><w:t>F</w:t></w:r>"
			    "</mc:Fallback></mc:AlternateContent></w:p>")),
		  0);
	CHECK_STR(para(1), "ABC");
	CHECK_STR(para(2), "F");
}

TEST(text_boxes_after_paragraph)
{
	CHECK_INT(
	    parse(DOC("<w:p><w:r><w:t>PHÒNG Y TẾ</w:t></w:r><w:r><w:pict><w:txbxContent>"
		      "<w:p><w:r><w:t>Hộp một</w:t></w:r></w:p>"
		      "<w:p><w:r><w:t>Hộp hai</w:t></w:r></w:p>"
		      "</w:txbxContent></w:pict></w:r><w:r><w:t>!</w:t></w:r></w:p>" P("Sau"))),
	    0);
	CHECK_STR(para(1), "PHÒNG Y TẾ!");
	CHECK_STR(para(2), "Hộp một");
	CHECK_STR(para(3), "Hộp hai");
	CHECK_STR(para(4), "Sau");
}

TEST(notes_and_symbols_ignored)
{
	CHECK_INT(
	    parse(DOC("<w:p><w:r><w:t>Có</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/>"
		      "</w:r><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t> chú thích</w:t>"
		      "</w:r><w:ruby><w:rt><w:r><w:t>yomi</w:t></w:r></w:rt><w:rubyBase><w:r>"
		      "<w:t>!</w:t></w:r></w:rubyBase></w:ruby></w:p>")),
	    0);
	CHECK_STR(para(1), "Có chú thích!");
}

TEST(strict_namespace)
{
	const char *x =
	    "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">"
	    "<w:body><w:p><w:r><w:t>Chặt chẽ</w:t></w:r></w:p><w:tbl><w:tr><w:tc>"
	    "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>ô</w:t></w:r></w:p>"
	    "</w:tc></w:tr></w:tbl></w:body></w:document>";
	CHECK_INT(parse(x), 0);
	CHECK_STR(para(1), "Chặt chẽ");
	const struct sheet *s = table(1);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(s->rows[0].n, 2);
		CHECK_INT(s->rows[0].cells[0].span, 2);
		CHECK_INT(s->rows[0].cells[1].covered, 1);
	}
}

#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define TCP(pr, text)                                                                              \
	"<w:tc><w:tcPr>" pr "</w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define TCE(pr) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p/></w:tc>"

TEST(grid_two_row_header)
{
	CHECK_INT(
	    parse(DOC("<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/>"
		      "</w:tblGrid><w:tr>" TCP("<w:vMerge w:val=\"restart\"/>", "Họ và tên")
			  TCP("<w:gridSpan w:val=\"2\"/>", "Năm sinh") TCP(
			      "<w:vMerge w:val=\"restart\"/>",
			      "Thành tích") "</w:tr><w:tr>" TCE("<w:vMerge/>") TC("Nam") TC("Nữ")
			      TCE("<w:vMerge w:val=\"continue\"/>") "</w:tr><w:tr>" TC(
				  "Hoàng Thị Lan") TC("") TC("1990") TC("Giỏi") "</w:tr></w:tbl>")),
	    0);
	const struct sheet *s = table(1);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(s->nrows, 3);
	CHECK_INT(s->rows[0].n, 4);
	CHECK_INT(s->rows[1].n, 4);
	CHECK_INT(s->rows[2].n, 4);
	CHECK_STR(cell(s, 0, 1), "Năm sinh");
	CHECK_INT(s->rows[0].cells[2].covered, 1);
	CHECK_INT(s->rows[1].cells[0].vmerged, 1);
	CHECK_INT(s->rows[1].cells[3].vmerged, 1);
	CHECK_INT(s->rows[0].cells[0].vmerged, 0);
	CHECK_STR(cell(s, 1, 1), "Nam");
	CHECK_STR(cell(s, 1, 2), "Nữ");
	CHECK_STR(cell(s, 2, 2), "1990");
	CHECK_INT(s->rows[2].src_row, 3);
	CHECK_STR(s->label, "bảng 1");
}

TEST(grid_before_after)
{
	CHECK_INT(parse(DOC("<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter "
			    "w:val=\"2\"/></w:trPr>" TC("a") TC("b") "</w:tr><w:tr>" TC("1") TC("2")
				TC("3") TC("4") TC("5") "</w:tr></w:tbl>")),
		  0);
	const struct sheet *s = table(1);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(s->rows[0].n, 5);
	CHECK_STR(cell(s, 0, 0), "");
	CHECK_STR(cell(s, 0, 1), "a");
	CHECK_STR(cell(s, 0, 2), "b");
	CHECK_STR(cell(s, 1, 2), "3");
}

TEST(nested_table_and_cell_paragraphs)
{
	CHECK_INT(parse(DOC(P("Trước") "<w:tbl><w:tr>" TC(
		      "ngoài") "<w:tc>"
			       "<w:p><w:r><w:t>dòng một</w:t></w:r></w:p>"
			       "<w:tbl><w:tr>" TC("trong")
				   TC("bảng") "</w:tr></w:tbl>"
					      "<w:p><w:r><w:t>dòng hai</w:t></w:r></w:p></w:tc>"
					      "</w:tr></w:tbl>" P("Sau"))),
		  0);
	CHECK_INT(doc.ntables, 2);
	const struct sheet *outer = table(1), *inner = table(2);
	CHECK_STR(cell(outer, 0, 1), "dòng một\ndòng hai");
	CHECK_STR(cell(inner, 0, 0), "trong");
	CHECK_STR(cell(inner, 0, 1), "bảng");
	CHECK_INT(doc.v[1].kind, DOCX_TABLE);
	CHECK_INT(doc.v[1].nest, 0);
	CHECK_INT(doc.v[2].nest, 1);
	CHECK_STR(para(2), "Sau");
	CHECK_STR(inner ? inner->label : NULL, "bảng 2");
}

TEST(legacy_run_fonts)
{
	CHECK_INT(
	    parse(DOC("<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/>"
		      "</w:rPr><w:t>NguyÔn V¨n An</w:t></w:r></w:p>"
		      "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTimeH\" w:hAnsi=\".VnTimeH\"/>"
		      "</w:rPr><w:t>DANH S¸CH</w:t></w:r></w:p>"
		      "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/>"
		      "</w:rPr><w:t>Xaõ Ñöùc Long</w:t></w:r><w:r><w:t> (Unicode)</w:t></w:r>"
		      "</w:p>")),
	    0);
	CHECK_STR(para(1), "Nguyễn Văn An");
	CHECK_STR(para(2), "DANH SÁCH");
	CHECK_STR(para(3), "Xã Đức Long (Unicode)");
	CHECK_INT(doc.legacy, FONT_TCVN3);
}

TEST(legacy_font_ascii_only)
{
	/* Digits and plain ASCII in a .VnTime run convert to themselves: the
	 * document is not marked as legacy-encoded (no ma_cu). */
	CHECK_INT(parse(DOC("<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/>"
			    "</w:rPr><w:t>STT 1 2 3</w:t></w:r></w:p>")),
		  0);
	CHECK_STR(para(1), "STT 1 2 3");
	CHECK_INT(doc.legacy, FONT_UNICODE);
}

TEST(legacy_style_fonts)
{
	static const char styles[] =
	    "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\".VnTime\" "
	    "w:hAnsi=\".VnTime\"/></w:rPr></w:rPrDefault></w:docDefaults>"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Caps\"><w:basedOn w:val=\"Normal\"/><w:rPr>"
	    "<w:rFonts w:ascii=\".VnTimeH\" w:hAnsi=\".VnTimeH\"/></w:rPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Caps2\"><w:basedOn "
	    "w:val=\"Caps\"/></w:style>"
	    "<w:style w:type=\"character\" w:styleId=\"Uni\"><w:rPr><w:rFonts w:ascii=\"Arial\" "
	    "w:hAnsi=\"Arial\"/></w:rPr></w:style></w:styles>";
	struct docx_styles st;
	docx_styles_init(&st);
	docx_styles_parse(&st, styles, strlen(styles));
	CHECK_STR(st.default_font, ".VnTime");
	CHECK_STR(docx_styles_font(&st, NULL, "Caps2"), ".VnTimeH");
	CHECK_STR(docx_styles_font(&st, "Uni", "Caps2"), "Arial");
	CHECK_INT(
	    parse_styled(DOC("<w:p><w:r><w:t>Hoµng ThÞ Mai</w:t></w:r></w:p>"
			     "<w:p><w:pPr><w:pStyle w:val=\"Caps2\"/></w:pPr><w:r><w:t>danh "
			     "s¸ch</w:t></w:r></w:p>"
			     "<w:p><w:r><w:rPr><w:rStyle w:val=\"Uni\"/></w:rPr><w:t>Đúng "
			     "rồi</w:t></w:r><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "
			     "w:hAnsiTheme=\"minorHAnsi\"/></w:rPr><w:t> chủ đề</w:t></w:r></w:p>"),
			 &st),
	    0);
	CHECK_STR(para(1), "Hoàng Thị Mai");
	CHECK_STR(para(2), "DANH SÁCH");
	CHECK_STR(para(3), "Đúng rồi chủ đề");
	docx_styles_release(&st);
}

/* Only a styles part that can name a legacy font is parsed (docx_load). */
TEST(styles_gate)
{
#define ST(decl, font)                                                                             \
	decl "<w:styles " W_NS                                                                     \
	     "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "         \
	     "w:hAnsiTheme=\"minorHAnsi\"/></w:rPr></w:rPrDefault></w:docDefaults><w:style "       \
	     "w:type=\"character\" w:styleId=\"Code\"><w:rPr><w:rFonts w:ascii=\"" font            \
	     "\" w:hAnsi=\"" font "\"/></w:rPr></w:style></w:styles>"
	static const struct {
		const char *xml;
		int may;
	} cases[] = {
	    {ST("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n", "Courier"), 0},
	    {ST("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>", "Times New Roman"), 0},
	    {ST("", "Calibri"), 0},
	    {ST("", ".VnTime"), 1},
	    {ST("", " .vnarialH"), 1},
	    {ST("", "VNI-Times"), 1},
	    {ST("", "vni times"), 1},
	    {ST("", "&#46;VnTime"), 1},
	    {ST("", "&#x56;NI-Times"), 1},
	    {ST("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", "Arial"), 1},
	    {ST("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "Arial"), 1},
	    {"\xFF\xFE<\0w\0:\0s\0", 1},
	    {"junk", 1},
	    {"", 1},
	};
#undef ST
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].xml);
		if (cases[i].xml[0] == '\xFF')
			len = 10;
		CHECK_INT(docx_styles_can_name_legacy(cases[i].xml, len), cases[i].may);
	}
	/* a part that names a legacy font through a character reference
	 * still decodes the run (the gate lets it through to the parser) */
	static const char styles[] =
	    "<w:styles " W_NS
	    "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"&#46;VnTime\" "
	    "w:hAnsi=\"&#46;VnTime\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
	struct docx_styles st;
	docx_styles_init(&st);
	CHECK_INT(docx_styles_can_name_legacy(styles, strlen(styles)), 1);
	docx_styles_parse(&st, styles, strlen(styles));
	CHECK_STR(st.default_font, ".VnTime");
	docx_styles_release(&st);
}

TEST(hostile_xml)
{
	CHECK_INT(parse("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "
			"\"file:///etc/passwd\">]><w:document " W_NS "><w:body><w:p><w:r><w:t>&x;"
			"</w:t></w:r></w:p></w:body></w:document>"),
		  -1);
	CHECK_INT(err.code, PC_TEP_HONG);
	CHECK(strstr(err.detail, "DOCTYPE") != NULL);
	CHECK_INT(parse(DOC("<w:p><w:r><w:t>hỏng</w:r></w:p>")), -1);
	CHECK_INT(err.code, PC_TEP_HONG);
	CHECK_INT(parse(DOC("<w:p><w:r><w:t>&undefined;</w:t></w:r></w:p>")), -1);
	CHECK_INT(parse("<a:theme xmlns:a=\"urn:x\"><a:t>x</a:t></a:theme>"), -1);
	CHECK(strstr(err.detail, "w:document") != NULL);
	CHECK_INT(parse(""), -1);
	/* 400 nested elements: over the depth limit */
	struct buf b = BUF_INIT;
	buf_adds(&b, "<w:document " W_NS "><w:body><w:p>");
	for (int i = 0; i < 400; i++)
		buf_adds(&b, "<w:ins>");
	for (int i = 0; i < 400; i++)
		buf_adds(&b, "</w:ins>");
	buf_adds(&b, "</w:p></w:body></w:document>");
	CHECK_INT(parse(buf_cstr(&b)), -1);
	CHECK_INT(err.code, PC_TEP_HONG);
	buf_release(&b);
}

TEST(malformed_nesting)
{
	/* well-formed XML, but not Word's structure: no crash, no leak */
	static const char *const docs[] = {
	    DOC("<w:tbl><w:tr><w:tc><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"),
	    DOC("<w:tc><w:p><w:r><w:t>ô lạc</w:t></w:r></w:p></w:tc>"),
	    DOC("<w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		"<w:r><w:t>y</w:t></w:r></w:p>"),
	    DOC("<w:r><w:t>không đoạn</w:t></w:r><w:p><w:r><w:r><w:t>r</w:t></w:r></w:r></w:p>"),
	    DOC("<w:p><w:r><w:fldChar w:fldCharType=\"end\"/><w:fldChar "
		"w:fldCharType=\"separate\"/>"
		"<w:t>z</w:t></w:r></w:p>"),
	    DOC("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999\"/></w:tcPr><w:p/></w:tc>"
		"<w:tc><w:tcPr><w:gridSpan w:val=\"-3\"/><w:vMerge w:val=\"x\"/></w:tcPr></w:tc>"
		"</w:tr></w:tbl>"),
	    DOC("<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent>"),
	};
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++)
		CHECK_INT(parse(docs[i]), 0);
	CHECK_STR(para(1), "hộp");
	CHECK_INT(parse(docs[5]), 0);
	const struct sheet *s = table(1);
	CHECK(s && s->rows[0].n <= DOCX_MAX_ROW_CELLS);
	CHECK(s && s->rows[0].cells[0].span == 64);
}

TEST(prolog_doctype)
{
	CHECK_INT(docx_xml_has_doctype("<?xml version=\"1.0\"?>\n<!-- c --><w:document/>", 44), 0);
	CHECK_INT(docx_xml_has_doctype("\xEF\xBB\xBF<?xml?><!DOCTYPE x><x/>", 25), 1);
	CHECK_INT(docx_xml_has_doctype("<?xml version", 13), -1);
	CHECK_INT(docx_xml_has_doctype("  <!ENTITY", 10), 1);
}

static char *slurp(const char *name, size_t *len)
{
	char *path = xasprintf("tests/fixtures/docx/%s", name), *data = NULL;
	if (read_file(path, 64u << 20, &data, len) < 0)
		data = NULL;
	free(path);
	return data;
}

/* Loads a fixture; returns docx_load's result (-2 when it is missing). */
static int load_fixture(const char *name)
{
	size_t len;
	char *data = slurp(name, &len);
	int rc;
	docx_doc_release(&doc);
	docx_doc_init(&doc);
	docx_err_init(&err);
	if (!data)
		return -2;
	rc = docx_load(data, len, &doc, &err);
	free(data);
	return rc;
}

TEST(packages)
{
	CHECK_INT(load_fixture("ds-duc-long.docx"), 0);
	CHECK_INT(doc.ntables, 2);
	CHECK_STR(cell(table(2), 5, 1), "Nông Văn Minh");
	CHECK_INT(load_fixture("ds-strict.docx"), 0);
	CHECK_STR(para(1), "HỘI NÔNG DÂN HUYỆN THẠCH AN");
	CHECK_INT(load_fixture("ds-tcvn3.docx"), 0);
	CHECK_STR(cell(table(1), 1, 1), "Nguyễn Văn An");
	CHECK_STR(cell(table(1), 2, 4), "Cán bộ văn hóa, Xã Lê Lợi");
	CHECK_STR(para(3), "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026");
	CHECK_INT(doc.legacy, FONT_TCVN3);
	CHECK_INT(load_fixture("ds-y-te.docx"), 0);
	CHECK_STR(para(3), "Kèm theo Công văn số 45/PYT-VP");
	CHECK_STR(para(4), "Số: 45/PYT-VP Thạch An, ngày 10/11/2026");
}

/* A package of a main part and a styles part (stored, or deflated), built
 * with libzip in a temporary file and read back. */
static char *make_pkg(const char *styles, const char *document, int store, size_t *len)
{
	char path[] = "/tmp/dh-test-memo-XXXXXX";
	int fd = mkstemp(path);
	char *data = NULL;
	if (fd < 0)
		return NULL;
	close(fd);
	zip_t *za = zip_open(path, ZIP_TRUNCATE, NULL);
	const char *names[] = {"[Content_Types].xml", "word/document.xml", "word/styles.xml"};
	const char *parts[] = {"<Types/>", document, styles};
	for (int i = 0; za && i < 3; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i], strlen(parts[i]), 0);
		zip_int64_t k = src ? zip_file_add(za, names[i], src, ZIP_FL_OVERWRITE) : -1;
		if (k >= 0)
			zip_set_file_compression(za, (zip_uint64_t)k,
						 i == 2 && store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
						 0);
		zip_file_set_mtime(za, (zip_uint64_t)k, 1700000000, 0);
	}
	if (za && zip_close(za) == 0 && read_file(path, 1u << 20, &data, len) < 0)
		data = NULL;
	unlink(path);
	return data;
}

static int load_mem(const char *data, size_t len)
{
	docx_doc_release(&doc);
	docx_doc_init(&doc);
	docx_err_init(&err);
	return data ? docx_load(data, len, &doc, &err) : -2;
}

/* Replaces every 4-byte little-endian from in data with to. */
static int patch_crc(char *data, size_t len, uint32_t from, uint32_t to)
{
	unsigned char f[4], t[4];
	int n = 0;
	for (int i = 0; i < 4; i++)
		f[i] = (unsigned char)(from >> (8 * i)), t[i] = (unsigned char)(to >> (8 * i));
	for (size_t i = 0; i + 4 <= len; i++)
		if (!memcmp(data + i, f, 4))
			memcpy(data + i, t, 4), n++;
	return n;
}

/* docx_load() inflates a styles part whose stored bytes it has already
 * seen clean only once; one that names a legacy font is read every time;
 * a part whose CRC-32 and size match a clean one but whose bytes differ is
 * read (and here fails its CRC check) */
TEST(styles_memo)
{
#define STY(font)                                                                                  \
	"<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" font         \
	"\" w:hAnsi=\"" font "\"/></w:rPr></w:rPrDefault></w:docDefaults>"                         \
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/></w:styles>"
	static const char clean[] = STY("Calibri"), other[] = STY("Cambria"),
			  legacy[] = STY(".VnTime");
#undef STY
	static const char body[] = DOC("<w:p><w:r><w:t>Hoµng ThÞ Mai</w:t></w:r></w:p>");
	size_t la, lb, ll, lo;
	char *a = make_pkg(clean, body, 0, &la), *b = make_pkg(clean, body, 0, &lb);
	char *l = make_pkg(legacy, body, 0, &ll), *o = make_pkg(other, body, 0, &lo);
	size_t hits = docx_memo_hits();

	CHECK(a && b && l && o);
	/* first sight: read and kept; the same bytes again: not inflated */
	CHECK_INT(load_mem(a, la), 0);
	CHECK_STR(para(1), "Hoµng ThÞ Mai");
	CHECK_INT(docx_memo_hits(), hits);
	CHECK_INT(load_mem(b, lb), 0);
	CHECK_STR(para(1), "Hoµng ThÞ Mai");
	CHECK_INT(doc.legacy, FONT_UNICODE);
	CHECK_INT(docx_memo_hits(), hits + 1);
	/* a legacy styles part is parsed on every file, the run decoded */
	for (int i = 0; i < 2; i++) {
		CHECK_INT(load_mem(l, ll), 0);
		CHECK_STR(para(1), "Hoàng Thị Mai");
		CHECK_INT(doc.legacy, FONT_TCVN3);
	}
	CHECK_INT(docx_memo_hits(), hits + 1);
	/* the same text stored instead of deflated: other stored bytes, a miss
	 * (read, found clean, kept too) */
	free(b);
	b = make_pkg(clean, body, 1, &lb);
	CHECK_INT(load_mem(b, lb), 0);
	CHECK_INT(docx_memo_hits(), hits + 1);
	CHECK_INT(load_mem(b, lb), 0);
	CHECK_INT(docx_memo_hits(), hits + 2);
	/* "Cambria" styles given the CRC-32 of the clean ones (same size):
	 * not taken for them, read, and the CRC check fails */
	uint32_t crc_clean = (uint32_t)crc32(0, (const Bytef *)clean, (uInt)strlen(clean));
	uint32_t crc_other = (uint32_t)crc32(0, (const Bytef *)other, (uInt)strlen(other));
	CHECK(o && patch_crc(o, lo, crc_other, crc_clean) == 2);
	CHECK_INT(load_mem(o, lo), -1);
	CHECK_INT(err.code, PC_TEP_HONG);
	CHECK_INT(docx_memo_hits(), hits + 2);
	free(a);
	free(b);
	free(l);
	free(o);
}

TEST(hostile_packages)
{
	static const struct {
		const char *file;
		int code;
		const char *kind;
	} cases[] = {
	    {"bom-nen.docx", PC_TEP_HONG, NULL},
	    {"cat-cut.docx", PC_TEP_HONG, NULL},
	    {"xml-hong.docx", PC_TEP_HONG, NULL},
	    {"xxe-thuc-the.docx", PC_TEP_HONG, NULL},
	    {"ole-ma-hoa.docx", PC_TEP_MA_HOA, "docx"},
	    {"doc-doi-ten.docx", PC_KHONG_HO_TRO, "doc"},
	    {"xls-doi-ten.docx", PC_KHONG_HO_TRO, "xls"},
	    {"bang-tinh-xlsx.docx", PC_KHONG_HO_TRO, "xlsx"},
	    {"van-ban-odt.docx", PC_KHONG_HO_TRO, "odt"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		CHECK_INT(load_fixture(cases[i].file), -1);
		if (err.code != cases[i].code)
			fprintf(stderr, "  %s: %d %s\n", cases[i].file, err.code, err.detail);
		CHECK_INT(err.code, cases[i].code);
		if (cases[i].kind)
			CHECK_STR(err.kind, cases[i].kind);
	}
	CHECK_INT(load_fixture("bom-nen.docx"), -1);
	CHECK(strstr(err.detail, "bom nén") != NULL);
	/* not a zip at all, an empty zip */
	docx_err_init(&err);
	CHECK(docx_pkg_open("hello", 5, &err) == NULL);
	CHECK_INT(err.code, PC_TEP_HONG);
	docx_err_init(&err);
	CHECK(docx_pkg_open("PK\5\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22, &err) == NULL);
	CHECK_INT(err.code, PC_TEP_HONG);
}

TEST(ole_classify)
{
	char buf[1024];
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	/* a directory entry "WordDocument" at offset 640 */
	const char *name = "WordDocument";
	for (size_t i = 0; name[i]; i++)
		buf[640 + 2 * i] = name[i];
	buf[640 + 64] = (char)((strlen(name) + 1) * 2);
	buf[640 + 66] = 2;
	docx_err_init(&err);
	CHECK_INT(docx_ole_classify(buf, sizeof(buf), &err), -1);
	CHECK_INT(err.code, PC_KHONG_HO_TRO);
	CHECK(strstr(err.detail, ".doc") != NULL);
	/* a name at an unaligned offset is not an entry */
	memset(buf + 512, 0, 512);
	for (size_t i = 0; name[i]; i++)
		buf[700 + 2 * i] = name[i];
	docx_err_init(&err);
	docx_ole_classify(buf, sizeof(buf), &err);
	CHECK_STR(err.kind, "ole");
}

int main(int argc, char **argv)
{
	docx_doc_init(&doc);
	RUN(runs_tabs_breaks);
	RUN(tracked_changes);
	RUN(read_through_wrappers);
	RUN(field_instructions_dropped);
	RUN(alternate_content_once);
	RUN(text_boxes_after_paragraph);
	RUN(notes_and_symbols_ignored);
	RUN(strict_namespace);
	RUN(grid_two_row_header);
	RUN(grid_before_after);
	RUN(nested_table_and_cell_paragraphs);
	RUN(legacy_run_fonts);
	RUN(legacy_font_ascii_only);
	RUN(legacy_style_fonts);
	RUN(styles_gate);
	RUN(hostile_xml);
	RUN(malformed_nesting);
	RUN(prolog_doctype);
	RUN(packages);
	RUN(hostile_packages);
	RUN(styles_memo);
	RUN(ole_classify);
	docx_doc_release(&doc);
	return DONE();
}
