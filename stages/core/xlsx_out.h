/* xlsx_out.h - tong-hop.xlsx: the month's three output CSVs (dataset.csv,
 * van-de.csv, don-vi.csv) as one Excel workbook for people.
 *
 * One sheet per CSV ("Danh sách", "Vấn đề", "Đơn vị"), one header row of
 * Vietnamese column titles (templates/pdf/tong-hop.conf; a column it does
 * not name keeps its CSV key), then one row per CSV row in the same order.
 * The header row is frozen and carries an autofilter.  Every value is a
 * string cell (never a formula, leading zeros kept), except the counting
 * columns (years, field numbers, counts) whose plain decimal values become
 * numbers.  Text is cleaned like the PDFs' (valid UTF-8, NFC, no control
 * characters) and Excel's "_xHHHH_" escapes in it are themselves escaped.
 *
 * The workbook is byte-identical on rerun: libxlsxwriter stamps zip members
 * 1980-01-01 and the document's created time is the given date.
 */
#ifndef DH_XLSX_OUT_H
#define DH_XLSX_OUT_H

/* Writes <dir>/tong-hop.xlsx from the CSVs in dir (a missing van-de.csv or
 * don-vi.csv gives a sheet with no rows; a missing dataset.csv is an
 * error), through a temporary name renamed over it.  tpl_dir holds
 * tong-hop.conf (NULL: templates/pdf; a missing file leaves CSV keys as
 * titles).  year, month, day: the document's created date.  Returns 0 or
 * -1 (reported). */
int xlsx_write_month(const char *dir, const char *tpl_dir, int year, int month, int day);

#endif
