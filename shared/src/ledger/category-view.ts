import type { Row } from '../db/database.ts';

/** A category as the API and exports show it: camelCase, no user id. */
export function toCategoryView(r: Row<'categories'>) {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    parentId: r.parent_id,
    kind: r.kind,
    isSystem: r.is_system,
    isGroup: r.is_group,
    hidden: r.hidden,
    sortOrder: r.sort_order,
  };
}
