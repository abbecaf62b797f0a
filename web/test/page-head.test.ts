// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PageHead } from '../src/ui/page-head.tsx';

afterEach(cleanup);

describe('PageHead', () => {
  it("says the page's name as its heading and in the browser tab, with the page's controls beside it", () => {
    render(
      createElement(PageHead, { title: 'Net worth' }, createElement('button', { type: 'button' }, 'Next')),
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Net worth');
    expect(document.title).toBe('Net worth · finsync');
    expect(screen.getByRole('button', { name: 'Next' }).parentElement?.className).toBe('page-head');
  });
});
