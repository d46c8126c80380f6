/* vn_names.h - names: a person's, a collective's, honorifics. */
#ifndef DH_VN_NAMES_H
#define DH_VN_NAMES_H

#include <stddef.h>

/* Proper case of a person's name (normalised): each word's first letter
 * upper, the rest lower; a word starts after any non-letter, so "H'MÔNG" ->
 * "H'Mông", "hoàng-anh" -> "Hoàng-Anh".  "NGUYỄN văn AN" -> "Nguyễn Văn An". */
char *vn_proper_name(const char *s);
/* A collective's name: kept as written (normalised), except that text
 * written ALL CAPS is put in proper case word by word, with the common
 * lower-case words of institution names kept lower ("và", "học" in
 * "Tiểu học", "cơ sở"...): "TRƯỜNG TIỂU HỌC KIM ĐỒNG" -> "Trường Tiểu học
 * Kim Đồng", "UBND XÃ ĐỨC LONG" -> "UBND xã Đức Long".  Words that are not
 * Vietnamese syllables (UBND, THCS, II) stay as written.  After a dash or a
 * bracket a new part starts with a capital ("Lao động - Thương binh"). */
char *vn_collective_name(const char *s);
/* Removes a leading honorific or title from a person's name: "Ông", "Bà",
 * "Anh", "Chị", "Đồng chí", "Đ/c", "đ/c", "Đc", "Cô", "Thầy", "Em", "Cháu"
 * (any case, with or without diacritics, followed by space, ':' or '.'),
 * also "Cô giáo", "Thầy giáo"; two in a row ("Ông bà ...") both go.  Only
 * at the start, and only when a name follows ("Ông" alone stays).  Returns
 * a copy (normalised) without it. */
char *vn_strip_honorific(const char *s);

#endif
