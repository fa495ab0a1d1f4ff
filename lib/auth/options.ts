import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getDb } from "@/lib/db/client";
import { signInWithGitHub } from "@/lib/accounts/github";
import { clientAddressOf } from "./client-address";
import { authorizeCredentials } from "./sign-in";
import { endSession, sessionIsOpen, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

export const githubEnabled = Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);

/**
 * Sessions are signed JWT cookies that name a `UserSession` row (`sid`): the row is checked on
 * every request, so ending it (sign-out, removal, role or password change) ends the session at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        return authorizeCredentials(await getDb(), raw, clientAddressOf(req?.headers));
      },
    }),
    ...(githubEnabled ? [GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })] : []),
  ],
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== "github") return true;
      const db = await getDb();
      const local = await signInWithGitHub(db, {
        githubId: String(account.providerAccountId),
        email: user.email ?? (profile as { email?: string } | undefined)?.email ?? null,
        name: user.name ?? null,
      });
      return local ? true : "/signin?error=GitHubEmail";
    },
    async jwt({ token, user, account }) {
      if (!user) return token;
      const db = await getDb();
      // The provider's user id is GitHub's; the session carries the local one.
      const uid =
        account?.provider === "github"
          ? (await db.user.findUnique({ where: { githubId: String(account.providerAccountId) }, select: { id: true } }))?.id
          : user.id;
      if (!uid) return token;
      return { ...token, uid, sid: await startSession(db, uid) };
    },
    async session({ session, token }) {
      // An ended session reads as signed out: no user, so every page and API call asks to sign in.
      if (!(await sessionIsOpen(await getDb(), token.sid, token.uid))) return { expires: session.expires };
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(await getDb(), token.sid, "signed_out");
    },
  },
};
