export { type SinkMessage, sinkBody, sinkInbox, until } from './mail-sink.ts';
export { signUpThroughLink, signupLinkTokenFor } from './signup-link.ts';
export { type Ledger, type LinkedItem, TestContext, testContext } from './test-context.ts';
export {
  createEmptyTestDatabase,
  createTestDatabase,
  keptTestDatabase,
  type TestDatabase,
} from './test-database.ts';
export { type TestEnvironment, testEnvironment } from './test-environment.ts';
export { useTestDatabase } from './use-test-database.ts';
