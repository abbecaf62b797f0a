// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryError } from '../src/ui/error-state.tsx';

afterEach(cleanup);

describe('QueryError', () => {
  it('says what could not be loaded and why, and "Try again" reads again', () => {
    let reads = 0;
    const query = { error: new Error('The server is down.'), refetch: () => reads++ };
    render(createElement(QueryError, { query, what: 'your goals' }));
    expect(screen.getByRole('alert').textContent).toContain('Could not load your goals. The server is down.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reads).toBe(1);
  });

  it('shows nothing while the read has not failed', () => {
    const { container } = render(
      createElement(QueryError, { query: { error: null, refetch: () => 0 }, what: 'x' }),
    );
    expect(container.textContent).toBe('');
  });
});
