import { useEffect } from 'react';

export interface UndoableChange {
  message: string;
  /** Puts the change back; absent for a message with nothing to undo. */
  undo?: () => void;
}

/** A short-lived message at the bottom of the screen with an Undo button; it never blocks the page. */
export function UndoToast({ change, onDone }: { change: UndoableChange; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, 8000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className="toast" role="status" data-undo-toast>
      <span>{change.message}</span>
      {change.undo ? (
        <button
          type="button"
          onClick={() => {
            change.undo?.();
            onDone();
          }}
        >
          Undo
        </button>
      ) : null}
      <button type="button" className="link" aria-label="Dismiss" onClick={onDone}>
        ×
      </button>
    </div>
  );
}
