import { useEffect, useRef } from 'react';

const SHORTCUTS: [key: string, what: string][] = [
  ['/', 'Search'],
  ['j / k', 'Next / previous transaction'],
  ['c', 'Change the category of the current transaction'],
  ['x', 'Select the current transaction'],
  ['Enter or o', 'Open the current transaction'],
  ['?', 'This list'],
  ['Esc', 'Close'],
];

/** The transactions page's keyboard shortcuts, listed in a dialog. */
export function KeyboardShortcuts({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose} data-shortcuts>
      <div className="stack">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
