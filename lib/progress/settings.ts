import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/days";

/** The project's progress settings: the zone its days are counted in, the forecast's window. */
export const progressSettingsSchema = z
  .object({
    timeZone: z.string().trim().min(1, "Required.").max(64).refine(isValidTimeZone, "Use a time zone name such as Europe/Berlin or America/New_York."),
    forecastWeeks: z.coerce.number().int("A whole number.").min(2, "At least 2 weeks.").max(52, "At most 52 weeks."),
  })
  .strict();
