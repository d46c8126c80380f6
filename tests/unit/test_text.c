/* test_text.c - unit tests of the Vietnamese text core. */
#include "harness.h"
#include "text.h"
#include "text_impl.h"
#include "vocab.h"

#include <utf8proc.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct pair {
	const char *in;
	const char *want;
};

/* Runs f over the table and compares. */
/* The shipped vocabulary (templates/plan/tu-vung.csv), loaded by main(). */
static struct vocab V;

static char *collective_v(const char *s)
{
	return vn_collective_name(s, &V);
}

static char *honorific_v(const char *s)
{
	return vn_strip_honorific(s, &V);
}

static void check_all(char *(*f)(const char *), const struct pair *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *got = f(t[i].in);
		CHECK_STR(got, t[i].want);
		free(got);
	}
}

#define CHECK_FN(f, in, want)                                                                      \
	do {                                                                                       \
		char *g__ = f(in);                                                                 \
		CHECK_STR(g__, want);                                                              \
		free(g__);                                                                         \
	} while (0)

TEST(utf8_validity)
{
	CHECK(utf8_valid("", 0));
	CHECK(utf8_valid("abc", 3));
	CHECK(utf8_valid("Nguyễn Đức", strlen("Nguyễn Đức")));
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4));
	CHECK(utf8_valid("a\0b", 3));
	CHECK(!utf8_valid("\xc0\x80", 2));	   /* overlong NUL */
	CHECK(!utf8_valid("\xc1\xbf", 2));	   /* overlong */
	CHECK(!utf8_valid("\xe0\x80\xaf", 3));	   /* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));	   /* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	CHECK(!utf8_valid("\xf8\x88\x80\x80\x80", 5));
	CHECK(!utf8_valid("\xe1\xba", 2)); /* truncated */
	CHECK(!utf8_valid("\x80", 1));
	CHECK(!utf8_valid("\xc3\x28", 2));
	/* only the first len bytes count */
	CHECK(utf8_valid("ab\xff", 2));
	/* U+FFFD written as such is valid text */
	CHECK(utf8_valid("\xef\xbf\xbd", 3));
	CHECK(!utf8_valid("\xef\xbf", 2));
}

TEST(utf8_decoding)
{
	const char *s = "aệ\xf0\x9f\x98\x80";
	CHECK_INT(utf8_next(&s), 'a');
	CHECK_INT(utf8_next(&s), 0x1EC7);
	CHECK_INT(utf8_next(&s), 0x1F600);
	CHECK_INT(utf8_next(&s), 0);
	CHECK_INT(utf8_next(&s), 0); /* stays at the end */
	/* bad sequences: U+FFFD each, then decoding resumes */
	s = "\xff"
	    "a\xe1\xba"
	    "b\xc0\x80"
	    "c\xed\xa0\x80"
	    "d";
	unsigned want[] = {0xFFFD, 'a',	   0xFFFD, 'b',	   0xFFFD, 0xFFFD,
			   'c',	   0xFFFD, 0xFFFD, 0xFFFD, 'd',	   0};
	for (size_t i = 0; i < N(want); i++)
		CHECK_INT(utf8_next(&s), want[i]);
	/* a truncated sequence before the NUL does not read past it */
	char buf[4] = {(char)0xE1, (char)0xBA, 0, 'x'};
	s = buf;
	CHECK_INT(utf8_next(&s), 0xFFFD);
	CHECK_INT(utf8_next(&s), 0);
	CHECK(s == buf + 2);
}

TEST(nfc)
{
	size_t n;
	char *s = utf8_nfc("Ho\xcc\x80"
			   "a",
			   5, &n); /* NFD */
	CHECK_STR(s, "Hòa");
	CHECK_INT(n, strlen("Hòa"));
	free(s);
	/* o + dot below + circumflex in either order -> ộ */
	s = utf8_nfc("o\xcc\xa3\xcc\x82 o\xcc\x82\xcc\xa3", 11, NULL);
	CHECK_STR(s, "ộ ộ");
	free(s);
	s = utf8_nfc("a\0\xff", 3, &n);
	CHECK_INT(n, 5);
	CHECK(memcmp(s, "a\0\xef\xbf\xbd", 6) == 0);
	free(s);
	s = utf8_nfc("", 0, &n);
	CHECK_STR(s, "");
	CHECK_INT(n, 0);
	free(s);
}

