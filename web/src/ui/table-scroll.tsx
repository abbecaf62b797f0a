import type { ReactNode } from 'react';

/**
 * A table's last resort on a narrow screen: it scrolls inside its card instead of widening the page. It can take
 * keyboard focus, so people who do not use a mouse can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
