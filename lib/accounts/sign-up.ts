import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { conflict, isUniqueViolation, parseInput } from "@/lib/errors";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import { emailSchema, nameSchema, emptyToUndefined } from "@/lib/validation/common";
import { createOrganizationInTx } from "@/lib/orgs/create-organization";

export const signUpSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    organizationName: z.preprocess(emptyToUndefined, nameSchema.optional()),
  })
  .strict()
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0]), {
    path: ["password"],
    message: "The password must not contain your e-mail name.",
  });

export type SignUpInput = z.input<typeof signUpSchema>;

/** Creates a user and their own organisation, of which they are the admin. */
export async function signUp(db: Db, raw: unknown) {
  const input = parseInput(signUpSchema, raw);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (taken) throw emailTaken();
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const organization = await createOrganizationInTx(tx, user.id, input.organizationName ?? `${input.name}'s organisation`);
      return { user, organization };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

const emailTaken = () =>
  conflict("An account with this e-mail already exists. Sign in instead.", { fields: { email: ["Already registered."] } });