static const struct pair tones[] = {
    {"Hoà", "Hòa"},
    {"Thuỷ", "Thủy"},
    {"khoẻ", "khỏe"},
    {"Hoàn", "Hoàn"},
    {"hòan", "hoàn"},
    {"thuyết", "thuyết"},
    {"Quý", "Quý"},
    {"giữa", "giữa"},
    {"HOÀ", "HÒA"},
    {"THUỶ", "THỦY"},
    {"Khoẻ", "Khỏe"},
    {"Hòa", "Hòa"},
    {"Thụy", "Thụy"},
    {"hoá", "hóa"},
    {"Toà", "Tòa"},
    {"quỳnh", "quỳnh"},
    {"Huỳnh", "Huỳnh"},
    {"Hùynh", "Huỳnh"},
    {"Nguyễn", "Nguyễn"},
    {"người", "người"},
    {"ngừơi", "người"},
    {"ngoài", "ngoài"},
    {"ngòai", "ngoài"},
    {"khuỷu", "khuỷu"},
    {"gìn", "gìn"},
    {"già", "già"},
    {"qúa", "quá"},
    {"mùa", "mùa"},
    {"mía", "mía"},
    {"tuấn", "tuấn"},
    {"thuở", "thuở"},
    {"hưu", "hưu"},
    {"xoắn", "xoắn"},
    {"Uỷ ban", "Ủy ban"},
    {"CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"},
    /* NFD input, new style */
    {"Ho\xcc\x80"
     "a",
     "Hòa"},
    {"Thuy\xcc\x89", "Thủy"},
    {"HOA\xcc\x80", "HÒA"},
    /* not Vietnamese syllables: untouched */
    {"Hoàng-Anh", "Hoàng-Anh"},
    {"Café", "Café"},
    {"naïve", "naïve"},
    {"", ""},
};

TEST(tone_placement)
{
	check_all(vn_fix_tone_placement, tones, N(tones));
	/* vn_fix_tone_placement leaves spacing alone */
	CHECK_FN(vn_fix_tone_placement, "  Hoà  \t", "  Hòa  \t");
}

