import { Link } from 'react-router';
import { NotAvailable } from '../ui/error-state.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

/** One report; reachable from the email's link, which asks for sign-in first when logged out. */
export default function ReportPage() {
  useDocumentTitle('Report');
  return (
    <div className="stack">
      <h1>Report</h1>
      <NotAvailable what="this report" />
      <Link to="/reports">All reports</Link>
    </div>
  );
}
