// Tables exported for officers as CSV (RFC 4180) or XLSX, with the HTTP reply that sends them.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type Cell = string | number;

/** RFC 4180 CSV; text cells a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(header: string[], rows: Cell[][]): string {
  const esc = (v: Cell) => {
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`;
}

/** One sheet, a bold header row; number columns keep whole numbers (fen) exact. */
export async function toXlsx(sheet: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  header.forEach((_, i) => {
    if (rows.length && rows.every((r) => typeof r[i] === 'number')) ws.getColumn(i + 1).numFmt = '0';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Send the table as an attachment named `name.csv` or `name.xlsx`. */
export async function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  header: string[],
  rows: Cell[][],
) {
  if (format === 'csv')
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(toCsv(header, rows));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(await toXlsx(name, header, rows));
}
