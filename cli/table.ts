/** Plain-text tables for terminal output: numbers right-aligned, everything else left-aligned. */
export type Cell = string | number | null;

function show(cell: Cell): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? cell.toLocaleString('en-US') : cell;
}

export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map(show));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => row[column]?.length ?? 0)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === null));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '─'.repeat(width))), ...text.map(line)].join('\n');
}

/** Cuts long text (failure reasons) to one table-friendly line. */
export function oneLine(text: string | null, max = 80): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
