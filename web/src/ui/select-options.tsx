/**
 * The <option>s of a select: from a value → label map (in its order), or from values that read as their own
 * labels.
 */
export function SelectOptions({
  labels,
  values,
}: {
  labels?: Readonly<Record<string, string>>;
  values?: readonly string[];
}) {
  const entries = labels ? Object.entries(labels) : (values ?? []).map((v) => [v, v] as const);
  return entries.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
