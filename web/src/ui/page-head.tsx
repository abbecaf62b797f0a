import type { ReactNode } from 'react';
import { useDocumentTitle } from './use-document-title.ts';

/** A page's heading, which also names the browser tab, with the page's own controls beside it. */
export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
