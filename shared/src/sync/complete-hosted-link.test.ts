import { describe, expect, it } from 'vitest';
import { finishedPublicTokens } from './complete-hosted-link.ts';

const added = (...tokens: string[]) => ({
  item_add_results: tokens.map((public_token) => ({ public_token, accounts: [], institution: null })),
});

describe('finishedPublicTokens', () => {
  it.each([
    ['no sessions yet', { link_sessions: [] }, []],
    ['sessions missing', {}, []],
    ['a session the user exited', { link_sessions: [{ link_session_id: 's', results: null, exit: {} }] }, []],
    [
      'one item added',
      { link_sessions: [{ link_session_id: 's', results: added('public-a') }] },
      ['public-a'],
    ],
    [
      'multi-item sessions keep their order',
      {
        link_sessions: [
          { link_session_id: 's1', results: added('public-a', 'public-b') },
          { link_session_id: 's2', results: added('public-c') },
        ],
      },
      ['public-a', 'public-b', 'public-c'],
    ],
    [
      'the deprecated on_success when results are absent',
      {
        link_sessions: [{ link_session_id: 's', on_success: { public_token: 'public-old', metadata: null } }],
      },
      ['public-old'],
    ],
    [
      'results win over on_success, and a token is listed once',
      {
        link_sessions: [
          {
            link_session_id: 's',
            results: added('public-a'),
            on_success: { public_token: 'public-a', metadata: null },
          },
          { link_session_id: 's2', results: added('public-a') },
        ],
      },
      ['public-a'],
    ],
  ])('%s', (_name, response, expected) => {
    expect(finishedPublicTokens(response as Parameters<typeof finishedPublicTokens>[0])).toEqual(expected);
  });
});
