/* test_docx_out.c - unit tests of the DOCX back end: package parts, well-formed XML, hostile
 * text kept as text, the decree's table properties, byte-identical output, read back by the
 * project's own DOCX reader. */
#include "harness.h"

#include "doc.h"
#include "doc_docx.h"
#include "docx.h"
#include "util.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

static char dir[64];

/* Names and summaries an attacker (or a careless clerk) could send. */
static const char *const hostile[] = {
    "<w:p>",
    "Nguyễn ]]> Văn A",
    "Trần & Con <b>đậm</b>",
    "=HYPERLINK(\"http://x\")",
    "- Gạch đầu dòng",
    "Lò\x01Văn\x0b\x1f Bé",
    "</w:t></w:r></w:p><w:p><w:r><w:t>chèn",
    "Lý \"Thị\" 'Hoa' &amp;",
};

static void build(struct doc *d)
{
	doc_init(d);
	doc_set_info(d, "Báo cáo <thử> & \"kiểm tra\"", "Danh sách ]]>", "Phòng Nội vụ",
		     "dien-hinh", 2026, 11, 21);
	doc_section(d, 0, 1, 0, "Báo cáo");
	struct doc_header *h =
	    doc_header(d, "", "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN", "Số:        /BC-UBND",
		       "Thạch An, ngày 21 tháng 11 năm 2026");
	doc_header_blank(h, "Thạch An, ngày      tháng 11 năm 2026");
	doc_title(d, "BÁO CÁO", "Danh sách gương điển hình tiên tiến tháng 11 năm 2026", 20);
	doc_body(d, 14, "Đoạn thân bài có <thẻ> & ký hiệu ]]> lạ.");
	struct doc_para *p = doc_para(d, 14, 17, DOC_JUSTIFY, DOC_MM(12.7), 0, 6);
	doc_run(p, DOC_BOLD, "Đậm ");
	doc_run(p, DOC_ITALIC, "nghiêng\ndòng mới");
	doc_signature(d, "- Như trên;\n- Lưu: VT, NV.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
		      "Lương Văn Khải");
	doc_section(d, 1, 1, 1, "Phụ lục");
	doc_para_text(d, 14, 17, DOC_CENTER, 0, 0, 0, DOC_BOLD, "Phụ lục");
	double w[5] = {DOC_MM(11), DOC_MM(60), DOC_MM(12), DOC_MM(12), DOC_MM(100)};
	struct doc_table *t = doc_table(d, 5, w, 11, 13);
	struct doc_row *r = doc_table_row(t, DOC_ROW_HEADER);
	doc_cell_ex(r, "STT", DOC_BOLD, DOC_CENTER, 1, 2);
	doc_cell_ex(r, "Họ và tên", DOC_BOLD, DOC_CENTER, 1, 2);
	doc_cell_ex(r, "Năm sinh", DOC_BOLD, DOC_CENTER, 2, 1);
	doc_cell_ex(r, "Tóm tắt thành tích", DOC_BOLD, DOC_CENTER, 1, 2);
	r = doc_table_row(t, DOC_ROW_HEADER);
	doc_cell_ex(r, "Nam", DOC_BOLD, DOC_CENTER, 1, 1);
	doc_cell_ex(r, "Nữ", DOC_BOLD, DOC_CENTER, 1, 1);
	doc_table_section(t, "I. LĨNH VỰC GIÁO DỤC", DOC_BOLD, 2);
	for (size_t i = 0; i < ARRAY_SIZE(hostile); i++) {
		char n[8];
		snprintf(n, sizeof(n), "%zu", i + 1);
		const char *cells[5] = {n, hostile[i], "1980", NULL, hostile[(i + 1) % 8]};
		doc_table_cells(t, cells);
	}
	doc_chart(d, 2, 2, DOC_MM(46));
}

static char *part(const char *path, const char *name, size_t *len)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	if (!z)
		return NULL;
	zip_stat_t st;
	char *out = NULL;
	if (zip_stat(z, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(z, name, 0);
		out = xmalloc(st.size + 1);
		*len = (size_t)zip_fread(f, out, st.size);
		out[*len] = '\0';
		zip_fclose(f);
	}
	zip_close(z);
	return out;
}

