/* vn_names.h - names: a person's, a collective's, honorifics. */
#ifndef DH_VN_NAMES_H
#define DH_VN_NAMES_H

#include <stddef.h>

struct vocab;

/* Proper case of a person's name (normalised): each word's first letter
 * upper, the rest lower; a word starts after any non-letter, so "H'MÔNG" ->
 * "H'Mông", "hoàng-anh" -> "Hoàng-Anh".  "NGUYỄN văn AN" -> "Nguyễn Văn An". */
char *vn_proper_name(const char *s);
/* A collective's name: kept as written (normalised), except that text
 * written ALL CAPS is put in proper case word by word, with the common
 * lower-case words of institution names kept lower ("và", "học" in
 * "Tiểu học", "cơ sở"...: the vocabulary's groups tu-ghep-ten-to-chuc and
 * tu-viet-thuong-trong-ten; with a NULL vocabulary every syllable is
 * capitalised): "TRƯỜNG TIỂU HỌC KIM ĐỒNG" -> "Trường Tiểu học
 * Kim Đồng", "UBND XÃ ĐỨC LONG" -> "UBND xã Đức Long".  Words that are not
 * Vietnamese syllables (UBND, THCS, II) stay as written.  After a dash or a
 * bracket a new part starts with a capital ("Lao động - Thương binh"). */
char *vn_collective_name(const char *s, const struct vocab *voc);
/* Removes a leading honorific from a person's name - one of the
 * vocabulary's group danh-xung ("Ông", "Bà", "Anh", "Chị", "Đồng chí",
 * "Đ/c", "Cô giáo"...; the shipped list also spells them without
 * diacritics), in any case, followed by space, ':' or '.' (phrases are tried
 * in the file's order: a longer one that another begins must come first);
 * two in a row ("Ông bà ...") both go.  Only
 * at the start, and only when a name follows ("Ông" alone stays).  Returns
 * a copy (normalised) without it. */
char *vn_strip_honorific(const char *s, const struct vocab *voc);

#endif
