import { getDb } from "@/lib/db/client";
import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { parseOptions } from "./args";
import { CliError } from "./cli-error";

/** `waypoint seed-synthetic --routes 50000 --modules 10000 --dependencies 2000 [--history 500000] [--seed 42]` */
export async function seedSyntheticCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    routes: { type: "string" },
    modules: { type: "string" },
    dependencies: { type: "string" },
    history: { type: "string" },
    seed: { type: "string" },
    org: { type: "string" },
  });
  const num = (name: string, value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw new CliError(`--${name} must be a whole number from 0 to 10,000,000.`);
    return n;
  };
  const started = performance.now(); // a duration: the process clock is right here
  const result = await seedSyntheticProject(await getDb(), {
    routes: num("routes", values.routes, 1000),
    modules: num("modules", values.modules, 200),
    dependencies: num("dependencies", values.dependencies, 50),
    history: num("history", values.history, 0),
    seed: num("seed", values.seed, 42),
    organizationSlug: values.org,
  });
  console.log(
    `Created project ${result.organizationSlug}/${result.projectSlug}: ${result.items.toLocaleString("en")} items, ${result.relations.toLocaleString("en")} relations, ${result.history.toLocaleString("en")} history rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  return 0;
}
