import { describe, expect, it } from 'vitest';
import { LEGEND_SHOWN, legendFold } from './legend-fold';

const accounts = (n: number) => Array.from({ length: n }, (_, i) => `account-${i}`);

describe('the account legend', () => {
  it('names every account while they are few', () => {
    expect(legendFold(accounts(3), false)).toEqual({ shown: accounts(3), more: 0, foldable: false });
    // One more than the dozen is named too: "+1 more" would take the room of the name.
    expect(legendFold(accounts(LEGEND_SHOWN + 1), false).shown).toHaveLength(LEGEND_SHOWN + 1);
  });

  it('folds hundreds into the first dozen and a count, and shows them all when opened', () => {
    const folded = legendFold(accounts(300), false);
    expect(folded.shown).toEqual(accounts(LEGEND_SHOWN));
    expect(folded.more).toBe(300 - LEGEND_SHOWN);
    expect(folded.foldable).toBe(true);
    expect(legendFold(accounts(300), true)).toEqual({ shown: accounts(300), more: 0, foldable: true });
  });
});