static const struct pair norms[] = {
    {"  Nguyễn   Văn\tAn  ", "Nguyễn Văn An"},
    {"Nguyễn\xc2\xa0Văn\xe2\x80\x8b"
     "An",
     "Nguyễn Văn An"},
    {"Nguyễn\r\nVăn\nAn", "Nguyễn Văn An"},
    {"Lê\x01Thị\x7f B", "LêThị B"},
    {"Hoà \xe2\x80\x83 Thuỷ", "Hòa Thủy"},
    {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"},
    {"\xc3\xb0\xc3\xb4ng", "đông"},
    {"\xc3\x90\xe1\xbb\xa9"
     "c Long",
     "Đức Long"}, /* U+00D0 eth for Đ */
    {"a\xff"
     "b",
     "a\xef\xbf\xbd"
     "b"},
    {"\xef\xbb\xbfHà Nội", "Hà Nội"}, /* BOM */
    {"x\xc2\xad"
     "y",
     "xy"}, /* soft hyphen dropped */
    {"", ""},
    {"   ", ""},
};

TEST(normalize)
{
	check_all(vn_normalize, norms, N(norms));
	check_all(vn_normalize, tones + 0, 10);
}

/* Dropping a control between two marks must not leave them out of
 * canonical order (found by fuzz_text). */
TEST(normalize_idempotent)
{
	const char *in[] = {"\xd6\x97\x19\xd6\x9a", "a\xcc\x81\x01\xcc\xa3",
			    ("Ho\xcc\x80\xe2\x80\x8b\xcc\xa3"
			     "a"),
			    "Nguyễn  Hoà", "\xcc\x81 a"};
	for (size_t i = 0; i < N(in); i++) {
		char *a = vn_normalize(in[i]), *b = vn_normalize(a);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
	/* a + acute + (control) + dot below: dot first, then the acute */
	CHECK_FN(vn_normalize, "a\xcc\x81\x01\xcc\xa3", "\xe1\xba\xa1\xcc\x81");
}

TEST(normalize_lines)
{
	CHECK_FN(vn_normalize_lines, "  Dòng  một \r\n\r\n\n  Dòng   hai\rHoà  ",
		 "Dòng một\nDòng hai\nHòa");
	CHECK_FN(vn_normalize_lines, "\n\n a \n", "a");
	CHECK_FN(vn_normalize_lines,
		 "a\xe2\x80\xa8"
		 "b",
		 "a\nb");
	CHECK_FN(vn_normalize_lines, "", "");
}

static const struct pair keys[] = {
    {"Đức Long", "duc long"},
    {"Duc Long", "duc long"},
    {"ĐỨC  LONG,", "duc long"},
    {"Phòng GD&ĐT", "phong gd dt"},
    {"  UBND xã Đức Long (Thạch An) ", "ubnd xa duc long thach an"},
    {"Nguyễn Thị Hường", "nguyen thi huong"},
    {"Ho\xcc\x80"
     "a",
     "hoa"},
    {"Thuỷ", "thuy"},
    {"Tổ 12 - Khu 3", "to 12 khu 3"},
    {"\xc3\x90\xc6\xb0\xc6\xa1ng", "duong"},
    {"---", ""},
    {"", ""},
};

TEST(key)
{
	check_all(vn_key, keys, N(keys));
}

TEST(ident_key)
{
	CHECK_FN(vn_ident_key, "Nguyễn Văn Hoà", "nguyễn văn hòa");
	CHECK_FN(vn_ident_key, "NGUYỄN VĂN HÒA", "nguyễn văn hòa");
	CHECK_FN(vn_ident_key, "  nguyễn   văn hòa. ", "nguyễn văn hòa");
	CHECK_FN(vn_ident_key, "NGUYE\xcc\x82\xcc\x83N VA\xcc\x86N HOA\xcc\x80", "nguyễn văn hòa");
	CHECK_FN(vn_ident_key, "Nguyen Van Hoa", "nguyen van hoa");
	CHECK_FN(vn_ident_key, "Phòng GD&ĐT", "phòng gd đt");
	char *a = vn_ident_key("Nguyễn Văn Hoà"), *b = vn_ident_key("Nguyen Van Hoa");
	CHECK(strcmp(a, b) != 0);
	free(a);
	free(b);
}

TEST(casing)
{
	CHECK_FN(vn_upper, "nguyễn văn hòa đức", "NGUYỄN VĂN HÒA ĐỨC");
	CHECK_FN(vn_lower, "NGUYỄN VĂN HÒA ĐỨC", "nguyễn văn hòa đức");
	CHECK_FN(vn_upper, "ơ ư ă â ê ô ỵ", "Ơ Ư Ă Â Ê Ô Ỵ");
	CHECK_FN(vn_lower,
		 "Ho\xcc\x80"
		 "A",
		 "hòa");
	CHECK_FN(vn_upper, "", "");
}

static const struct pair proper[] = {
    {"NGUYỄN VĂN AN", "Nguyễn Văn An"},
    {"nguyễn thị hoà", "Nguyễn Thị Hòa"},
    {"NGUYỄN văn AN", "Nguyễn Văn An"},
    {"  lê   thị  b ", "Lê Thị B"},
    {"ĐẶNG THỊ ÚT", "Đặng Thị Út"},
    {"hoàng-anh tuấn", "Hoàng-Anh Tuấn"},
    {"H'MÔNG", "H'Mông"},
    {"nay h'blơng", "Nay H'Blơng"},
    {"ÂU THỊ ƯNG", "Âu Thị Ưng"},
    {"", ""},
};

TEST(proper_name)
{
	check_all(vn_proper_name, proper, N(proper));
}

static const struct pair collectives[] = {
    {"TRƯỜNG TIỂU HỌC KIM ĐỒNG", "Trường Tiểu học Kim Đồng"},
    {"ỦY BAN NHÂN DÂN XÃ ĐỨC LONG", "Ủy ban nhân dân xã Đức Long"},
    {"UỶ BAN NHÂN DÂN HUYỆN THẠCH AN", "Ủy ban nhân dân huyện Thạch An"},
    {"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo"},
    {"TRƯỜNG TRUNG HỌC CƠ SỞ ĐỨC LONG", "Trường Trung học cơ sở Đức Long"},
    {"TRƯỜNG THCS ĐỨC LONG", "Trường THCS Đức Long"},
    {"UBND XÃ LÊ LAI", "UBND xã Lê Lai"},
    {"HỘI LIÊN HIỆP PHỤ NỮ HUYỆN", "Hội Liên hiệp Phụ nữ huyện"},
    {"PHÒNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Phòng Nông nghiệp và Phát triển nông thôn"},
    {"PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Phòng Lao động - Thương binh và xã hội"},
    {"TRẠM Y TẾ XÃ MINH KHAI", "Trạm Y tế xã Minh Khai"},
    {"BAN CHỈ HUY QUÂN SỰ HUYỆN", "Ban Chỉ huy Quân sự huyện"},
    {"XÓM NÀ KHOANG", "Xóm Nà Khoang"},
    {"TRƯỜNG MẦM NON HOA HỒNG", "Trường Mầm non Hoa Hồng"},
    {"HỘ ÔNG NÔNG VĂN A", "Hộ ông Nông Văn A"},
    {"HUYỆN ĐOÀN THẠCH AN", "Huyện đoàn Thạch An"},
    {"CÔNG AN XÃ ĐỨC LONG, HUYỆN THẠCH AN", "Công an xã Đức Long, huyện Thạch An"},
    {"ĐỒN BIÊN PHÒNG ĐỨC LONG", "Đồn Biên phòng Đức Long"},
    {"CHI HỘI PHỤ NỮ XÓM II", "Chi hội Phụ nữ xóm II"},
    {"UỶ BAN MTTQ XÃ", "Ủy ban MTTQ xã"},
    /* mixed case: kept as written (normalised) */
    {"Trường Tiểu học Kim Đồng", "Trường Tiểu học Kim Đồng"},
    {"UBND xã  Đức Long", "UBND xã Đức Long"},
    {"Hợp tác xã Hoà Bình", "Hợp tác xã Hòa Bình"},
    {"", ""},
};

TEST(collective_name)
{
	check_all(collective_v, collectives, N(collectives));
}

static const struct pair honor[] = {
    {"Ông Nguyễn Văn A", "Nguyễn Văn A"},
    {"Bà Lê Thị B", "Lê Thị B"},
    {"Đ/c Hoàng Văn C", "Hoàng Văn C"},
    {"đ/c: Hoàng Văn C", "Hoàng Văn C"},
    {"Đồng chí Nông Thị D", "Nông Thị D"},
    {"đồng chí Nông Thị D", "Nông Thị D"},
    {"ĐỒNG CHÍ NÔNG THỊ D", "NÔNG THỊ D"},
    {"Dong chi Nong Thi D", "Nong Thi D"},
    {"Đc. Lý Văn E", "Lý Văn E"},
    {"Anh Triệu Văn F", "Triệu Văn F"},
    {"Chị Hà Thị G", "Hà Thị G"},
    {"Cô Đàm Thị H", "Đàm Thị H"},
    {"Thầy Lương Văn I", "Lương Văn I"},
    {"Em Bế Thị K", "Bế Thị K"},
    {"Cháu Vi Văn L", "Vi Văn L"},
    {"ông  Hoà", "Hòa"},
    {"Ông bà Nông Văn A", "Nông Văn A"},
    {"Đồng chí: Ông Lý Văn B", "Lý Văn B"},
    /* not at the start, part of a word, or nothing after it: kept */
    {"Nguyễn Văn Ông", "Nguyễn Văn Ông"},
    {"Bàn Văn M", "Bàn Văn M"},
    {"Bá Văn N", "Bá Văn N"},
    {"Anh", "Anh"},
    {"Emma Watson", "Emma Watson"},
    {"", ""},
};

TEST(strip_honorific)
{
	check_all(honorific_v, honor, N(honor));
}

/* The words of names are the vocabulary's: none without one, and a phrase
 * added to a group is used. */
TEST(names_vocabulary)
{
	char *r = vn_collective_name("TRƯỜNG TIỂU HỌC KIM ĐỒNG", NULL);
	CHECK_STR(r, "Trường Tiểu Học Kim Đồng");
	free(r);
	r = vn_strip_honorific("Ông Nguyễn Văn A", NULL);
	CHECK_STR(r, "Ông Nguyễn Văn A");
	free(r);
	struct vocab w;
	vocab_init(&w);
	vocab_add(&w, VG_DANH_XUNG, "Già làng");
	vocab_add(&w, VG_TU_THUONG, "CỦA");
	vocab_add(&w, VG_TU_GHEP, "hợp tác xã");
	r = vn_strip_honorific("già làng: Lục Văn Pẻng", &w);
	CHECK_STR(r, "Lục Văn Pẻng");
	free(r);
	r = vn_collective_name("HỢP TÁC XÃ CỦA BẢN NÀ NGẦN", &w);
	CHECK_STR(r, "Hợp tác xã của Bản Nà Ngần");
	free(r);
	vocab_release(&w);
}

TEST(words)
{
	CHECK_INT(vn_word_count("Nguyễn  Văn-An 12"), 4);
	CHECK_INT(vn_word_count(""), 0);
	CHECK_INT(vn_word_count(" , - "), 0);
	CHECK_INT(vn_word_count("Ho\xcc\x80"
				"a Bình"),
		  2);
	CHECK_INT(vn_word_count("điển hình tiên tiến"), 4);
	CHECK(vn_key_contains("ubnd xa duc long", "duc long"));
	CHECK(vn_key_contains("duc long", "duc long"));
	CHECK(vn_key_contains("ubnd xa duc long", "ubnd"));
	CHECK(!vn_key_contains("ubnd xa duc longa", "duc long"));
	CHECK(!vn_key_contains("ubnd xa aduc long", "duc long"));
	CHECK(vn_key_contains("xa duc longa duc long", "duc long"));
	CHECK(!vn_key_contains("xa duc", "duc long"));
	CHECK(!vn_key_contains("xa duc", ""));
}

TEST(syllables)
{
	const char *yes[] = {"nghiêng", "Quý",	"giữa",	 "gìn", "người", "khuỷu", "Thạch",  "An",
			     "HÒA",	"oanh", "xoong", "à",	"uống",	 "Ủy",	  "thuyền", "ĐỒNG"};
	const char *no[] = {"UBND", "THCS", "Néi", "Hµ", "Haø", "tiªn", "tồc",
			    "xyz",  "bàc",  "cyo", "",	 "a1",	"Café"};
	for (size_t i = 0; i < N(yes); i++)
		if (!vn_is_syllable(yes[i]))
			CHECK_STR(yes[i], "(a syllable)");
	for (size_t i = 0; i < N(no); i++)
		if (vn_is_syllable(no[i]))
			CHECK_STR(no[i], "(not a syllable)");
	size_t g, b;
	vn_syllable_stats("Phòng Nội vụ huyện Thạch An, UBND", &g, &b);
	CHECK_INT(g, 5); /* Phòng Nội vụ huyện Thạch */
	CHECK_INT(b, 0);
	vn_syllable_stats("Phßng Néi vô huyÖn Th¹ch An", &g, &b);
	CHECK_INT(g, 1); /* "vô" happens to be a word */
	CHECK_INT(b, 3);
}

/* Sorted as a Vietnamese clerk would: Đ after D, tones ignored first. */
static const char *const names_sorted[] = {
    "Âu Thị Nga",    "Bế Văn Dũng",  "Bùi Thị Hằng",	 "Dương Văn An",  "Đàm Thị Hoa",
    "Đặng Văn Long", "Đinh Thị Mai", "Đỗ Văn Hùng",	 "Hà Thị Lan",	  "Hoàng Văn Minh",
    "Hứa Thị Thu",   "Lã Văn Tâm",   "La Văn Tú",	 "Lê Thị Hồng",	  "Lương Văn Bình",
    "Lý Thị Ánh",    "Mạc Văn Hải",  "Nguyễn Thị Hường", "Nguyễn Văn An", "Nguyễn Văn Anh",
    "Nông Thị Hoa",  "Triệu Thị Ơn", "Vi Văn Ưng",
};

static int cmp_collate(const void *a, const void *b)
{
	return vn_collate(*(const char *const *)a, *(const char *const *)b);
}

TEST(collation_names)
{
	size_t n = N(names_sorted);
	const char *v[32];
	/* a fixed shuffle */
	for (size_t i = 0; i < n; i++)
		v[i] = names_sorted[(i * 7 + 3) % n];
	qsort(v, n, sizeof(v[0]), cmp_collate);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(v[i], names_sorted[i]);
	/* the keys sort the same way with strcmp */
	for (size_t i = 0; i + 1 < n; i++) {
		char *a = vn_sort_key(names_sorted[i]), *b = vn_sort_key(names_sorted[i + 1]);
		if (!(strcmp(a, b) < 0))
			CHECK_STR(names_sorted[i], names_sorted[i + 1]);
		free(a);
		free(b);
	}
}

/* Each list strictly increasing under vn_collate. */
static void check_order(const char *const *v, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (vn_collate(v[i], v[i + 1]) >= 0 || vn_collate(v[i + 1], v[i]) <= 0)
			CHECK_STR(v[i], v[i + 1]);
	}
}

TEST(collation_rules)
{
	const char *alpha[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
			       "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
			       "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
	check_order(alpha, N(alpha));
	const char *tone[] = {"a", "à", "ả", "ã", "á", "ạ"};
	check_order(tone, N(tone));
	const char *dd[] = {"Duy", "Dương Văn Z", "Đa", "Đà", "Đức"};
	check_order(dd, N(dd));
	const char *cs[] = {"an", "An", "AN", "àn", "Àn"};
	check_order(cs, N(cs));
	const char *words[] = {"An", "An Bình", "Anh", "Ánh", "Ba"};
	check_order(words, N(words));
	const char *digits[] = {"1", "2", "10", "a", "Tổ 2", "Tổ 10", "Tổ A"};
	check_order(digits, N(digits));
	/* equal after normalisation */
	CHECK_INT(vn_collate("Hoà", "Hòa"), 0);
	CHECK_INT(vn_collate("  Hòa ", "Hòa"), 0);
	CHECK_INT(vn_collate("Ho\xcc\x80"
			     "a",
			     "Hòa"),
		  0);
	CHECK_INT(vn_collate("", ""), 0);
	CHECK(vn_collate("", "a") < 0);
	/* keys are NUL-free C strings */
	char *k = vn_sort_key("Đức Long 12");
	CHECK(strlen(k) > 10);
	free(k);
}

TEST(null_input)
{
	CHECK_FN(vn_normalize, NULL, "");
	CHECK_FN(vn_key, NULL, "");
	CHECK_FN(vn_proper_name, NULL, "");
	CHECK_FN(honorific_v, NULL, "");
	CHECK_INT(vn_word_count(NULL), 0);
	CHECK_INT(vn_parse_year(NULL), 0);
	CHECK_INT(vn_key_contains(NULL, "a"), 0);
	CHECK_INT(vn_collate(NULL, ""), 0);
	CHECK(utf8_valid(NULL, 0));
}

TEST(name_order)
{
	const char *v[] = {"Lê Văn An",	   "Nguyễn Văn An", "Nguyễn Thị Bình",
			   "Trần An Bình", "Đỗ Thị Dung",   "Hà Văn Đức",
			   "Hòa",	   "Bế Thị Hòa"};
	for (size_t i = 0; i + 1 < N(v); i++) {
		char *a = vn_name_sort_key(v[i]), *b = vn_name_sort_key(v[i + 1]);
		if (strcmp(a, b) >= 0)
			CHECK_STR(v[i], v[i + 1]);
		free(a);
		free(b);
	}
}

TEST(years)
{
	CHECK_INT(vn_parse_year("1985"), 1985);
	CHECK_INT(vn_parse_year("12/03/1985"), 1985);
	CHECK_INT(vn_parse_year("1985 (Nữ)"), 1985);
	CHECK_INT(vn_parse_year("Sinh năm 2001"), 2001);
	CHECK_INT(vn_parse_year("03-1979"), 1979);
	CHECK_INT(vn_parse_year("19851"), 0);
	CHECK_INT(vn_parse_year("85"), 0);
	CHECK_INT(vn_parse_year(""), 0);
	CHECK_INT(vn_parse_year("0123"), 0);
	CHECK_INT(vn_parse_year("Số 12345, năm 1990"), 1990);
}

/* Hostile input: long runs of marks, random bytes; must stay fast and valid. */
TEST(hostile)
{
	size_t n = 200000;
	char *s = malloc(n * 2 + 2);
	s[0] = 'a';
	for (size_t i = 0; i < n; i++) {
		/* alternating acute (230) and dot below (220) */
		memcpy(s + 1 + 2 * i, i % 2 ? "\xcc\xa3" : "\xcc\x81", 2);
	}
	s[1 + 2 * n] = 0;
	clock_t t0 = clock();
	char *r = vn_normalize(s);
	CHECK(utf8_valid(r, strlen(r)));
	free(r);
	r = vn_sort_key(s);
	free(r);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0); /* quadratic: hours */
	free(s);
	uint32_t x = 7;
	char buf[300];
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)round % 299;
		for (size_t i = 0; i < len; i++) {
			x = x * 1664525u + 1013904223u;
			unsigned char c = (unsigned char)(x >> 24);
			buf[i] = (char)(c ? c : 'x');
		}
		buf[len] = 0;
		char *(*fs[])(const char *) = {vn_normalize,
					       vn_normalize_lines,
					       vn_key,
					       vn_ident_key,
					       vn_upper,
					       vn_lower,
					       vn_proper_name,
					       collective_v,
					       honorific_v,
					       vn_sort_key,
					       vn_fix_tone_placement};
		for (size_t f = 0; f < N(fs); f++) {
			r = fs[f](buf);
			if (f != 9)
				CHECK(utf8_valid(r, strlen(r)));
			free(r);
		}
		(void)vn_word_count(buf);
		(void)vn_parse_year(buf);
		(void)vn_is_syllable(buf);
	}
}

