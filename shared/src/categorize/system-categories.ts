import type { CategoryKind } from '../db/database.ts';
import { pfcDetailed, pfcPrimaries, pfcV1ToV2 } from './pfc-taxonomy.ts';

/** A category finsync creates for every user: Plaid's primaries become groups, detailed codes categories. */
export interface SystemCategory {
  key: string;
  name: string;
  kind: CategoryKind;
  isGroup: boolean;
  parentKey: string | null;
  pfcPrimary: string;
  pfcDetailed: string | null;
  sortOrder: number;
}

function groupKind(primary: string): CategoryKind {
  const kinds = new Set(pfcDetailed.filter((d) => d.primary === primary).map((d) => d.kind));
  return kinds.size === 1 ? [...kinds][0]! : 'expense';
}

/** The system categories in display order, groups before their children. */
export function systemCategories(): SystemCategory[] {
  const out: SystemCategory[] = [];
  pfcPrimaries.forEach((p, i) => {
    out.push({
      key: p.code,
      name: p.name,
      kind: groupKind(p.code),
      isGroup: true,
      parentKey: null,
      pfcPrimary: p.code,
      pfcDetailed: null,
      sortOrder: i * 100,
    });
    pfcDetailed
      .filter((d) => d.primary === p.code)
      .forEach((d, j) => {
        out.push({
          key: d.code,
          name: d.name,
          kind: d.kind,
          isGroup: false,
          parentKey: p.code,
          pfcPrimary: p.code,
          pfcDetailed: d.code,
          sortOrder: i * 100 + j + 1,
        });
      });
  });
  return out;
}

/** Plaid may still send v1 codes; this normalizes them to the v2 code the categories use. */
export function normalizePfcDetailed(code: string | null | undefined): string | null {
  if (!code) return null;
  return pfcV1ToV2[code] ?? code;
}
