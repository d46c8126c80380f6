/* test_word97.c - Word 97-2003 documents: the same records as the same content
 * in DOCX (LibreOffice's conversions of the DOCX fixtures), tables on one
 * grid (merged header cells), fields and deleted revisions, TCVN3 text in a
 * .VnTime font (ma_cu), and the files that are not read: encrypted,
 * Word 6/95, a piece table pointing outside the stream. */
#include "harness.h"
#include "msoffice.h"
#include "office_test.h"

static char *dump(const struct docx_doc *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	docx_doc_dump(d, f);
	fclose(f);
	return s;
}

static int load(const char *path, struct docx_doc *d, struct docx_err *err)
{
	char *data = NULL;
	size_t len;
	docx_doc_init(d);
	docx_err_init(err);
	if (read_file(path, INGEST_MAX_FILE, &data, &len) != 0)
		return -2;
	int rc = doc_load(data, len, d, err);
	free(data);
	return rc;
}

TEST(table_grid_fields_revisions)
{
	struct docx_doc d;
	struct docx_err err;
	CHECK_INT(load("tests/fixtures/doc/ds-duc-long.doc", &d, &err), 0);
	char *s = dump(&d);
	/* "Năm sinh" spans the Nam | Nữ columns; merged cells below it */
	CHECK(strstr(s, "STT | Họ và tên/(Tên tập thể) | Năm sinh | < | Dân tộc |"));
	CHECK(strstr(s, "^ | ^ | Nam | Nữ | ^ | ^ | ^ | ^\n"));
	CHECK(strstr(s, "A. TẬP THỂ | < | < | < | < | < | < | <\n"));
	/* the deleted revision "Mình" is gone, the inserted "Minh" kept */
	CHECK(strstr(s, "\n2 | Nông Văn Minh | 1982 |"));
	CHECK(!strstr(s, "Mình"));
	/* a MERGEFIELD's result kept, its instruction dropped */
	CHECK(strstr(s, "có 12 giáo viên"));
	CHECK(!strstr(s, "MERGEFIELD"));
	CHECK_INT(d.ntables, 2);
	free(s);
	docx_doc_release(&d);
}

TEST(legacy_font_text)
{
	struct docx_doc d;
	struct docx_err err;
	CHECK_INT(load("tests/fixtures/doc/ds-tcvn3.doc", &d, &err), 0);
	char *s = dump(&d);
	CHECK(strstr(s, "Danh sách gương điển hình tiên tiến tháng 11 năm 2026"));
	CHECK(strstr(s, "| Trưởng thôn, thôn Nà Lẹng |"));
	CHECK_INT(d.legacy, FONT_TCVN3);
	free(s);
	docx_doc_release(&d);
}

