/* text.h - Vietnamese text core: UTF-8, normalisation, matching keys,
 * names, collation.
 *
 * All functions take NUL-terminated UTF-8 (invalid sequences are replaced by
 * U+FFFD, never trusted) and return malloc'd NUL-terminated UTF-8 in NFC.
 * None of them fails.  A NULL string is taken as "".  All are thread-safe
 * (no static state) and linear in the input.
 *
 * Tone-mark placement convention ("the plan's"): the old style, as the plan
 * writes it - "Hòa", "Thụy", "khỏe", "thủy": in oa, oe, uy without a final
 * consonant the mark sits on the first vowel; with a final consonant
 * ("hoàn", "thuyết") on the second.  "Hoà" -> "Hòa", "Thuỷ" -> "Thủy".
 */
#ifndef DH_TEXT_H
#define DH_TEXT_H

#include <stddef.h>

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);
/* Decodes one code point at *s (advancing it); U+FFFD on a bad sequence
 * (advancing past its maximal bad prefix).  At the terminating NUL returns 0
 * and does not advance. */
unsigned utf8_next(const char **s);

/* NFC only, of s[0..len): embedded NUL bytes are kept, invalid UTF-8
 * becomes U+FFFD.  *outlen (may be NULL) gets the length of the result. */
char *utf8_nfc(const char *s, size_t len, size_t *outlen);

/* NFC; every run of white space (including NBSP, tabs, line breaks, zero-
 * width spaces) becomes one space; trimmed; control and format characters
 * (soft hyphen, BOM, bidi marks) dropped; the eth letters "Ð" "ð" (common
 * stand-ins, and Windows-1258 read as Latin-1) become "Đ" "đ"; tone marks placed by the convention
 * above.  At most 30 combining marks are kept on one letter.  Idempotent. */
char *vn_normalize(const char *s);
/* As vn_normalize but keeps line breaks (each line normalised, empty lines
 * collapsed); for multi-line cells and paragraphs. */
char *vn_normalize_lines(const char *s);
/* vn_normalize (keep_lines 0) or vn_normalize_lines (1), and vn_key (ident
 * 0) or vn_ident_key (1), without their quick path: text that is already
 * normal (ASCII and precomposed Vietnamese letters, single spaces, tones in
 * place) is recognised in one pass and copied; these always take the full
 * path through code points.  Same results; for the tests that say so. */
char *vn_normalize_full(const char *s, int keep_lines);
char *vn_key_full(const char *s, int ident);
/* Tone-mark placement only (input NFC or not; output NFC). */
char *vn_fix_tone_placement(const char *s);

/* Matching key: lower case, diacritics removed ("đ" -> "d"), every
 * non-alphanumeric run -> one space, trimmed.  "Đức  Long," -> "duc long". */
char *vn_key(const char *s);
/* Identity key: lower case, NFC, tone placement normalised, diacritics KEPT,
 * punctuation -> space, spaces collapsed.  For duplicates: "Nguyễn Văn Hoà"
 * and "NGUYỄN VĂN HÒA" give the same key; "Nguyen Van Hoa" does not. */
char *vn_ident_key(const char *s);

/* Upper / lower case (full Vietnamese, NFC). */
char *vn_upper(const char *s);
char *vn_lower(const char *s);
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

/* 1 when word is one valid Vietnamese syllable (initial, nucleus and final
 * from the Vietnamese inventories, at most one tone, stop finals only with
 * sắc/nặng); "nghiêng", "Quý", "giữa" yes, "UBND", "THCS", "Néi" no. */
int vn_is_syllable(const char *word);
/* Over the words of s that hold a non-ASCII letter: *good counts those that
 * are valid syllables, *bad the others.  Used to score legacy decodings. */
void vn_syllable_stats(const char *s, size_t *good, size_t *bad);

/* Number of words (runs of letters/digits). */
size_t vn_word_count(const char *s);
/* 1 when the key `needle` (a vn_key) occurs in the key `hay` (a vn_key) on
 * word boundaries.  An empty needle is never contained. */
int vn_key_contains(const char *hay, const char *needle);

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

/* Parses a four-digit year in the text ("1985", "12/03/1985", "1985 (Nữ)"):
 * the first run of exactly four ASCII digits with a value in 1800..2199.
 * Returns the year or 0. */
int vn_parse_year(const char *s);

#endif
