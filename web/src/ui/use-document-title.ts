import { useEffect } from 'react';

/** Each page names itself, so screen readers and tabs say where you are. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · finsync`;
  }, [title]);
}
