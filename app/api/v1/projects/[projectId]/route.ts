import { apiRoute } from "@/lib/api/handler";
import { getProjectForPrincipal } from "@/lib/projects/api-queries";

export const GET = apiRoute<{ projectId: string }>(({ db, principal, params }) => getProjectForPrincipal(db, principal, params.projectId));
