/**
 * The demo sign-in (a public password) is on in development and off in production unless the
 * operator turns it on with WAYPOINT_DEMO=1 (WAYPOINT_DEMO=0 turns it off everywhere). When it is
 * off, the demo account cannot sign in even where its data exists, and no page shows its password.
 */
export function demoSignInEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.WAYPOINT_DEMO === "1") return true;
  if (env.WAYPOINT_DEMO === "0") return false;
  return env.NODE_ENV !== "production";
}