TEST(writes_identical_well_formed_package)
{
	struct doc d;
	build(&d);
	char *a = xasprintf("%s/a.docx", dir), *b = xasprintf("%s/b.docx", dir);
	CHECK_INT(doc_docx_write(&d, a), 0);
	sleep(1);
	CHECK_INT(doc_docx_write(&d, b), 0);
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0;
	CHECK(read_file(a, 1 << 24, &da, &la) == 0);
	CHECK(read_file(b, 1 << 24, &db, &lb) == 0);
	CHECK(la == lb && da && db && memcmp(da, db, la) == 0);
	/* No temporary file left behind. */
	char *tmp = xasprintf("%s.tmp.%ld", a, (long)getpid());
	CHECK(access(tmp, F_OK) != 0);
	free(tmp);
	static const char *const names[] = {"[Content_Types].xml", "_rels/.rels",
					    "word/document.xml",   "word/_rels/document.xml.rels",
					    "word/styles.xml",	   "word/settings.xml",
					    "word/header1.xml",	   "word/header2.xml",
					    "docProps/core.xml"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		size_t n = 0;
		char *x = part(a, names[i], &n);
		CHECK(x != NULL);
		if (!x)
			continue;
		xmlDocPtr doc = xmlReadMemory(x, (int)n, names[i], NULL, XML_PARSE_NONET);
		if (!doc)
			fprintf(stderr, "  not well-formed: %s\n", names[i]);
		CHECK(doc != NULL);
		xmlFreeDoc(doc);
		free(x);
	}
	size_t n = 0;
	char *x = part(a, "word/document.xml", &n);
	CHECK(x && strstr(x, "<w:tblHeader/>"));
	CHECK(x && strstr(x, "<w:cantSplit/>"));
	CHECK(x && strstr(x, "w:orient=\"landscape\""));
	CHECK(x && strstr(x, "<w:vMerge w:val=\"restart\"/>"));
	CHECK(x && strstr(x, "<w:gridSpan w:val=\"2\"/>"));
	CHECK(x && strstr(x, "<w:keepNext/>"));
	/* Schema order: a paragraph's section properties after its mark's. */
	CHECK(x && strstr(x, "</w:rPr><w:sectPr>"));
	CHECK(x && !strstr(x, "</w:sectPr><w:rPr>"));
	CHECK(x && strstr(x, "&lt;w:p&gt;"));
	CHECK(x && !strstr(x, "<w:p><w:r><w:t>chèn"));
	CHECK(x && strstr(x, "Số:        /BC-UBND"));
	CHECK(x && strstr(x, "ngày      tháng 11 năm 2026"));
	CHECK(x && !strstr(x, "ngày 21 tháng"));
	CHECK(x && !strchr(x, '\x01') && !strchr(x, '\x0b'));
	free(x);
	x = part(a, "docProps/core.xml", &n);
	CHECK(x && strstr(x, "2026-11-21T00:00:00Z"));
	CHECK(x && strstr(x, "Báo cáo &lt;thử&gt; &amp; &quot;kiểm tra&quot;"));
	free(x);
	unlink(a);
	unlink(b);
	free(da);
	free(db);
	free(a);
	free(b);
	doc_release(&d);
}

/* Finds the text of a cell of any table of the model. */
static int model_has_cell(const struct docx_doc *m, const char *want)
{
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].kind != DOCX_TABLE)
			continue;
		const struct sheet *s = m->v[i].table;
		for (size_t r = 0; r < s->nrows; r++)
			for (size_t c = 0; c < s->rows[r].n; c++)
				if (s->rows[r].cells[c].text &&
				    strcmp(s->rows[r].cells[c].text, want) == 0)
					return 1;
	}
	return 0;
}

