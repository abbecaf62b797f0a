// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FormErrors } from '../src/ui/form-errors.tsx';
import { SelectOptions } from '../src/ui/select-options.tsx';

afterEach(cleanup);

describe('SelectOptions', () => {
  const options = () =>
    [...screen.getByRole<HTMLSelectElement>('combobox').options].map((o) => [o.value, o.textContent]);

  it('lists a value → label map in its order', () => {
    render(
      createElement('select', null, createElement(SelectOptions, { labels: { dmy: 'DD/MM', ymd: 'YYYY' } })),
    );
    expect(options()).toEqual([
      ['dmy', 'DD/MM'],
      ['ymd', 'YYYY'],
    ]);
  });

  it('lists plain values as their own labels', () => {
    render(createElement('select', null, createElement(SelectOptions, { values: ['checking', 'cash'] })));
    expect(options()).toEqual([
      ['checking', 'checking'],
      ['cash', 'cash'],
    ]);
  });
});

describe('FormErrors', () => {
  it('shows what cannot be sent quietly and announces what the server refused', () => {
    render(createElement(FormErrors, { invalid: 'Enter an amount', refused: new Error('Budget exists') }));
    expect(screen.getByText('Enter an amount').getAttribute('role')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Budget exists');
  });

  it('says something went wrong for a refusal that is no Error, and shows nothing without either', () => {
    const { container, rerender } = render(createElement(FormErrors, { refused: 'boom' }));
    expect(screen.getByRole('alert').textContent).toBe('something went wrong');
    rerender(createElement(FormErrors, { invalid: null, refused: null }));
    expect(container.textContent).toBe('');
  });
});
