import { PageSkeleton } from "@/components/layout/page-skeleton";

// Streaming starts with this fallback and fixes the HTTP status at 200: only segments with no 404 or 403 below have one.
export default PageSkeleton;
