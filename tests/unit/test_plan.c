/* test_plan.c - loading the shipped plan and matching units, fields, columns
 * and ethnic groups. */
#include "harness.h"
#include "plan.h"
#include "text.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct plan P;

static const char *unit_code(const char *text)
{
	const struct plan_unit *u = plan_match_unit(&P, text);
	return u ? u->ma : "(none)";
}

TEST(loads_shipped_plan)
{
	CHECK_INT(P.han_nop, 20);
	CHECK_INT(P.so_tu_toi_thieu, 15);
	CHECK_INT(P.tuoi_toi_da, 110);
	CHECK_INT(P.nfields, 9);
	CHECK(P.nunits >= 35);
	CHECK_INT(P.nethnic, 54);
	CHECK_STR(conf_get(&P.conf, "tinh", ""), "Cao Bằng");
	CHECK_STR(conf_get(&P.conf, "huyen", ""), "Thạch An");
	for (int so = 1; so <= 9; so++) {
		const struct plan_field *f = plan_field(&P, so);
		CHECK(f != NULL);
		if (!f)
			continue;
		CHECK_INT(f->so, so);
		CHECK(f->tu_khoa.n > 3);
		CHECK(f->chu_tri.n >= 1);
		for (int t = 0; t < 3; t++)
			if (f->loai_cho_phep & (1u << t))
				CHECK(f->minh_chung[t].n >= 5);
	}
	CHECK(plan_field(&P, 0) == NULL);
	CHECK(plan_field(&P, 10) == NULL);
	CHECK_INT(plan_field(&P, 6)->loai_cho_phep, LOAI_CA_NHAN | LOAI_HO_GIA_DINH);
	CHECK_INT(plan_field(&P, 4)->loai_cho_phep, LOAI_TAP_THE | LOAI_CA_NHAN | LOAI_HO_GIA_DINH);
	CHECK_INT(plan_field(&P, 5)->loai_cho_phep, LOAI_TAP_THE | LOAI_CA_NHAN);
	CHECK_STR(plan_field(&P, 7)->tieu_de_danh_sach, "LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO");
}

TEST(registry_contents)
{
	const struct plan_unit *u = plan_unit_by_code(&P, "01822");
	CHECK(u != NULL);
	if (u) {
		CHECK_STR(u->ten, "Xã Đức Long");
		CHECK_INT(u->phai_gui, 1);
		CHECK_INT(u->hoat_dong, 1);
	}
	u = plan_unit_by_code(&P, "01798");
	CHECK(u != NULL);
	if (u) {
		CHECK_STR(u->ten, "Xã Thị Ngân");
		CHECK_INT(u->phai_gui, 0);
		CHECK_INT(u->hoat_dong, 0);
		CHECK(strstr(u->ghi_chu, "sáp nhập") != NULL);
	}
	u = plan_unit_by_code(&P, "01825");
	CHECK(u && !u->phai_gui && !u->hoat_dong);
	CHECK(plan_unit_by_code(&P, "01786") != NULL);
	CHECK(plan_unit_by_code(&P, "nope") == NULL);
	CHECK(plan_unit_by_code(&P, "") == NULL);
	/* 1 town + 13 communes must submit */
	int communes = 0;
	for (size_t i = 0; i < P.nunits; i++)
		if (strcmp(P.units[i].nhom, "xa") == 0 && P.units[i].phai_gui)
			communes++;
	CHECK_INT(communes, 14);
}