/* The same nominations as the DOCX / RTF / CSV they were made from. */
TEST(same_records_as_source)
{
	static const char *const pairs[][2] = {
	    {"tests/fixtures/doc/bc-nong-thi-hoa.doc", "tests/fixtures/docx/bc-nong-thi-hoa.docx"},
	    {"tests/fixtures/doc/ds-kem-bao-cao.doc", "tests/fixtures/docx/ds-kem-bao-cao.docx"},
	    {"tests/fixtures/doc/ds-tcvn3.doc", "tests/fixtures/csv/tcvn3.csv"},
	    {"tests/fixtures/doc/wordpad-rtf.doc", "tests/fixtures/csv/utf8-bom.csv"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct ingested a, b;
		long na = ingest_path(&a, pairs[i][0]), nb = ingest_path(&b, pairs[i][1]);
		CHECK(na > 0);
		CHECK_INT(na, nb);
		if (!same_records(&a, &b))
			CHECK(!pairs[i][0]);
		if (i == 2)
			CHECK_STR(a.ma_cu, "TCVN3");
		CHECK_STR(a.dinh_dang, i == 3 ? "rtf" : "doc");
		ingested_release(&a);
		ingested_release(&b);
	}
}

/* A WordDocument stream with a FIB: nfib, flags, and a CLX of one piece
 * at fc (8-bit when compressed) of ncp characters. */
static unsigned char *fake_doc(unsigned nfib, unsigned flags, uint32_t fc, int compressed,
			       uint32_t ncp, size_t *len)
{
	static unsigned char wd[2048], tb[64];
	memset(wd, 0, sizeof wd);
	memset(tb, 0, sizeof tb);
	put16(wd, 0xA5EC);
	put16(wd + 2, nfib);
	put16(wd + 0x0A, flags);
	put16(wd + 32, 14); /* csw */
	size_t at = 34 + 28;
	put16(wd + at, 22); /* cslw */
	put32(wd + at + 2 + 4 * 3, ncp);
	at += 2 + 88;
	put16(wd + at, 74); /* cbRgFcLcb */
	size_t rgfc = at + 2;
	/* text at 1024 */
	memcpy(wd + 1024, "Ho va ten\rNguyen Van A\r", 23);
	/* CLX in the table stream at 0: Pcdt, PlcPcd of one piece */
	tb[0] = 2;
	put32(tb + 1, 4 * 2 + 8);
	put32(tb + 5, 0);
	put32(tb + 9, ncp);
	put32(tb + 13 + 2, compressed ? (fc * 2) | 0x40000000u : fc);
	put32(wd + rgfc + 8 * 33, 0);
	put32(wd + rgfc + 8 * 33 + 4, 21);
	struct cfb_stream s[2] = {{"WordDocument", wd, sizeof wd}, {"0Table", tb, sizeof tb}};
	return cfb_build(s, 2, len, NULL);
}

TEST(minimal_document)
{
	size_t len;
	unsigned char *f = fake_doc(0xC1, 0, 1024, 1, 23, &len);
	struct docx_doc d;
	struct docx_err err;
	docx_doc_init(&d);
	docx_err_init(&err);
	CHECK_INT(doc_load((char *)f, len, &d, &err), 0);
	CHECK_INT(d.npara, 2);
	if (d.n == 2) {
		CHECK_STR(d.v[0].text, "Ho va ten");
		CHECK_STR(d.v[1].text, "Nguyen Van A");
	}
	docx_doc_release(&d);
	free(f);
}

TEST(not_read)
{
	struct {
		unsigned nfib, flags;
		uint32_t fc, ncp;
		int code;
		const char *says;
	} cases[] = {
	    {0xC1, 0x0100, 1024, 23, PC_TEP_MA_HOA, "mật khẩu"},
	    {0x65, 0, 1024, 23, PC_KHONG_HO_TRO, "Word 6.0/95"},
	    {0x68, 0, 1024, 23, PC_KHONG_HO_TRO, "Lưu thành .docx"},
	    {0xC1, 0, 2040, 23, PC_TEP_HONG, "ngoài luồng"},	   /* piece past the stream */
	    {0xC1, 0, 0x3FFFFFF0u, 23, PC_TEP_HONG, "ngoài luồng"}, /* far past */
	    {0xC1, 0, 1024, 0x7FFFFFF0u, PC_TEP_HONG, "quá dài"},   /* ccpText claimed huge */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len;
		unsigned char *f =
		    fake_doc(cases[i].nfib, cases[i].flags, cases[i].fc, 1, cases[i].ncp, &len);
		struct docx_doc d;
		struct docx_err err;
		docx_doc_init(&d);
		docx_err_init(&err);
		CHECK_INT(doc_load((char *)f, len, &d, &err), -1);
		CHECK_INT(err.code, cases[i].code);
		CHECK(strstr(err.detail, cases[i].says));
		docx_doc_release(&d);
		free(f);
	}
}

TEST(ingest_messages_name_the_format)
{
	size_t len;
	unsigned char *f = fake_doc(0xC1, 0x0100, 1024, 1, 23, &len);
	struct ingested g;
	CHECK_INT(ingest_bytes(&g, "enc.doc", (char *)f, len), 0);
	CHECK_INT(g.counts[PC_TEP_MA_HOA], 1);
	CHECK_STR(g.dinh_dang, "doc");
	ingested_release(&g);
	put32(f + 512 + 4 * 2,
	      0x00FFFFFF); /* damage the FAT: WordDocument's chain leaves the file */
	CHECK_INT(ingest_bytes(&g, "hong.doc", (char *)f, len), 0);
	CHECK_INT(g.counts[PC_TEP_HONG], 1);
	CHECK(g.probs && strstr(g.probs, "Word 97-2003 (.doc)"));
	ingested_release(&g);
	free(f);
}

int main(int argc, char **argv)
{
	(void)argc;
	load_test_plan();
	RUN(table_grid_fields_revisions);
	RUN(legacy_font_text);
	RUN(same_records_as_source);
	RUN(minimal_document);
	RUN(not_read);
	RUN(ingest_messages_name_the_format);
	return DONE();
}
