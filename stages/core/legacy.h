/* legacy.h - legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows,
 * Windows-1258) and detection of a text file's encoding.
 *
 * Conversion uses full mapping tables (all 134 Vietnamese letters, upper and
 * lower case, plus the shared ASCII); the output is UTF-8 NFC.
 */
#ifndef DH_LEGACY_H
#define DH_LEGACY_H

#include <stddef.h>

enum text_encoding {
	ENC_UTF8,    /* UTF-8, with or without BOM */
	ENC_UTF16LE, /* with BOM FF FE */
	ENC_UTF16BE, /* with BOM FE FF */
	ENC_CP1258,  /* Windows-1258 (Excel on Vietnamese Windows) */
	ENC_TCVN3,   /* TCVN 5712:1993 VN3 ("ABC", .VnTime fonts) */
	ENC_VNI,     /* VNI-Windows (VNI-Times fonts) */
	ENC_UNKNOWN, /* not text in any supported encoding */
};

/* "UTF-8", "UTF-16LE", ..., "TCVN3", "VNI", "Windows-1258". */
const char *text_encoding_name(enum text_encoding e);
/* 1 for the legacy encodings that get the ma_cu mark (CP1258, TCVN3, VNI). */
int text_encoding_is_legacy(enum text_encoding e);

/* Detects the encoding of raw file bytes: BOMs first; valid UTF-8 (pure
 * ASCII and empty data included); else the legacy 8-bit candidate whose
 * decoding yields the most valid Vietnamese syllables (ties, and a single
 * syllable's worth of evidence, go to Windows-1258, which is also the answer
 * for Latin-1-like text that reads as no Vietnamese).  NUL bytes without a BOM: UTF-16LE/BE when
 * the NULs sit in every other byte (ASCII-heavy text), else ENC_UNKNOWN.  ENC_UNKNOWN too for many
 * control bytes, or mostly non-ASCII bytes that read as no Vietnamese.  Counts bytes in the first
 * 256 KiB; scores at most 64 KiB (ending at a line end when one is in its second half) from the
 * first non-ASCII line; linear time. */
enum text_encoding text_detect(const char *data, size_t len);

/* Converts data in encoding e to UTF-8 NFC (BOM removed).  Returns 0, or -1
 * when the bytes are invalid for e (then *out is NULL): invalid UTF-8, UTF-16
 * of odd length, ENC_UNKNOWN (not reported: the caller names the file).  Unpaired UTF-16 surrogates
 * become U+FFFD.  The 8-bit encodings never fail.  NUL bytes are kept; *outlen (may be NULL) gets
 * the length. */
int text_to_utf8(const char *data, size_t len, enum text_encoding e, char **out, size_t *outlen);

/* Repairs UTF-8 text that was read as Windows-1252 and saved again as UTF-8
 * ("HÃ  Ná»™i" -> "Hà Nội", Excel's doing): when every character of s[0..len)
 * is a Windows-1252 character, their bytes form valid UTF-8 with non-ASCII
 * letters, and that reads as no less Vietnamese, returns the repaired NFC text
 * (its length in *outlen); else NULL.  text_to_utf8() applies it to UTF-8
 * and UTF-16 data. */
char *legacy_undo_mojibake(const char *s, size_t len, size_t *outlen);

/* Byte-string decoders (8-bit input), output UTF-8 NFC.  TCVN3 decodes the
 * VN3 positions 0xA1..0xFF (the same bytes as glibc's TCVN5712-1 there) and
 * keeps 0x00..0xA0 as Windows-1252 (quotes and dashes of Word), unless the
 * data reads better with the VN1 capitals at 0x80..0x9F and 0x01..0x17 (as
 * iconv's TCVN5712-1 writes upper case); VNI-Windows
 * combines a base letter with its following mark bytes; Windows-1258
 * composes its combining tone marks. */
char *tcvn3_to_utf8(const unsigned char *s, size_t len);
char *vni_to_utf8(const unsigned char *s, size_t len);
char *cp1258_to_utf8(const unsigned char *s, size_t len);
/* The code point of Windows-1252 byte b. */
unsigned cp1252_char(unsigned char b);

/* Fonts of DOCX runs. */
enum legacy_font {
	FONT_UNICODE,	 /* any Unicode font */
	FONT_TCVN3,	 /* ".VnTime", ".VnArial"... */
	FONT_TCVN3_CAPS, /* ".VnTimeH", ".VnArialH"... (capitals font) */
	FONT_VNI,	 /* "VNI-Times", "VNI-Helve"... */
};
enum legacy_font legacy_font_kind(const char *font_name);
/* Text of a run in a legacy font, as it arrives in document.xml (each byte
 * shown as its Windows-1252 character, or as U+F0xx for a symbol-charset
 * font), converted to UTF-8 NFC; other characters pass through.  The
 * capitals font gives upper case.  For FONT_UNICODE returns an NFC copy.
 * A run that holds a Vietnamese letter no legacy byte can show (ạ, ơ, đ...)
 * was typed in Unicode despite its font: returned as an NFC copy too. */
char *legacy_run_to_utf8(const char *utf8, enum legacy_font font);
/* As legacy_run_to_utf8; *converted (may be NULL) is set to 1 when legacy
 * bytes were actually converted (the ma_cu mark), 0 for Unicode or ASCII-only
 * text. */
char *legacy_run_decode(const char *utf8, enum legacy_font font, int *converted);
/* Heuristic for text that is already in a Unicode string but looks like
 * TCVN3 or VNI shown through Windows-1252 ("Th¹ch An", "Haø Noäi"): returns
 * the legacy font kind it most likely is, or FONT_UNICODE. */
enum legacy_font legacy_guess_mojibake(const char *utf8);

#endif
