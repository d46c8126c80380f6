/* office.h - the documents the office edits, signs and sends, written by
 * dh-render beside the PDFs:
 *
 * - danh-sach.docx, bao-cao.docx (a period's bao-cao.docx): the same
 *   documents as the PDFs (the same builders, doc.h), written by the DOCX
 *   back end (doc_docx.h) with the day of the date lines left blank for
 *   signing;
 * - tong-hop.xlsx (xlsx_out.h), monthly runs only;
 * - the letters to units and gui-thu.csv (letters.h), monthly runs only.
 *
 * Texts: van-ban.conf as for the PDFs, thu.conf (the letters) and
 * tong-hop.conf (the workbook's titles) from the same templates folder.
 */
#ifndef DH_OFFICE_H
#define DH_OFFICE_H

#include "render.h"

/* Writes the office part (RP_ROSTER_DOCX .. RP_LETTERS of render.h) from
 * the loaded context c, loading thu.conf on first use.  Returns 0 or -1
 * (reported). */
int office_part(struct render_ctx *c, int part);

/* Leaves the day of "ngày DD tháng" blank in the appendix's "(Kèm theo
 * Báo cáo số ... ngày DD tháng ...)" line of d (the header's date has its
 * own blank form, doc_header.date_blank). */
void office_blank_day(struct doc *d);

#endif
