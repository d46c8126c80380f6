/* utf8.h - UTF-8 mechanics: decoding and NFC. */
#ifndef DH_UTF8_H
#define DH_UTF8_H

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

#endif
