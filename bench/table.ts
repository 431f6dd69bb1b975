/** Plain-text tables, columns aligned, numbers right-aligned: easy to read and to paste into bench/README.md. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => /^[-\d.,×%]+( ?[a-zA-Z/µ]+)?$|^—$/.test(row[column] ?? '')));
  const line = (cells: readonly string[]) =>
    '| ' + cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ') + ' |';
  const rule = '|' + widths.map((width, column) => (numeric[column] ? '-'.repeat(width + 1) + ':' : '-'.repeat(width + 2))).join('|') + '|';
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** 1234567.8 → "1,234,568"; below 10, two decimals. */
export function formatNumber(value: number, decimals = value < 10 ? 2 : 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatRatio(value: number): string {
  return `${value >= 10 ? formatNumber(value, 0) : formatNumber(value, 2)}×`;
}
