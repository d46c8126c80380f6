/* test_pdf.c - unit tests of the PDF drawing layer: cleaning, measuring, wrapping, tables, saving.
 */
#include "harness.h"

#include "buf.h"
#include "pdf.h"
#include "render.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct pdf P;
static int have_pdf;

static int open_doc(struct pdf *p)
{
	char *paths[PDF_NSTYLES] = {0};
	int rc = pdf_find_fonts(NULL, paths);
	if (rc == 0)
		rc = pdf_open(p, paths);
	for (int i = 0; i < PDF_NSTYLES; i++)
		free(paths[i]);
	return rc;
}

TEST(clean_makes_text_safe)
{
	char *s = pdf_clean("  Nguy\xe1\xbb\x85n   V\xc4\x83n\tA\x01n  ", 0);
	CHECK_STR(s, "Nguyễn Văn A n");
	free(s);
	/* NFD "Hòa" (o + combining grave) becomes NFC. */
	s = pdf_clean("Ho\xcc\x80"
		      "a",
		      0);
	CHECK_STR(s, "Hòa");
	free(s);
	/* Invalid UTF-8 and non-BMP become U+FFFD. */
	s = pdf_clean("a\xff"
		      "b\xf0\x9f\x98\x80"
		      "c",
		      0);
	CHECK_STR(s, "a\xef\xbf\xbd"
		     "b\xef\xbf\xbd"
		     "c");
	free(s);
	s = pdf_clean("d\xc3", 0); /* truncated sequence */
	CHECK_STR(s, "d\xef\xbf\xbd");
	free(s);
	s = pdf_clean("một\r\n\n\nhai  \nba", PDF_KEEP_NL);
	CHECK_STR(s, "một\nhai\nba");
	free(s);
	s = pdf_clean("Số:     /BC", PDF_KEEP_SPACES);
	CHECK_STR(s, "Số:     /BC");
	free(s);
	s = pdf_clean(NULL, 0);
	CHECK_STR(s, "");
	free(s);
}

TEST(clean_bounds_length)
{
	size_t n = PDF_TEXT_MAX * 3; /* a multiple of 3: "ệ" is 3 bytes */
	char *big = xmalloc(n + 1);
	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "ệ", 3);
	big[n] = '\0';
	char *s = pdf_clean(big, 0);
	CHECK(strlen(s) <= PDF_TEXT_MAX + 8);
	CHECK(str_ends_with(s, "…"));
	free(s);
	free(big);
}

TEST(width_is_additive_and_scales)
{
	CHECK(have_pdf); /* Liberation Serif found and embedded */
	if (!have_pdf)
		return;
	CHECK(pdf_swidth(&P, PDF_REGULAR, 12, "") == 0);
	double a = pdf_swidth(&P, PDF_REGULAR, 12, "Thạch");
	double b = pdf_swidth(&P, PDF_REGULAR, 12, " An");
	double ab = pdf_swidth(&P, PDF_REGULAR, 12, "Thạch An");
	CHECK(a > 0 && b > 0);
	CHECK(ab > a + b - 0.001 && ab < a + b + 0.001);
	double ab24 = pdf_swidth(&P, PDF_REGULAR, 24, "Thạch An");
	CHECK(ab24 > 2 * ab - 0.001 && ab24 < 2 * ab + 0.001);
	/* Bold is wider than regular for the same text. */
	CHECK(pdf_swidth(&P, PDF_BOLD, 12, "CỘNG HÒA XÃ HỘI") >
	      pdf_swidth(&P, PDF_REGULAR, 12, "CỘNG HÒA XÃ HỘI"));
	/* Times metrics: the motto at bold 12 is about 88 mm (layout README). */
	double m = pdf_swidth(&P, PDF_BOLD, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	CHECK(m > PDF_MM(84) && m < PDF_MM(92));
}

/* 1 when s[0..len) is one UTF-8 character (which may be wider than any
 * column and is then allowed to stick out). */
static int single_char(const char *s, size_t len)
{
	size_t n = 1;
	while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n == len;
}

/* Checks that every line fits and that the words come back in order. */
static void check_wrap(const char *text, double width, double indent, int style)
{
	struct pdf_lines l = {0};
	char *c = pdf_clean(text, PDF_KEEP_NL);
	pdf_wrap(&P, style, 11, c, width, indent, &l);
	struct buf joined = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		double w = pdf_width(&P, style, 11, c + l.v[i].off, l.v[i].len);
		double avail = width - (i == 0 ? indent : 0);
		CHECK(w <= avail + 0.02 || single_char(c + l.v[i].off, l.v[i].len));
		CHECK(l.v[i].len > 0);
		CHECK(c[l.v[i].off] != ' ');
		buf_add(&joined, c + l.v[i].off, l.v[i].len);
	}
	/* Without spaces and line breaks, the text is unchanged. */
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (const char *q = c; *q; q++)
		if (*q != ' ' && *q != '\n')
			buf_addc(&a, *q);
	for (const char *q = buf_cstr(&joined); *q; q++)
		if (*q != ' ')
			buf_addc(&b, *q);
	CHECK_STR(buf_cstr(&b), buf_cstr(&a));
	if (l.n)
		CHECK_INT(l.v[l.n - 1].last, 1);
	buf_release(&a);
	buf_release(&b);
	buf_release(&joined);
	pdf_lines_release(&l);
	free(c);
}