TEST(match_units)
{
	CHECK_STR(unit_code("UBND XÃ ĐỨC LONG"), "01822");
	CHECK_STR(unit_code("Ủy ban nhân dân xã Đức Long"), "01822");
	CHECK_STR(unit_code("Uỷ ban nhân dân xã Đức Long"), "01822");
	CHECK_STR(unit_code("Duc Long"), "01822");
	CHECK_STR(unit_code("duc-long"), "01822");
	CHECK_STR(unit_code("UBND Đức Long"), "01822");
	CHECK_STR(unit_code("Xã Đức Long"), "01822");
	CHECK_STR(unit_code("Phòng Giáo dục và Đào tạo huyện Thạch An"), "GDDT");
	CHECK_STR(unit_code("PHÒNG GD&ĐT"), "GDDT");
	CHECK_STR(unit_code("Phong GD"), "GDDT");
	CHECK_STR(unit_code("Công an huyện Thạch An"), "CAH");
	CHECK_STR(unit_code("CAH"), "CAH");
	CHECK_STR(unit_code("CA huyện"), "CAH");
	CHECK_STR(unit_code("Danh sách của UBND xã Kim Đồng"), "01792");
	CHECK_STR(unit_code("Đồn Biên phòng Đức Long"), "DBPDL");
	CHECK_STR(unit_code("ĐỒN BIÊN PHÒNG ĐỨC LONG"), "DBPDL");
	CHECK_STR(unit_code("Ban CHQS huyện"), "BCHQS");
	CHECK_STR(unit_code("Phòng NN&PTNT"), "NNPTNT");
	CHECK_STR(unit_code("Phòng Nông nghiệp và Phát triển nông thôn"), "NNPTNT");
	CHECK_STR(unit_code("Phòng LĐ-TB&XH"), "LDTBXH");
	CHECK_STR(unit_code("Phòng Lao động - Thương binh và Xã hội huyện Thạch An"), "LDTBXH");
	CHECK_STR(unit_code("Phòng TC-KH"), "TCKH");
	CHECK_STR(unit_code("Phòng KT&HT"), "KTHT");
	CHECK_STR(unit_code("VP HĐND&UBND"), "VPHU");
	CHECK_STR(unit_code("Phòng NV"), "NV");
	CHECK_STR(unit_code("PHÒNG Y TẾ"), "YT");
	CHECK_STR(unit_code("Trung tâm Y tế huyện"), "TTYT");
	CHECK_STR(unit_code("Ban Tuyên giáo Huyện ủy"), "BTGHU");
	CHECK_STR(unit_code("Trung tâm Văn hóa và Truyền thông"), "TTVHTT");
	CHECK_STR(unit_code("UBND thị trấn Đông Khê"), "01786");
	CHECK_STR(unit_code("UBND TT Đông Khê"), "01786");
	CHECK_STR(unit_code("Xã Thuỵ Hùng"), "01810");
	CHECK_STR(unit_code("Hội LHPN huyện"), "HLHPN");
	CHECK_STR(unit_code("Hội Nông dân huyện Thạch An"), "HND");
	CHECK_STR(unit_code("Hội CCB"), "HCCB");
	CHECK_STR(unit_code("LĐLĐ huyện"), "LDLD");
	CHECK_STR(unit_code("Huyện đoàn Thạch An"), "HDOAN");
	CHECK_STR(unit_code("UBMTTQ huyện"), "MTTQ");
	CHECK_STR(unit_code("UBND xã Thị Ngân"), "01798");
	CHECK_STR(unit_code("Danh Sỹ"), "01825");
	CHECK_STR(unit_code("2026-11/duc long/ds.docx"), "01822");
	CHECK_STR(unit_code("Ban CHQS huyện Thạch An"), "BCHQS");
	CHECK_STR(unit_code("Ban Tuyên giáo Huyện ủy Thạch An"), "BTGHU");
	CHECK_STR(unit_code("Trung tâm Y tế huyện Thạch An"), "TTYT");
	CHECK_STR(unit_code("UBND HUYỆN THẠCH AN\nPHÒNG Y TẾ"), "YT");
}

