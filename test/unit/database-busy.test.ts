import { describe, expect, test } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseBusyError, HTTP_STATUS } from "@/lib/errors";
import { errorResponse } from "@/lib/api/handler";

// The message Prisma 7.10 gave when an instance's pool had no connection within the transaction's
// maxWait, seen under load through PgBouncer (npm run scale:demo, docs/BENCHMARKS.md).
const prismaError = (code: string, message: string) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: Prisma.prismaVersion.client });

describe("a database too busy to lend a connection", () => {
  test("answers 503 with Retry-After, not 500", async () => {
    const busy = databaseBusyError(prismaError("P2028", "Transaction API error: Unable to start a transaction in the given time."));
    expect(busy?.code).toBe("unavailable");
    expect(HTTP_STATUS.unavailable).toBe(503);
    const response = errorResponse(busy!);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(await response.json()).toEqual({
      error: { code: "unavailable", message: "The server is busy: try again in a moment.", details: { retryAfter: 1 } },
    });
  });

  test("a transaction that ran past its timeout is the same answer (the same code)", () => {
    expect(databaseBusyError(prismaError("P2028", "Transaction API error: Transaction already closed."))?.code).toBe("unavailable");
  });

  test.each([
    ["a unique violation", prismaError("P2002", "Unique constraint failed")],
    ["a plain error with the same words", new Error("Unable to start a transaction in the given time.")],
    ["not an error", "P2028"],
  ])("%s stays what it was", (_name, error) => {
    expect(databaseBusyError(error)).toBeNull();
  });
});
