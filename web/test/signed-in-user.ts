/** The signed-in user /auth/session answers in page tests. */
export const signedInUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  displayName: null,
  timezone: 'UTC',
  currency: 'USD',
  locale: 'en-US',
  mfaEnabled: false,
  passkeyTwoStep: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};
