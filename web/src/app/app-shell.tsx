import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../session/session-context.tsx';
import { ThemeToggle } from '../theme/theme-toggle.tsx';

const links = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/transactions', label: 'Transactions' },
  { to: '/budgets', label: 'Budgets' },
  { to: '/recurring', label: 'Bills' },
  { to: '/net-worth', label: 'Net worth' },
  { to: '/goals', label: 'Goals' },
  { to: '/rules', label: 'Rules' },
  { to: '/categories', label: 'Categories' },
  { to: '/reports', label: 'Reports' },
  { to: '/connections', label: 'Connections' },
  { to: '/import', label: 'Import' },
  { to: '/settings', label: 'Settings' },
];

export function AppShell() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <Link to="/" className="brand">
          finsync
        </Link>
        <nav aria-label="Main" className="nav">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.end ?? false}>
              {l.label}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          <ThemeToggle />
          <span className="small muted account-email">{user?.email}</span>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
