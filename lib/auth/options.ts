import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { signInWithGitHub } from "@/lib/accounts/github";

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().min(1).max(200) });

// A hash of a random password: comparing against it when the e-mail is unknown keeps the
// answer's timing from telling which e-mails have accounts.
const DUMMY_HASH = "$2b$11$KorFur/NoAVNkljSCtg6peVC2Vr1HXAzgxrXASREQs10iCw9q867u";

export const githubEnabled = Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET);

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = await getDb();
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, email: true, name: true, passwordHash: true },
        });
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.passwordHash || !ok) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...(githubEnabled
      ? [GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })]
      : []),
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
      if (account?.provider === "github") {
        // The provider's user id is GitHub's; the session carries the local one.
        const db = await getDb();
        const local = await db.user.findUnique({ where: { githubId: String(account.providerAccountId) }, select: { id: true } });
        token.uid = local?.id;
      } else if (user) {
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
