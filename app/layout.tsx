import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Waypoint", template: "%s · Waypoint" },
  description: "Track a migration from a legacy stack to a new one, route by route.",
  // app/icon.svg is linked by Next.js itself (<link rel="icon" type="image/svg+xml">).
};
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

// Every page reads the session or the database at request time; nothing is prerendered at build.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* The first stop of the keyboard: past the header and its navigation, to the page's <main id="main">. */}
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
