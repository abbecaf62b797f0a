import type { ReactNode } from 'react';

/**
 * Why what the user just did did not work, announced at once (role="alert"); nothing while there is no
 * message. `children` follow the message: a way on, such as a link to start again.
 */
export function ErrorAlert({
  message,
  children,
}: {
  message: string | null | undefined;
  children?: ReactNode;
}) {
  if (!message) return null;
  return (
    <div className="alert error" role="alert">
      {message}
      {children ? <> {children}</> : null}
    </div>
  );
}
