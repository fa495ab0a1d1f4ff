import { beforeEach, vi } from "vitest";
import { testSession } from "../helpers/session";

// next-auth's getServerSession needs a request context the tests do not have; the session is
// whatever test/helpers/session.ts says, reset before each test.
vi.mock("@/lib/auth/session", async () => {
  const { testSession } = await import("../helpers/session");
  return { getSessionUserId: async () => testSession.userId };
});

beforeEach(() => {
  testSession.userId = null;
});
