/** What the user reads when no Link script could load (offline, blocked): the way out is the hosted page. */
export const LINK_SCRIPT_FAILED =
  'The bank link window could not load (no connection to Plaid, or it was blocked). Use the hosted page instead: it opens the same bank link in this tab.';
