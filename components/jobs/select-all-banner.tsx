'use client';

import { formatCount } from '../format';

export interface SelectAllBannerProps {
  /** Jobs shown (and all selected). */
  shown: number;
  /** How many jobs match the list, when known (null while a search has not scanned to the end). */
  matching: number | null;
  searching: boolean;
  stateName: string;
  allMatching: boolean;
  onSelectAll(): void;
  onClear(): void;
}

/** Like a mail client: with the page selected, offer every matching job; the exact count comes before acting. */
export function SelectAllBanner(props: SelectAllBannerProps) {
  const what = props.searching ? 'jobs matching this search' : `${props.stateName} jobs`;
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100" data-testid="select-all-banner">
      {props.allMatching ? (
        <>
          <span data-testid="all-matching-selected">
            All {props.matching === null ? '' : `${formatCount(props.matching)} `}
            {what} are selected{props.matching === null ? ', including those not scanned yet' : ''}.
          </span>
          <button type="button" className="underline" onClick={props.onClear}>
            Clear selection
          </button>
        </>
      ) : (
        <>
          <span>
            All {formatCount(props.shown)} jobs shown are selected.
          </span>
          <button type="button" data-testid="select-all-matching" className="font-medium underline" onClick={props.onSelectAll}>
            Select all {props.matching === null ? '' : `${formatCount(props.matching)} `}
            {what}
          </button>
        </>
      )}
    </div>
  );
}