/* 200,000 typical cells through the functions the stages use per cell. */
TEST(speed)
{
	const char *cells[] = {"Nguyễn Thị Hường",
			       "Trường Tiểu học Kim Đồng",
			       "1985",
			       "UBND xã Đức Long",
			       "Hoàng Văn Thạch",
			       "Có nhiều đóng góp trong phong trào thi đua"};
	clock_t t0 = clock();
	for (int i = 0; i < 200000; i++) {
		const char *c = cells[i % N(cells)];
		char *a = vn_normalize(c), *b = vn_key(a);
		free(a);
		free(b);
	}
	double sec = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# 200000 normalize+key: %.2f s\n", sec);
	CHECK(sec < 60.0); /* about 0.2 s optimised, 3 s under ASan */
}

/* The quick paths (already normal text copied in one pass) and the full
 * paths agree. */
static void check_paths(const char *s)
{
	char *a = vn_normalize(s), *b = vn_normalize_full(s, 0);
	CHECK_STR(a, b);
	free(a);
	free(b);
	a = vn_normalize_lines(s), b = vn_normalize_full(s, 1);
	CHECK_STR(a, b);
	free(a);
	free(b);
	a = vn_key(s), b = vn_key_full(s, 0);
	CHECK_STR(a, b);
	free(a);
	free(b);
	a = vn_ident_key(s), b = vn_key_full(s, 1);
	CHECK_STR(a, b);
	free(a);
	free(b);
	/* a trailing space or "ç" sends the text down the full path */
	char t[256];
	snprintf(t, sizeof t, "%s ", s);
	a = vn_proper_name(s), b = vn_proper_name(t);
	CHECK_STR(a, b);
	free(a);
	free(b);
	snprintf(t, sizeof t, "%s\xc3\xa7", s);
	a = vn_upper(s), b = vn_upper(t);
	CHECK(strlen(b) == strlen(a) + 2 && strncmp(a, b, strlen(a)) == 0);
	free(a);
	free(b);
	a = vn_lower(s), b = vn_lower(t);
	CHECK(strlen(b) == strlen(a) + 2 && strncmp(a, b, strlen(a)) == 0);
	free(a);
	free(b);
}