TEST(wrap_fits_and_keeps_words)
{
	if (!have_pdf)
		return;
	const char *t = "Duy trì 100% học sinh ra lớp, không có học sinh bỏ học; tổ chức bán "
			"trú cho 186 học sinh dân tộc thiểu số; 07 giáo viên dạy giỏi cấp huyện.";
	check_wrap(t, PDF_MM(93) - 6, 0, PDF_REGULAR);
	check_wrap(t, PDF_MM(25) - 6, 0, PDF_ITALIC);
	check_wrap(t, 200, 36, PDF_BOLD);
	/* An over-long word is broken between characters. */
	check_wrap("Trườnghọccơsởrấtrấtdàikhôngcódấucáchnàocảtrongtênnày x", 40, 0, PDF_REGULAR);
	check_wrap("một\nhai ba\n\nbốn", 300, 0, PDF_REGULAR);
	check_wrap("W", 2, 0, PDF_REGULAR); /* narrower than one glyph */
}

TEST(wrap_counts_lines)
{
	if (!have_pdf)
		return;
	struct pdf_lines l = {0};
	pdf_wrap(&P, PDF_REGULAR, 11, "", 100, 0, &l);
	CHECK_INT(l.n, 0);
	pdf_wrap(&P, PDF_REGULAR, 11, "một hai", 1000, 0, &l);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.v[0].last, 1);
	pdf_wrap(&P, PDF_REGULAR, 11, "một\nhai", 1000, 0, &l);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.v[0].last, 1);
	/* Exactly two words fit: "aaa aaa" at its own width. */
	double w = pdf_swidth(&P, PDF_REGULAR, 11, "aaa aaa");
	pdf_wrap(&P, PDF_REGULAR, 11, "aaa aaa aaa", w, 0, &l);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.v[0].len, 7);
	CHECK_INT(l.v[0].last, 0);
	/* The first-line indent pushes the second word down. */
	pdf_wrap(&P, PDF_REGULAR, 11, "aaa aaa aaa", w, 5, &l);
	CHECK_INT(l.n, 2);
	CHECK_INT(l.v[0].len, 3);
	CHECK_INT(l.v[1].len, 7);
	pdf_lines_release(&l);
}

static void no_header(struct pdf *p, const struct pdf_table *t)
{
	(void)t;
	p->y -= 10;
}

TEST(table_rows_split_and_break)
{
	if (!have_pdf)
		return;
	static const struct pdf_col cols[] = {{100, PDF_LEFT, PDF_REGULAR},
					      {100, PDF_JUSTIFY, PDF_REGULAR}};
	struct pdf_table t = {cols, 2, 0, 11, 13, 3, 3, 2, 3, 0.5, no_header, NULL, 0, 0};
	pdf_new_page(&P, 0, 1);
	t.x = P.ml;
	const char *small[] = {"An", "Bình"};
	double h1 = pdf_table_row_height(&P, &t, small, NULL, 0);
	CHECK(h1 > 17.9 && h1 < 18.1); /* 2 + 13 + 3 */
	struct buf big = BUF_INIT;
	for (int i = 0; i < 600; i++)
		buf_adds(&big, "thành tích xuất sắc ");
	const char *tall[] = {"Tên", big.data};
	double h2 = pdf_table_row_height(&P, &t, tall, NULL, 0);
	CHECK(h2 > P.ph); /* taller than a page */
	int pages0 = P.pageno;
	pdf_table_row(&P, &t, small, NULL, 0, 0);
	CHECK_INT(P.pageno, pages0);
	pdf_table_row(&P, &t, tall, NULL, 0, 0);
	CHECK(P.pageno >= pages0 + 2); /* split over several pages */
	CHECK(P.y >= P.mb - 0.01);
	/* A row that does not fit the rest of a page moves whole. */
	P.y = P.mb + 10;
	int pn = P.pageno;
	pdf_table_row(&P, &t, small, NULL, 0, 0);
	CHECK_INT(P.pageno, pn + 1);
	buf_release(&big);
}

