import { NotAvailable } from '../ui/error-state.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

/** Reports: the shared contract has no report routes yet; the page says so rather than inventing any. */
export default function ReportsPage() {
  useDocumentTitle('Reports');
  return (
    <div className="stack">
      <h1>Reports</h1>
      <p>Weekly and monthly summaries of your spending, with charts and a PDF to keep.</p>
      <NotAvailable what="reports" />
    </div>
  );
}
