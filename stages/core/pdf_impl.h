/* pdf_impl.h - internals that pdf.c (the drawing layer) shares with
 * pdf_layout.c (blocks and tables); not for other callers. */
#ifndef DH_PDF_IMPL_H
#define DH_PDF_IMPL_H

#include "buf.h"
#include "pdf.h"

/* Descent of a Times-metric face, as a fraction of the size. */
#define DESCENT 0.216

/* Offset of the first baseline below the top of a line of this size and lead. */
double pdfi_base_off(double size, double lead);
/* Text objects (BT/ET) around runs of text operators on the current page. */
void pdfi_text_begin(struct pdf *p);
void pdfi_text_end(struct pdf *p);
/* The page's pending graphics operators: appended to, then flushed. */
struct buf *pdfi_ops_buf(struct pdf *p);
void pdfi_put_rect(struct buf *b, double x, double y, double w, double h);
void pdfi_flush_ops(struct pdf *p, struct buf *b);

#endif
