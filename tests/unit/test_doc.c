/* test_doc.c - unit tests of the document model (builders, text dump, PDF back end) and of the
 * month's counts. */
#include "harness.h"

#include "counts.h"
#include "doc.h"
#include "pdf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dump(const struct doc *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	if (!f)
		return NULL;
	doc_text_print(d, f);
	fclose(f);
	return s;
}

/* A small document with one block of every kind. */
static void build(struct doc *d)
{
	doc_init(d);
	doc_set_info(d, "Tiêu đề", "Trích yếu", "Phòng Nội vụ", "test", 2026, 11, 21);
	doc_section(d, 0, 1, 1, "Báo cáo");
	struct doc_header *h =
	    doc_header(d, "", "ỦY BAN NHÂN DÂN\nHUYỆN THẠCH AN", "Số:   /BC-UBND", "ngày 21");
	doc_header_blank(h, "ngày    ");
	doc_title(d, "BÁO CÁO", "Danh sách\ntháng 11", 20);
	struct doc_para *p = doc_para(d, 14, 17, DOC_JUSTIFY, 36, 0, 6);
	doc_run(p, DOC_BOLD, "Kính gửi: ");
	doc_run(p, DOC_REGULAR, "Ban\x01Thi đua");
	doc_heading(d, 13, "I. KẾT QUẢ", 1);
	const double w[] = {30, 60, 60};
	struct doc_table *t = doc_table(d, 3, w, 11, 13);
	struct doc_row *r = doc_table_row(t, DOC_ROW_HEADER);
	doc_cell_ex(r, "STT", DOC_BOLD, DOC_CENTER, 1, 2);
	doc_cell_ex(r, "Năm sinh", DOC_BOLD, DOC_CENTER, 2, 1);
	r = doc_table_row(t, DOC_ROW_HEADER);
	doc_cell(r, "Nam");
	doc_cell(r, "Nữ");
	doc_table_section(t, "I. LĨNH VỰC", DOC_BOLD, 2);
	const char *cells[] = {"1", "1980", NULL};
	doc_table_cells(t, cells);
	r = doc_table_row(t, DOC_ROW_TOTAL);
	doc_cell(r, "Cộng");
	doc_cell_ex(r, "1", -1, -1, 2, 1);
	struct doc_chart *c = doc_chart(d, 2, 2, 100);
	const size_t v1[] = {3, 1}, v2[] = {0, 2};
	doc_chart_bar(c, 0, "1. Một", v1);
	doc_chart_bar(c, 1, "2. Hai", v2);
	doc_chart_series(c, 0, "Hợp lệ", 0.25);
	doc_chart_series(c, 1, "Khác", 1);
	doc_rule(d, 80, 4, 8);
	doc_space(d, 6);
	doc_signature(d, "- Như trên;\n- Lưu: VT.", "TRƯỞNG PHÒNG", "Hoàng Thị Mai");
}

TEST(builders_and_text_dump)
{
	struct doc d;
	build(&d);
	CHECK_INT(d.nblocks, 10);
	const struct doc_table *t = &d.blocks[5].u.table;
	CHECK_INT(t->header_rows, 2);
	CHECK_INT(t->nrows, 5);
	CHECK(t->rows[2].keep_with_next);  /* a section row stays with the next */
	CHECK(!t->rows[3].keep_with_next); /* a body row does not */
	CHECK_INT(t->rows[2].cells[0].span, 3);
	CHECK(d.blocks[4].u.para.keep_with_next); /* headings too */
	char *s = dump(&d);
	CHECK_STR(
	    s, "[section portrait restart numbered] Báo cáo\n"
	       "[header] ỦY BAN NHÂN DÂN / HUYỆN THẠCH AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
	       "NAM / Độc lập - Tự do - Hạnh phúc\n"
	       "         Số:   /BC-UBND | ngày 21\n"
	       "[title] BÁO CÁO / Danh sách / tháng 11\n"
	       "Kính gửi: Ban Thi đua\n"
	       "# I. KẾT QUẢ\n"
	       "[table]\n"
	       "H STT | Năm sinh\n"
	       "H Nam | Nữ\n"
	       "S I. LĨNH VỰC\n"
	       "  1 | 1980 | \n"
	       "T Cộng | 1\n"
	       "[chart] Hợp lệ + Khác\n"
	       "  1. Một: 3 + 1 = 4\n"
	       "  2. Hai: 0 + 2 = 2\n"
	       "[signature] Nơi nhận: - Như trên; / - Lưu: VT. | TRƯỞNG PHÒNG / Hoàng Thị Mai\n");
	free(s);
	doc_release(&d);
	doc_release(&d); /* released twice: harmless */
}