TEST(hostile_text_reads_back_as_text)
{
	struct doc d;
	build(&d);
	char *a = xasprintf("%s/h.docx", dir);
	CHECK_INT(doc_docx_write(&d, a), 0);
	char *data = NULL;
	size_t len = 0;
	CHECK(read_file(a, 1 << 24, &data, &len) == 0);
	struct docx_doc m;
	struct docx_err err;
	docx_doc_init(&m);
	docx_err_init(&err);
	CHECK_INT(docx_load(data, len, &m, &err), 0);
	CHECK(model_has_cell(&m, "<w:p>"));
	CHECK(model_has_cell(&m, "Nguyễn ]]> Văn A"));
	CHECK(model_has_cell(&m, "Trần & Con <b>đậm</b>"));
	CHECK(model_has_cell(&m, "=HYPERLINK(\"http://x\")"));
	CHECK(model_has_cell(&m, "</w:t></w:r></w:p><w:p><w:r><w:t>chèn"));
	CHECK(model_has_cell(&m, "Lý \"Thị\" 'Hoa' &amp;"));
	CHECK(model_has_cell(&m, "I. LĨNH VỰC GIÁO DỤC"));
	/* Control characters became spaces. */
	CHECK(model_has_cell(&m, "Lò Văn Bé"));
	docx_doc_release(&m);
	unlink(a);
	free(a);
	free(data);
	doc_release(&d);
}

/* Random bytes (invalid UTF-8, controls, surrogates, markup) in every
 * kind of text still give a well-formed document.xml and core.xml. */
TEST(random_bytes_stay_well_formed)
{
	unsigned seed = 12345;
	for (int round = 0; round < 40; round++) {
		char s[6][64];
		for (int k = 0; k < 6; k++) {
			size_t n = 1 + (seed = seed * 1103515245 + 12345) % 60;
			for (size_t i = 0; i < n; i++) {
				seed = seed * 1103515245 + 12345;
				unsigned char b = (unsigned char)(seed >> 16);
				s[k][i] = (char)(b ? b : '<');
			}
			s[k][n] = '\0';
		}
		struct doc d;
		doc_init(&d);
		doc_set_info(&d, s[0], s[1], s[2], s[3], 2026, 11, 21);
		doc_section(&d, round & 1, 1, 1, s[4]);
		doc_header(&d, s[0], s[1], s[2], s[3]);
		doc_title(&d, round & 2 ? "" : s[4], s[5], 10);
		doc_body(&d, 14, s[2]);
		double w[2] = {100, 200};
		struct doc_table *t = doc_table(&d, 2, w, 11, 13);
		const char *h[2] = {s[0], s[1]};
		doc_table_header(t, h);
		doc_table_section(t, s[3], DOC_BOLD, 1);
		const char *cells[2] = {s[4], s[5]};
		doc_table_cells(t, cells);
		doc_signature(&d, s[1], s[2], s[3]);
		char *a = xasprintf("%s/r.docx", dir);
		CHECK_INT(doc_docx_write(&d, a), 0);
		static const char *const names[] = {"word/document.xml", "docProps/core.xml"};
		for (size_t i = 0; i < 2; i++) {
			size_t n = 0;
			char *x = part(a, names[i], &n);
			xmlDocPtr doc =
			    x ? xmlReadMemory(x, (int)n, names[i], NULL, XML_PARSE_NONET) : NULL;
			CHECK(doc != NULL);
			xmlFreeDoc(doc);
			free(x);
		}
		unlink(a);
		free(a);
		doc_release(&d);
	}
}

TEST(unwritable_path_fails_cleanly)
{
	struct doc d;
	build(&d);
	CHECK_INT(doc_docx_write(&d, "/nonexistent-dir/x.docx"), -1);
	doc_release(&d);
}

int main(int argc, char **argv)
{
	(void)argc;
	snprintf(dir, sizeof(dir), "/tmp/test_docx_out.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	RUN(writes_identical_well_formed_package);
	RUN(hostile_text_reads_back_as_text);
	RUN(random_bytes_stay_well_formed);
	RUN(unwritable_path_fails_cleanly);
	rmdir(dir);
	return DONE();
}
