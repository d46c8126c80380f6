/* vocab.h - the plan's vocabulary: the Vietnamese words and phrases that the
 * readers and the validator recognise (openers of collective and household
 * names, titles before a person's name, heads of a position, total and
 * signature rows, heads of a sender's name, words of institution names...),
 * as data: templates/plan/tu-vung.csv, columns nhom (group), cum_tu
 * (phrase), one phrase a row, loaded by plan_load().  Grammar and Unicode
 * (syllable inventories, collation, "Hai vợ chồng ông ...") stay in C.
 *
 * Every group the code asks for is listed in VOCAB_GROUPS below; loading
 * fails with a clear message when the file lacks one of them or names a
 * group the code does not know.  Each phrase is kept in three forms, so that
 * one group serves matching with diacritics and without:
 *   VF_LOWER  lower case, normalised (vn_lower(vn_normalize())): "tổng cộng"
 *   VF_KEY    vn_key():       "tong cong"  (case and diacritics ignored)
 *   VF_IDENT  vn_ident_key(): "tổng cộng"  (diacritics kept, punctuation
 *             as spaces)
 * A NULL vocabulary (no plan) has no phrases: nothing matches.
 */
#ifndef DH_VOCAB_H
#define DH_VOCAB_H

#include <stddef.h>

/* X(enum, name in tu-vung.csv, what the group is for) */
#define VOCAB_GROUPS(X)                                                                            \
	X(VG_TU_GHEP, "tu-ghep-ten-to-chuc",                                                       \
	  "words of institution names whose later syllables stay lower case")                      \
	X(VG_TU_THUONG, "tu-viet-thuong-trong-ten", "words kept lower case inside a name")         \
	X(VG_DANH_XUNG, "danh-xung", "honorifics before a person's name")                          \
	X(VG_DANH_XUNG_NAM, "danh-xung-nam", "honorifics that tell a man")                         \
	X(VG_DANH_XUNG_NU, "danh-xung-nu", "honorifics that tell a woman")                         \
	X(VG_CHUC_DANH_TRUOC_TEN, "chuc-danh-truoc-ten", "titles and ranks before a name")         \
	X(VG_DAU_TEN_TAP_THE, "dau-ten-tap-the", "openers of a collective's name")                 \
	X(VG_DAU_TEN_TAP_THE_KD, "dau-ten-tap-the-khong-dau",                                      \
	  "openers of a collective's name, also typed without diacritics")                         \
	X(VG_DAU_TEN_HO, "dau-ten-ho-gia-dinh", "openers of a household's name")                   \
	X(VG_DAU_TEN_HO_KD, "dau-ten-ho-gia-dinh-khong-dau",                                       \
	  "openers of a household's name, also typed without diacritics")                          \
	X(VG_GIOI_TINH_NAM, "gioi-tinh-nam", "a gender cell meaning male")                         \
	X(VG_GIOI_TINH_NU, "gioi-tinh-nu", "a gender cell meaning female")                         \
	X(VG_LOAI_TAP_THE, "loai-tap-the", "a type cell meaning a collective")                     \
	X(VG_LOAI_CA_NHAN, "loai-ca-nhan", "a type cell meaning a person")                         \
	X(VG_LOAI_HO, "loai-ho-gia-dinh", "a type cell meaning a household")                       \
	X(VG_DAU_CHUC_VU, "dau-chuc-vu", "heads of a position")                                    \
	X(VG_DAU_CHUC_VU_KD, "dau-chuc-vu-khong-dau",                                              \
	  "heads of a position, also typed without diacritics")                                    \
	X(VG_DONG_TONG, "dong-tong", "openers of a total row")                                     \
	X(VG_DONG_TONG_NGAN, "dong-tong-ngan", "one-word total rows")                              \
	X(VG_DONG_KY_BANG, "dong-ky-ten-bang", "openers of signature rows under a table")          \
	X(VG_CHUC_DANH_KY, "chuc-danh-ky-ten", "signing titles alone on a row under a table")      \
	X(VG_DONG_KY_BAO_CAO, "dong-ky-ten-bao-cao", "openers of a report's signature block")      \
	X(VG_CHUC_DANH_KY_BAO_CAO, "chuc-danh-ky-ten-bao-cao", "signing titles in a report")       \
	X(VG_DAU_THANH_TICH, "dau-muc-thanh-tich", "headings of a report's achievements")          \
	X(VG_DAU_CO_QUAN_GUI, "dau-ten-co-quan-gui", "heads of a sender's name in a header")       \
	X(VG_DAU_TIEU_DE, "dau-tieu-de-van-ban", "openers of a document's title")                  \
	X(VG_NHAN_DON_VI_GUI, "nhan-don-vi-gui", "labels of the sending unit (\"Đơn vị:\")")       \
	X(VG_DAU_CO_QUAN_KHAC, "dau-ten-co-quan-khac",                                             \
	  "openers of another body's name (a school, a station, a hamlet)")

#define X(e, name, what) e,
enum vocab_group { VOCAB_GROUPS(X) VG_N };
#undef X

enum vocab_form { VF_LOWER, VF_KEY, VF_IDENT };

struct vocab_phrase {
	char *form[3]; /* by enum vocab_form */
};

struct vocab_list {
	struct vocab_phrase *v;
	size_t n, cap;
};

struct vocab {
	struct vocab_list g[VG_N];
	unsigned char seen[VG_N]; /* named by the file that was loaded */
};

void vocab_init(struct vocab *v);
void vocab_release(struct vocab *v);
/* The group's name in tu-vung.csv, and the group of a name (-1 if none). */
const char *vocab_group_name(enum vocab_group g);
int vocab_group_by_name(const char *name);
/* Adds a phrase (any case, diacritics or not) to a group. */
void vocab_add(struct vocab *v, enum vocab_group g, const char *phrase);
/* Loads a tu-vung.csv into v (initialised by the caller).  Returns 0, or -1
 * with the file (and line) reported: an unknown group, a row without a
 * phrase, a group the code asks for that the file lacks. */
int vocab_load(struct vocab *v, const char *path);

size_t vocab_count(const struct vocab *v, enum vocab_group g);
/* Phrase i of group g in form f. */
const char *vocab_phrase(const struct vocab *v, enum vocab_group g, size_t i, enum vocab_form f);

/* The one "starts with these words" test: 1 when s begins with the words
 * w, i.e. with w followed by the end of s or a space. */
int words_start(const char *s, const char *w);
/* 1 + the index of the first phrase of g (in form f) that s begins with
 * (words_start), or 0 when none does. */
size_t vocab_starts(const struct vocab *v, enum vocab_group g, enum vocab_form f, const char *s);
/* 1 when s equals a phrase of g in form f. */
int vocab_is(const struct vocab *v, enum vocab_group g, enum vocab_form f, const char *s);

#endif