TEST(quick_paths_tricky)
{
	static const char *const t[] = {
	    "",
	    " ",
	    "a",
	    "Nguyễn Văn An",
	    "Hòa",
	    "Hoà",
	    "HOÀ",
	    "Thuỷ",
	    "Thủy",
	    "khoẻ",
	    "khỏe",
	    "hoàn",
	    "hòan",
	    "thuyết",
	    "thúyêt",
	    "quý",
	    "qúy",
	    "giữa",
	    "gịưa",
	    "Quỳnh",
	    "Ngọc  Lan",
	    " Lan",
	    "Lan ",
	    "a\nb",
	    "a\n\nb",
	    "a \nb",
	    "a\n b",
	    "\na",
	    "a\n",
	    "a\r\nb",
	    "a\tb",
	    "Lan\xc2\xa0"
	    "Anh",
	    "Lan\xe2\x80\x8b"
	    "Anh",
	    "Lan\xc2\xad"
	    "Anh",
	    "\xef\xbb\xbf"
	    "An",
	    "Ho\xcc\x80"
	    "a",
	    "Hoa\xcc\x80",
	    "Nguye\xcc\x82\xcc\x83n",
	    "e\xcc\x83\xcc\x82",
	    "\xc3\x90\xe1\xbb\xa9"
	    "c",
	    "\xc3\xb0i",
	    "\xc4\x90\xe1\xbb\xa9"
	    "c Long, x\xc3\xa3 \xc4\x90\xe1\xbb\xa9"
	    "c",
	    "T\xe1\xbb\x95 2 \xe2\x80\x93 \xe2\x80\x9c"
	    "b\xe1\xba\xa3n\xe2\x80\x9d\xe2\x80\xa6",
	    "na\xc3\xafve",
	    "\xc3\xa7"
	    "a",
	    "\xc3\xb1o",
	    "\xff"
	    "ab",
	    "a\xe2\x80\xa8"
	    "b",
	    "A\x01"
	    "B",
	    "x\x7fy",
	    "abcdefghijklmnoà",
	    "ngoằngoèo",
	    "UBND XÃ ĐỨC LONG",
	    "Đ/c Hoàng-Anh",
	    "H'Mông",
	    "1985",
	    "Hòa1",
	    "òa",
	    "oà",
	    "uỷ",
	    "ủy",
	    "Khuỷu",
	    "khuỵu",
	    "thuở",
	    "thủơ",
	    "của",
	    "cuả",
	    "mùa",
	    "muà",
	    "quà",
	    "qùa",
	    "giò",
	    "gìo",
	    "gìn",
	    "ươi",
	    "ưới",
	    "ướì",
	    "hoạch",
	    "họach",
	};
	for (size_t i = 0; i < N(t); i++)
		check_paths(t[i]);
	/* the quick path copies normal text; the full path fixes the rest */
	CHECK_FN(vn_normalize, "Nguyễn Văn Hòa", "Nguyễn Văn Hòa");
	CHECK_FN(vn_normalize, "Nguyễn Văn Hoà", "Nguyễn Văn Hòa");
	CHECK_FN(vn_normalize, "Nguye\xcc\x82\xcc\x83n", "Nguyễn");
	CHECK_FN(vn_normalize,
		 "Lan\xc2\xa0\xc2\xa0"
		 "Anh ",
		 "Lan Anh");
	CHECK_FN(vn_key, "Hoà  Bình – “Tổ 2”", "hoa binh to 2");
	CHECK_FN(vn_ident_key, "HOÀ Bình", "hòa bình");
	size_t n;
	char *r = utf8_nfc("Ho\xcc\x80"
			   "a \xe1\xbb\xb7",
			   strlen("Ho\xcc\x80"
				  "a \xe1\xbb\xb7"),
			   &n);
	CHECK_STR(r, "Hòa ỷ");
	CHECK_INT(n, strlen("Hòa ỷ"));
	free(r);
	r = utf8_nfc("a\0b", 3, &n);
	CHECK_INT(n, 3);
	CHECK(memcmp(r, "a\0b", 4) == 0);
	free(r);
}

