/** next-auth passes the message of an error thrown in `authorize` to the sign-in form: this prefix marks a throttle (client-safe module). */
export const THROTTLED_PREFIX = "throttled:";
