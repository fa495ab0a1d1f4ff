/** The HTTP methods a route can have; "ANY" is a route that accepts every method (Django's, Flask's `methods` left out is GET). */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const HTTP_METHODS = [...ROUTE_METHODS, "ANY"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
