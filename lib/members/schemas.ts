import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { emailSchema, emptyToUndefined, idSchema } from "@/lib/validation/common";

export const roleSchema = z.enum(ROLES, { error: "Choose one of: admin, manager, steward, engineer, viewer." });

export const inviteSchema = z.object({ role: roleSchema, email: z.preprocess(emptyToUndefined, emailSchema.optional()) }).strict();

export const changeRoleSchema = z.object({ membershipId: idSchema, role: roleSchema }).strict();
export const membershipIdSchema = z.object({ membershipId: idSchema }).strict();
export const invitationIdSchema = z.object({ invitationId: idSchema }).strict();
