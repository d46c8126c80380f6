/* vn_text.h - Vietnamese text: normalisation, tone placement, matching keys,
 * casing, syllables, words, years.  (Conventions: see text.h.) */
#ifndef DH_VN_TEXT_H
#define DH_VN_TEXT_H

#include <stddef.h>

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

/* Parses a four-digit year in the text ("1985", "12/03/1985", "1985 (Nữ)"):
 * the first run of exactly four ASCII digits with a value in 1800..2199.
 * Returns the year or 0. */
int vn_parse_year(const char *s);

#endif
