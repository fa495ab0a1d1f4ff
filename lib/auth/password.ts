import bcrypt from "bcryptjs";
import { z } from "zod";

const COST = Number(process.env.WAYPOINT_BCRYPT_COST ?? 11);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// The most common passwords of at least ten characters; the length rule catches the rest.
const COMMON = new Set([
  "1234567890",
  "0123456789",
  "1111111111",
  "qwertyuiop",
  "password12",
  "password123",
  "password1234",
  "iloveyou12",
  "letmein123",
  "welcome123",
  "administrator",
  "qwerty1234",
  "1q2w3e4r5t",
  "abcdefghij",
  "changeme123",
  "passw0rd123",
  "waypoint123",
]);

/** bcrypt only reads 72 bytes; longer passwords are refused rather than silently cut. */
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(72, "Use at most 72 characters.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common; choose another.")
  .refine((p) => new Set(p).size >= 5, "Use a less repetitive password (at least 5 different characters).");