/* Appends code point c as UTF-8. */
static size_t put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (c >> 12));
	o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

TEST(quick_paths_letters)
{
	/* every precomposed letter and the punctuation the quick path knows,
	 * alone and in syllable shapes (tone placement, case, keys) */
	static const char *const shape[] = {"%",  "h%",	 "%n",	"q%a",	 "o%",	    "%a", "u%",
					    "%y", "gi%", "%i ", "th%ng", "Kh%a\n%", "%%", "1%-%"};
	unsigned cps[400];
	size_t ncp = 0;
	for (unsigned c = 0xA0; c <= 0x1B0; c++)
		cps[ncp++] = c;
	for (unsigned c = 0x1EA0; c <= 0x1EFF; c++)
		cps[ncp++] = c;
	static const unsigned more[] = {0x2013, 0x2014, 0x2018, 0x2019,
					0x201C, 0x201D, 0x2026, 0x2022};
	for (size_t i = 0; i < N(more); i++)
		cps[ncp++] = more[i];
	for (size_t i = 0; i < ncp; i++) {
		char ch[4];
		size_t cl = put_utf8(ch, cps[i]);
		for (size_t k = 0; k < N(shape); k++) {
			char s[64];
			size_t o = 0;
			for (const char *p = shape[k]; *p; p++) {
				if (*p == '%') {
					memcpy(s + o, ch, cl);
					o += cl;
				} else {
					s[o++] = *p;
				}
			}
			s[o] = '\0';
			check_paths(s);
			size_t n;
			char *a = utf8_nfc(s, o, &n);
			char *b = vn_fix_tone_placement(s);
			/* utf8_nfc changes nothing in NFC text */
			CHECK(n == o && memcmp(a, s, o) == 0);
			free(a);
			free(b);
		}
	}
}

