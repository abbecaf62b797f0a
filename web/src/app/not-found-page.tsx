import { Link } from 'react-router';
import { useDocumentTitle } from '../ui/use-document-title.ts';

export default function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="stack">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to your dashboard</Link>.
      </p>
    </div>
  );
}