TEST(no_false_unit_matches)
{
	CHECK(plan_match_unit(&P, "") == NULL);
	CHECK(plan_match_unit(&P, NULL) == NULL);
	CHECK(plan_match_unit(&P, "Danh sách gương điển hình tiên tiến tháng 11") == NULL);
	/* short aliases never match inside another word */
	CHECK(plan_match_unit(&P, "CAHX") == NULL);
	CHECK(plan_match_unit(&P, "Đức Longxyz") == NULL);
	CHECK(plan_match_unit(&P, "Thạch An") == NULL);
	CHECK(plan_match_unit(&P, "Xã Hưng Đạo") == NULL);
	/* a body inside a unit's area is not the unit */
	CHECK(plan_match_unit(&P, "Trường Tiểu học Kim Đồng") == NULL);
	CHECK(plan_match_unit(&P, "Trạm Y tế xã Quang Trọng") == NULL);
	CHECK(plan_match_unit(&P, "HTX Chè Đức Long") == NULL);
	CHECK(plan_match_unit(&P, "Xóm Nà Pàn, xã Đức Long") == NULL);
	/* a body named inside another's name is not that unit: unknown bodies
	 * stay unknown (the vocabulary's dau-ten-co-quan-khac) */
	CHECK(plan_match_unit(&P, "Trường THCS Đông Khê") == NULL);
	CHECK(plan_match_unit(&P, "THCS Đông Khê") == NULL);
	CHECK(plan_match_unit(&P, "PTDTBT THCS Lê Lai") == NULL);
	CHECK(plan_match_unit(&P, "Trạm Y tế xã Lê Lai") == NULL);
	CHECK(plan_match_unit(&P, "Bưu điện Đông Khê") == NULL);
	CHECK(plan_match_unit(&P, "Chi cục Thuế Đông Khê") == NULL);
	/* the unit itself, and a commune's own bodies, still are */
	const struct plan_unit *u = plan_match_unit(&P, "UBND thị trấn Đông Khê");
	CHECK_STR(u ? u->ten : "(none)", "Thị trấn Đông Khê");
	u = plan_match_unit(&P, "Hội Nông dân xã Lê Lai");
	CHECK_STR(u ? u->ten : "(none)", "Xã Lê Lai");
}

