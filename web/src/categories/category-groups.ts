import type { Category } from '../api/contract-types.ts';

export interface CategoryGroup {
  /** The group's own name, or "Other" for categories outside any group. */
  label: string;
  options: Category[];
}

/**
 * The categories a transaction can take, under their groups in the user's order: names the user sees (their own,
 * renamed or added), never a hidden one, and each name once per group — "Savings" under "Transfer in" and under
 * "Transfer out" are two categories, told apart by their group.
 */
export function groupCategories(categories: readonly Category[]): CategoryGroup[] {
  const byOrder = [...categories].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  const groups = byOrder.filter((c) => c.isGroup && !c.hidden);
  const leaves = byOrder.filter((c) => !c.isGroup && !c.hidden);
  const result: CategoryGroup[] = [];
  for (const group of groups) {
    const options = unique(leaves.filter((c) => c.parentId === group.id));
    if (options.length) result.push({ label: group.name, options });
  }
  const grouped = new Set(groups.map((g) => g.id));
  const other = unique(leaves.filter((c) => !c.parentId || !grouped.has(c.parentId)));
  if (other.length) result.push({ label: 'Other', options: other });
  return result;
}

function unique(options: Category[]): Category[] {
  const seen = new Set<string>();
  return options.filter((c) => {
    const key = c.name.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