TEST(runs_of_several_styles)
{
	if (!have_pdf)
		return;
	pdf_new_page(&P, 0, 1);
	struct buf long_word = BUF_INIT, body = BUF_INIT;
	for (int i = 0; i < 120; i++)
		buf_adds(&long_word, "Phổthông");
	for (int i = 0; i < 30; i++)
		buf_adds(&body, " đề nghị  đơn vị\tbổ sung ");
	struct pdf_run runs[] = {{"Kính gửi:", PDF_BOLD},
				 {body.data, PDF_REGULAR},
				 {"Nguyễn Văn An", PDF_BOLD_ITALIC},
				 {long_word.data, PDF_ITALIC},
				 {"\nxuống dòng", PDF_REGULAR}};
	struct pdf_para f = {PDF_REGULAR, 13, 16, PDF_JUSTIFY, 36, 0, 6, 0, 0};
	double h = pdf_para_runs_height(&P, &f, runs, 5);
	CHECK(h > 16 * 8 && h < P.ph - P.mt - P.mb); /* several lines, one page */
	double y0 = P.y;
	int pn = P.pageno;
	pdf_para_runs(&P, &f, runs, 5);
	CHECK_INT(P.pageno, pn);
	CHECK(y0 - P.y > h - 0.01 && y0 - P.y < h + 0.01);
	/* nothing at all: no lines */
	struct pdf_run none[] = {{"  ", PDF_BOLD}, {NULL, PDF_REGULAR}};
	CHECK(pdf_para_runs_height(&P, &f, none, 2) < 6.01);
	buf_release(&long_word);
	buf_release(&body);
}

TEST(save_is_reproducible)
{
	struct pdf a, b;
	char pa[] = "/tmp/test_pdf_a_XXXXXX", pb[] = "/tmp/test_pdf_b_XXXXXX";
	int fa = mkstemp(pa), fb = mkstemp(pb);
	CHECK(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	struct pdf *docs[] = {&a, &b};
	const char *paths[] = {pa, pb};
	for (int i = 0; i < 2; i++) {
		CHECK_INT(open_doc(docs[i]), 0);
		pdf_set_info(docs[i], "Báo cáo", "Phòng Nội vụ", "Thử", "test", 2026, 11, 21);
		pdf_new_page(docs[i], 0, 1);
		pdf_outline(docs[i], NULL, "Mục I", 1);
		struct pdf_para f = {PDF_REGULAR, 14, 17, PDF_JUSTIFY, 36, 0, 6, 0, 0};
		pdf_para(docs[i], &f, "Ủy ban nhân dân huyện Thạch An trân trọng gửi danh sách.");
		CHECK_INT(pdf_save(docs[i], paths[i]), 0);
		pdf_release(docs[i]);
	}
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0;
	CHECK_INT(read_file(pa, 1 << 24, &da, &la), 0);
	CHECK_INT(read_file(pb, 1 << 24, &db, &lb), 0);
	CHECK(la > 1000 && la == lb && memcmp(da, db, la) == 0);
	CHECK(da && memcmp(da, "%PDF-", 5) == 0);
	free(da);
	free(db);
	unlink(pa);
	unlink(pb);
}

TEST(count_format)
{
	char s[24];
	pdf_fmt_count(s, sizeof(s), 0);
	CHECK_STR(s, "0");
	pdf_fmt_count(s, sizeof(s), 7);
	CHECK_STR(s, "07");
	pdf_fmt_count(s, sizeof(s), 12);
	CHECK_STR(s, "12");
}

TEST(render_texts)
{
	struct render_opts o = {0};
	struct render_ctx c;
	render_ctx_init(&c, &o);
	conf_set(&c.tpl, "t", "Tháng {thang} năm {nam}, {x} {khong_co}");
	conf_set(&c.vars, "thang", "02");
	conf_set(&c.vars, "nam", "2027");
	char *s = render_expand(&c, "t", "x", "một", NULL);
	CHECK_STR(s, "Tháng 02 năm 2027, một {khong_co}");
	free(s);
	s = render_expand(&c, "khong_co_khoa", NULL); /* a missing key warns, gives "" */
	CHECK_STR(s, "");
	free(s);
	char b[16];
	rd_fmt_month(b, sizeof(b), 1);
	CHECK_STR(b, "01");
	rd_fmt_month(b, sizeof(b), 2);
	CHECK_STR(b, "02");
	rd_fmt_month(b, sizeof(b), 3);
	CHECK_STR(b, "3");
	rd_fmt_month(b, sizeof(b), 11);
	CHECK_STR(b, "11");
	rd_fmt_day(b, sizeof(b), 5);
	CHECK_STR(b, "05");
	rd_fmt_day(b, sizeof(b), 21);
	CHECK_STR(b, "21");
	CHECK_STR(rd_roman(1), "I");
	CHECK_STR(rd_roman(4), "IV");
	CHECK_STR(rd_roman(9), "IX");
	CHECK_STR(rd_roman(0), "");
	CHECK_STR(rd_loai_label(&c, RD_HO_GIA_DINH), "Hộ gia đình");
	render_ctx_release(&c);
}

int main(int argc, char **argv)
{
	(void)argc;
	dh_progname = "test_pdf";
	have_pdf = open_doc(&P) == 0;
	RUN(clean_makes_text_safe);
	RUN(clean_bounds_length);
	RUN(width_is_additive_and_scales);
	RUN(wrap_fits_and_keeps_words);
	RUN(wrap_counts_lines);
	RUN(table_rows_split_and_break);
	RUN(runs_of_several_styles);
	RUN(save_is_reproducible);
	RUN(count_format);
	RUN(render_texts);
	if (have_pdf)
		pdf_release(&P);
	return DONE();
}
