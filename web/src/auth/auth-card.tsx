import type { ReactNode } from 'react';

/** A signed-out page: one card in the middle of the page, under its heading. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="card auth-card stack">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
