import { z } from "zod";
import { ROUTING_FORMATS } from "./routing/types";

export const routingQuerySchema = z.object({ format: z.enum(ROUTING_FORMATS).default("json") }).strict();
