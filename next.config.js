/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WebAssembly and data files from their own folders at run time: keep them out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
    // native (prebuilt) structural search for repository patterns, loaded on first use
    "@ast-grep/napi",
    "@ast-grep/lang-python",
  ],
  poweredByHeader: false,
  // forbidden(): a page a role may not use answers 403 with app/forbidden.tsx (lib/pages/org-page.ts).
  experimental: { authInterrupts: true },
  typedRoutes: false,
  turbopack: { root: import.meta.dirname },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
