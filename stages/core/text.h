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

/* The text core, one header per concern: */
#include "utf8.h"	/* utf8.c: decoding, NFC */
#include "vn_text.h"	/* vn_text.c: normalisation, keys, casing, syllables */
#include "vn_names.h"	/* vn_names.c: names and honorifics */
#include "vn_collate.h" /* vn_collate.c: collation */

#endif
