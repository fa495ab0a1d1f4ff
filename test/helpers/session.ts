/**
 * Who is signed in, for integration tests. The app reads the session through one function
 * (`getSessionUserId` in lib/auth/session.ts); test/setup/session.ts replaces it in every
 * integration file with one that answers `testSession.userId`. Nobody is signed in until a test
 * says so, and each test starts signed out again.
 */
export const testSession: { userId: string | null } = { userId: null };

/** Signs `userId` in (or everyone out with null) for the rest of the test. */
export function signIn(userId: string | null): void {
  testSession.userId = userId;
}