TEST(match_fields)
{
	CHECK_INT(plan_match_field(&P, "7"), 7);
	CHECK_INT(plan_match_field(&P, "VII"), 7);
	CHECK_INT(plan_match_field(&P, "VII."), 7);
	CHECK_INT(plan_match_field(&P, "Lĩnh vực 7"), 7);
	CHECK_INT(plan_match_field(&P, "Lĩnh vực số 3"), 3);
	CHECK_INT(plan_match_field(&P, "Lĩnh vực thứ 7"), 7);
	/* "Vì" folds to the Roman numeral VI: a name wins where it begins */
	CHECK_INT(plan_match_field(&P, "LĨNH VỰC VÌ NGƯỜI NGHÈO"), 4);
	CHECK_INT(plan_match_field(&P, "Lĩnh vực VI"), 6);
	CHECK_INT(plan_match_field(&P, "LĨNH VỰC VI: Y TẾ"), 6);
	CHECK_INT(plan_match_field(&P, "PT Vì ANTQ"), 9);
	CHECK_INT(plan_match_field(&P, "Quốc phòng - an ninh"), 9);
	CHECK_INT(plan_match_field(&P, "Làm theo tấm gương đạo đức HCM"), 1);
	CHECK(plan_match_unit(&P, "Đoàn TN huyện") != NULL);
	CHECK_STR(plan_match_unit(&P, "Đoàn TN huyện")->ma, "HDOAN");
	/* a district body's name, then a commune: that body at the commune */
	CHECK_STR(plan_match_unit(&P, "Hội Nông dân xã Lê Lai")->ma, "01819");
	CHECK_STR(plan_match_unit(&P, "MTTQ xã Đức Long")->ma, "01822");
	CHECK_STR(plan_match_unit(&P, "Hội LHPN thị trấn Đông Khê")->ma, "01786");
	CHECK_STR(plan_match_unit(&P, "Hội Nông dân huyện Thạch An")->ma, "HND");
	CHECK(plan_match_unit(&P, "Trạm Y tế xã Đức Long") == NULL);
	CHECK_STR(plan_match_unit(&P, "Trung tâm Văn hóa - Thể thao và Truyền thông")->ma,
		  "TTVHTT");
	CHECK_STR(plan_match_unit(&P, "Phòng Lao động TB&XH")->ma, "LDTBXH");
	CHECK_STR(plan_match_unit(&P, "MTTQ")->ma, "MTTQ");
	CHECK_INT(plan_match_field(&P, "LV9"), 9);
	CHECK_INT(plan_match_field(&P, "I. LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO"), 7);
	CHECK_INT(plan_match_field(&P, "Y tế"), 8);
	CHECK_INT(plan_match_field(&P, "Nông thôn mới"), 2);
	CHECK_INT(plan_match_field(&P, "1. Nông thôn mới"), 2);
	CHECK_INT(plan_match_field(&P, "Phong trào Nông dân thi đua sản xuất kinh doanh giỏi"), 6);
	CHECK_INT(plan_match_field(&P, "PHONG TRÀO “NÔNG DÂN THI ĐUA SẢN XUẤT KINH DOANH GIỎI”"),
		  6);
	CHECK_INT(plan_match_field(&P, "Văn hóa công sở"), 5);
	CHECK_INT(plan_match_field(&P, "Vì người nghèo"), 4);
	CHECK_INT(plan_match_field(&P, "Doanh nghiệp"), 3);
	CHECK_INT(plan_match_field(&P, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
				       "Minh"),
		  1);
	CHECK_INT(plan_match_field(&P, "Quyết thắng"), 9);
	CHECK_INT(plan_match_field(&P, "Lực lượng vũ trang"), 9);
	CHECK_INT(plan_match_field(&P, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN LĨNH VỰC Y TẾ THÁNG "
				       "11 NĂM 2026"),
		  8);
	CHECK_INT(plan_match_field(&P, "giao duc"), 7);
	CHECK_INT(plan_match_field(&P, "Bác sỹ"), 8);
}

TEST(ambiguous_or_unknown_fields)
{
	CHECK_INT(plan_match_field(&P, ""), 0);
	CHECK_INT(plan_match_field(&P, NULL), 0);
	CHECK_INT(plan_match_field(&P, "Giáo dục và Y tế"), 0);
	CHECK_INT(plan_match_field(&P, "0"), 0);
	CHECK_INT(plan_match_field(&P, "10"), 0);
	CHECK_INT(plan_match_field(&P, "Lĩnh vực 12"), 0);
	CHECK_INT(plan_match_field(&P, "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN THÁNG 11 NĂM 2026"), 0);
	CHECK_INT(plan_match_field(&P, "Khác"), 0);
	/* commendation titles used in every field name no field */
	CHECK_INT(plan_match_field(&P, "Danh sách đề nghị Chiến sĩ thi đua cơ sở"), 0);
	CHECK_INT(plan_match_field(&P, "Lao động tiên tiến"), 0);
}

TEST(led_fields)
{
	CHECK_INT(plan_field_led_by(&P, "GDDT"), 7);
	CHECK_INT(plan_field_led_by(&P, "YT"), 8);
	CHECK_INT(plan_field_led_by(&P, "HND"), 6);
	CHECK_INT(plan_field_led_by(&P, "CAH"), 9);
	CHECK_INT(plan_field_led_by(&P, "NV"), 5);
	CHECK_INT(plan_field_led_by(&P, "01822"), 0);
	CHECK_INT(plan_field_led_by(&P, ""), 0);
	CHECK_INT(plan_field_led_by(&P, NULL), 0);
}

static const char *col(const char *h)
{
	const char *k = plan_match_column(&P, h);
	return k ? k : "(none)";
}

