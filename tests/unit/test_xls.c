/* test_xls.c - Excel 97-2003 workbooks: the same records as the CSV they
 * were made from (LibreOffice's .xls), and a hand-built BIFF8 workbook
 * exercising the shared strings split by CONTINUE, numbers as shown
 * (1978, not 1978.0), dates by number format (1900 and 1904 systems, the
 * 1900 leap-year bug), merged ranges, hidden sheets, a .VnTime cell font,
 * formula strings; an encrypted (FILEPASS) and a BIFF4 workbook. */
#include "harness.h"
#include "msoffice.h"
#include "office_test.h"

static void rec(struct buf *b, unsigned type, const void *data, size_t n)
{
	unsigned char h[4];
	put16(h, type);
	put16(h + 2, (unsigned)n);
	buf_add(b, h, 4);
	buf_add(b, data, n);
}

static void rec_cell(struct buf *b, unsigned type, unsigned row, unsigned col, unsigned xf,
		     const void *tail, size_t n)
{
	unsigned char p[64];
	put16(p, row);
	put16(p + 2, col);
	put16(p + 4, xf);
	memcpy(p + 6, tail, n);
	rec(b, type, p, 6 + n);
}

static void number(unsigned char *p, double v)
{
	uint64_t u;
	memcpy(&u, &v, 8);
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(u >> (8 * i));
}

