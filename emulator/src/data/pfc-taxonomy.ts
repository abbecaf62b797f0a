import { readFileSync } from 'node:fs';

export interface PfcEntry {
  primary: string;
  detailed: string;
  /** PFC v1 equivalent, null where v2 introduced the code. */
  v1: { primary: string; detailed: string } | null;
}

/** Plaid's v2 personal-finance-category taxonomy with the v1 crosswalk (vendored CSV). */
export class PfcTaxonomy {
  readonly #byDetailed: Map<string, PfcEntry>;

  constructor(entries: Iterable<PfcEntry>) {
    this.#byDetailed = new Map([...entries].map((e) => [e.detailed, e]));
  }

  static load(path: URL = new URL('../../data/pfc-taxonomy-v2.csv', import.meta.url)): PfcTaxonomy {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(2);
    const entries: PfcEntry[] = [];
    for (const line of lines) {
      const [primary, detailed, , v1Primary, v1Detailed] = line.split(',');
      if (!primary || !detailed) continue;
      entries.push({
        primary,
        detailed,
        v1: v1Primary && v1Detailed ? { primary: v1Primary, detailed: v1Detailed } : null,
      });
    }
    return new PfcTaxonomy(entries);
  }

  get(detailed: string): PfcEntry {
    const entry = this.#byDetailed.get(detailed);
    if (!entry) throw new Error(`unknown PFC v2 detailed category ${detailed}`);
    return entry;
  }

  has(detailed: string): boolean {
    return this.#byDetailed.has(detailed);
  }

  /** The v1 code for a v2 one (v2-only codes fall back to their primary's OTHER code). */
  toV1(detailed: string): { primary: string; detailed: string } {
    const entry = this.get(detailed);
    if (entry.v1) return entry.v1;
    const primary = entry.primary === 'LOAN_DISBURSEMENTS' ? 'TRANSFER_IN' : entry.primary;
    const other = [...this.#byDetailed.values()].find(
      (e) => e.v1?.primary === primary && e.v1.detailed.includes('_OTHER'),
    );
    return (
      other?.v1 ?? {
        primary: 'GENERAL_MERCHANDISE',
        detailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
      }
    );
  }
}