TEST(match_columns)
{
	CHECK_STR(col("Họ và tên"), "ten");
	CHECK_STR(col("HỌ VÀ TÊN"), "ten");
	CHECK_STR(col("Họ và tên/Tên tập thể"), "ten");
	CHECK_STR(col("Tên tập thể/cá nhân"), "ten");
	CHECK_STR(col("Năm sinh"), "nam_sinh");
	CHECK_STR(col("Ngày tháng năm sinh"), "nam_sinh");
	CHECK_STR(col("Giới tính"), "gioi_tinh");
	CHECK_STR(col("Nam/Nữ"), "gioi_tinh");
	CHECK_STR(col("Nam"), "nam");
	CHECK_STR(col("Nữ"), "nu");
	CHECK_STR(col("Dân tộc"), "dan_toc");
	CHECK_STR(col("Chức vụ"), "chuc_vu");
	CHECK_STR(col("Chức vụ, đơn vị công tác"), "chuc_vu_noi_cong_tac");
	CHECK_STR(col("Đơn vị công tác"), "noi_cong_tac");
	CHECK_STR(col("Địa chỉ"), "noi_cong_tac");
	CHECK_STR(col("Lĩnh vực/Phong trào"), "linh_vuc");
	CHECK_STR(col("Tập thể/Cá nhân"), "loai");
	CHECK_STR(col("Tóm tắt thành tích"), "thanh_tich");
	CHECK_STR(col("Thành tích nổi bật"), "thanh_tich");
	CHECK_STR(col("Đơn vị đề xuất"), "don_vi_de_xuat");
	CHECK_STR(col("Ngày gửi"), "ngay_gui");
	CHECK_STR(col("Ghi chú"), "ghi_chu");
	CHECK_STR(col("STT"), "stt");
	CHECK_STR(col("Số TT"), "stt");
	CHECK_STR(col("Họ và tên (2)"), "ten");
	CHECK_STR(col("Ho va ten"), "ten");
	CHECK_STR(col("Không phải cột"), "(none)");
	CHECK_STR(col(""), "(none)");
}

static const char *eth(const char *t)
{
	const char *e = plan_match_ethnic(&P, t);
	return e ? e : "(none)";
}

TEST(match_ethnic)
{
	CHECK_STR(eth("H'Mông"), "Mông");
	CHECK_STR(eth("Hmông"), "Mông");
	CHECK_STR(eth("Mèo"), "Mông");
	CHECK_STR(eth("MÔNG"), "Mông");
	CHECK_STR(eth("tay"), "Tày");
	CHECK_STR(eth("Tày"), "Tày");
	CHECK_STR(eth("Nùng"), "Nùng");
	CHECK_STR(eth("Dân tộc Nùng"), "Nùng");
	CHECK_STR(eth("Kinh"), "Kinh");
	CHECK_STR(eth("Việt"), "Kinh");
	CHECK_STR(eth("Dao"), "Dao");
	CHECK_STR(eth("Dao Đỏ"), "Dao");
	CHECK_STR(eth("Sán Chay"), "Sán Chay");
	CHECK_STR(eth("Cao Lan"), "Sán Chay");
	CHECK_STR(eth("Thái"), "Thái");
	CHECK_STR(eth("Hoa"), "Hoa");
	CHECK_STR(eth("Ê-đê"), "Ê Đê");
	CHECK_STR(eth("Bru - Vân Kiều"), "Bru - Vân Kiều");
	CHECK_STR(eth("Sao Hỏa"), "(none)");
	CHECK_STR(eth(""), "(none)");
}

