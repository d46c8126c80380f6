/* office.h - the documents the office edits, signs and sends, written by
 * dh-render beside the PDFs: tong-hop.xlsx (xlsx_out.h), and later the
 * DOCX twins of the PDFs and the letters to units.
 */
#ifndef DH_OFFICE_H
#define DH_OFFICE_H

#include "render.h"

/* Writes the office documents of o->dir (monthly runs only; a period run
 * writes none).  Returns 0 or -1 (reported). */
int office_run(const struct render_opts *o);

#endif
