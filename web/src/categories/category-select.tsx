import type { Category } from '../api/contract-types.ts';

interface CategorySelectProps {
  id: string;
  /** A category id, or '' for the first option. */
  value: string;
  onChange: (value: string) => void;
  categories: readonly Category[];
  /** What the first option ('') means here: "Uncategorized", "(leave the category)", … */
  emptyLabel: string;
}

/** A plain select of categories by name, the first option standing for none. */
export function CategorySelect({ id, value, onChange, categories, emptyLabel }: CategorySelectProps) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{emptyLabel}</option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