TEST(match_type)
{
	CHECK_INT(plan_match_type(&P, "Tập thể"), LOAI_TAP_THE);
	CHECK_INT(plan_match_type(&P, "A. TẬP THỂ"), LOAI_TAP_THE);
	CHECK_INT(plan_match_type(&P, "TT"), LOAI_TAP_THE);
	CHECK_INT(plan_match_type(&P, "CN"), LOAI_CA_NHAN);
	CHECK_INT(plan_match_type(&P, "B. CÁ NHÂN"), LOAI_CA_NHAN);
	CHECK_INT(plan_match_type(&P, "Hộ gia đình"), LOAI_HO_GIA_DINH);
	CHECK_INT(plan_match_type(&P, "C. Hộ gia đình"), LOAI_HO_GIA_DINH);
	CHECK_INT(plan_match_type(&P, "ho_gia_dinh"), LOAI_HO_GIA_DINH);
	CHECK_INT(plan_match_type(&P, "Khác"), LOAI_NONE);
	CHECK_INT(plan_match_type(&P, "II. Cá nhân tiêu biểu"), LOAI_CA_NHAN);
	CHECK_INT(plan_match_type(&P, "Đối với tập thể"), LOAI_TAP_THE);
	CHECK_INT(plan_match_type(&P, "Tập thể (đơn vị)"), LOAI_TAP_THE);
	CHECK_INT(plan_match_type(&P, "Tập thể/Cá nhân"), LOAI_NONE);
	CHECK_INT(plan_match_type(&P, "Hộ"), LOAI_HO_GIA_DINH);
	CHECK_INT(plan_match_type(&P, ""), LOAI_NONE);
	/* the short forms are the vocabulary's; the type names are not */
	CHECK_INT(plan_match_type(NULL, "TT"), LOAI_NONE);
	CHECK_INT(plan_match_type(NULL, "B. CÁ NHÂN"), LOAI_CA_NHAN);
	CHECK_STR(loai_code(LOAI_HO_GIA_DINH), "ho_gia_dinh");
	CHECK_STR(loai_label(LOAI_TAP_THE), "Tập thể");
	CHECK_INT(loai_from_code("ca_nhan"), LOAI_CA_NHAN);
	CHECK_INT(loai_from_code("x"), LOAI_NONE);
	char *l = loai_mask_label(LOAI_CA_NHAN | LOAI_HO_GIA_DINH);
	CHECK_STR(l, "cá nhân, hộ gia đình");
	free(l);
}

/* Writes a plan directory with one file replaced, for error tests. */
static char *scratch_plan(const char *name, const char *content)
{
	char tmpl[] = "/tmp/test_plan.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		return NULL;
	static const char *const files[] = {"ke-hoach.conf", "linh-vuc.csv", "don-vi.csv",
					    "cot.csv",	     "dan-toc.csv",  "tu-vung.csv"};
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char *src = xasprintf("templates/plan/%s", files[i]);
		char *dst = xasprintf("%s/%s", dir, files[i]);
		char *data = NULL;
		size_t len = 0;
		if (strcmp(files[i], name) == 0) {
			write_file_atomic(dst, content, strlen(content));
		} else if (read_file(src, 1 << 22, &data, &len) == 0) {
			write_file_atomic(dst, data, len);
		}
		free(data);
		free(src);
		free(dst);
	}
	return xstrdup(dir);
}

