/**
 * The first `count` of `items` in `compare`'s order, as a stable sort then slice would give them, without
 * sorting the thousands of payees or transactions of a month for the ten shown.
 */
export function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (count <= 0) return top;
  for (const item of items) {
    if (top.length === count && compare(item, top[count - 1]!) >= 0) continue;
    // After every kept item that is not after it: ties keep their input order.
    let at = top.length;
    while (at > 0 && compare(item, top[at - 1]!) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > count) top.pop();
  }
  return top;
}
