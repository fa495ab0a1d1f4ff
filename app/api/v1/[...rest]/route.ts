import { errorResponse } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

// Unknown API paths answer in the API's error format, not with an HTML page.
const unknown = () => errorResponse(new AppError("not_found", "No such API endpoint. See /api/v1/openapi.json."));
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