static void remove_plan(char *dir)
{
	static const char *const files[] = {"ke-hoach.conf", "linh-vuc.csv", "don-vi.csv",
					    "cot.csv",	     "dan-toc.csv",  "tu-vung.csv"};
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

TEST(load_errors)
{
	struct plan q;
	CHECK_INT(plan_load(&q, "/nonexistent/plan"), -1);
	char *d = scratch_plan("linh-vuc.csv", "so,ten_ngan,loai_cho_phep\n12,X,tap_the\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	d = scratch_plan("linh-vuc.csv", "so,ten_ngan,loai_cho_phep\n1,X,tap_the\n1,Y,ca_nhan\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	d = scratch_plan("linh-vuc.csv", "so,ten_ngan,loai_cho_phep\n1,X,nguoi\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	d = scratch_plan("don-vi.csv", "ma,ten\nA,Phòng A\nA,Phòng B\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	d = scratch_plan("don-vi.csv", "ten,bi_danh\nPhòng A,\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	d = scratch_plan("ke-hoach.conf", "han_nop = 45\n");
	CHECK_INT(plan_load(&q, d), -1);
	remove_plan(d);
	/* a minimal valid plan: one field, one unit */
	d = scratch_plan("linh-vuc.csv", "so,ten_ngan,loai_cho_phep,don_vi_chu_tri\n3,Thử,"
					 "tap_the,NV\n");
	CHECK_INT(plan_load(&q, d), 0);
	CHECK_INT(q.nfields, 1);
	CHECK_INT(plan_match_field(&q, "Thử"), 3);
	CHECK_INT(plan_match_field(&q, "7"), 0);
	CHECK_INT(plan_field_led_by(&q, "NV"), 3);
	plan_release(&q);
	remove_plan(d);
}

/* Every group of words the code asks for (vocab.h) is in the shipped
 * tu-vung.csv, with phrases; a file that lacks one, or names a group the
 * code does not know, is a load error. */
TEST(vocabulary)
{
	for (int g = 0; g < VG_N; g++) {
		if (vocab_count(&P.vocab, (enum vocab_group)g) == 0)
			printf("# group %s: no phrases\n", vocab_group_name((enum vocab_group)g));
		CHECK(vocab_count(&P.vocab, (enum vocab_group)g) > 0);
		CHECK_INT(vocab_group_by_name(vocab_group_name((enum vocab_group)g)), g);
	}
	CHECK_INT(vocab_group_by_name("khong-co"), -1);
	/* the forms a phrase is matched in */
	const struct vocab *v = plan_vocab(&P);
	CHECK(vocab_starts(v, VG_DONG_TONG, VF_LOWER, "tổng cộng 5 người") != 0);
	CHECK(vocab_starts(v, VG_DONG_TONG, VF_KEY, "tong cong 5 nguoi") != 0);
	CHECK(vocab_starts(v, VG_DONG_TONG, VF_LOWER, "tổng công ty") == 0);
	CHECK(vocab_is(v, VG_CHUC_DANH_TRUOC_TEN, VF_IDENT, "bác sĩ"));
	CHECK(!vocab_is(v, VG_CHUC_DANH_TRUOC_TEN, VF_IDENT, "bac si"));
	CHECK(plan_vocab(NULL) == NULL);
	CHECK(vocab_starts(NULL, VG_DONG_TONG, VF_KEY, "tong cong") == 0);
	CHECK(words_start("chi bo", "chi bo"));
	CHECK(words_start("chi bo xa", "chi bo"));
	CHECK(!words_start("chi bon", "chi bo"));
	CHECK(!words_start("chi bo", ""));

	struct plan q;
	char *d = scratch_plan("tu-vung.csv", "nhom,cum_tu\ndanh-xung,Ông\n");
	CHECK_INT(plan_load(&q, d), -1); /* the other groups are missing */
	remove_plan(d);
	char *shipped = NULL;
	size_t len = 0;
	CHECK_INT(read_file("templates/plan/tu-vung.csv", 1 << 22, &shipped, &len), 0);
	char *more = xasprintf("%s\nnhom-la,Ông\n", shipped ? shipped : "");
	d = scratch_plan("tu-vung.csv", more);
	CHECK_INT(plan_load(&q, d), -1); /* a group the code does not know */
	remove_plan(d);
	free(more);
	more = xasprintf("%s\ndanh-xung,\n", shipped ? shipped : "");
	d = scratch_plan("tu-vung.csv", more);
	CHECK_INT(plan_load(&q, d), -1); /* a row without a phrase */
	remove_plan(d);
	free(more);
	/* a phrase added by staff is used: "Già làng" as an honorific */
	more = xasprintf("%s\ndanh-xung,Già làng\n", shipped ? shipped : "");
	d = scratch_plan("tu-vung.csv", more);
	CHECK_INT(plan_load(&q, d), 0);
	char *r = vn_strip_honorific("Già làng Lục Văn Pẻng", plan_vocab(&q));
	CHECK_STR(r, "Lục Văn Pẻng");
	free(r);
	plan_release(&q);
	remove_plan(d);
	free(more);
	free(shipped);
}

/* Report labels ("Họ và tên:") are cot.csv's nhan_bao_cao. */
TEST(match_labels)
{
	CHECK_STR(plan_match_label(&P, "Họ và tên"), "ten");
	CHECK_STR(plan_match_label(&P, "HỌ TÊN"), "ten");
	CHECK_STR(plan_match_label(&P, "Tên tập thể"), "ten_tap_the");
	CHECK_STR(plan_match_label(&P, "Họ và tên chủ hộ"), "ten_chu_ho");
	CHECK_STR(plan_match_label(&P, "Chức vụ, đơn vị"), "chuc_vu_noi_cong_tac");
	CHECK_STR(plan_match_label(&P, "Chức vụ"), "chuc_vu");
	CHECK(plan_match_label(&P, "Tóm tắt thành tích") == NULL);
	CHECK(plan_match_label(NULL, "Họ và tên") == NULL);
	/* a report label is not a column name: "Tên tập thể" stays the name column */
	CHECK_STR(plan_match_column(&P, "Tên tập thể"), "ten");
	CHECK_STR(plan_match_column(&P, "Chủ hộ"), "ten");
}

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)rng;
}

TEST(garbage_into_matchers)
{
	char s[600];
	for (int iter = 0; iter < 3000; iter++) {
		size_t n = next_rand() % (sizeof s - 1);
		for (size_t i = 0; i < n; i++) {
			unsigned r = next_rand();
			s[i] = r % 4 == 0 ? "UBND xã Đức Long 7 VII; &"[r % 24] : (char)(r >> 8);
			if (!s[i])
				s[i] = ' ';
		}
		s[n] = '\0';
		(void)plan_match_unit(&P, s);
		int f = plan_match_field(&P, s);
		CHECK(f >= 0 && f <= 9);
		(void)plan_match_column(&P, s);
		(void)plan_match_ethnic(&P, s);
		(void)plan_match_type(&P, s);
	}
	/* a very long text */
	size_t big = 200000;
	char *b = xmalloc(big + 1);
	for (size_t i = 0; i < big; i++)
		b[i] = "duc long "[i % 9];
	b[big] = '\0';
	CHECK_STR(unit_code(b), "01822");
	CHECK_INT(plan_match_field(&P, b), 0);
	free(b);
}

TEST(lookup_speed)
{
	clock_t t0 = clock();
	int hits = 0;
	for (int i = 0; i < 200000; i++) {
		const char *t = i % 2 ? "Danh sách của UBND xã Kim Đồng gửi kèm" : "PHÒNG GD&ĐT";
		hits += plan_match_unit(&P, t) != NULL;
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_INT(hits, 200000);
	CHECK(secs < 10.0);
	printf("# 200000 unit lookups: %.2f s\n", secs);
}

int main(int argc, char **argv)
{
	dh_progname = "test_plan";
	if (plan_load(&P, "templates/plan") != 0) {
		fprintf(stderr, "cannot load templates/plan (run from the repo root)\n");
		return 1;
	}
	RUN(loads_shipped_plan);
	RUN(registry_contents);
	RUN(match_units);
	RUN(no_false_unit_matches);
	RUN(match_fields);
	RUN(ambiguous_or_unknown_fields);
	RUN(led_fields);
	RUN(match_columns);
	RUN(match_ethnic);
	RUN(match_type);
	RUN(vocabulary);
	RUN(match_labels);
	RUN(load_errors);
	RUN(garbage_into_matchers);
	RUN(lookup_speed);
	plan_release(&P);
	return DONE();
}