TEST(pdf_back_end_writes_reproducibly)
{
	char *fonts[PDF_NSTYLES] = {0};
	if (pdf_find_fonts(NULL, fonts) != 0)
		return;
	struct doc d;
	build(&d);
	/* Enough rows for a second page: header rows repeat, sections keep. */
	struct doc_table *t = &d.blocks[5].u.table;
	for (int i = 0; i < 120; i++) {
		char n[16];
		snprintf(n, sizeof(n), "%d", i + 2);
		if (i % 17 == 0)
			doc_table_section(t, "II. MỤC", DOC_BOLD, 0);
		const char *cells[] = {n, "<w:p> ]]> \xff", "x"};
		doc_table_cells(t, cells);
	}
	char a[] = "/tmp/test_doc_a_XXXXXX", b[] = "/tmp/test_doc_b_XXXXXX";
	int fa = mkstemp(a), fb = mkstemp(b);
	CHECK(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	CHECK_INT(doc_pdf_write(&d, fonts, a), 0);
	CHECK_INT(doc_pdf_write(&d, fonts, b), 0);
	char *da = NULL, *db = NULL;
	size_t la = 0, lb = 0;
	CHECK_INT(read_file(a, 1 << 24, &da, &la), 0);
	CHECK_INT(read_file(b, 1 << 24, &db, &lb), 0);
	CHECK(la > 1000 && la == lb && da && db && memcmp(da, db, la) == 0);
	CHECK(da && memcmp(da, "%PDF-", 5) == 0);
	free(da);
	free(db);
	unlink(a);
	unlink(b);
	for (int i = 0; i < PDF_NSTYLES; i++)
		free(fonts[i]);
	doc_release(&d);
}

static void put(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

TEST(counts_from_the_month)
{
	char dir[] = "/tmp/test_counts_XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	put(dir, "dataset.csv",
	    "\xef\xbb\xbfid,linh_vuc,loai,trang_thai\n"
	    "a,1,ca_nhan,hop_le\n"
	    "b,1,ca_nhan,khong_hop_le\n"
	    "c,2,tap_the,can_xem_xet\n"
	    "d,,ho_gia_dinh,khong_hop_le\n"
	    "e,7,la,hop_le\n");
	put(dir, "don-vi.csv",
	    "ma_don_vi,ten_don_vi,so_tep,so_guong,so_hop_le,ngay_gui,trang_thai\n"
	    "A,Đơn vị A,1,2,1,2026-11-10,da_gui\n"
	    "B,Đơn vị B,1,1,0,2026-11-24,gui_muon\n"
	    "C,Đơn vị C,0,0,0,,chua_gui\n"
	    "D,Đơn vị D,1,0,0,2026-11-12,da_gui\n"
	    ",Trường X,1,2,2,2026-11-25,gui_muon\n");
	put(dir, "tep.csv",
	    "nguon,loi,trung_voi\n"
	    "a.csv,,\n"
	    "b.csv,tep_trung,a.csv\n"
	    "c.pdf,khong_ho_tro,\n"
	    "d.docx,tep_hong,\n");
	put(dir, "van-de.csv",
	    "nguon,vi_tri,ma,muc_do,thong_diep,id\n"
	    "a.csv,dòng 2,quyet_dinh,thong_tin,chấp nhận,a\n"
	    "a.csv,dòng 3,thieu_ten,loi,x,b\n");
	struct month_counts m;
	CHECK_INT(month_counts_load(&m, dir), 0);
	CHECK_INT(m.files, 4);
	CHECK_INT(m.files_identical, 1);
	CHECK_INT(m.files_unreadable, 2);
	CHECK_INT(m.files_read, 1);
	CHECK_INT(m.units, 4); /* the registry only */
	CHECK_INT(m.units_sent, 3);
	CHECK_INT(m.units_late, 1);
	CHECK_INT(m.units_on_time, 2);
	CHECK_INT(m.units_not_sent, 1);
	CHECK_INT(m.units_nothing_accepted, 2); /* B and D: so_hop_le 0 */
	CHECK_INT(m.outside, 1);
	CHECK_INT(m.outside_late, 1);
	CHECK_INT(m.outside_noms, 2);
	CHECK_INT(m.noms, 5);
	CHECK_INT(m.by_status[CT_HOP_LE], 2);
	CHECK_INT(m.by_status[CT_CAN_XEM_XET], 1);
	CHECK_INT(m.by_status[CT_KHONG_HOP_LE], 2);
	CHECK_INT(m.accepted, 3);
	CHECK_INT(m.accepted_by_field[1], 1); /* the rejected one is not on the roster */
	CHECK_INT(ct_field_total(&m, 1), 2);
	CHECK_INT(m.accepted_by_field[0], 0);
	CHECK_INT(ct_field_total(&m, 0), 1);
	CHECK_INT(m.by_type[CT_LOAI_KHAC][CT_HOP_LE], 1);
	CHECK_INT(ct_type_total(&m, CT_CA_NHAN), 2);
	CHECK_INT(m.decisions, 1);
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	counts_print_summary(f, &m);
	fclose(f);
	CHECK(s && strstr(s, "Đơn vị đã gửi:       3/4 (1 gửi muộn); chưa gửi: 1"));
	CHECK(s && strstr(s, "5: 2 hợp lệ, 1 cần xem xét, 2 không hợp lệ"));
	CHECK(s && strstr(s, "Ngoài danh mục:      1 nơi gửi (1 gửi muộn), 2 gương"));
	free(s);
	/* dat_yeu_cau, when present, decides "sent, nothing accepted". */
	put(dir, "don-vi.csv",
	    "ma_don_vi,ten_don_vi,so_tep,so_guong,so_hop_le,ngay_gui,trang_thai,dat_yeu_cau\n"
	    "A,Đơn vị A,1,2,1,2026-11-10,da_gui,1\n"
	    "B,Đơn vị B,1,1,1,2026-11-24,gui_muon,0\n");
	CHECK_INT(month_counts_load(&m, dir), 0);
	CHECK_INT(m.units_nothing_accepted, 1);
	/* Missing files count nothing; the month still loads. */
	const char *names[] = {"dataset.csv", "don-vi.csv", "tep.csv", "van-de.csv"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		unlink(p);
		free(p);
	}
	CHECK_INT(month_counts_load(&m, dir), 0);
	CHECK_INT(m.noms + m.units + m.files, 0);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	(void)argc;
	dh_progname = "test_doc";
	RUN(builders_and_text_dump);
	RUN(pdf_back_end_writes_reproducibly);
	RUN(counts_from_the_month);
	return DONE();
}
