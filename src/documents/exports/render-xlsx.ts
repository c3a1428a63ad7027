// exceljs is loaded by the first spreadsheet export, not by every process that might make one:
// importing it costs a process about 25 MB RSS, and most never export to Excel.
import type ExcelJS from 'exceljs';
import type { Cell, Table } from './tabulate.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Excel refuses these in sheet names, and names longer than 31 characters. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/?*:[\]\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || 'List';
  // Excel compares sheet names case-insensitively and reserves "History".
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const candidate = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
    const key = candidate.toLowerCase();
    if (!taken.has(key) && key !== 'history') {
      taken.add(key);
      return candidate;
    }
  }
}

/** Strings stay text (never formulas); ISO dates become date cells; numbers and booleans keep their type. */
function xlsxValue(cell: Cell): ExcelJS.CellValue {
  if (typeof cell === 'string' && ISO_DATE.test(cell)) {
    const date = new Date(`${cell}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(cell)) return date;
  }
  return cell;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(xlsxValue));
    row.forEach((cell, i) => {
      if (typeof cell === 'string' && ISO_DATE.test(cell)) added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  table.columns.forEach((column, i) => {
    const longest = Math.max(column.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
}

/** A workbook with the summary sheet first, then one sheet per list. */
export async function renderXlsx(sheets: Array<{ name: string; table: Table }>): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'docsift';
  const taken = new Set<string>();
  for (const s of sheets) addSheet(workbook, sheetName(s.name, taken), s.table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