TEST(quick_paths_random)
{
	/* random strings over pieces that are normal, nearly normal and not */
	static const char *const piece[] = {"a",
					    "o",
					    "u",
					    "y",
					    "i",
					    "e",
					    "q",
					    "g",
					    "h",
					    "n",
					    "t",
					    "c",
					    "D",
					    "A",
					    "O",
					    "U",
					    "à",
					    "ò",
					    "ả",
					    "ỷ",
					    "ủ",
					    "ư",
					    "ơ",
					    "ê",
					    "ế",
					    "ệ",
					    "ợ",
					    "Ự",
					    "Đ",
					    "đ",
					    "Ò",
					    "Ỷ",
					    "\xcc\x80",
					    "\xcc\x89",
					    "\xcc\x82",
					    "\xcc\xa3",
					    "\xcc\x9b",
					    " ",
					    " ",
					    " ",
					    "  ",
					    "\n",
					    "\t",
					    "\r\n",
					    "\xc2\xa0",
					    "\xe2\x80\x8b",
					    "\xc2\xad",
					    "\xef\xbb\xbf",
					    "\xc3\x90",
					    "\xc3\xb0",
					    "1",
					    "-",
					    "'",
					    ",",
					    "\xe2\x80\x93",
					    "\xe2\x80\x9c",
					    "\xe2\x80\xa6",
					    "\xc3\xa7",
					    "\xff",
					    "\x01",
					    "\xe2\x80\xa8",
					    "\xc3\xa9",
					    "\xc3\xb4"};
	uint32_t x = 20261127;
	for (int it = 0; it < 60000; it++) {
		char s[128];
		size_t o = 0;
		x = x * 1103515245u + 12345u;
		int n = (int)((x >> 16) % 14);
		for (int k = 0; k < n; k++) {
			x = x * 1103515245u + 12345u;
			const char *p = piece[(x >> 16) % N(piece)];
			size_t l = strlen(p);
			memcpy(s + o, p, l);
			o += l;
		}
		s[o] = '\0';
		check_paths(s);
		/* idempotent, and the second pass is the quick one */
		char *a = vn_normalize(s), *b = vn_normalize(a);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
}

TEST(quick_decomposition)
{
	/* precomposed letters (decomposed through the letter table) and their
	 * canonical decomposition from utf8proc give the same results */
	for (unsigned c = 0xC0; c <= 0x1EFF; c++) {
		if (c == 0x1B1)
			c = 0x1EA0;
		utf8proc_int32_t d[8];
		int bc = 0;
		utf8proc_ssize_t k =
		    utf8proc_decompose_char((utf8proc_int32_t)c, d, 8, UTF8PROC_DECOMPOSE, &bc);
		if (k < 1 || k > 8)
			continue;
		char pre[8], nfd[40];
		size_t pl = put_utf8(pre, c), nl = 0;
		pre[pl] = '\0';
		for (utf8proc_ssize_t i = 0; i < k; i++)
			nl += put_utf8(nfd + nl, (unsigned)d[i]);
		nfd[nl] = '\0';
		char *a = vn_normalize_full(pre, 0), *b = vn_normalize_full(nfd, 0);
		CHECK_STR(a, b);
		if (c != 0xD0 && c != 0xF0)
			CHECK_STR(a, pre);
		free(a);
		free(b);
		a = vn_key_full(pre, 1), b = vn_key_full(nfd, 1);
		CHECK_STR(a, b);
		free(a);
		free(b);
		a = vn_upper(pre), b = vn_upper(nfd);
		CHECK_STR(a, b);
		free(a);
		free(b);
		a = vn_lower(pre), b = vn_lower(nfd);
		CHECK_STR(a, b);
		free(a);
		free(b);
		/* with ASCII and punctuation around (quick) and a combining
		 * mark after (full) */
		char mix[64], mixm[64];
		snprintf(mix, sizeof mix, "Ab%s\xe2\x80\x93z", pre);
		snprintf(mixm, sizeof mixm, "Ab%s\xe2\x80\x93z\xcc\x80", nfd);
		a = vn_upper(mix), b = vn_upper(mixm);
		CHECK(strncmp(a, b, strlen(a) - 1) == 0);
		free(a);
		free(b);
		a = vn_lower(mix), b = vn_lower(mixm);
		CHECK(strncmp(a, b, strlen(a) - 1) == 0);
		free(a);
		free(b);
		size_t g1, b1, g2, b2;
		vn_syllable_stats(pre, &g1, &b1);
		vn_syllable_stats(nfd, &g2, &b2);
		CHECK(g1 == g2 && b1 == b2);
	}
}

/* The inline decoder gives dec1_any()'s code point and length for every
 * lead and second byte, third bytes at the continuation edges, and every
 * length available. */
TEST(dec1_inline_matches)
{
	static const unsigned char third[] = {0x00, 0x41, 0x7F, 0x80, 0x8F,
					      0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
	size_t bad = 0;
	for (unsigned a = 0; a < 256; a++)
		for (unsigned b = 0; b < 256; b++)
			for (size_t t = 0; t < N(third); t++)
				for (size_t avail = 1; avail <= 4; avail++) {
					unsigned char p[4] = {(unsigned char)a, (unsigned char)b,
							      third[t], 0x80};
					size_t n1 = 0, n2 = 0;
					unsigned c1 = dec1(p, avail, &n1),
						 c2 = dec1_any(p, avail, &n2);
					bad += c1 != c2 || n1 != n2;
				}
	CHECK_INT(bad, 0);
	size_t n;
	CHECK_INT(dec1((const unsigned char *)"\xE1\xBB\x87", 3, &n), 0x1EC7);
	CHECK_INT(n, 3);
	CHECK_INT(dec1((const unsigned char *)"\xED\xA0\x80", 3, &n), 0xFFFD);
}

int main(int argc, char **argv)
{
	(void)argc;
	vocab_init(&V);
	RUN(dec1_inline_matches);
	if (vocab_load(&V, "templates/plan/tu-vung.csv") != 0)
		return 1;
	RUN(utf8_validity);
	RUN(utf8_decoding);
	RUN(nfc);
	RUN(tone_placement);
	RUN(normalize);
	RUN(normalize_idempotent);
	RUN(normalize_lines);
	RUN(key);
	RUN(ident_key);
	RUN(casing);
	RUN(proper_name);
	RUN(collective_name);
	RUN(strip_honorific);
	RUN(names_vocabulary);
	RUN(words);
	RUN(syllables);
	RUN(collation_names);
	RUN(collation_rules);
	RUN(null_input);
	RUN(name_order);
	RUN(years);
	RUN(hostile);
	RUN(quick_paths_tricky);
	RUN(quick_paths_letters);
	RUN(quick_paths_random);
	RUN(quick_decomposition);
	RUN(speed);
	vocab_release(&V);
	return DONE();
}
