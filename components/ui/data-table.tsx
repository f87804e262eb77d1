import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  align?: 'left' | 'right';
  /** Extra classes for the header cell, e.g. a fixed width in a `fixed` table. */
  className?: string;
}

/**
 * The dashboard's table shell: horizontal scrolling, the small uppercase header row, and the body rows the caller
 * renders. A `null` column is left out, for columns that only some views show.
 */
export function DataTable({ columns, testId, fixed = false, children }: { columns: readonly (Column | null)[]; testId: string; fixed?: boolean; children: ReactNode }) {
  const shown = columns.filter((column): column is Column => column !== null);
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-sm ${fixed ? 'table-fixed' : ''}`} data-testid={testId}>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            {shown.map((column, index) => (
              <th
                key={index}
                className={`py-2 ${index < shown.length - 1 ? 'pr-4' : ''} ${column.align === 'right' ? 'text-right' : ''} ${column.className ?? ''}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
