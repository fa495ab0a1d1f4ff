import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Waypoint", template: "%s · Waypoint" },
  description: "Track a migration from a legacy stack to a new one, route by route.",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page reads the session or the database at request time; nothing is prerendered at build.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
