import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { conflict, isUniqueViolation, parseInput } from "@/lib/errors";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import { emailSchema, nameSchema, emptyToUndefined } from "@/lib/validation/common";
import { createOrganizationInTx } from "@/lib/orgs/create-organization";
import { acceptInvitationInTx } from "@/lib/members/invitations";
import { RULES, throttleKeys, throttled } from "@/lib/auth/throttle";
import * as clock from "@/lib/time/clock";

export const signUpSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: passwordSchema,
    organizationName: z.preprocess(emptyToUndefined, nameSchema.optional()),
    /** The secret of the invitation link the person came by: they join that organisation instead of creating one. */
    invitation: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
  })
  .strict()
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0]), {
    path: ["password"],
    message: "The password must not contain your e-mail name.",
  })
  .refine((v) => !(v.invitation && v.organizationName), {
    path: ["organizationName"],
    message: "Leave it empty: you join the organisation that invited you.",
  });

export type SignUpInput = z.input<typeof signUpSchema>;

/**
 * Creates a user and either their own organisation, of which they are the admin, or — signing up
 * through an invitation link — only their membership of the inviting organisation, with the
 * invitation's role. Either way in one transaction: a refused invitation creates no account.
 */
export async function signUp(db: Db, raw: unknown, now = clock.now()) {
  const input = parseInput(signUpSchema, raw);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (taken) throw emailTaken();
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      if (input.invitation) {
        const { organization } = await acceptInvitationInTx(tx, user.id, input.invitation, now, { signingUp: true });
        return { user, organization, invited: true };
      }
      const organization = await createOrganizationInTx(tx, user.id, input.organizationName ?? `${input.name}'s organisation`);
      return { user, organization, invited: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Sign-up as the page calls it, throttled per client address: a new organisation costs every
 * attempt (RULES.signUp); joining through an invitation link costs only a refused link, as
 * accepting one does — a whole office may join from one address within the hour.
 */
export function signUpFrom(db: Db, raw: unknown, address: string) {
  const invited =
    typeof raw === "object" &&
    raw !== null &&
    typeof (raw as { invitation?: unknown }).invitation === "string" &&
    (raw as { invitation: string }).invitation !== "";
  return invited
    ? throttled(db, throttleKeys.inviteAddress(address), RULES.address, "refused", "Too many invalid invitation links from this address", () => signUp(db, raw))
    : throttled(db, throttleKeys.signUpAddress(address), RULES.signUp, "every", "Too many sign-ups from this address", () => signUp(db, raw));
}

const emailTaken = () => conflict("An account with this e-mail already exists. Sign in instead.", { fields: { email: ["Already registered."] } });
