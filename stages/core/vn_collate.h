/* vn_collate.h - Vietnamese collation. */
#ifndef DH_VN_COLLATE_H
#define DH_VN_COLLATE_H

#include <stddef.h>

/* Vietnamese collation.  The sort key is a byte string whose strcmp()/
 * memcmp() order is: letters by the Vietnamese alphabet (a ă â b c d đ e ê
 * g h i k l m n o ô ơ p q r s t u ư v x y) ignoring tones and case first;
 * then tones (none, huyền, hỏi, ngã, sắc, nặng); then case (lower first).
 * Digits before letters; runs of digits compare by value ("Tổ 2" < "Tổ 10").
 * Punctuation and spaces separate words and sort before any letter, so
 * names compare word by word ("An" < "An Bình" < "Anh").  f, j, w, z sit in
 * their Latin places; other scripts after all Latin letters.  The input is
 * normalised first (vn_normalize), and the key ends with the normalised text,
 * so two keys are equal only for equal normalised texts.  The key holds no
 * NUL bytes (binary otherwise); compare with strcmp(). */
char *vn_sort_key(const char *s);
/* Sort key of a person's name in the usual order of Vietnamese lists: by
 * the given name (the last word) first, then by the whole name ("Lê Văn An"
 * < "Nguyễn Thị Bình" < "Trần An Bình"). */
char *vn_name_sort_key(const char *name);
/* strcmp() of the two sort keys: -1, 0 or 1.  Builds both keys, so sort
 * large sets by precomputed vn_sort_key() instead. */
int vn_collate(const char *a, const char *b);

#endif
