/**
 * A rule as the API takes it: transactions whose bank text contains `text` are filed under `categoryId`
 * (`extra` adds or overrides fields, such as `enabled`).
 */
export function fileUnderRule(
  name: string,
  text: string,
  categoryId: string,
  extra: { enabled?: boolean } = {},
) {
  return {
    name,
    conditions: [{ field: 'rawName', op: 'contains', value: text }],
    actions: [{ type: 'setCategory', categoryId }],
    ...extra,
  };
}
