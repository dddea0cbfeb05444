// How many of the accounts the header's legend names: hundreds would take much of the page, so
// past a dozen the rest wait behind "+N more". Folding one alone would save nothing.

/** Accounts named before the legend folds the rest. */
export const LEGEND_SHOWN = 12;

export function legendFold<T>(accounts: readonly T[], open: boolean): { shown: readonly T[]; more: number; foldable: boolean } {
  const foldable = accounts.length > LEGEND_SHOWN + 1;
  if (!foldable || open) return { shown: accounts, more: 0, foldable };
  return { shown: accounts.slice(0, LEGEND_SHOWN), more: accounts.length - LEGEND_SHOWN, foldable };
}
