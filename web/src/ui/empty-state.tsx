import type { ReactNode } from 'react';

/** Says what is missing and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong className="empty-title">{title}</strong>
      {children}
    </div>
  );
}
