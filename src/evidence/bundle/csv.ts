import type { HashedSink } from "./sink.js";

const FORMULA = /^(?:[\t\r]|[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/**
 * One CSV cell (RFC 4180 quoting). Cells a spreadsheet would read as a formula (starting with
 * `=`, `+`, `-`, `@` or their full-width forms, also after leading spaces, or with a tab or carriage
 * return) get a leading `'` so they stay text. A cell with `;` is quoted too: spreadsheets in locales
 * whose list separator is `;` would split it there, and what follows could start a formula cell.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);
  if (FORMULA.test(text)) text = "'" + text;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with CRLF ending. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** A CSV file written row by row from objects, in a fixed column order. */
export class CsvSink<T> {
  constructor(
    private readonly sink: HashedSink,
    private readonly columns: readonly (readonly [string, (row: T) => unknown])[],
  ) {}

  async open(): Promise<void> {
    await this.sink.write(csvLine(this.columns.map(([name]) => name)));
  }

  async push(row: T): Promise<void> {
    await this.sink.write(csvLine(this.columns.map(([, get]) => get(row))));
  }

  close() {
    return this.sink.close();
  }
}
