/* files.h - the month's files list (files.csv) that travels between the
 * stages beside the records: one row per file found, whether or not it gave
 * records.  Ingest fills the first part, validate the unit and the date.
 * A row is an array of FILE_NFIELDS malloc'd strings (NULL = empty).
 */
#ifndef DH_FILES_H
#define DH_FILES_H

#include <stddef.h>
#include <stdio.h>

#define FILE_FIELDS(X)                                                                             \
	X(FL_NGUON, "nguon")	       /* path relative to <input>/ */                             \
	X(FL_SHA256, "sha256")	       /* lowercase hex */                                         \
	X(FL_KICH_THUOC, "kich_thuoc") /* size in bytes */                                         \
	X(FL_NGAY_TEP, "ngay_tep")     /* modification date YYYY-MM-DD */                          \
	X(FL_DINH_DANG, "dinh_dang")   /* docx, csv, doc, pdf, zip, ole, anh, ... */               \
	X(FL_SO_GUONG, "so_guong")     /* records read from the file */                            \
	X(FL_TRUNG_VOI, "trung_voi")   /* nguon of the identical file read instead */              \
	X(FL_LOI, "loi")	       /* file-level problem code, if any */                       \
	X(FL_DON_VI_GOC, "don_vi_goc") /* sender as the document names it */                       \
	X(FL_NGAY_VB, "ngay_vb")       /* date written in the document */                          \
	X(FL_THANG_VB, "thang_vb")     /* month named in the document */                           \
	X(FL_MA_CU, "ma_cu")	       /* legacy encoding converted */                             \
	/* filled by validate */                                                                   \
	X(FL_MA_DON_VI, "ma_don_vi")   /* registry code of the sender */                           \
	X(FL_DON_VI, "don_vi_de_xuat") /* canonical sender name or as written */                   \
	X(FL_NGAY_GUI, "ngay_gui")     /* submission date YYYY-MM-DD */

enum file_field {
#define X(e, name) e,
	FILE_FIELDS(X)
#undef X
	    FILE_NFIELDS
};

extern const char *const file_field_names[FILE_NFIELDS];

struct file_row {
	char *f[FILE_NFIELDS];
};

void file_row_init(struct file_row *r);
void file_row_release(struct file_row *r);
const char *file_row_get(const struct file_row *r, enum file_field k);
void file_row_set(struct file_row *r, enum file_field k, const char *v);
void file_row_write_header(FILE *f);
void file_row_write(FILE *f, const struct file_row *r);
/* Streams files.csv; the row is released after each call. */
typedef int (*file_row_fn)(void *ctx, struct file_row *r);
int file_rows_read(const char *path, file_row_fn cb, void *ctx);

/* A file or folder name (or a path of them) from the disk as text for the
 * outputs: each '/'-separated part as UTF-8 when valid, else decoded as
 * Windows-1258 (the code page such names come in); in NFC (macOS writes
 * NFD); control characters shown as '?'.  Always valid UTF-8; malloc'd. */
char *name_to_utf8(const char *name, size_t len);

#endif