/* A BIFF8 workbook: sheet "An" hidden, sheet "DS" visible. */
static unsigned char *workbook(int date1904, int filepass, unsigned vers, size_t *len)
{
	struct buf g = BUF_INIT, s = BUF_INIT, h = BUF_INIT;
	unsigned char p[256];
	put16(p, vers);
	put16(p + 2, 5);
	memset(p + 4, 0, 12);
	rec(&g, 0x0809, p, 16);
	if (filepass)
		rec(&g, 0x002F, "\0\0\0\0\0\0", 6);
	put16(p, 1200);
	rec(&g, 0x0042, p, 2);
	put16(p, date1904);
	rec(&g, 0x0022, p, 2);
	/* fonts 0..3 Arial, font index 5 (the fifth record) .VnTime */
	for (int i = 0; i < 5; i++) {
		const char *name = i == 4 ? ".VnTime" : "Arial";
		memset(p, 0, 14);
		p[14] = (unsigned char)strlen(name);
		p[15] = 0;
		memcpy(p + 16, name, strlen(name));
		rec(&g, 0x0031, p, 16 + strlen(name));
	}
	/* FORMAT 164 "dd/mm/yyyy" and 165 "0.0" */
	put16(p, 164);
	put16(p + 2, 10);
	p[4] = 0;
	memcpy(p + 5, "dd/mm/yyyy", 10);
	rec(&g, 0x041E, p, 15);
	put16(p, 165);
	put16(p + 2, 3);
	p[4] = 0;
	memcpy(p + 5, "0.0", 3);
	rec(&g, 0x041E, p, 8);
	/* XF 0: general; 1: built-in date 14; 2: .VnTime; 3: format 164; 4: 165 */
	static const unsigned xf[][2] = {{0, 0}, {0, 14}, {5, 0}, {0, 164}, {0, 165}};
	for (int i = 0; i < 5; i++) {
		memset(p, 0, 20);
		put16(p, xf[i][0]);
		put16(p + 2, xf[i][1]);
		rec(&g, 0x00E0, p, 20);
	}
	size_t bs[2];
	for (int i = 0; i < 2; i++) {
		bs[i] = g.len + 4;
		memset(p, 0, 8);
		p[4] = i == 0 ? 1 : 0; /* "An" hidden */
		p[6] = 2;
		p[7] = 0;
		memcpy(p + 8, i == 0 ? "An" : "DS", 2);
		rec(&g, 0x0085, p, 10);
	}
	/* SST: "Họ và tên" (UTF-16) split by a CONTINUE in its characters, the
	 * rest 8-bit; then "Năm sinh" */
	{
		struct buf a = BUF_INIT;
		unsigned char t[8];
		put32(t, 2);
		put32(t + 4, 2);
		buf_add(&a, t, 8);
		put16(t, 9);
		t[2] = 1; /* UTF-16 */
		buf_add(&a, t, 3);
		static const unsigned short ho[] = {'H', 0x1ECD, ' '};
		for (int i = 0; i < 3; i++) {
			put16(t, ho[i]);
			buf_add(&a, t, 2);
		}
		rec(&g, 0x00FC, a.data, a.len);
		buf_reset(&a);
		t[0] = 0; /* the rest in 8 bits */
		buf_add(&a, t, 1);
		buf_add(&a, "v\xe0 t\xean", 6);
		put16(t, 8);
		t[2] = 1;
		buf_add(&a, t, 3);
		static const unsigned short ns[] = {'N', 0x103, 'm', ' ', 's', 'i', 'n', 'h'};
		for (int i = 0; i < 8; i++) {
			put16(t, ns[i]);
			buf_add(&a, t, 2);
		}
		rec(&g, 0x003C, a.data, a.len);
		buf_release(&a);
	}
	rec(&g, 0x000A, NULL, 0);

	/* sheet "An" (hidden): one cell */
	size_t pos_an = g.len;
	put16(p, vers);
	put16(p + 2, 0x10);
	memset(p + 4, 0, 12);
	rec(&s, 0x0809, p, 16);
	put32(p, 1);
	rec_cell(&s, 0x00FD, 0, 0, 0, p, 4);
	rec(&s, 0x000A, NULL, 0);
	size_t pos_ds = g.len + s.len;
	put16(p, vers);
	put16(p + 2, 0x10);
	memset(p + 4, 0, 12);
	rec(&s, 0x0809, p, 16);
	/* row 0: a title merged over A1:D1 (LABEL) */
	put16(p, 13);
	p[2] = 0;
	memcpy(p + 3, "DANH SACH T11", 13);
	rec_cell(&s, 0x0204, 0, 0, 0, p, 16);
	/* row 1: header */
	put32(p, 0);
	rec_cell(&s, 0x00FD, 1, 0, 0, p, 4);
	put32(p, 1);
	rec_cell(&s, 0x00FD, 1, 1, 0, p, 4);
	put16(p, 7);
	p[2] = 0;
	memcpy(p + 3, "Ghi ch\xfa", 7);
	rec_cell(&s, 0x0204, 1, 2, 0, p, 10);
	put16(p, 4);
	p[2] = 0;
	memcpy(p + 3, "Ngay", 4);
	rec_cell(&s, 0x0204, 1, 3, 0, p, 7);
	/* row 2: TCVN3 name in .VnTime, NUMBER 1978.0, formula string, date */
	put16(p, 13);
	p[2] = 0;
	memcpy(p + 3, "Ho\xb5ng Th\xde Mai", 13);
	rec_cell(&s, 0x0204, 2, 0, 2, p, 16);
	number(p, 1978.0);
	rec_cell(&s, 0x0203, 2, 1, 0, p, 8);
	memset(p, 0, 14);
	p[0] = 0;
	p[6] = p[7] = 0xFF;
	rec_cell(&s, 0x0006, 2, 2, 0, p, 14);
	put16(p, 3);
	p[2] = 0;
	memcpy(p + 3, "abc", 3);
	rec(&s, 0x0207, p, 6);
	number(p, date1904 ? 29659 : 31121);
	rec_cell(&s, 0x0203, 2, 3, 1, p, 8);
	/* row 3: MULRK 1990 (integer RK), 2.5 (format 0.0), 60 (date) */
	put16(p, 3);
	put16(p + 2, 0);
	put16(p + 4, 0);
	put32(p + 6, (1990u << 2) | 2);
	put16(p + 10, 4);
	put32(p + 12, (250u << 2) | 3); /* 2.50 = 250 / 100 */
	put16(p + 16, 3);
	put32(p + 18, (60u << 2) | 2);
	put16(p + 22, 2);
	rec(&s, 0x00BD, p, 24);
	/* MERGEDCELLS A1:D1 and D3:D4 (vertical) */
	put16(p, 2);
	put16(p + 2, 0), put16(p + 4, 0), put16(p + 6, 0), put16(p + 8, 3);
	put16(p + 10, 2), put16(p + 12, 3), put16(p + 14, 3), put16(p + 16, 3);
	rec(&s, 0x00E5, p, 18);
	rec(&s, 0x000A, NULL, 0);
	/* patch the BOUNDSHEET positions */
	put32((unsigned char *)g.data + bs[0], (uint32_t)pos_an);
	put32((unsigned char *)g.data + bs[1], (uint32_t)pos_ds);
	buf_add(&h, g.data, g.len);
	buf_add(&h, s.data, s.len);
	struct cfb_stream st = {"Workbook", h.data, h.len};
	unsigned char *f = cfb_build(&st, 1, len, NULL);
	buf_release(&g);
	buf_release(&s);
	buf_release(&h);
	return f;
}

static char *dump_book(const struct xls_book *b)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	for (size_t i = 0; i < b->n; i++) {
		struct docx_block blk = {.kind = DOCX_TABLE, .table = &b->v[i]};
		struct docx_doc d = {.v = &blk, .n = 1};
		docx_doc_dump(&d, f);
	}
	fclose(f);
	return s;
}

TEST(hand_built_workbook)
{
	size_t len;
	unsigned char *f = workbook(0, 0, 0x0600, &len);
	struct xls_book b;
	struct docx_err err;
	xls_book_init(&b);
	docx_err_init(&err);
	CHECK_INT(xls_load((char *)f, len, &b, &err), 0);
	CHECK_INT(b.n, 1); /* the hidden sheet is skipped */
	char *s = dump_book(&b);
	CHECK_STR(s, "[trang tính DS]\n"
		     "DANH SACH T11 | < | < | <\n"
		     "Họ và tên | Năm sinh | Ghi chú | Ngay\n"
		     "Hoàng Thị Mai | 1978 | abc | 15/03/1985\n"
		     "1990 | 2.5 | 29/02/1900 | ^\n\n");
	CHECK_STR(b.legacy, "TCVN3");
	free(s);
	xls_book_release(&b);
	free(f);
	/* the 1904 date system */
	f = workbook(1, 0, 0x0600, &len);
	xls_book_init(&b);
	CHECK_INT(xls_load((char *)f, len, &b, &err), 0);
	s = dump_book(&b);
	CHECK(s && strstr(s, "| 15/03/1985"));
	free(s);
	xls_book_release(&b);
	free(f);
}

TEST(not_read)
{
	size_t len;
	unsigned char *f = workbook(0, 1, 0x0600, &len);
	struct xls_book b;
	struct docx_err err;
	xls_book_init(&b);
	docx_err_init(&err);
	CHECK_INT(xls_load((char *)f, len, &b, &err), -1);
	CHECK_INT(err.code, PC_TEP_MA_HOA);
	free(f);
	docx_err_init(&err);
	f = workbook(0, 0, 0x0400, &len);
	CHECK_INT(xls_load((char *)f, len, &b, &err), -1);
	CHECK_INT(err.code, PC_KHONG_HO_TRO);
	CHECK(strstr(err.detail, "Excel 4.0"));
	xls_book_release(&b);
	free(f);
}

TEST(same_records_as_csv)
{
	struct ingested a, b;
	long na = ingest_path(&a, "tests/fixtures/xls/ds-duc-long.xls");
	long nb = ingest_path(&b, "tests/fixtures/csv/utf8-bom.csv");
	CHECK(na > 0);
	CHECK_INT(na, nb);
	CHECK(same_records(&a, &b));
	CHECK_STR(a.dinh_dang, "xls");
	CHECK(a.recs.n && strstr(rec_get(&a.recs.v[0], R_VI_TRI), "trang tính"));
	ingested_release(&a);
	ingested_release(&b);
}

int main(int argc, char **argv)
{
	(void)argc;
	load_test_plan();
	RUN(hand_built_workbook);
	RUN(not_read);
	RUN(same_records_as_csv);
	return DONE();
}
